/**
 * One input file (or S3 object) to batches of normalised events, in file order. Shared by the read
 * workers and the in-thread path so both judge exactly the same events.
 */
import { readFileSync, statSync } from 'node:fs';
import {
  readRecordsFromBuffer,
  readRecordsFromFile,
  readRecordsFromStream,
} from '../../core/input/read-records';
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
  readonly events: IndexedEvent[];
  /** Raw records read for this batch (judged, filtered out by time, or malformed). */
  readonly records: number;
  /** Problems reading the input (one line each, naming the file and what to do). */
  readonly readErrors: string[];
  /** Records that were read but could not be normalised, with why. */
  readonly malformed: string[];
}

export function inRange(event: LeashEvent, range: TimeRange): boolean {
  return (
    (range.since === undefined || event.time >= range.since) &&
    (range.until === undefined || event.time < range.until)
  );
}

/**
 * Files up to this size are read with one synchronous read and decompressed in one call: S3 delivery files
 * are small, and per-file asynchronous I/O would cost more in latency than the read itself.
 */
const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;

/** Batches of one local file. */
export function readFileBatches(
  path: string,
  normalizer: EventNormalizer,
  range: TimeRange,
): AsyncGenerator<ReadBatch, void, undefined> {
  let bytes: Buffer | undefined;
  try {
    if (statSync(path).size <= WHOLE_FILE_LIMIT) bytes = readFileSync(path);
  } catch {
    // Unreadable: the streaming reader reports why, in its own words.
  }
  return batchesOf(bytes ? readRecordsFromBuffer(bytes, path) : readRecordsFromFile(path), normalizer, range);
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
  items: AsyncIterable<RecordItem> | Iterable<RecordItem>,
  normalizer: EventNormalizer,
  range: TimeRange,
): AsyncGenerator<ReadBatch, void, undefined> {
  let batch = emptyBatch();
  for await (const item of items) {
    if (item.kind === 'error') {
      batch.readErrors.push(item.message);
      continue;
    }
    batch.records++;
    const result = normalizer.normalize(item.record);
    if (!result.ok) batch.malformed.push(`${item.origin} record ${item.index}: ${result.error}`);
    else if (inRange(result.event, range)) batch.events.push({ event: result.event, index: item.index });
    if (batch.records >= BATCH_SIZE) {
      yield batch;
      batch = emptyBatch();
    }
  }
  yield batch;
}

function emptyBatch(): {
  events: IndexedEvent[];
  records: number;
  readErrors: string[];
  malformed: string[];
} {
  return { events: [], records: 0, readErrors: [], malformed: [] };
}
