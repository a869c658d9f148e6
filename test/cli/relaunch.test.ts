/**
 * Bulk commands on small machines run again under V8's single-threaded collector: when, with which
 * arguments, and that the child's end (exit code or signal) is the command's end.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  MAX_CORES_FOR_SINGLE_THREADED_GC,
  relaunchArguments,
  SINGLE_THREADED_GC,
} from '../../src/cli/relaunch';
import { ensureBuilt, REPO } from './commands/run-cli';

const SCRIPT = '/opt/leash/dist/src/cli/main.js';
const decide = (
  argv: string[],
  options: { cores?: number; env?: NodeJS.ProcessEnv; execArgv?: string[] } = {},
): string[] | undefined =>
  relaunchArguments({
    argv,
    execArgv: options.execArgv ?? [],
    env: options.env ?? {},
    cores: options.cores ?? 2,
    script: SCRIPT,
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

describe('runRelaunched', () => {
  beforeAll(ensureBuilt, 180_000);

  /**
   * A process that runs `child` (Node code) through runRelaunched, as the entry point does; resolves with
   * how it ended once `child` has printed "ready" and `act` was called on it.
   */
  function relaunched(
    child: string,
    act: (pid: number) => void = () => undefined,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
    const relaunch = join(REPO, 'dist', 'src', 'cli', 'relaunch.js');
    const parent = `require(${JSON.stringify(relaunch)}).runRelaunched(['-e', ${JSON.stringify(child)}], () => process.exit(99));`;
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
