/**
 * Runs a bulk command (`replay`, `baseline generate`) in a child Node process started with V8's
 * single-threaded garbage collector, on machines with few cores.
 *
 * Why: a replay keeps every core busy (a read worker and the engine thread), and V8's default collector
 * adds helper threads that then compete with them. On the two-core development machine the same 1 GB replay
 * took 4–17 % less time and CPU with `--single-threaded-gc`, 11 % on average (six paired runs, every pair
 * faster). The flag only takes effect when Node starts: set later, V8 crashed in concurrent marking. With
 * more cores the helpers run on idle ones, so V8's defaults stay.
 *
 * Small inputs stay in this process: starting a second one costs about a tenth of a second, more than the
 * collector saves on a replay of a few megabytes.
 *
 * `LEASH_SINGLE_THREADED_GC=0` keeps V8's defaults; `=1` relaunches whatever the core count and input size.
 */
import { spawn } from 'node:child_process';
import { opendirSync, statSync, type Dir } from 'node:fs';
import { join } from 'node:path';
import { BULK_INPUT_BYTES } from './bulk-input';

export const SINGLE_THREADED_GC = '--single-threaded-gc';

/** At most this many cores: a replay's threads (one or two read workers and the engine thread) fill them. */
export const MAX_CORES_FOR_SINGLE_THREADED_GC = 3;

export interface RelaunchContext {
  /** The command line after the script (`process.argv.slice(2)`). */
  readonly argv: readonly string[];
  /** Node's own options this process was started with. */
  readonly execArgv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cores: number;
  /** The entry script to run again. */
  readonly script: string;
  /** How many bytes the local paths among `argv` hold, counted up to `limit` (see `inputBytes`). */
  readonly inputBytes?: (argv: readonly string[], limit: number) => number;
}

/** Node's arguments for the child process, or undefined when this process should do the work itself. */
export function relaunchArguments(context: RelaunchContext): string[] | undefined {
  const { argv, execArgv, env, cores, script } = context;
  const setting = env.LEASH_SINGLE_THREADED_GC;
  if (setting === '0') return undefined;
  const command = bulkCommandWords(argv);
  if (command === undefined || argv.includes('--help') || argv.includes('-h')) return undefined;
  // Already set (this is the child, or the user asked for it): never relaunch twice.
  const nodeOptions = (env.NODE_OPTIONS ?? '').split(/\s+/);
  if ([...execArgv, ...nodeOptions].some(isSingleThreadedGcFlag)) return undefined;
  // A debugger attached to this process would see a process that only waits (and the child's inspector
  // would find the port taken).
  if ([...execArgv, ...nodeOptions].some((arg) => arg.startsWith('--inspect'))) return undefined;
  if (setting !== '1') {
    if (cores > MAX_CORES_FOR_SINGLE_THREADED_GC) return undefined;
    const operands = argv.filter((_, i) => !command.includes(i));
    const bytes = (context.inputBytes ?? inputBytes)(operands, BULK_INPUT_BYTES);
    if (bytes < BULK_INPUT_BYTES) return undefined;
  }
  return [...execArgv, SINGLE_THREADED_GC, script, ...argv];
}

/**
 * Where `replay …` or `baseline generate …` (the commands that read logs in bulk) names its command: the
 * indexes of those words in `argv`, or undefined for any other command. Options may come first.
 */
function bulkCommandWords(argv: readonly string[]): number[] | undefined {
  const words = argv.flatMap((arg, i) => (arg.startsWith('-') ? [] : [i]));
  if (argv[words[0]] === 'replay') return [words[0]];
  if (argv[words[0]] === 'baseline' && argv[words[1]] === 'generate') return [words[0], words[1]];
  return undefined;
}

/** Entries looked at before a folder counts as large whatever its sizes (thousands of delivery files are). */
const MAX_ENTRIES_COUNTED = 4096;

/**
 * Bytes in the files and folders (walked) that the arguments name, stopping once `limit` is reached. Every
 * argument that exists counts — an option's value such as a baselines folder is small, and counting it
 * saves parsing the command line before the program loads. An `s3://` prefix counts as `limit`.
 */
export function inputBytes(argv: readonly string[], limit: number): number {
  let bytes = 0;
  let entries = 0;
  const visit = (path: string): void => {
    if (bytes >= limit) return;
    if (++entries > MAX_ENTRIES_COUNTED) {
      bytes = limit;
      return;
    }
    let info;
    try {
      info = statSync(path);
    } catch {
      return; // Missing or unreadable: the command reports it.
    }
    if (info.isFile()) bytes += info.size;
    else if (info.isDirectory()) {
      // Entry by entry, not the whole listing: a trail's folder holds tens of thousands of files, and the
      // limit is usually reached within the first thousand.
      let dir: Dir;
      try {
        dir = opendirSync(path);
      } catch {
        return;
      }
      try {
        for (let entry = dir.readSync(); entry !== null && bytes < limit; entry = dir.readSync()) {
          visit(join(path, entry.name));
        }
      } catch {
        // Unreadable part-way: what was counted stands.
      } finally {
        dir.closeSync();
      }
    }
  };
  for (const arg of argv) {
    if (arg.startsWith('s3://')) return limit;
    if (!arg.startsWith('-')) visit(arg);
  }
  return bytes;
}

function isSingleThreadedGcFlag(arg: string): boolean {
  return arg.replace(/_/g, '-') === SINGLE_THREADED_GC;
}

/** Signals a user or a supervisor sends to stop the command: passed on to the child, which cleans up. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `node <args>` with this process's standard streams and ends this process as the child ended: with
 * its exit code, or killed by the same signal (so a shell sees 130 after Ctrl-C, as without the relaunch).
 * Calls `fallback` instead when the child cannot be started at all.
 */
export function runRelaunched(
  args: readonly string[],
  fallback: () => void,
  node: string = process.execPath,
): void {
  const child = spawn(node, [...args], { stdio: 'inherit' });
  // Ctrl-C reaches the child from the terminal too; a signal sent to this process alone must reach it as well.
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const stopForwarding = (): void => {
    for (const signal of FORWARDED_SIGNALS) process.removeListener(signal, forward);
  };
  let started = false;
  child.once('spawn', () => (started = true));
  child.once('error', () => {
    // Only a child that never started is run here instead; one that did has run the command.
    if (started) return;
    stopForwarding();
    fallback();
  });
  child.once('exit', (code, signal) => {
    stopForwarding();
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
