/**
 * Writes one pretty-printed JSON array member by member, laid out exactly as `JSON.stringify(…, null, 2)`
 * lays out the document around it: the report formats that are one document (`json`, `sarif`) stream their
 * findings this way instead of holding them all until the end.
 */
import type { TextOutput } from './report-model';

/** `value` as `JSON.stringify(value, null, 2)` would print it at `depth` levels of nesting. */
export function indentedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/** An array written as its members come. `open` and `close` must be called once each, in order. */
export class StreamedJsonArray {
  private count = 0;

  /** `depth`: nesting of the array's own line (its members are one level deeper). */
  constructor(
    private readonly out: TextOutput,
    private readonly depth: number,
  ) {}

  get length(): number {
    return this.count;
  }

  push(value: unknown): void {
    const pad = '  '.repeat(this.depth + 1);
    this.out.write(`${this.count === 0 ? '\n' : ',\n'}${pad}${indentedJson(value, this.depth + 1)}`);
    this.count += 1;
  }

  /** Ends the array: `]`, or `[]` when nothing was pushed (what `JSON.stringify` prints then). */
  close(): void {
    this.out.write(this.count === 0 ? ']' : `\n${'  '.repeat(this.depth)}]`);
  }
}
