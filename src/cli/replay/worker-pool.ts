/**
 * Reads local files on worker threads, several at once, and hands their batches to the engine thread in
 * input order (the engine's reorder window copes with minutes of disorder, not with a whole file out of
 * place). File i goes to worker i mod n; each worker reads its files in order, so the batches the engine
 * thread waits for are always the next ones some worker produces.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { CatalogData } from '../../core/catalog/action-catalog';
import type { MappedAction } from '../../core/model';
import { EventDecoder } from './event-codec';
import type { ReadBatch, TimeRange } from './read-batches';
import type { BatchMessage, FromWorker, ReadWorkerData, ToWorker } from './worker-protocol';

export interface FileBatch {
  readonly file: string;
  readonly batch: ReadBatch;
  /** True on a file's last batch. */
  readonly endOfFile: boolean;
}

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

interface PoolWorker {
  readonly worker: Worker;
  /** Batches received and not yet consumed, by file sequence number. */
  readonly inbox: Map<number, BatchMessage[]>;
  /** Decodes this worker's batches; its dictionary follows the worker's, so batches go in order. */
  readonly decoder: EventDecoder;
}

export interface WorkerPoolOptions {
  readonly workerCount: number;
  readonly range: TimeRange;
  /** The engine thread's mapping, so every decoded event shares its `MappedAction`. */
  readonly mapAction: (eventSource: string, eventName: string) => MappedAction;
  /** The engine thread's IAM catalog as data: workers map actions exactly as it does, without loading it. */
  readonly catalog: CatalogData;
}

export async function* readFilesOnWorkers(
  files: readonly string[],
  options: WorkerPoolOptions,
): AsyncGenerator<FileBatch, void, undefined> {
  const { range, mapAction } = options;
  const count = Math.max(1, Math.min(options.workerCount, files.length));
  const workerData: ReadWorkerData = { catalog: options.catalog };
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const pool: PoolWorker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(READ_WORKER_SCRIPT, {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: READ_WORKER_YOUNG_GENERATION_MB },
    });
    const entry: PoolWorker = { worker, inbox: new Map(), decoder: new EventDecoder(mapAction) };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'failure') failure = new Error(`read worker failed: ${message.message}`);
      else {
        const list = entry.inbox.get(message.seq) ?? [];
        list.push(message);
        entry.inbox.set(message.seq, list);
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
  try {
    // Requests are only paths: sending them all at once costs nothing, acks bound what is read ahead.
    files.forEach((path, seq) => {
      const request: ToWorker = { type: 'read', seq, path, range };
      pool[seq % count].worker.postMessage(request);
    });
    for (let seq = 0; seq < files.length; seq++) {
      const entry = pool[seq % count];
      for (;;) {
        if (failure) throw failure;
        const message = entry.inbox.get(seq)?.shift();
        if (!message) {
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const ack: ToWorker = { type: 'ack' };
        entry.worker.postMessage(ack);
        const batch: ReadBatch = {
          events: entry.decoder.decode(message.events),
          records: message.records,
          readErrors: message.readErrors,
          malformed: message.malformed,
        };
        yield { file: files[seq], batch, endOfFile: message.last };
        if (message.last) {
          entry.inbox.delete(seq);
          break;
        }
      }
    }
  } finally {
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }
}
