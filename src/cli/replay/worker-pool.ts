/**
 * Reads local files on worker threads and on the engine thread together, and hands their batches to the
 * engine thread in input order (the engine's reorder window copes with minutes of disorder, not with a
 * whole file out of place).
 *
 * Files are given out in input order, each to whichever reader asks first: a worker asks whenever it has
 * fewer than `WORKER_FILES_IN_HAND` files left to read, and the engine thread, instead of waiting for a
 * worker's next batch, reads the next file not yet given out itself and holds its events until their turn.
 * The engine thread thus reads exactly the share its judging leaves time for: on two cores, one worker and
 * the engine thread keep both busy, where two workers and the engine thread (three threads on two cores)
 * spend half as much CPU again on the same replay (measured: bench/replay-throughput.ts).
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { EventNormalizer } from '../../core/normalize/normalize-record';
import { EventDecoder } from './event-codec';
import {
  readFileBatches,
  withEndOfFile,
  type FileBatch,
  type ReadBatch,
  type TimeRange,
} from './read-batches';
import type { BatchMessage, FromWorker, ToWorker } from './worker-protocol';

/**
 * A read worker's young generation, in MB. A worker's garbage is almost all parse trees that die with their
 * file, so a small young generation costs little time; V8's default (sized for a main thread) made each
 * worker's heap larger and the replay's peak RSS swing with the machine's speed (measured: 445–555 MiB with
 * the default, 362–438 MiB with this, for the same 1.26 GB replay and the same time within noise).
 */
const READ_WORKER_YOUNG_GENERATION_MB = 24;

/** The worker script next to this module (compiled JavaScript only: workers do not run TypeScript). */
export const READ_WORKER_SCRIPT = join(__dirname, 'read-worker.js');

export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

/**
 * Files a worker is given ahead of the one it is reading. Enough that it never runs dry between the engine
 * thread's turns of the event loop (once a millisecond), few enough that the files after them stay free
 * for whichever reader gets there first (measured on the 1 GB bench: 2 left the worker idle a third of the
 * time; 16 to 64 did not differ beyond the noise).
 */
export const WORKER_FILES_IN_HAND = 16;

/**
 * Files a worker is given as it starts, until they hold this many bytes (at least its usual hand). The
 * pool starts before the engine thread loads the core and the report, a tenth of a second in which it takes
 * no message: with only its usual hand a worker would run dry within milliseconds. A byte budget, not a file
 * count, so that a few large files are not all given to one reader (the engine thread could then read none).
 */
export const WORKER_START_BYTES = 4 * 1024 * 1024;

/**
 * The engine thread reads a file ahead only while it holds fewer events than this from such files (about
 * 6 MB of normalised events), and only a file this small (a delivery file is kilobytes to a few megabytes),
 * so what it holds stays bounded whatever the input.
 */
const READ_AHEAD_EVENTS = 16_384;
const READ_AHEAD_MAX_BYTES = 4 * 1024 * 1024;

interface PoolWorker {
  readonly worker: Worker;
  /** Its place in the pool. */
  readonly index: number;
  /** Batches received and not yet consumed, by file sequence number. */
  readonly inbox: Map<number, BatchMessage[]>;
  /** Files given to it whose last batch has not arrived yet. */
  unfinished: number;
}

/** A file to read, with its size (which decides whether the engine thread may read it ahead). */
export interface PoolFile {
  readonly path: string;
  readonly bytes: number;
}

export interface WorkerPoolOptions {
  readonly workerCount: number;
  readonly range: TimeRange;
}

/** Read workers at work on a set of files, started before the engine thread is ready to judge. */
export interface ReadPool {
  /**
   * The files' batches in input order. `normalizer` is the engine thread's: it reads the files the engine
   * thread takes, and its mapper gives every decoded event its shared `MappedAction`. Iterate once.
   */
  batches(normalizer: EventNormalizer): AsyncGenerator<FileBatch, void, undefined>;
  /** Stops the workers; safe to call more than once, and whether or not the batches were read. */
  close(): Promise<void>;
}

/** How often the engine thread lets the workers' messages in while it has batches to judge. */
const TURN_INTERVAL_MS = 1;

/** Resolves after the event loop has run the tasks waiting (the workers' messages among them). */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Who reads a file: a worker, or the engine thread itself. */
const ENGINE_THREAD = 'engine-thread';

/**
 * Starts the workers on the first files at once; the engine thread joins in when it iterates `batches`.
 */
