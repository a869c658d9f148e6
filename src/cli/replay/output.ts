/**
 * Report output with few system calls: a replay that writes a million jsonl lines must not pay one
 * `write` per line. Text is gathered into chunks of bytes and written synchronously (files, and stdout,
 * which Node writes synchronously to files and pipes on Linux), so memory does not grow with a slow reader.
 */
import { accessSync, closeSync, constants, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorMessage } from '../../core/input/error-details';
import type { TextOutput } from '../report';
import { UsageError } from '../usage-error';

const CHUNK_BYTES = 64 * 1024;

export interface ReportOutput extends TextOutput {
  /** Writes what is buffered and releases the file; the output is complete afterwards. */
  close(): Promise<void>;
  /** True when writing to a terminal (colours, progress decisions). */
  readonly isTTY: boolean;
}

/** `--out FILE`, or stdout when `file` is undefined or `-`. A file that cannot be opened is a usage error. */
export function openReportOutput(file: string | undefined): ReportOutput {
  if (file === undefined || file === '-') return new BufferedOutput(undefined, process.stdout.isTTY === true);
  return new BufferedOutput(openOutFile(file), false);
}

/**
 * Opens (creating or truncating) a file the user named with `--out`. A missing directory or a read-only
 * path is the caller's to fix: say so, instead of ending as an unexpected error with a stack trace.
 */
function openOutFile(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (error) {
    throw outFileError(file, error);
  }
}

/** `--out file` as a whole text, written at the end of a run (see `openOutFile` for failures). */
export function writeOutFile(file: string, text: string): void {
  const fd = openOutFile(file);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * Fails before a long run whose output could not be written at its end, without touching the file (a
 * run that fails half-way must not have emptied an existing one): its directory must be writable.
 */
export function checkOutFileDirectory(file: string): void {
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw outFileError(file, error);
  }
}

function outFileError(file: string, error: unknown): UsageError {
  return new UsageError(
    `--out ${file}: cannot write the file (${errorMessage(error)}) — check that its directory exists and is writable`,
  );
}

class BufferedOutput implements ReportOutput {
  /** UTF-8 bytes not yet written: text goes straight in, with no joined string to build and encode again. */
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(
    /** undefined = process.stdout. */
    private readonly fd: number | undefined,
    readonly isTTY: boolean,
  ) {}

  write(chunk: string): boolean {
    // A UTF-16 code unit takes at most three UTF-8 bytes.
    if (chunk.length * 3 > this.buffer.length - this.used) {
      this.flush();
      if (chunk.length * 3 > this.buffer.length) {
        this.writeBytes(Buffer.from(chunk, 'utf8'));
        return true;
      }
    }
    this.used += this.buffer.write(chunk, this.used, 'utf8');
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
    if (this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    if (this.fd === undefined) {
      // stdout may still hold these bytes after returning: they get a buffer of their own.
      this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    }
    this.used = 0;
    this.writeBytes(bytes);
  }

  private writeBytes(bytes: Buffer): void {
    if (this.fd === undefined) {
      process.stdout.write(bytes);
      return;
    }
    for (let at = 0; at < bytes.length;) at += writeSync(this.fd, bytes, at, bytes.length - at);
  }
}
