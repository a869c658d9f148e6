/**
 * Expands the paths a user gives (files and folders, e.g. a synced `AWSLogs/` tree) into the CloudTrail
 * files to read, in roughly the order their events happened.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { errorCode, errorMessage } from './error-details';
import { readError, type ReadErrorItem } from './record-item';

export interface InputFiles {
  /** Files to read: by delivery time where the name carries one (S3 delivery names), then by path. */
  readonly files: string[];
  /** Paths that could not be used: missing, unreadable, or folders without CloudTrail files. */
  readonly errors: ReadErrorItem[];
  /** CloudTrail digest files found in folders and left out (they hold hashes, not events). */
  readonly digestFilesSkipped: number;
  /** CloudTrail Insights files found in folders and left out (anomaly summaries, not API calls). */
  readonly insightFilesSkipped: number;
}

/** Endings of the files read from folders (case-insensitive); `.gz` covers `.json.gz` and `.jsonl.gz`. */
export const INPUT_FILE_EXTENSIONS = ['.json', '.jsonl', '.ndjson', '.gz'] as const;

export function isDigestFileName(name: string): boolean {
  return name.includes('_CloudTrail-Digest_');
}

/**
 * What a file's name says it holds, for local folders and S3 prefixes alike (a prefix synced to disk must
 * replay as the prefix does): a log file to read, a digest or an Insights file CloudTrail writes beside the
 * logs (no API calls in either), or something else (other endings, dot-files such as macOS `._*` copies).
 * `name` may be a path or an S3 key; only its last part counts.
 */
export type LogFileKind = 'log' | 'digest' | 'insight' | 'other';

export function logFileKind(name: string): LogFileKind {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  if (base.startsWith('.')) return 'other';
  const lower = base.toLowerCase();
  if (!INPUT_FILE_EXTENSIONS.some((extension) => lower.endsWith(extension))) return 'other';
  if (isDigestFileName(base)) return 'digest';
  if (base.includes('_CloudTrail-Insight_')) return 'insight';
  return 'log';
}

/**
 * What was looked for in a folder or prefix that held no log file, and what it held instead, for the
 * message that says so: `looked for *.json, *.jsonl, *.ndjson, *.gz; 1 digest file was left out`.
 */
export function lookedForNote(digests: number, insights: number): string {
  const parts: string[] = [];
  if (digests > 0) parts.push(digests === 1 ? '1 digest file' : `${digests} digest files`);
  if (insights > 0) parts.push(insights === 1 ? '1 Insights file' : `${insights} Insights files`);
  const lookedFor = `looked for ${INPUT_FILE_EXTENSIONS.map((e) => `*${e}`).join(', ')}`;
  if (parts.length === 0) return lookedFor;
  return `${lookedFor}; ${parts.join(' and ')} ${digests + insights === 1 ? 'was' : 'were'} left out`;
}

/**
 * The delivery time in an S3 delivery file name (`<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>…`),
 * or undefined for names that do not follow it.
 */
export function deliveryTimestamp(path: string): string | undefined {
  return /_CloudTrail(?:-Insight)?_[A-Za-z0-9-]+_(\d{8}T\d{4}Z)_/.exec(basename(path))?.[1];
}

/**
 * Files named explicitly are kept whatever their name (the reader recognises content, not names); folders
 * are walked recursively for log files (`logFileKind`), leaving out digest and Insights files and
 * dot-files.
 */
export async function listInputFiles(paths: readonly string[]): Promise<InputFiles> {
  const found = new Map<string, string>();
  const errors: ReadErrorItem[] = [];
  let digestFilesSkipped = 0;
  let insightFilesSkipped = 0;

  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      errors.push(readError(path, describeStatError(error)));
      continue;
    }
    if (info.isFile()) {
      found.set(resolve(path), path);
    } else if (info.isDirectory()) {
      const walk: Walk = { files: [], keys: [], digests: 0, insights: 0, visited: new Set<string>(), errors };
      await walkFolder(path, resolve(path), walk);
      digestFilesSkipped += walk.digests;
      insightFilesSkipped += walk.insights;
      if (walk.files.length === 0) {
        errors.push(
          readError(
            path,
            `no CloudTrail files under ${path} (${lookedForNote(walk.digests, walk.insights)}) — pass the folder that holds the log files`,
          ),
        );
      }
      for (let i = 0; i < walk.files.length; i++) found.set(walk.keys[i], walk.files[i]);
    } else {
      errors.push(readError(path, 'not a file or folder — pass CloudTrail files or folders holding them'));
    }
  }

  return {
    files: sortByDeliveryTime([...found.values()]),
    errors,
    digestFilesSkipped,
    insightFilesSkipped,
  };
}

interface Walk {
  readonly files: string[];
  /**
   * Each file's absolute path, to drop a file named twice: its folder's, resolved once, and its name
   * (resolving every path took a fifth of the time to list a large trail).
   */
  readonly keys: string[];
  digests: number;
  insights: number;
  /** Real paths of folders already walked: symlink loops must not recurse forever. */
  readonly visited: Set<string>;
  readonly errors: ReadErrorItem[];
}

/** `absolute`: `folder` resolved, as the base of the files' keys. */
async function walkFolder(folder: string, absolute: string, walk: Walk): Promise<void> {
  let entries;
  try {
    const real = await realpath(folder);
    if (walk.visited.has(real)) return;
    walk.visited.add(real);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    walk.errors.push(readError(folder, describeStatError(error)));
    return;
  }
  const base = withTrailingSeparator(absolute);
  // `join(folder, name)` for every entry normalised the folder's part again each time: a fifth of the time to
  // list a large trail. An entry's name has no separator, so the folder's normalised prefix is enough.
  const normalized = join(folder);
  const prefix = normalized === '.' ? '' : withTrailingSeparator(normalized);
  for (const entry of entries) {
    // Dot-folders too (`.git`, editors' and sync tools' own): logs are never kept in one.
    if (entry.name.startsWith('.')) continue;
    const path = prefix + entry.name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // A dangling link in a log folder is noise, not input.
      }
    }
    if (isDirectory) {
      await walkFolder(path, base + entry.name, walk);
    } else if (isFile) {
      const kind = logFileKind(entry.name);
      if (kind === 'log') {
        walk.files.push(path);
        walk.keys.push(base + entry.name);
      } else if (kind === 'digest') walk.digests++;
      else if (kind === 'insight') walk.insights++;
    }
  }
}

function withTrailingSeparator(path: string): string {
  return path.endsWith(sep) ? path : path + sep;
}

/** Length of a delivery time in a file name: `YYYYMMDDTHHMMZ`. */
const DELIVERY_TIMESTAMP_LENGTH = 14;

/**
 * Delivery time first so a replay meets events roughly in time order across regions; then path. Files
 * without a delivery time go last: they are exports whose order says nothing about time.
 *
 * Each file gets one sort key, `0<time><path>` or `1<path>` (times have a fixed length), sorted by the
 * built-in string order: the same order as comparing time then path, without a comparator call per step.
 */
export function sortByDeliveryTime(files: readonly string[]): string[] {
  const keys = files.map((path) => {
    const time = deliveryTimestamp(path);
    return time === undefined ? `1${path}` : `0${time}${path}`;
  });
  keys.sort();
  return keys.map((key) => key.slice(key.startsWith('0') ? 1 + DELIVERY_TIMESTAMP_LENGTH : 1));
}

function describeStatError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'no such file or folder — check the path';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied — check its permissions';
    case 'ENOTDIR':
      return 'a part of the path is not a folder — check the path';
    default:
      return `cannot read it (${errorMessage(error)})`;
  }
}
