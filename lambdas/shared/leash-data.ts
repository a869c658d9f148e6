/**
 * The data the evaluate function needs and cannot read from disk at run time: the IAM action catalog
 * (whose source package is JSON files esbuild does not bundle) and the baselines validated at synth. It is
 * written next to the bundle as one JSON file, so a large baseline set never meets the 4 KB limit of
 * Lambda environment variables.
 */
import type { CatalogData } from '../../src/core/catalog/action-catalog';

/** File name of the data inside the function bundle. */
export const LEASH_DATA_FILE = 'leash-data.json';

/** One baseline file as written, validated at synth and parsed again at cold start. */
export interface BaselineSource {
  /** Path relative to the baselines folder, so diagnostics at cold start name the file the user knows. */
  readonly file: string;
  readonly text: string;
}

export interface LeashData {
  readonly version: 1;
  /** The IAM catalog as `catalogToData` writes it. */
  readonly catalog: CatalogData;
  readonly baselines: readonly BaselineSource[];
  /** Principal ARN globs Leash never contains (alerts only). */
  readonly protectedPrincipals: readonly string[];
  /** Tag key that marks a role as an agent. */
  readonly agentTagKey: string;
}

/** Parse and check the bundled data; a broken bundle must fail the cold start, not judge with nothing. */
export function parseLeashData(text: string, where: string): LeashData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const problem = (what: string): Error => new Error(`${where}: ${what}`);
  if (!isObject(data)) throw problem('must be a JSON object');
  if (data.version !== 1) throw problem(`unsupported version ${String(data.version)} (expected 1)`);
  if (!isObject(data.catalog) || Object.keys(data.catalog).length === 0) {
    throw problem('catalog must be a non-empty object');
  }
  if (!Array.isArray(data.baselines)) throw problem('baselines must be a list');
  data.baselines.forEach((b: unknown, i: number) => {
    if (!isObject(b) || typeof b.file !== 'string' || typeof b.text !== 'string') {
      throw problem(`baselines[${i}] must have string fields file and text`);
    }
  });
  if (!isStringList(data.protectedPrincipals)) throw problem('protectedPrincipals must be a list of strings');
  if (typeof data.agentTagKey !== 'string' || data.agentTagKey === '') {
    throw problem('agentTagKey must be a non-empty string');
  }
  return data as unknown as LeashData;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
