/**
 * One input file (or S3 object) to batches of normalised events, in file order. Shared by the read
 * workers and the in-thread path so both judge exactly the same events.
 */
import { openRecordsFile, readRecordsFromStream } from '../../core/input/read-records';
import type { RecordItem } from '../../core/input/record-item';
import type { LeashEvent } from '../../core/model';
import type { EventNormalizer } from '../../core/normalize/normalize-record';
import type { IndexedEvent } from './event-codec';

/** Events are passed on in batches of this many: large enough to amortise a message, small enough to stream. */
export const BATCH_SIZE = 4096;

/** Keeps events whose time is within `[since, until)`; both ends optional (milliseconds). */
export interface TimeRange {
  readonly since?: number;
  readonly until?: number;
}

export interface ReadBatch {
  readonly events: readonly IndexedEvent[];
  /** Raw records read for this batch (judged, filtered out by time, or malformed). */
  readonly records: number;
  /** Problems reading the input (one line each, naming the file and what to do). */
  readonly readErrors: readonly string[];
  /** Records that were read but could not be normalised, with why. */
  readonly malformed: readonly string[];
}

/** A batch as the engine thread takes it: with the file it came from. */
export interface FileBatch {
  readonly file: string;
  readonly batch: ReadBatch;
  /** True on a file's last batch. */
  readonly endOfFile: boolean;
}

/** A file's batches, the last one marked (one batch of look-ahead). */
export async function* withEndOfFile(
  file: string,
  batches: AsyncIterable<ReadBatch>,
): AsyncGenerator<FileBatch, void, undefined> {
  let previous: ReadBatch | undefined;
  for await (const batch of batches) {
    if (previous) yield { file, batch: previous, endOfFile: false };
    previous = batch;
  }
  if (previous) yield { file, batch: previous, endOfFile: true };
}

export function inRange(event: LeashEvent, range: TimeRange): boolean {
  return (
    (range.since === undefined || event.time >= range.since) &&
    (range.until === undefined || event.time < range.until)
  );
}

/**
 * Batches of one local file. The reader reads small files (delivery files) in one synchronous read and
 * streams large ones, bounding what a small `.gz` that expands to gigabytes can take.
 */
export async function* readFileBatches(
  path: string,
  normalizer: EventNormalizer,
  range: TimeRange,
): AsyncGenerator<ReadBatch, void, undefined> {
  const items = openRecordsFile(path);
  // A file read whole is iterated without a promise per record (most of a replay's files).
  if (Symbol.iterator in items) yield* batchesOfSync(items, normalizer, range);
  else yield* batchesOf(items, normalizer, range);
}

/** Batches of one byte stream (an S3 object), named `origin` in messages. */
export function readStreamBatches(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  origin: string,
  normalizer: EventNormalizer,
  range: TimeRange,
): AsyncGenerator<ReadBatch, void, undefined> {
  return batchesOf(readRecordsFromStream(stream, origin), normalizer, range);
}

async function* batchesOf(
  items: AsyncIterable<RecordItem>,
  normalizer: EventNormalizer,
  range: TimeRange,
): AsyncGenerator<ReadBatch, void, undefined> {
  let batch = emptyBatch();
  for await (const item of items) {
    if (addItem(batch, item, normalizer, range)) {
      yield batch;
      batch = emptyBatch();
    }
  }
  yield batch;
}

function* batchesOfSync(
  items: Iterable<RecordItem>,
  normalizer: EventNormalizer,
  range: TimeRange,
): Generator<ReadBatch, void, undefined> {
  let batch = emptyBatch();
  for (const item of items) {
    if (addItem(batch, item, normalizer, range)) {
      yield batch;
      batch = emptyBatch();
    }
  }
  yield batch;
}

/** Adds one read item to the batch; true when the batch is full. */
function addItem(
  batch: ReturnType<typeof emptyBatch>,
  item: RecordItem,
  normalizer: EventNormalizer,
  range: TimeRange,
): boolean {
  if (item.kind === 'error') {
    batch.readErrors.push(item.message);
    return false;
  }
  batch.records++;
  const result = normalizer.normalize(item.record);
  if (!result.ok) batch.malformed.push(`${item.origin} record ${item.index}: ${result.error}`);
  else if (inRange(result.event, range)) batch.events.push({ event: result.event, index: item.index });
  return batch.records >= BATCH_SIZE;
}

function emptyBatch(): {
  events: IndexedEvent[];
  records: number;
  readErrors: string[];
  malformed: string[];
} {
  return { events: [], records: 0, readErrors: [], malformed: [] };
}
