/**
 * What `leash replay <paths…>` reads: local files and directories (searched recursively) and `s3://`
 * prefixes. Local files are put in delivery order — CloudTrail names its files
 * `<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>.json.gz` — so the engine's reorder window only has
 * to absorb the minutes between regions, not whole directories out of place.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalInput {
  readonly kind: 'file';
  readonly path: string;
  readonly bytes: number;
}

export interface S3Input {
  readonly kind: 's3';
  /** `s3://bucket/prefix` as given. */
  readonly url: string;
  readonly bucket: string;
  readonly prefix: string;
}

export type ReplayInput = LocalInput | S3Input;

export interface InputList {
  readonly inputs: readonly ReplayInput[];
  /** One line per path that gave nothing to read, naming it and what to do. */
  readonly problems: readonly string[];
}

const DATA_FILE = /\.(json|jsonl|ndjson|gz)$/i;
const DELIVERY_TIME = /_(\d{8}T\d{4}Z)_/;

export function isS3Url(path: string): boolean {
  return path.startsWith('s3://');
}

export function parseS3Url(url: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  return match ? { bucket: match[1], prefix: match[2] } : undefined;
}

/** Expands the command-line paths. Never throws: unreadable paths become problems. */
export function listReplayInputs(paths: readonly string[]): InputList {
  const problems: string[] = [];
  const local: LocalInput[] = [];
  const remote: S3Input[] = [];
  const seen = new Set<string>();
  const addFile = (path: string, bytes: number): void => {
    if (seen.has(path)) return;
    seen.add(path);
    local.push({ kind: 'file', path, bytes });
  };
  for (const path of paths) {
    if (isS3Url(path)) {
      const parsed = parseS3Url(path);
      if (!parsed) problems.push(`${path}: not an S3 location — write it as s3://bucket/prefix`);
      else remote.push({ kind: 's3', url: path, ...parsed });
      continue;
    }
    let stats;
    try {
      stats = statSync(path);
    } catch {
      problems.push(`${path}: no such file or directory — check the path`);
      continue;
    }
    if (!stats.isDirectory()) {
      addFile(path, stats.size);
      continue;
    }
    const found = walk(path);
    if (found.length === 0) {
      problems.push(
        `${path}: directory holds no .json, .json.gz or .jsonl files — point at the folder your trail delivers to (e.g. after aws s3 sync)`,
      );
    }
    for (const file of found) addFile(file.path, file.bytes);
  }
  local.sort(byDeliveryOrder);
  return { inputs: [...local, ...remote], problems };
}

/** By delivery time where the name carries one, then by path; files without a time keep path order first. */
function byDeliveryOrder(a: LocalInput, b: LocalInput): number {
  const ta = DELIVERY_TIME.exec(a.path)?.[1] ?? '';
  const tb = DELIVERY_TIME.exec(b.path)?.[1] ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function walk(directory: string): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    // Symbolic links to directories are not followed, so a link cycle cannot loop forever.
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && DATA_FILE.test(entry.name)) {
      try {
        out.push({ path, bytes: statSync(path).size });
      } catch {
        // Vanished between listing and stat: nothing to read.
      }
    }
  }
  return out;
}
