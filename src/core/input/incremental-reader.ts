/**
 * Reads records from decompressed bytes pushed chunk by chunk, holding at most one entry (or line) at a
 * time. Used for documents too large for one `JSON.parse`, and to salvage the complete records of a
 * truncated or damaged file. It decides between JSON lines and one JSON document from the first line.
 */
import { itemFromEntry, itemsFromDocument } from './classify-entries';
import { errorMessage } from './error-details';
import { JsonEntrySplitter, type SplitEvent } from './json-entry-splitter';
import { isJsonWhitespace, NEWLINE, OPEN_BRACE, OPEN_BRACKET } from './json-bytes';
import { LineSplitter, type LineEvent } from './line-splitter';
import { readError, type RecordItem, type ResolvedReadOptions } from './record-item';
import { describeNonJson, hasUtf8Bom } from './sniff-bytes';

/** A failure of what supplied the bytes (gzip, file system), reported instead of the JSON's own end. */
export interface SourceProblem {
  /** What went wrong, e.g. `truncated gzip stream after 1234 bytes`. */
  readonly problem: string;
  /** What to do, e.g. `re-download the file`. */
  readonly advice: string;
}

export interface FinishOptions {
  readonly sourceProblem?: SourceProblem;
  /** Why a whole-document `JSON.parse` of these same bytes failed, when one was tried first. */
  readonly parseError?: string;
}

type Mode = 'sniff' | 'lines' | 'document' | 'rejected';

/** Enough of a file that is not JSON to recognise a format or show its first line. */
const SNIFF_BYTES = 256;

export class IncrementalRecordReader {
  private mode: Mode = 'sniff';
  /** Bytes from the first non-whitespace byte on, held until the shape is known. */
  private sniffed: Buffer[] = [];
  private sniffedBytes = 0;
  private firstByte: number | undefined;
  /** Newlines in the leading whitespace that was dropped, so JSON-lines numbers stay true. */
  private leadingNewlines = 0;
  private firstLineEnded = false;
  private contentAfterFirstLine = false;
  private bytesPushed = 0;
  private nextIndex = 0;
  private records = 0;
  private errors = 0;
  private lines: LineSplitter | undefined;
  private splitter: JsonEntrySplitter | undefined;

  constructor(
    private readonly origin: string,
    private readonly options: ResolvedReadOptions,
  ) {}

  *push(chunk: Buffer): Generator<RecordItem> {
    if (chunk.length === 0) return;
    const atStart = this.bytesPushed === 0;
    this.bytesPushed += chunk.length;
    switch (this.mode) {
      case 'lines':
        yield* this.pushLines(chunk);
        return;
      case 'document':
        yield* this.pushDocument(chunk);
        return;
      case 'rejected':
        return;
      case 'sniff':
        if (this.sniff(chunk, atStart)) yield* this.decide();
    }
  }

  *finish(options: FinishOptions = {}): Generator<RecordItem> {
    const { sourceProblem } = options;
    if (this.mode === 'sniff') {
      // Nothing read before the source failed: its failure is the whole story, not an "empty file".
      if (sourceProblem !== undefined && this.firstByte === undefined) this.mode = 'rejected';
      else yield* this.decide();
    }
    let jsonProblem: string | undefined;
    if (this.mode === 'lines') {
      jsonProblem = yield* this.finishLines(sourceProblem !== undefined);
    } else if (this.mode === 'document' && this.splitter) {
      const end = this.splitter.finish();
      if (!end.complete) jsonProblem = end.problem;
    }
    if (sourceProblem !== undefined) {
      yield this.fileError(
        this.bytesPushed > 0
          ? `${sourceProblem.problem}; ${this.recordsBefore()} — ${sourceProblem.advice}`
          : `${sourceProblem.problem} — ${sourceProblem.advice}`,
      );
    } else if (jsonProblem !== undefined) {
      yield this.fileError(`${jsonProblem}; ${this.recordsBefore()} — re-download or re-export the file`);
    } else if (
      options.parseError !== undefined &&
      this.mode === 'document' &&
      this.splitter?.documentCount === 1 &&
      this.errors === 0
    ) {
      // Every entry parsed on its own although the document as a whole did not (a stray comma, say).
      // Several documents in a row are a format of their own (Firehose concatenates events), not damage.
      yield this.fileError(
        `not valid JSON (${options.parseError}); ${this.records} records could be separated and were read — check how the file was produced`,
      );
    }
  }