export function startReadPool(files: readonly PoolFile[], options: WorkerPoolOptions): ReadPool {
  const { range } = options;
  const count = Math.max(1, Math.min(options.workerCount, files.length));
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  /** Each file's reader, decided in input order: files before `next` have one, the others not yet. */
  const readers: (PoolWorker | typeof ENGINE_THREAD | undefined)[] = new Array(files.length);
  let next = 0;
  const giveFiles = (entry: PoolWorker, startBytes = 0): void => {
    let given = 0;
    while ((entry.unfinished < WORKER_FILES_IN_HAND || given < startBytes) && next < files.length) {
      if (startBytes > 0) given += files[next].bytes;
      const seq = next++;
      readers[seq] = entry;
      entry.unfinished++;
      const request: ToWorker = { type: 'read', seq, path: files[seq].path, range };
      entry.worker.postMessage(request);
    }
  };
  /** Files the engine thread read ahead, their batches kept until their turn. */
  const readAhead = new Map<number, FileBatch[]>();
  let heldEvents = 0;
  const mayReadAhead = (): boolean =>
    next < files.length && heldEvents < READ_AHEAD_EVENTS && files[next].bytes <= READ_AHEAD_MAX_BYTES;

  const pool: PoolWorker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(READ_WORKER_SCRIPT, {
      resourceLimits: { maxYoungGenerationSizeMb: READ_WORKER_YOUNG_GENERATION_MB },
    });
    const entry: PoolWorker = { worker, index: i, inbox: new Map(), unfinished: 0 };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'failure') failure = new Error(`read worker failed: ${message.message}`);
      else {
        const list = entry.inbox.get(message.seq) ?? [];
        list.push(message);
        entry.inbox.set(message.seq, list);
        if (message.last) {
          entry.unfinished--;
          giveFiles(entry);
        }
      }
      notify();
    });
    worker.on('error', (error) => {
      failure = error;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && !failure) failure = new Error(`read worker exited with code ${code}`);
      notify();
    });
    pool.push(entry);
  }
  for (const entry of pool) giveFiles(entry, WORKER_START_BYTES);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= Promise.all(pool.map((p) => p.worker.terminate())).then(() => undefined));

  async function* readAll(normalizer: EventNormalizer): AsyncGenerator<FileBatch, void, undefined> {
    const mapAction = normalizer.actions.map.bind(normalizer.actions);
    // One per worker, by its index: a decoder's dictionary follows its worker's, so batches go in order.
    const decoders = pool.map(() => new EventDecoder(mapAction));
    const readOnThisThread = (seq: number): AsyncGenerator<FileBatch, void, undefined> =>
      withEndOfFile(files[seq].path, readFileBatches(files[seq].path, normalizer, range));
    let lastTurn = performance.now();
    for (let seq = 0; seq < files.length; seq++) {
      // Workers' messages arrive as tasks, and judging the batches already here runs as microtasks: without
      // turns of the event loop, a worker that finished its files would wait for more. A turn every
      // `TURN_INTERVAL_MS` keeps its hands full (16 files are milliseconds of its work); a turn per file
      // cost about 10 µs each, 3 % of the bench's replay (18,975 files).
      if (seq > 0 && performance.now() - lastTurn >= TURN_INTERVAL_MS) {
        await nextTurn();
        lastTurn = performance.now();
      }
      const reader = readers[seq];
      if (reader === undefined) {
        // Every worker has its hands full: this thread reads the file now.
        readers[seq] = ENGINE_THREAD;
        next = seq + 1;
        yield* readOnThisThread(seq);
        continue;
      }
      if (reader === ENGINE_THREAD) {
        const batches = readAhead.get(seq) ?? [];
        readAhead.delete(seq);
        for (const b of batches) {
          heldEvents -= b.batch.events.length;
          yield b;
        }
        continue;
      }
      for (;;) {
        if (failure) throw failure;
        const message = reader.inbox.get(seq)?.shift();
        if (!message) {
          if (mayReadAhead()) {
            // Rather than wait for the worker, read the next file not given out yet.
            const ahead = next++;
            readers[ahead] = ENGINE_THREAD;
            const batches: FileBatch[] = [];
            for await (const b of readOnThisThread(ahead)) {
              heldEvents += b.batch.events.length;
              batches.push(b);
            }
            readAhead.set(ahead, batches);
            // Let the workers' messages in before deciding again.
            await nextTurn();
          } else await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const ack: ToWorker = { type: 'ack' };
        reader.worker.postMessage(ack);
        const batch: ReadBatch = {
          events: decoders[reader.index].decode(message.events),
          records: message.records,
          readErrors: message.readErrors,
          malformed: message.malformed,
        };
        yield { file: files[seq].path, batch, endOfFile: message.last };
        if (message.last) {
          reader.inbox.delete(seq);
          break;
        }
      }
    }
  }

  return {
    async *batches(normalizer) {
      try {
        yield* readAll(normalizer);
      } finally {
        await close();
      }
    },
    close,
  };
}
