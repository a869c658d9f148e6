/**
 * Splits a byte stream into lines for JSON-lines input (CloudTrail Lake and Athena exports, EventBridge
 * archives). Lines are independent, so a damaged line costs that line alone.
 */
import { ByteSpan } from './byte-span';

const NEWLINE = 0x0a;

export type LineEvent =
  /** `bytes` may be a view into the chunk (it may end with `\r`): decode it before the next push. */
  | { readonly kind: 'line'; readonly bytes: Buffer; readonly line: number }
  | { readonly kind: 'oversized'; readonly line: number };

export class LineSplitter {
  private readonly pending: ByteSpan;
  private lineNumber: number;
  private started = false;

  /** `firstLine`: the number of the first line pushed (leading blank lines may have been dropped). */
  constructor(maxLineBytes: number, firstLine = 1) {
    this.pending = new ByteSpan(maxLineBytes);
    this.lineNumber = firstLine - 1;
  }

  *push(chunk: Buffer): Generator<LineEvent> {
    if (!this.started) {
      this.started = true;
      this.pending.begin(0);
    }
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) break;
      yield this.endLine(chunk, newline);
      this.pending.begin(newline + 1);
      start = newline + 1;
    }
    this.pending.carry(chunk);
  }

  /** The last line when the input does not end with a newline (possibly cut off). */
  finish(): LineEvent | undefined {
    if (!this.started || !this.pending.open) return undefined;
    const event = this.endLine(Buffer.alloc(0), 0);
    return event.kind === 'line' && event.bytes.length === 0 ? undefined : event;
  }

  private endLine(chunk: Buffer, endExclusive: number): LineEvent {
    this.lineNumber++;
    const bytes = this.pending.end(chunk, endExclusive);
    return bytes
      ? { kind: 'line', bytes, line: this.lineNumber }
      : { kind: 'oversized', line: this.lineNumber };
  }
}
