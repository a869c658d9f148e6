/**
 * Replay progress on stderr: bytes read of the total, events per second, findings so far. Drawn only on a
 * TTY; anywhere else (CI logs, pipes, files) it is a no-op object, so the replay loop never checks.
 * `tick()` runs once per event and must cost next to nothing: it bumps counters and looks at the clock
 * only every few hundred events.
 */
import { SingleBar } from 'cli-progress';
import type { ReplayInput } from './replay/input-files';

export interface ReplayProgress {
  /** Once per evaluated event, with the number of findings it raised. */
  tick(findings?: number): void;
  /** Input bytes consumed (as stored: compressed bytes for `.gz`). */
  addBytes(bytes: number): void;
  /** Total input bytes, once known (e.g. after listing S3). */
  setTotalBytes(bytes: number): void;
  /** Draws the final state and releases the terminal line. Idempotent. */
  stop(): void;
}

/** The progress of a run nobody watches. */
export const NO_PROGRESS: ReplayProgress = Object.freeze({
  tick: () => undefined,
  addBytes: () => undefined,
  setTotalBytes: () => undefined,
  stop: () => undefined,
});

export interface ProgressOptions {
  /** Where to draw. @default process.stderr */
  readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Total input bytes, when known up front. */
  readonly totalBytes?: number;
  /** False for `--quiet` / `--no-progress`. @default true */
  readonly enabled?: boolean;
  /** Minimum time between redraws. @default 100 */
  readonly intervalMs?: number;
  /** Clock in milliseconds, for tests. @default Date.now */
  readonly now?: () => number;
  /** The drawing, for tests. @default a cli-progress bar on `stream` */
  readonly bar?: ProgressBar;
  /**
   * Where Ctrl-C is watched while the bar is drawn. @default the process, when the bar is cli-progress's
   * (which hides the cursor: an interrupted run must give it back)
   */
  readonly interrupts?: InterruptSource;
}

/**
 * The part of `process` that delivers Ctrl-C and announces the exit (`process.exit`, as when stdout's
 * reader goes away), and a way to deliver Ctrl-C again.
 */
export interface InterruptSource {
  once(event: 'SIGINT' | 'exit', listener: () => void): unknown;
  removeListener(event: 'SIGINT' | 'exit', listener: () => void): unknown;
  /** Raise SIGINT again, with no listener left: the run ends as an interrupted one (exit status 130). */
  reraise(): void;
}

const PROCESS_INTERRUPTS: InterruptSource = {
  once: (event, listener) => process.once(event, listener),
  removeListener: (event, listener) => process.removeListener(event, listener),
  reraise: () => process.kill(process.pid, 'SIGINT'),
};

/** The part of a cli-progress bar this module drives. */
export interface ProgressBar {
  start(total: number, value: number, payload: ProgressPayload): void;
  update(value: number, payload: ProgressPayload): void;
  stop(): void;
}

export interface ProgressPayload {
  readonly bar: string;
  readonly bytes: string;
  readonly events: string;
  readonly rate: string;
  readonly findings: string;
  [key: string]: string;
}

/** Events between two looks at the clock: keeps `tick` to an increment and a mask test. */
const CLOCK_EVERY = 256;

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}

export function createProgress(options: ProgressOptions = {}): ReplayProgress {
  if (!isDrawn(options)) return NO_PROGRESS;
  return new TtyProgress(options.stream ?? process.stderr, options);
}

/** A bar is drawn only on a terminal, and not when disabled. */
function isDrawn(options: Pick<ProgressOptions, 'stream' | 'enabled'>): boolean {
  return options.enabled !== false && (options.stream ?? process.stderr).isTTY === true;
}

/**
 * Progress over a run's inputs, in stored bytes: the total is the local files' sizes, plus each S3
 * object's once its prefix is listed; a file (or object) counts as read at its last batch.
 */
export interface InputProgress {
  /** Ticked once per event (directly: no wrapper on the per-event path), stopped at the end. */
  readonly progress: ReplayProgress;
  /** For `SourceOptions.onS3Listed`. */
  readonly onS3Listed: (objects: readonly { readonly url: string; readonly bytes: number }[]) => void;
  /** The last batch of `file` (a path or an object's `s3://` URL) was taken. */
  readonly fileDone: (file: string) => void;
}

