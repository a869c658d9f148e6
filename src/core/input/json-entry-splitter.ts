/**
 * Splits JSON documents too large to parse at once into their entries, reading bytes as they come: the
 * elements of a top-level array, or of the `Records` array of a top-level object (an S3 delivery file).
 * It tracks only strings, escapes and nesting depth; each entry is then parsed on its own, so one damaged
 * entry costs that entry alone. Top-level objects without a `Records` array (a single record, an
 * EventBridge envelope, a digest file) come out whole, as documents. Documents may follow one another
 * (concatenated or pretty-printed JSON), which also covers JSON lines whose lines are intact.
 */
import { ByteSpan } from './byte-span';
import * as jsonBytes from './json-bytes';

// Bound once here: the byte loop below then reads them as constants. Read through the import, each use was
// a property load of the module's exports (a 30 MB document split 3–4 % slower).
const {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isJsonWhitespace,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} = jsonBytes;

export type SplitEvent =
  /** One element of a record list. `bytes` may be a view into the chunk: parse it before the next push. */
  | { readonly kind: 'entry'; readonly bytes: Buffer }
  /** A whole top-level value that is not a record list. */
  | { readonly kind: 'document'; readonly bytes: Buffer }
  /** An entry or document larger than the cap: skipped, scanning went on past it. */
  | { readonly kind: 'oversized'; readonly what: 'entry' | 'document' };

export type SplitEnd = { readonly complete: true } | { readonly complete: false; readonly problem: string };

/** The only key of a top-level object the splitter cares about; longer keys need not be collected. */
const RECORDS_KEY = 'Records';
const MAX_KEY_BYTES = 64;

export class JsonEntrySplitter {
  private depth = 0;
  private inString = false;
  private escapeNext = false;
  /** Depth at which the entries of the current record list sit (1 or 2); 0 outside a list. */
  private listDepth = 0;
  private entryOpen = false;
  /** An open entry that is a bare number/true/false/null: it ends at the next delimiter. */
  private entryIsLiteral = false;
  private topIsObject = false;
  private expectKey = false;
  private keyOpen = false;
  private lastKey = '';
  private awaitRecordsValue = false;
  private documents = 0;
  private bytesSeen = 0;
  private stopped: string | undefined;

  private readonly entry: ByteSpan;
  private readonly document: ByteSpan;
  private readonly key = new ByteSpan(MAX_KEY_BYTES);

  constructor(maxEntryBytes: number) {
    this.entry = new ByteSpan(maxEntryBytes);
    this.document = new ByteSpan(maxEntryBytes);
  }

