/**
 * What the record reader produces: raw CloudTrail records (plain objects, not validated beyond the three
 * fields every record has) interleaved with error items. One bad record or file never throws: it becomes an
 * error item the caller reports, and reading goes on.
 */

/** A CloudTrail record as AWS wrote it (already unwrapped from an EventBridge envelope). */
export type RawRecord = Record<string, unknown>;

export interface RecordFoundItem {
  readonly kind: 'record';
  readonly record: RawRecord;
  /** Where it came from: the file path (or the name the caller gave a stream or buffer). */
  readonly origin: string;
  /** 0-based position of the entry in its file (array element, or JSON line counting non-blank lines). */
  readonly index: number;
}

export interface ReadErrorItem {
  readonly kind: 'error';
  readonly origin: string;
  /** The entry the error is about; absent when it concerns the whole file. */
  readonly index?: number;
  /** 1-based line, for JSON-lines input. */
  readonly line?: number;
  /** Self-contained (starts with the origin): what is wrong and what to do about it. */
  readonly message: string;
}

export type RecordItem = RecordFoundItem | ReadErrorItem;

export interface ReadOptions {
  /**
   * Decompressed documents up to this size are parsed with one `JSON.parse` (fastest: S3 delivery files
   * are small); larger ones are split record by record so memory stays flat.
   * @default 64 MiB
   */
  readonly wholeDocumentLimit?: number;
  /**
   * A single entry (array element, JSON line, top-level object) larger than this is reported as corrupt
   * instead of being buffered: CloudTrail records are at most a few hundred KiB.
   * @default 16 MiB
   */
  readonly maxEntryBytes?: number;
}

export const DEFAULT_WHOLE_DOCUMENT_LIMIT = 64 * 1024 * 1024;
export const DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024;

export interface ResolvedReadOptions {
  readonly wholeDocumentLimit: number;
  readonly maxEntryBytes: number;
}

export function resolveReadOptions(options: ReadOptions = {}): ResolvedReadOptions {
  const wholeDocumentLimit = options.wholeDocumentLimit ?? DEFAULT_WHOLE_DOCUMENT_LIMIT;
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  for (const [name, value] of [
    ['wholeDocumentLimit', wholeDocumentLimit],
    ['maxEntryBytes', maxEntryBytes],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`read option ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return { wholeDocumentLimit, maxEntryBytes };
}

/**
 * An error item whose message starts with where the problem is (`file.json record 7:`, `file.jsonl line
 * 12:`, or just `file.json:`), so a caller can print the message alone.
 */
export function readError(
  origin: string,
  problem: string,
  where: { readonly index?: number; readonly line?: number } = {},
): ReadErrorItem {
  const place =
    where.line !== undefined
      ? ` line ${where.line}`
      : where.index !== undefined
        ? ` record ${where.index}`
        : '';
  const item: { -readonly [K in keyof ReadErrorItem]: ReadErrorItem[K] } = {
    kind: 'error',
    origin,
    message: `${origin}${place}: ${problem}`,
  };
  if (where.index !== undefined) item.index = where.index;
  if (where.line !== undefined) item.line = where.line;
  return item;
}
