/**
 * Bulk commands on small machines run again under V8's single-threaded collector: when, with which
 * arguments, and that the child's end (exit code or signal) is the command's end.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  inputBytes,
  MAX_CORES_FOR_SINGLE_THREADED_GC,
  relaunchArguments,
  SINGLE_THREADED_GC,
} from '../../src/cli/relaunch';
import { BULK_INPUT_BYTES } from '../../src/cli/bulk-input';
import { ensureBuilt, REPO } from './commands/run-cli';

const SCRIPT = '/opt/leash/dist/src/cli/main.js';
const decide = (
  argv: string[],
  options: { cores?: number; env?: NodeJS.ProcessEnv; execArgv?: string[]; bytes?: number } = {},
): string[] | undefined =>
  relaunchArguments({
    argv,
    execArgv: options.execArgv ?? [],
    env: options.env ?? {},
    cores: options.cores ?? 2,
    script: SCRIPT,
    inputBytes: () => options.bytes ?? BULK_INPUT_BYTES,
  });

describe('relaunchArguments', () => {
  it('runs replay and baseline generate again with the flag, keeping node options and arguments', () => {
    expect(
      decide(['replay', 'logs/', '--format', 'jsonl'], { execArgv: ['--max-old-space-size=4096'] }),
    ).toEqual([
      '--max-old-space-size=4096',
      SINGLE_THREADED_GC,
      SCRIPT,
      'replay',
      'logs/',
      '--format',
      'jsonl',
    ]);
    expect(decide(['baseline', 'generate', '--from', 'logs/', '--principal', '*'])).toEqual([
      SINGLE_THREADED_GC,
      SCRIPT,
      'baseline',
      'generate',
      '--from',
      'logs/',
      '--principal',
      '*',
    ]);
  });

  it('leaves the other commands, help and version in this process', () => {
    for (const argv of [
      ['explain', 'record.json'],
      ['baseline', 'lint', 'baselines/'],
      ['replay', '--help'],
      ['baseline', 'generate', '-h'],
      ['--version'],
      [],
    ]) {
      expect(decide(argv)).toBeUndefined();
    }
  });

  it('keeps a small input in this process: a second one would cost more than it saves', () => {
    expect(decide(['replay', 'one-file.json'], { bytes: BULK_INPUT_BYTES - 1 })).toBeUndefined();
    expect(decide(['replay', 'x'], { bytes: 1, env: { LEASH_SINGLE_THREADED_GC: '1' } })).toBeDefined();
  });

  it('sizes the operands only, not the command words', () => {
    const seen: (readonly string[])[] = [];
    relaunchArguments({
      argv: ['baseline', 'generate', '--from', 'trail/', '--principal', '*'],
      execArgv: [],
      env: {},
      cores: 2,
      script: SCRIPT,
      inputBytes: (operands) => {
        seen.push(operands);
        return 0;
      },
    });
    expect(seen).toEqual([['--from', 'trail/', '--principal', '*']]);
  });

  it('keeps V8 defaults with more cores than a replay keeps busy, unless asked', () => {
    expect(decide(['replay', 'x'], { cores: MAX_CORES_FOR_SINGLE_THREADED_GC })).toBeDefined();
    expect(decide(['replay', 'x'], { cores: MAX_CORES_FOR_SINGLE_THREADED_GC + 1 })).toBeUndefined();
    expect(decide(['replay', 'x'], { cores: 16, env: { LEASH_SINGLE_THREADED_GC: '1' } })).toBeDefined();
    expect(decide(['replay', 'x'], { cores: 2, env: { LEASH_SINGLE_THREADED_GC: '0' } })).toBeUndefined();
  });

  it('stays in a process being debugged', () => {
    expect(decide(['replay', 'x'], { execArgv: ['--inspect-brk'] })).toBeUndefined();
    expect(decide(['replay', 'x'], { env: { NODE_OPTIONS: '--inspect=9230' } })).toBeUndefined();
  });

  it('never relaunches a process that already has the flag (the child, or a user who set it)', () => {
    expect(decide(['replay', 'x'], { execArgv: [SINGLE_THREADED_GC] })).toBeUndefined();
    expect(decide(['replay', 'x'], { execArgv: ['--single_threaded_gc'] })).toBeUndefined();
    expect(
      decide(['replay', 'x'], { env: { NODE_OPTIONS: '--max-old-space-size=512 --single-threaded-gc' } }),
    ).toBeUndefined();
  });
});

describe('inputBytes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leash-relaunch-'));
    mkdirSync(join(dir, 'trail', 'eu-west-1'), { recursive: true });
    writeFileSync(join(dir, 'trail', 'a.json.gz'), Buffer.alloc(3_000));
    writeFileSync(join(dir, 'trail', 'eu-west-1', 'b.json.gz'), Buffer.alloc(4_000));
    writeFileSync(join(dir, 'one.json'), Buffer.alloc(500));
    // A folder that contains itself: the count must still end.
    symlinkSync(join(dir, 'trail'), join(dir, 'trail', 'eu-west-1', 'loop'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds up the files named and those under the folders named, up to the limit', () => {
    expect(inputBytes([join(dir, 'one.json')], 1_000_000)).toBe(500);
    expect(inputBytes([join(dir, 'one.json'), '--format', 'jsonl', join(dir, 'missing')], 1_000_000)).toBe(
      500,
    );
    expect(inputBytes([join(dir, 'trail')], 5_000)).toBeGreaterThanOrEqual(5_000);
    // The loop ends (the system refuses paths past 40 links) having counted the real files at least.
    expect(inputBytes([join(dir, 'trail')], Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(7_000);
  });

  it('counts a folder of thousands of files as large without looking at each', () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 4_100; i++) writeFileSync(join(many, `f-${i}.json.gz`), '');
    expect(inputBytes([many], 1_000)).toBe(1_000);
  });

  it('counts an S3 prefix as large', () => {
    expect(inputBytes(['s3://trail-bucket/AWSLogs/'], 42)).toBe(42);
  });
});

describe('runRelaunched', () => {
  beforeAll(ensureBuilt, 180_000);

  type Ending = { code: number | null; signal: NodeJS.Signals | null; stdout: string };

  /**
   * A process that calls runRelaunched with `child` (Node code) as the child's program, as the entry point
   * does, and `fallback` (Node code) as the work done in the process itself; resolves with how it ended,
   * after calling `act` on it once its output says "ready".
   */
  function relaunched(
    child: string,
    act: (pid: number) => void = () => undefined,
    options: { fallback?: string; node?: string } = {},
  ): Promise<Ending> {
    const relaunch = JSON.stringify(join(REPO, 'dist', 'src', 'cli', 'relaunch.js'));
    const fallback = options.fallback ?? 'process.exit(99)';
    const node = options.node === undefined ? '' : `, ${JSON.stringify(options.node)}`;
    const parent = `require(${relaunch}).runRelaunched(['-e', ${JSON.stringify(child)}], () => { ${fallback} }${node});`;
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, ['-e', parent], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready')) act(proc.pid as number);
      });
      proc.on('error', reject);
      proc.on('close', (code, signal) => resolve({ code, signal, stdout }));
    });
  }

  it('does the work in this process when the child cannot be started', async () => {
    const run = await relaunched('0', undefined, {
      fallback: "process.stdout.write('ran here'); process.exitCode = 5;",
      node: '/nonexistent/node',
    });
    expect(run).toEqual({ code: 5, signal: null, stdout: 'ran here' });
  });

  it('ends with the child’s exit code, its output passed through', async () => {
    const run = await relaunched("process.stdout.write('ready report'); process.exitCode = 7;");
    expect(run).toEqual({ code: 7, signal: null, stdout: 'ready report' });
  });

  it('passes SIGINT sent to it alone on to the child, and ends as the child ends', async () => {
    // The child handles Ctrl-C as a replay does: cleans up, then exits 130.
    const handled = await relaunched(
      "process.on('SIGINT', () => process.exit(130)); process.stdout.write('ready'); setInterval(() => {}, 1000);",
      (pid) => process.kill(pid, 'SIGINT'),
    );
    expect(handled).toMatchObject({ code: 130, signal: null });
    // A child killed by the signal: this process is killed by the same signal, as the shell would show.
    const killed = await relaunched("process.stdout.write('ready'); setInterval(() => {}, 1000);", (pid) =>
      process.kill(pid, 'SIGTERM'),
    );
    expect(killed).toMatchObject({ code: null, signal: 'SIGTERM' });
  }, 20_000);
});