export function createInputProgress(
  inputs: readonly ReplayInput[],
  options: Omit<ProgressOptions, 'totalBytes'> = {},
): InputProgress {
  // Nobody watches: no sizes to look up (a file's size may cost a stat; a trail holds tens of thousands).
  if (!isDrawn(options))
    return { progress: NO_PROGRESS, onS3Listed: () => undefined, fileDone: () => undefined };
  const sizes = new Map<string, number>();
  let totalBytes = 0;
  for (const input of inputs) {
    if (input.kind !== 'file') continue;
    sizes.set(input.path, input.bytes);
    totalBytes += input.bytes;
  }
  const progress = createProgress({ ...options, totalBytes });
  return {
    progress,
    onS3Listed: (objects) => {
      for (const { url, bytes } of objects) {
        sizes.set(url, bytes);
        totalBytes += bytes;
      }
      progress.setTotalBytes(totalBytes);
    },
    fileDone: (file) => progress.addBytes(sizes.get(file) ?? 0),
  };
}

class TtyProgress implements ReplayProgress {
  private readonly bar: ProgressBar;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly started: number;
  private events = 0;
  private findings = 0;
  private bytes = 0;
  private totalBytes: number;
  private lastDraw = 0;
  private stopped = false;
  private readonly interrupts: InterruptSource | undefined;
  /** The process exits while the bar is up (stdout closed): restore the terminal (cursor, final line). */
  private readonly onExit = (): void => {
    this.stop();
    this.stream.write('\n');
  };
  /** Ctrl-C while the bar is up: restore the terminal, then let the signal end the run. */
  private readonly onInterrupt = (): void => {
    this.onExit();
    this.interrupts?.reraise();
  };

  constructor(
    private readonly stream: NodeJS.WritableStream,
    options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 100;
    this.started = this.now();
    this.totalBytes = options.totalBytes ?? 0;
    this.bar =
      options.bar ??
      new SingleBar({
        stream,
        format: (_options, _params, payload: ProgressPayload) =>
          `${payload.bar} ${payload.bytes} | ${payload.events}, ${payload.rate}/s | ${payload.findings}`,
        // We throttle ourselves; the bar's own timer would redraw an unchanged line.
        fps: 5,
        hideCursor: true,
        clearOnComplete: false,
      });
    this.bar.start(1, 0, this.payload());
    this.interrupts = options.interrupts ?? (options.bar ? undefined : PROCESS_INTERRUPTS);
    this.interrupts?.once('SIGINT', this.onInterrupt);
    this.interrupts?.once('exit', this.onExit);
  }

  tick(findings = 0): void {
    this.events += 1;
    this.findings += findings;
    if ((this.events & (CLOCK_EVERY - 1)) === 0) this.maybeDraw();
  }

  addBytes(bytes: number): void {
    this.bytes += bytes;
    this.maybeDraw();
  }

  setTotalBytes(bytes: number): void {
    this.totalBytes = bytes;
    this.maybeDraw();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.interrupts?.removeListener('SIGINT', this.onInterrupt);
    this.interrupts?.removeListener('exit', this.onExit);
    this.draw();
    this.bar.stop();
  }

  private maybeDraw(): void {
    if (this.stopped) return;
    const now = this.now();
    if (now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    this.draw();
  }

  private draw(): void {
    this.bar.update(this.fraction(), this.payload());
  }

  private fraction(): number {
    return this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 0;
  }

  private payload(): ProgressPayload {
    const seconds = Math.max(0.001, (this.now() - this.started) / 1000);
    const width = 24;
    const filled = Math.round(this.fraction() * width);
    return {
      bar: this.totalBytes > 0 ? `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]` : '',
      bytes:
        this.totalBytes > 0
          ? `${formatBytes(this.bytes)} / ${formatBytes(this.totalBytes)}`
          : `${formatBytes(this.bytes)} read`,
      events: `${this.events.toLocaleString('en-US')} event${this.events === 1 ? '' : 's'}`,
      rate: Math.round(this.events / seconds).toLocaleString('en-US'),
      findings: `${this.findings.toLocaleString('en-US')} finding${this.findings === 1 ? '' : 's'}`,
    };
  }
}
