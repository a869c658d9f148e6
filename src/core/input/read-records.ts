/**
 * The record reader: every shape users hold CloudTrail in (S3 delivery files, gzipped or not; arrays;
 * JSON lines; single records; EventBridge events) in, a stream of raw records and error items out.
 *
 * Hot path (what a replay of S3 delivery files spends its time on): read the whole file, gunzip it in one
 * call into one buffer, parse it (a large delivery file in pieces: `parse-document.ts`), walk `Records` —
 * nothing more. Documents larger than `wholeDocumentLimit` and damaged files go through the incremental
 * reader instead, which holds one record at a time.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { itemsFromDocument } from './classify-entries';
import { errorCode, errorMessage } from './error-details';
import { gunzipChunks, gunzipProblem, gunzipWhole, isZlibError, slices } from './gunzip';
import { IncrementalRecordReader, type SourceProblem } from './incremental-reader';
import {
  readError,
  resolveReadOptions,
  type ReadOptions,
  type RecordItem,
  type ResolvedReadOptions,
} from './record-item';
import { parseDocument } from './parse-document';
import { isGzip, toUtf8Bytes } from './sniff-bytes';

/** Records of a buffer already in memory (gzip detected by its magic bytes, not a name). */
export function readRecordsFromBuffer(
  bytes: Buffer,
  origin: string,
  options?: ReadOptions,
): Iterable<RecordItem> {
  const resolved = resolveReadOptions(options);
  if (!isGzip(bytes)) return readDecompressed(bytes, origin, resolved);
  // The caller holds the whole input already, so there is no output limit to stream past.
  const inflated = gunzipWhole(bytes);
  return inflated.kind === 'complete'
    ? readDecompressed(inflated.bytes, origin, resolved)
    : readSalvaged(inflated.bytes, inflated.problem, origin, resolved);
}

/**
 * Records of a byte stream. Inputs up to `wholeDocumentLimit` bytes are collected and read like a buffer
 * (fastest); larger ones are decompressed and split as they arrive, so memory does not grow with them.
 */
export async function* readRecordsFromStream(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>,
  origin: string,
  options?: ReadOptions,
): AsyncGenerator<RecordItem, void, undefined> {
  const resolved = resolveReadOptions(options);
  const source = asBuffers(stream)[Symbol.asyncIterator]();
  try {
    const head: Buffer[] = [];
    let headBytes = 0;
    let ended = false;
    let failure: unknown;
    try {
      while (headBytes <= resolved.wholeDocumentLimit) {
        const next = await source.next();
        if (next.done) {
          ended = true;
          break;
        }
        head.push(next.value);
        headBytes += next.value.length;
      }
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined) {
      yield* readAfterFailure(
        Buffer.concat(head, headBytes),
        readProblem(failure, headBytes),
        origin,
        resolved,
      );
      return;
    }
    if (ended) {
      yield* readWhole(Buffer.concat(head, headBytes), origin, resolved);
      return;
    }
    const counter = { bytes: 0 };
    const raw = countBytes(prepend(head, source), counter);
    const chunks = isGzip(Buffer.concat(head.slice(0, 2))) ? gunzipChunks(raw) : raw;
    yield* readIncrementally(chunks, origin, resolved, counter);
  } finally {
    await source.return?.(undefined);
  }
}

/**
 * Records of a file. Files up to `wholeDocumentLimit` are read whole and synchronously (the hot path of
 * a replay; async reads cost small files a fifth of their speed in thread-pool round trips), larger ones
 * as a stream. Nothing is opened before iteration starts.
 */
export async function* readRecordsFromFile(
  path: string,
  options?: ReadOptions,
): AsyncGenerator<RecordItem, void, undefined> {
  yield* openRecordsFile(path, options);
}

/**
 * Like `readRecordsFromFile`, but opens the file now and hands back a plain iterable when the file is read
 * whole, so a caller iterating millions of records pays no promise per record. Large files still stream.
 */
export function openRecordsFile(
  path: string,
  options?: ReadOptions,
): Iterable<RecordItem> | AsyncIterable<RecordItem> {
  const resolved = resolveReadOptions(options);
  let bytes: Buffer | undefined;
  try {
    const info = statSync(path);
    // Checked here, not left to the read: a folder larger than the limit would fail only once streamed.
    if (info.isDirectory()) return [fileError(path, IS_A_DIRECTORY)];
    if (info.size <= resolved.wholeDocumentLimit) bytes = readFileSync(path);
  } catch (error) {
    return [fileError(path, readProblem(error, 0))];
  }
  if (bytes === undefined) {
    return readRecordsFromStream(createReadStream(path, { highWaterMark: 1024 * 1024 }), path, resolved);
  }
  return readWhole(bytes, path, resolved);
}

