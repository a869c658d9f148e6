/**
 * Where a replay's local input becomes bulk: from this size on, read workers repay their start, and on a
 * small machine so does a second process under the single-threaded collector (relaunch.ts). Below it, a
 * replay takes well under a second either way. A module of its own: the entry point reads it before the
 * program loads.
 */
export const BULK_INPUT_BYTES = 8 * 1024 * 1024;
