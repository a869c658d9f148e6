/**
 * Every input of a replay as one ordered stream of batches of normalised events: large sets of local files
 * are read on worker threads, small ones and S3 objects on this thread. The workers start when the sources
 * are opened, so they read while the engine thread loads the core.
 */
import { availableParallelism } from 'node:os';
import type { S3LogKey } from '../../adapters/s3-log-source';
import { lookedForNote } from '../../core/input';
import { BULK_INPUT_BYTES } from '../bulk-input';
import { errorMessage } from '../../core/input/error-details';
import type { EventNormalizer } from '../../core/normalize/normalize-record';
import type { LocalInput, ReplayInput, S3Input } from './input-files';
import {
  readFileBatches,
  readStreamBatches,
  withEndOfFile,
  type FileBatch,
  type TimeRange,
} from './read-batches';
import { startReadPool, workersAvailable } from './worker-pool';

export interface SourceOptions {
  /** The engine thread's normaliser: its action mapper gives every event its shared `MappedAction`. */
  readonly normalizer: EventNormalizer;
  /** Told each S3 object's URL and stored size once its prefix is listed (for the progress total). */
  readonly onS3Listed?: (objects: readonly { readonly url: string; readonly bytes: number }[]) => void;
}

/**
 * Read workers for a set of local files; 0 reads on this thread. LEASH_READ_WORKERS, when a whole number, is
 * used whatever the input; otherwise workers start only for several files large enough together to repay
 * them. One file cannot be shared between readers: a worker would only add the cost of handing its events
 * over (measured on one 1.26 GB JSON-lines file: 9.6–10.5 s on this thread, 8.9–12.1 s through a worker,
 * which took more CPU and 70–100 MiB more memory).
 */
export function readWorkerCount(
  files: readonly LocalInput[],
  env: NodeJS.ProcessEnv,
  cores: number = availableParallelism(),
): number {
  const configured = Number(env.LEASH_READ_WORKERS);
  if (env.LEASH_READ_WORKERS !== undefined && Number.isInteger(configured) && configured >= 0) {
    return configured;
  }
  if (files.length < 2 || !reaches(files, BULK_INPUT_BYTES)) return 0;
  // One core for the engine thread (which also reads when it would otherwise wait), the others for workers,
  // at most two: the most whose memory was measured (peak RSS 362–438 MiB for 1.26 GB of logs), and past
  // which the engine thread's own judging is the limit anyway.
  return Math.max(1, Math.min(2, cores - 1));
}

/** Whether the files hold at least `bytes` together, looking at no more sizes than it takes. */
function reaches(files: readonly LocalInput[], bytes: number): boolean {
  let sum = 0;
  for (const file of files) {
    sum += file.bytes;
    if (sum >= bytes) return true;
  }
  return false;
}

/** A replay's inputs, their reading begun. */
export interface ReplaySources {
  /** Every input's batches, in input order. Iterate once. */
  batches(options: SourceOptions): AsyncGenerator<FileBatch, void, undefined>;
  /** Stops any read worker; safe to call more than once, and whether or not the batches were read. */
  close(): Promise<void>;
}

/**
 * Opens the inputs: the local files first, then the S3 prefixes (the order `listReplayInputs` gives them).
 * Read workers for the local files start now, when the files call for them, and read ahead until the
 * batches are iterated. Close the sources when done, also on failure: a worker keeps the process alive.
 */
export function openReplaySources(inputs: readonly ReplayInput[], range: TimeRange): ReplaySources {
  const files = inputs.filter((input): input is LocalInput => input.kind === 'file');
  const prefixes = inputs.filter((input): input is S3Input => input.kind === 's3');
  const workerCount = readWorkerCount(files, process.env);
  const pool =
    workerCount > 0 && workersAvailable() ? startReadPool(files, { workerCount, range }) : undefined;
  return {
    async *batches(options) {
      if (pool) yield* pool.batches(options.normalizer);
      else {
        for (const file of files)
          yield* withEndOfFile(file.path, readFileBatches(file.path, options.normalizer, range));
      }
      for (const prefix of prefixes) yield* s3Batches(prefix, range, options);
    },
    close: async () => pool?.close(),
  };
}

/** Opens the inputs, yields every batch, and closes them (`openReplaySources` to start reading sooner). */
export async function* replayBatches(
  inputs: readonly ReplayInput[],
  options: SourceOptions & { readonly range: TimeRange },
): AsyncGenerator<FileBatch, void, undefined> {
  const sources = openReplaySources(inputs, options.range);
  try {
    yield* sources.batches(options);
  } finally {
    await sources.close();
  }
}

async function* s3Batches(
  input: S3Input,
  range: TimeRange,
  options: SourceOptions,
): AsyncGenerator<FileBatch> {
  // Loaded on first use: most replays read local files, and the SDK takes a tenth of a second to load.
  const [{ S3Client }, { S3LogSource }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('../../adapters/s3-log-source'),
  ]);
  const client = new S3Client({});
  try {
    const source = new S3LogSource(client, { bucket: input.bucket, prefix: input.prefix });
    const url = (key: string): string => `s3://${input.bucket}/${key}`;
    let keys: S3LogKey[];
    let lookedFor: string;
    try {
      const listing = await source.list();
      // Empty objects hold no events; CloudTrail never delivers one, so they are leftovers, not input.
      keys = listing.keys.filter((k) => k.size > 0);
      lookedFor = lookedForNote(listing.digests, listing.insights);
    } catch (error) {
      yield problemBatch(
        input.url,
        `cannot list objects (${errorMessage(error)}) — check the bucket, the prefix and your AWS credentials`,
      );
      return;
    }
    if (keys.length === 0) {
      yield problemBatch(
        input.url,
        `no CloudTrail log files under this prefix (${lookedFor}) — check the bucket and the prefix`,
      );
      return;
    }
    options.onS3Listed?.(keys.map((k) => ({ url: url(k.key), bytes: k.size })));
    for await (const item of source.items(keys)) {
      if (item.kind === 'error') {
        yield problemBatch(
          url(item.key),
          `cannot read (${errorMessage(item.error)}) — check your AWS credentials and access to the object`,
        );
        continue;
      }
      const objectUrl = url(item.object.key);
      yield* withEndOfFile(
        objectUrl,
        readStreamBatches(item.object.body, objectUrl, options.normalizer, range),
      );
    }
  } finally {
    client.destroy();
  }
}

function problemBatch(file: string, problem: string): FileBatch {
  return {
    file,
    endOfFile: true,
    batch: { events: [], records: 0, readErrors: [`${file}: ${problem}`], malformed: [] },
  };
}