  /** Scans one chunk; yields every entry or document that ends in it. Consume before the next push. */
  *push(chunk: Buffer): Generator<SplitEvent> {
    if (this.stopped !== undefined) return;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escapeNext) {
          this.escapeNext = false;
          i++;
          continue;
        }
        // Strings are most of a CloudTrail file: jump to the next quote natively instead of byte by byte.
        const quote = chunk.indexOf(QUOTE, i);
        if (quote === -1) {
          this.escapeNext = backslashRun(chunk, i, n) % 2 === 1;
          break;
        }
        if (backslashRun(chunk, i, quote) % 2 === 1) {
          i = quote + 1;
          continue;
        }
        this.inString = false;
        const event = this.endString(chunk, quote);
        if (event) yield event;
        i = quote + 1;
        continue;
      }

      const byte = chunk[i];
      if (this.entryIsLiteral) {
        if (byte !== COMMA && byte !== CLOSE_BRACKET && byte !== CLOSE_BRACE && !isJsonWhitespace(byte)) {
          i++;
          continue;
        }
        this.entryIsLiteral = false;
        yield this.endEntry(chunk, i);
        // The delimiter itself is handled below.
      }

      if (isJsonWhitespace(byte)) {
        i++;
        continue;
      }
      if (this.depth === 0) {
        if (byte !== OPEN_BRACE && byte !== OPEN_BRACKET) {
          this.stopped =
            this.documents === 0
              ? `not JSON: unexpected ${describeByte(byte)} at byte ${this.bytesSeen + i}`
              : `unexpected ${describeByte(byte)} after the end of the JSON document, at byte ${this.bytesSeen + i}`;
          return;
        }
        this.startDocument(byte, i);
        i++;
        continue;
      }

      const betweenEntries = this.listDepth !== 0 && this.depth === this.listDepth && !this.entryOpen;
      switch (byte) {
        case QUOTE:
          if (betweenEntries) this.beginEntry(i);
          else if (this.topIsObject && this.depth === 1 && this.expectKey) {
            this.keyOpen = true;
            this.key.begin(i + 1);
          }
          this.awaitRecordsValue = false;
          this.inString = true;
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (this.awaitRecordsValue) {
            this.awaitRecordsValue = false;
            if (byte === OPEN_BRACKET) {
              // A delivery file: stream its records and stop holding the enclosing object.
              this.listDepth = 2;
              this.document.cancel();
              this.depth++;
              break;
            }
          }
          if (betweenEntries) this.beginEntry(i);
          this.depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET: {
          this.depth--;
          if (this.entryOpen && this.depth === this.listDepth) {
            yield this.endEntry(chunk, i + 1);
          } else if (this.listDepth !== 0 && this.depth === this.listDepth - 1) {
            this.listDepth = 0;
          }
          if (this.depth === 0) {
            const event = this.endDocument(chunk, i + 1);
            if (event) yield event;
          }
          break;
        }
        case COLON:
          if (this.topIsObject && this.depth === 1) {
            this.expectKey = false;
            this.awaitRecordsValue = this.lastKey === RECORDS_KEY;
          }
          break;
        case COMMA:
          if (this.topIsObject && this.depth === 1) this.expectKey = true;
          break;
        default:
          this.awaitRecordsValue = false;
          if (betweenEntries) {
            this.beginEntry(i);
            this.entryIsLiteral = true;
          }
      }
      i++;
    }
    this.entry.carry(chunk);
    this.document.carry(chunk);
    this.key.carry(chunk);
    this.bytesSeen += n;
  }

  /** Top-level values seen so far (more than one: concatenated JSON, e.g. Firehose deliveries). */
  get documentCount(): number {
    return this.documents;
  }

  /** Call once the input has ended: says whether the last document was complete. */
  finish(): SplitEnd {
    if (this.stopped !== undefined) return { complete: false, problem: this.stopped };
    if (this.depth > 0 || this.inString) {
      const where = this.listDepth !== 0 || this.entryOpen ? 'inside a record' : 'inside the JSON document';
      return {
        complete: false,
        problem: `truncated JSON: the file ends ${where} after ${this.bytesSeen} bytes`,
      };
    }
    return { complete: true };
  }

  private startDocument(byte: number, offset: number): void {
    this.documents++;
    this.depth = 1;
    this.topIsObject = byte === OPEN_BRACE;
    if (this.topIsObject) {
      this.expectKey = true;
      this.lastKey = '';
      this.document.begin(offset);
    } else {
      this.listDepth = 1;
    }
  }

  private beginEntry(offset: number): void {
    this.entryOpen = true;
    this.entry.begin(offset);
  }

  private endEntry(chunk: Buffer, endExclusive: number): SplitEvent {
    this.entryOpen = false;
    const bytes = this.entry.end(chunk, endExclusive);
    return bytes ? { kind: 'entry', bytes } : { kind: 'oversized', what: 'entry' };
  }

  private endString(chunk: Buffer, quote: number): SplitEvent | undefined {
    if (this.keyOpen) {
      this.keyOpen = false;
      this.lastKey = this.key.end(chunk, quote)?.toString('utf8') ?? '';
      return undefined;
    }
    if (this.entryOpen && this.depth === this.listDepth) return this.endEntry(chunk, quote + 1);
    return undefined;
  }

  private endDocument(chunk: Buffer, endExclusive: number): SplitEvent | undefined {
    this.listDepth = 0;
    this.awaitRecordsValue = false;
    if (!this.topIsObject || !this.document.open) return undefined;
    const bytes = this.document.end(chunk, endExclusive);
    return bytes ? { kind: 'document', bytes } : { kind: 'oversized', what: 'document' };
  }
}

/** Length of the run of backslashes ending just before `end`, not looking before `start`. */
function backslashRun(chunk: Buffer, start: number, end: number): number {
  let run = 0;
  for (let j = end - 1; j >= start && chunk[j] === BACKSLASH; j--) run++;
  return run;
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f
    ? `character ${JSON.stringify(String.fromCharCode(byte))}`
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