  private recordsBefore(): string {
    return this.records === 1
      ? 'the 1 record before it was read'
      : `the ${this.records} records before it were read`;
  }

  /**
   * Keeps a chunk while the shape is unknown; true once it can be decided. Looks at each chunk once, so
   * sniffing stays linear however long the first line is.
   */
  private sniff(chunk: Buffer, atStart: boolean): boolean {
    let from = atStart && hasUtf8Bom(chunk) ? 3 : 0;
    if (this.firstByte === undefined) {
      const start = firstNonWhitespace(chunk, from);
      if (start === -1) {
        this.leadingNewlines += countNewlines(chunk, from, chunk.length);
        return false;
      }
      this.leadingNewlines += countNewlines(chunk, from, start);
      this.firstByte = chunk[start];
      chunk = chunk.subarray(start);
      from = 1;
    } else {
      from = 0;
    }
    this.sniffed.push(chunk);
    this.sniffedBytes += chunk.length;
    if (this.firstByte === OPEN_BRACKET) return true;
    // Not JSON: wait for enough bytes to say what it is instead.
    if (this.firstByte !== OPEN_BRACE) return this.sniffedBytes >= SNIFF_BYTES;
    if (!this.firstLineEnded) {
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline !== -1) {
        this.firstLineEnded = true;
        from = newline + 1;
      }
    }
    if (this.firstLineEnded && !this.contentAfterFirstLine) {
      this.contentAfterFirstLine = firstNonWhitespace(chunk, from) !== -1;
    }
    return (
      this.contentAfterFirstLine ||
      this.sniffedBytes > this.options.maxEntryBytes ||
      // A large minified delivery file has no newline to wait for.
      startsWithRecordsArray(this.sniffed)
    );
  }

  private *decide(): Generator<RecordItem> {
    const body = this.sniffed.length === 1 ? this.sniffed[0] : Buffer.concat(this.sniffed, this.sniffedBytes);
    this.sniffed = [];
    if (this.firstByte === undefined) {
      this.mode = 'rejected';
      yield this.fileError(
        this.bytesPushed === 0
          ? 'empty file: no CloudTrail records in it'
          : 'empty file: only whitespace, no CloudTrail records in it',
      );
      return;
    }
    if (this.firstByte !== OPEN_BRACE && this.firstByte !== OPEN_BRACKET) {
      this.mode = 'rejected';
      yield this.fileError(describeNonJson(body));
      return;
    }
    if (this.firstByte === OPEN_BRACE && !startsWithRecordsArray([body]) && startsWithJsonLine(body)) {
      this.mode = 'lines';
      this.lines = new LineSplitter(this.options.maxEntryBytes, this.leadingNewlines + 1);
      yield* this.pushLines(body);
    } else {
      this.mode = 'document';
      this.splitter = new JsonEntrySplitter(this.options.maxEntryBytes);
      yield* this.pushDocument(body);
    }
  }

  private *pushLines(chunk: Buffer): Generator<RecordItem> {
    for (const event of (this.lines as LineSplitter).push(chunk)) yield* this.lineItems(event);
  }

  private *finishLines(sourceFailed: boolean): Generator<RecordItem, string | undefined> {
    const last = (this.lines as LineSplitter).finish();
    if (last === undefined) return undefined;
    if (last.kind === 'line') {
      const text = last.bytes.toString('utf8').trim();
      if (text === '') return undefined;
      const parsed = tryParse(text);
      if (!parsed.ok) {
        // An unfinished last line is what truncation looks like: report the file, not the line.
        if (sourceFailed) return undefined;
        return `the last line (${last.line}) is cut off or not valid JSON (${parsed.error}); the file may be truncated`;
      }
    }
    yield* this.lineItems(last);
    return undefined;
  }

  private *lineItems(event: LineEvent): Generator<RecordItem> {
    if (event.kind === 'oversized') {
      yield this.entryError(
        `longer than ${mebibytes(this.options.maxEntryBytes)} — skipped; no CloudTrail record is that large, so the file is probably damaged`,
        { index: this.nextIndex++, line: event.line },
      );
      return;
    }
    const text = event.bytes.toString('utf8').trim();
    if (text === '') return;
    const parsed = tryParse(text);
    if (!parsed.ok) {
      yield this.entryError(`not valid JSON (${parsed.error}) — skipped; fix or remove this line`, {
        index: this.nextIndex++,
        line: event.line,
      });
      return;
    }
    this.nextIndex += yield* this.counted(
      itemsFromDocument(parsed.value, this.origin, this.nextIndex, event.line),
    );
  }

  private *pushDocument(chunk: Buffer): Generator<RecordItem> {
    for (const event of (this.splitter as JsonEntrySplitter).push(chunk)) yield* this.splitItems(event);
  }

  private *splitItems(event: SplitEvent): Generator<RecordItem> {
    if (event.kind === 'oversized') {
      const index = this.nextIndex++;
      yield this.entryError(
        `larger than ${mebibytes(this.options.maxEntryBytes)} — skipped; no CloudTrail record is that large, so the file is probably damaged`,
        { index },
      );
      return;
    }
    const parsed = tryParse(event.bytes.toString('utf8'));
    if (event.kind === 'document') {
      if (!parsed.ok) {
        const index = this.nextIndex++;
        yield this.entryError(`not valid JSON (${parsed.error}) — skipped`, { index });
        return;
      }
      this.nextIndex += yield* this.counted(itemsFromDocument(parsed.value, this.origin, this.nextIndex));
      return;
    }
    const index = this.nextIndex++;
    if (!parsed.ok) {
      yield this.entryError(`not valid JSON (${parsed.error}) — skipped; the file is damaged here`, {
        index,
      });
      return;
    }
    const item = itemFromEntry(parsed.value, this.origin, index);
    if (item.kind === 'record') this.records++;
    else this.errors++;
    yield item;
  }

  /** Passes a document's items through, keeping the counts the closing message needs. */
  private *counted(items: Generator<RecordItem, number>): Generator<RecordItem, number> {
    for (;;) {
      const next = items.next();
      if (next.done) return next.value;
      if (next.value.kind === 'record') this.records++;
      else this.errors++;
      yield next.value;
    }
  }

  private entryError(problem: string, where: { index?: number; line?: number }): RecordItem {
    this.errors++;
    return readError(this.origin, problem, where);
  }

  private fileError(problem: string): RecordItem {
    this.errors++;
    return readError(this.origin, problem);
  }
}

