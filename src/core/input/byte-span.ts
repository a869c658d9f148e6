/**
 * Collects the bytes of one value that may straddle the chunks of a stream, without copying when it lies
 * inside a single chunk (the common case) and without growing past a cap (a corrupt file must not make
 * the reader buffer it whole).
 */
export class ByteSpan {
  private pieces: Buffer[] = [];
  private size = 0;
  private startInChunk = 0;
  private overflowed = false;
  private isOpen = false;

  constructor(private readonly maxBytes: number) {}

  get open(): boolean {
    return this.isOpen;
  }

  /** Starts the span at `offset` of the chunk being scanned. */
  begin(offset: number): void {
    this.isOpen = true;
    this.pieces = [];
    this.size = 0;
    this.startInChunk = offset;
    this.overflowed = false;
  }

  /** Ends the span just before `endExclusive` of the current chunk; undefined when it outgrew the cap. */
  end(chunk: Buffer, endExclusive: number): Buffer | undefined {
    this.isOpen = false;
    if (this.overflowed) return undefined;
    const tail = chunk.subarray(this.startInChunk, endExclusive);
    const total = this.size + tail.length;
    if (total > this.maxBytes) return undefined;
    if (this.pieces.length === 0) return tail;
    const whole = Buffer.concat([...this.pieces, tail], total);
    this.pieces = [];
    return whole;
  }

  cancel(): void {
    this.isOpen = false;
    this.pieces = [];
  }

  /** Call at the end of each chunk: keeps the open span's part of it (or drops it once over the cap). */
  carry(chunk: Buffer): void {
    if (!this.isOpen) return;
    if (!this.overflowed) {
      const piece = chunk.subarray(this.startInChunk);
      this.size += piece.length;
      if (this.size > this.maxBytes) {
        this.overflowed = true;
        this.pieces = [];
      } else {
        this.pieces.push(piece);
      }
    }
    this.startInChunk = 0;
  }
}
