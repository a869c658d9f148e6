/**
 * What `leash replay <paths…>` reads: local files and directories, and `s3://` prefixes. Finding the local
 * files (recursively, without digest files or dot-files), putting them in delivery order and wording what
 * is wrong with a path is `listInputFiles`'s job, shared with every other reader; this module only splits
 * off the S3 prefixes and gives each file the byte size the progress bar and the worker threshold need,
 * looked up when they ask.
 */
import { statSync } from 'node:fs';
import { parseS3Uri } from '../../adapters/s3-location';
import { listInputFiles } from '../../core/input';

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
  /** Local files in delivery order, then the S3 prefixes in the order given. */
  readonly inputs: readonly ReplayInput[];
  /** One line per path that gave nothing to read, naming it and what to do. */
  readonly problems: readonly string[];
}

function isS3Url(path: string): boolean {
  return path.startsWith('s3://');
}

/** Expands the command-line paths. Never rejects: unusable paths become problems. */
export async function listReplayInputs(paths: readonly string[]): Promise<InputList> {
  const problems: string[] = [];
  const remote: S3Input[] = [];
  const localPaths: string[] = [];
  for (const path of paths) {
    if (!isS3Url(path)) {
      localPaths.push(path);
      continue;
    }
    try {
      remote.push({ kind: 's3', url: path, ...parseS3Uri(path) });
    } catch {
      problems.push(`${path}: not an S3 location — write it as s3://bucket/prefix`);
    }
  }
  const listed = await listInputFiles(localPaths);
  problems.push(...listed.errors.map((error) => error.message));
  const local = listed.files.map((path): LocalInput => new LocalFile(path));
  return { inputs: [...local, ...remote], problems };
}

/**
 * A listed file whose size is looked up when first asked for. A replay starts reading only once its
 * inputs are listed, and few sizes are ever needed: whether the input is large enough for read workers
 * (until the sum passes the threshold), whether the engine thread may read a file ahead, and the progress
 * bar's total on a terminal. Stating all 18,975 files of the bench up front took 50–60 ms of that wait.
 * The stat is synchronous: a promise and a thread-pool round trip per file cost more than the stat itself.
 */
class LocalFile implements LocalInput {
  readonly kind = 'file';
  private size: number | undefined;

  constructor(readonly path: string) {}

  /**
   * 0 when the file vanished or became unreadable since it was listed: it stays in the list so the reader
   * reports it, in its own words, when its turn comes.
   */
  get bytes(): number {
    if (this.size === undefined) {
      try {
        this.size = statSync(this.path).size;
      } catch {
        this.size = 0;
      }
    }
    return this.size;
  }
}
