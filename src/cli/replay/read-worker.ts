/**
 * A read worker: reads, decompresses, parses and normalises input files so the engine thread only judges.
 * Files are read one after another in the order requested; batches are posted as they are ready, and
 * reading pauses while `MAX_UNACKED_RECORDS` wait for the engine thread, so memory stays flat however
 * large the input.
 */
import { parentPort } from 'node:worker_threads';
import { loadActionCatalog } from '../../core/catalog/iam-catalog';
import { defaultDetectorPack } from '../../core/detectors/default-pack';
import { detailsPolicy } from '../../core/details-policy';
import { EventNormalizer } from '../../core/normalize/normalize-record';
import { EventEncoder, transferList } from './event-codec';
import { readFileBatches, type ReadBatch } from './read-batches';
import { MAX_UNACKED_RECORDS, type FromWorker, type ReadFileRequest, type ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('read-worker must run as a worker thread');

const queue: ReadFileRequest[] = [];
/** Records in each batch posted and not yet taken, oldest first: the engine thread takes them in order. */
const unackedBatches: number[] = [];
let unackedRecords = 0;
let wake: (() => void) | undefined;
let running = false;

function post(message: FromWorker, transfer?: ArrayBuffer[]): void {
  port?.postMessage(message, transfer);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => (wake = resolve));
}

function signal(): void {
  const w = wake;
  wake = undefined;
  w?.();
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'ack') unackedRecords -= unackedBatches.shift() ?? 0;
  else queue.push(message);
  signal();
  if (!running) void run();
});

/** The engine thread reads a call's details only for these actions; the rest travel without them. */
const keepDetails = detailsPolicy(defaultDetectorPack());
const encoder = new EventEncoder();

async function send(seq: number, batch: ReadBatch, last: boolean): Promise<void> {
  // A batch larger than the budget still goes once nothing else is outstanding.
  while (unackedRecords > 0 && unackedRecords + batch.records > MAX_UNACKED_RECORDS) await waitForSignal();
  unackedBatches.push(batch.records);
  unackedRecords += batch.records;
  const events = encoder.encode(batch.events);
  post(
    {
      type: 'batch',
      seq,
      events,
      records: batch.records,
      readErrors: batch.readErrors,
      malformed: batch.malformed,
      last,
    },
    transferList(events),
  );
}

async function run(): Promise<void> {
  running = true;
  try {
    // The build's compact catalog, as the engine thread loads it: read here, on this thread, rather than
    // converted to data and copied by the engine thread while it is already reading files.
    const normalizer = new EventNormalizer(await loadActionCatalog(), keepDetails);
    for (;;) {
      const request = queue.shift();
      if (!request) {
        await waitForSignal();
        continue;
      }
      // One batch of look-ahead, so the file's last batch can say it is the last.
      let previous: ReadBatch | undefined;
      for await (const batch of readFileBatches(request.path, normalizer, request.range)) {
        if (previous) await send(request.seq, previous, false);
        previous = batch;
      }
      if (previous) await send(request.seq, previous, true);
    }
  } catch (error) {
    post({
      type: 'failure',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}
