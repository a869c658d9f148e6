/**
 * Gzip decompression the reader can recover from: a truncated or damaged stream still gives the bytes
 * before the damage (so the complete records in them are read) and a message saying what happened.
 *
 * Whole buffers are decompressed synchronously: it is the same CPU work either way, and the thread-pool
 * round trip of async zlib cost a replay of small delivery files a third of its speed.
 */
import { Readable, pipeline } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { errorCode, errorMessage } from './error-details';
import type { SourceProblem } from './incremental-reader';

const REDOWNLOAD = 're-download the file';

export type WholeGunzip =
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  /** The output before the damage, and the damage. */
  | { readonly kind: 'damaged'; readonly bytes: Buffer; readonly problem: SourceProblem }
  /** The output would exceed the limit: decompress it as a stream instead. */
  | { readonly kind: 'too-large' };

/** Decompresses a whole buffer, salvaging the output before any damage. */
export function gunzipWhole(compressed: Buffer): Exclude<WholeGunzip, { kind: 'too-large' }>;
export function gunzipWhole(compressed: Buffer, maxOutputLength: number): WholeGunzip;
export function gunzipWhole(compressed: Buffer, maxOutputLength?: number): WholeGunzip {
  const options = maxOutputLength === undefined ? {} : { maxOutputLength };
  try {
    const chunkSize = outputSizeHint(compressed, maxOutputLength);
    return { kind: 'complete', bytes: gunzipSync(compressed, { ...options, chunkSize }) };
  } catch (error) {
    if (isOutputTooLarge(error)) return { kind: 'too-large' };
    try {
      return {
        kind: 'damaged',
        bytes: longestGoodPrefixOutput(compressed, options),
        problem: gunzipProblem(error, compressed.length),
      };
    } catch (salvageError) {
      if (isOutputTooLarge(salvageError)) return { kind: 'too-large' };
      throw salvageError;
    }
  }
}

/** Deflate's best ratio is 1032:1: no honest trailer claims more. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * The output buffer to ask zlib for: the size the gzip trailer records (ISIZE, the last four bytes), so
 * the output comes in one buffer. With zlib's default 16 KiB chunks a delivery file's output came in
 * dozens of pieces copied together at the end: the bench's files decompressed in 230 ms that way, 182 ms
 * in one. The trailer is only a hint (it is the size modulo 2^32, and of the last member only), so it is
 * bounded by what the input can expand to and by the caller's limit; a wrong hint only costs more chunks
 * (or one buffer larger than needed). A damaged file's salvage does not use it: its last bytes are not a
 * trailer.
 */
function outputSizeHint(compressed: Buffer, maxOutputLength: number | undefined): number {
  // Shorter than a 10-byte header and an 8-byte trailer: no trailer to read.
  if (compressed.length < 18) return constants.Z_DEFAULT_CHUNK;
  const recorded = compressed.readUInt32LE(compressed.length - 4);
  // One byte over: an output that exactly fills its buffer makes zlib ask for another.
  const hint = Math.min(recorded, compressed.length * MAX_DEFLATE_RATIO, maxOutputLength ?? Infinity) + 1;
  // Never less than zlib's default chunk (16 KiB).
  return Math.max(constants.Z_DEFAULT_CHUNK, hint);
}

/**
 * The output of the longest prefix of `compressed` that decompresses without error. Decompressing a
 * prefix with a sync flush gives the output so far instead of failing on the missing end, and damage
 * makes every longer prefix fail, so a binary search finds the damage in ~log2(size) passes (only
 * damaged files pay for it).
 */
function longestGoodPrefixOutput(compressed: Buffer, options: { maxOutputLength?: number }): Buffer {
  const flushing = { ...options, finishFlush: constants.Z_SYNC_FLUSH };
  let good = 0;
  let output = Buffer.alloc(0);
  let bad = compressed.length + 1;
  while (bad - good > 1) {
    const length = Math.floor((good + bad) / 2);
    try {
      const attempt = gunzipSync(compressed.subarray(0, length), flushing);
      good = length;
      output = attempt;
    } catch (error) {
      if (isOutputTooLarge(error)) throw error;
      bad = length;
    }
  }
  return output;
}

export function gunzipProblem(error: unknown, compressedBytes: number): SourceProblem {
  if (errorCode(error) === 'Z_BUF_ERROR') {
    return { problem: `truncated gzip stream after ${compressedBytes} bytes`, advice: REDOWNLOAD };
  }
  return {
    problem: `corrupt gzip data (${errorMessage(error)}) within the first ${compressedBytes} bytes`,
    advice: REDOWNLOAD,
  };
}

export function isZlibError(error: unknown): boolean {
  return errorCode(error)?.startsWith('Z_') === true;
}

function isOutputTooLarge(error: unknown): boolean {
  return errorCode(error) === 'ERR_BUFFER_TOO_LARGE';
}

/** Streams decompressed chunks; the iteration throws the zlib (or source) error after the good output. */
export function gunzipChunks(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const inflater = createGunzip({ chunkSize: 256 * 1024 });
  // pipeline, not pipe: a failing source must fail the inflater too, or iteration would hang.
  pipeline(Readable.from(source), inflater, () => undefined);
  return inflater;
}

/** An in-memory buffer as a source of slices, for streaming decompression of a buffer too large to inflate whole. */
export async function* slices(bytes: Buffer, size = 1024 * 1024): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}
