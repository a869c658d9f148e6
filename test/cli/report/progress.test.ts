import { Writable } from 'node:stream';
import {
  createInputProgress,
  createProgress,
  formatBytes,
  NO_PROGRESS,
  type InterruptSource,
  type ProgressBar,
  type ProgressPayload,
} from '../../../src/cli/progress';

class FakeTty extends Writable {
  readonly isTTY: boolean = true;
  readonly columns = 200;
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

class RecordingBar implements ProgressBar {
  readonly updates: { value: number; payload: ProgressPayload }[] = [];
  stops = 0;
  start(_total: number, value: number, payload: ProgressPayload): void {
    this.updates.push({ value, payload });
  }
  update(value: number, payload: ProgressPayload): void {
    this.updates.push({ value, payload });
  }
  stop(): void {
    this.stops += 1;
  }
}

/** Ctrl-C and the exit, delivered by hand. */
class FakeInterrupts implements InterruptSource {
  readonly listeners = new Map<'SIGINT' | 'exit', () => void>();
  reraised = 0;
  get listener(): (() => void) | undefined {
    return this.listeners.get('SIGINT');
  }
  once(event: 'SIGINT' | 'exit', listener: () => void): void {
    this.listeners.set(event, listener);
  }
  removeListener(event: 'SIGINT' | 'exit', listener: () => void): void {
    if (this.listeners.get(event) === listener) this.listeners.delete(event);
  }
  reraise(): void {
    this.reraised += 1;
  }
}

describe('replay progress', () => {
  it('gives the terminal back on Ctrl-C (final line, cursor), then lets the signal end the run', () => {
    const bar = new RecordingBar();
    const interrupts = new FakeInterrupts();
    const stream = new FakeTty();
    createProgress({ stream, totalBytes: 10, bar, interrupts }).tick(1);
    expect(interrupts.listener).toBeDefined();
    interrupts.listener?.();
    expect(bar.stops).toBe(1);
    expect(stream.text).toBe('\n');
    expect(interrupts.reraised).toBe(1);
  });

  it('gives the terminal back when the process exits with the bar up (stdout closed by | head)', () => {
    const bar = new RecordingBar();
    const interrupts = new FakeInterrupts();
    const stream = new FakeTty();
    createProgress({ stream, totalBytes: 10, bar, interrupts });
    interrupts.listeners.get('exit')?.();
    expect(bar.stops).toBe(1);
    expect(stream.text).toBe('\n');
    expect(interrupts.reraised).toBe(0);
  });

  it('stops watching Ctrl-C and the exit once stopped', () => {
    const interrupts = new FakeInterrupts();
    const progress = createProgress({ stream: new FakeTty(), bar: new RecordingBar(), interrupts });
    progress.stop();
    expect([...interrupts.listeners.keys()]).toEqual([]);
    expect(interrupts.reraised).toBe(0);
  });

  it('is a no-op when stderr is not a TTY, or when disabled', () => {
    const piped = new FakeTty();
    Object.defineProperty(piped, 'isTTY', { value: false });
    expect(createProgress({ stream: piped })).toBe(NO_PROGRESS);
    expect(createProgress({ stream: new FakeTty(), enabled: false })).toBe(NO_PROGRESS);
  });

  it('looks at the clock only every few hundred ticks and redraws at most once per interval', () => {
    const bar = new RecordingBar();
    let clockReads = 0;
    let t = 0;
    const now = (): number => {
      clockReads += 1;
      return t;
    };
    const progress = createProgress({ stream: new FakeTty(), totalBytes: 4096, now, intervalMs: 100, bar });
    const readsAfterStart = clockReads;
    for (let i = 0; i < 100_000; i += 1) {
      // The clock moves 1 ms every 100 events: 1 s over the loop, so at most ~10 redraws.
      if (i % 100 === 0) t += 1;
      progress.tick(i % 1000 === 0 ? 1 : 0);
    }
    expect(clockReads - readsAfterStart).toBeLessThan(1000);
    expect(bar.updates.length).toBeGreaterThan(2);
    expect(bar.updates.length).toBeLessThanOrEqual(12);
    t += 1000;
    progress.addBytes(2048);
    progress.stop();
    progress.stop();
    expect(bar.stops).toBe(1);
    const last = bar.updates.at(-1)!;
    expect(last.value).toBe(0.5);
    expect(last.payload).toMatchObject({
      bytes: '2.0 KiB / 4.0 KiB',
      events: '100,000 events',
      findings: '100 findings',
    });
  });

  it('draws with cli-progress on a TTY', () => {
    const stream = new FakeTty();
    const progress = createProgress({ stream, totalBytes: 1000 });
    try {
      progress.addBytes(250);
      progress.tick(1);
    } finally {
      progress.stop();
    }
    expect(stream.text).toContain('250 B / 1000 B');
    expect(stream.text).toContain('1 event, ');
    expect(stream.text).toContain('1 finding');
  });

  it('measures a run over its inputs: local sizes up front, S3 sizes once listed, a file done at its end', () => {
    const bar = new RecordingBar();
    const { progress, onS3Listed, fileDone } = createInputProgress(
      [
        { kind: 'file', path: 'a.json', bytes: 1024 },
        { kind: 's3', url: 's3://b/p', bucket: 'b', prefix: 'p' },
      ],
      { stream: new FakeTty(), intervalMs: 0, bar },
    );
    onS3Listed([{ url: 's3://b/p/x.json.gz', bytes: 3072 }]);
    fileDone('a.json');
    expect(bar.updates.at(-1)?.payload.bytes).toBe('1.0 KiB / 4.0 KiB');
    fileDone('s3://b/p/x.json.gz');
    progress.stop();
    expect(bar.updates.at(-1)?.value).toBe(1);
  });

  it('asks no input for its size when no bar is drawn (piped, or --no-progress)', () => {
    const unsized = {
      kind: 'file' as const,
      path: 'a.json',
      get bytes(): number {
        throw new Error('size asked for');
      },
    };
    const piped = new FakeTty();
    Object.defineProperty(piped, 'isTTY', { value: false });
    for (const options of [{ stream: new FakeTty(), enabled: false }, { stream: piped }]) {
      const { progress, onS3Listed, fileDone } = createInputProgress([unsized], options);
      expect(progress).toBe(NO_PROGRESS);
      onS3Listed([{ url: 's3://b/p/x.json.gz', bytes: 3072 }]);
      fileDone('a.json');
    }
  });

  it('formats byte counts for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MiB');
  });
});
