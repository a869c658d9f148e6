/**
 * Report output with few system calls: a replay that writes a million jsonl lines must not pay one
 * `write` per line. Text is gathered into chunks and written synchronously (files, and stdout, which Node
 * writes synchronously to files and pipes on Linux), so memory does not grow with a slow reader.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TextOutput } from '../report';

const CHUNK_CHARS = 64 * 1024;

export interface ReportOutput extends TextOutput {
  /** Writes what is buffered and releases the file; the output is complete afterwards. */
  close(): Promise<void>;
  /** True when writing to a terminal (colours, progress decisions). */
  readonly isTTY: boolean;
}

/** `--out FILE`, or stdout when `file` is undefined or `-`. Throws when the file cannot be opened. */
export function openReportOutput(file: string | undefined): ReportOutput {
  if (file === undefined || file === '-') return new BufferedOutput(undefined, process.stdout.isTTY === true);
  return new BufferedOutput(openSync(file, 'w'), false);
}

class BufferedOutput implements ReportOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(
    /** undefined = process.stdout. */
    private readonly fd: number | undefined,
    readonly isTTY: boolean,
  ) {}

  write(chunk: string): boolean {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= CHUNK_CHARS) this.flush();
    return true;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.fd !== undefined) {
      closeSync(this.fd);
      return;
    }
    // Wait until stdout has taken everything (it can be asynchronous, e.g. on some pipes).
    await new Promise<void>((resolve) => {
      if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => resolve());
      else resolve();
    });
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.fd === undefined) process.stdout.write(text);
    else writeSync(this.fd, text);
  }
}
