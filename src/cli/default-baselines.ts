/**
 * Where `replay` and `explain` look for baselines when none are named: a module of its own so `--help`
 * can show it without loading the baseline schema.
 */
export const DEFAULT_BASELINES_DIR = './baselines';