/**
 * JSON lines: the first line is a complete JSON value on its own and more follows (a pretty-printed
 * document's first line, `{`, is not; a one-line document is read as a document).
 */
function startsWithJsonLine(body: Buffer): boolean {
  const newline = body.indexOf(NEWLINE);
  if (newline === -1 || firstNonWhitespace(body, newline + 1) === -1) return false;
  return tryParse(body.toString('utf8', 0, newline)).ok;
}

/** `{"Records":[` (with any whitespace): an S3 delivery file, to split as one document. */
function startsWithRecordsArray(pieces: readonly Buffer[]): boolean {
  const head = Buffer.alloc(64);
  let length = 0;
  for (const piece of pieces) {
    if (length === head.length) break;
    length += piece.copy(head, length, 0, head.length - length);
  }
  return /^\{\s*"Records"\s*:\s*\[/.test(head.toString('latin1', 0, length));
}

function countNewlines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = bytes.indexOf(NEWLINE, from); i !== -1 && i < to; i = bytes.indexOf(NEWLINE, i + 1)) count++;
  return count;
}

function firstNonWhitespace(bytes: Buffer, from = 0): number {
  for (let i = from; i < bytes.length; i++) {
    if (!isJsonWhitespace(bytes[i])) return i;
  }
  return -1;
}

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