/** A whole input in memory: decompressed in one call unless its output would exceed the limit. */
function readWhole(
  bytes: Buffer,
  origin: string,
  options: ResolvedReadOptions,
): Iterable<RecordItem> | AsyncIterable<RecordItem> {
  if (!isGzip(bytes)) return readDecompressed(bytes, origin, options);
  const inflated = gunzipWhole(bytes, options.wholeDocumentLimit);
  if (inflated.kind === 'complete') return readDecompressed(inflated.bytes, origin, options);
  if (inflated.kind === 'damaged') return readSalvaged(inflated.bytes, inflated.problem, origin, options);
  const counter = { bytes: 0 };
  return readIncrementally(gunzipChunks(countBytes(slices(bytes), counter)), origin, options, counter);
}

function* readDecompressed(
  bytes: Buffer,
  origin: string,
  options: ResolvedReadOptions,
): Generator<RecordItem> {
  let parseError: string | undefined;
  if (bytes.length <= options.wholeDocumentLimit) {
    let document: unknown;
    try {
      document = parseDocument(bytes);
    } catch (error) {
      parseError = errorMessage(error);
    }
    if (parseError === undefined) {
      yield* itemsFromDocument(document, origin, 0);
      return;
    }
  }
  // JSON lines, a document too large for one parse, or a damaged one: entry by entry.
  const reader = new IncrementalRecordReader(origin, options);
  yield* reader.push(toUtf8Bytes(bytes));
  yield* reader.finish({ parseError });
}

/** The complete records in the bytes a source gave before it failed, then its failure. */
function readAfterFailure(
  bytes: Buffer,
  failure: SourceProblem,
  origin: string,
  options: ResolvedReadOptions,
): Iterable<RecordItem> | AsyncIterable<RecordItem> {
  if (!isGzip(bytes)) return readSalvaged(bytes, failure, origin, options);
  const inflated = gunzipWhole(bytes, options.wholeDocumentLimit);
  if (inflated.kind !== 'too-large') return readSalvaged(inflated.bytes, failure, origin, options);
  // Too large to inflate whole, but its records are no less there: stream them out.
  return readIncrementally(gunzipChunks(slices(bytes)), origin, options, { bytes: bytes.length }, failure);
}

/** The complete records in what could be read before the source failed, then the failure. */
function* readSalvaged(
  bytes: Buffer,
  problem: SourceProblem,
  origin: string,
  options: ResolvedReadOptions,
): Generator<RecordItem> {
  const reader = new IncrementalRecordReader(origin, options);
  yield* reader.push(toUtf8Bytes(bytes));
  yield* reader.finish({ sourceProblem: problem });
}

/**
 * `failure`: what already went wrong with the source, reported instead of what it causes here (the gzip
 * stream it cut short).
 */
async function* readIncrementally(
  chunks: AsyncIterable<Buffer>,
  origin: string,
  options: ResolvedReadOptions,
  compressed: { readonly bytes: number },
  failure?: SourceProblem,
): AsyncGenerator<RecordItem, void, undefined> {
  const reader = new IncrementalRecordReader(origin, options);
  const iterator = chunks[Symbol.asyncIterator]();
  let sourceProblem: SourceProblem | undefined;
  let done = false;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch (error) {
        sourceProblem = isZlibError(error)
          ? gunzipProblem(error, compressed.bytes)
          : readProblem(error, compressed.bytes);
        break;
      }
      if (next.done) break;
      yield* reader.push(next.value);
    }
    done = true;
  } finally {
    // Stopped early by the consumer: release the stream.
    if (!done) await iterator.return?.(undefined);
  }
  yield* reader.finish({ sourceProblem: failure ?? sourceProblem });
}

const IS_A_DIRECTORY: SourceProblem = {
  problem: 'cannot read: it is a directory',
  advice: 'pass the files in it',
};

function fileError(path: string, { problem, advice }: SourceProblem): RecordItem {
  return readError(path, `${problem} — ${advice}`);
}

function readProblem(error: unknown, bytesRead: number): SourceProblem {
  switch (errorCode(error)) {
    case 'ENOENT':
      return { problem: 'cannot read: no such file', advice: 'check the path' };
    case 'EISDIR':
      return IS_A_DIRECTORY;
    case 'EACCES':
    case 'EPERM':
      return { problem: 'cannot read: permission denied', advice: "check the file's permissions" };
  }
  const reason = errorMessage(error);
  return bytesRead > 0
    ? {
        problem: `reading failed after ${bytesRead} bytes (${reason})`,
        advice: 'check the file and read it again',
      }
    : { problem: `cannot read (${reason})`, advice: 'check the file and read it again' };
}

async function* asBuffers(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

async function* prepend(head: readonly Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* countBytes(
  source: AsyncIterable<Buffer>,
  counter: { bytes: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}
