#!/usr/bin/env node
/**
 * The `leash` command's entry point. Exit codes: 0 ok, 1 findings at `--fail-on` (or lint errors), 2 usage
 * or configuration, 3 an unexpected (internal) error, 141 stdout closed before the output ended.
 *
 * It loads nothing heavy until it knows this process does the work: a bulk command on a small machine runs
 * again in a child process with V8's single-threaded garbage collector (relaunch.ts).
 */
import { availableParallelism } from 'node:os';
import { relaunchArguments, runRelaunched } from './relaunch';
import { EXIT_INTERNAL, EXIT_OUTPUT_CLOSED } from './usage-error';

/** Ends the run quietly once stdout's reader is gone (`| head`), instead of a stack trace per write. */
export function exitWhenOutputCloses(
  stdout: NodeJS.EventEmitter,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(EXIT_OUTPUT_CLOSED);
  });
}

/** Runs the command in this process. */
function runHere(argv: readonly string[]): void {
  exitWhenOutputCloses(process.stdout);
  void import('./program').then(
    async ({ main }) => {
      process.exitCode = await main(argv);
    },
    (error: unknown) => {
      process.stderr.write(
        `leash: cannot load the program (${String(error)}) — run npm run build, or reinstall leash\n`,
      );
      process.exitCode = EXIT_INTERNAL;
    },
  );
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const relaunch = relaunchArguments({
    argv,
    execArgv: process.execArgv,
    env: process.env,
    cores: availableParallelism(),
    script: __filename,
  });
  if (relaunch) runRelaunched(relaunch, () => runHere(argv));
  else runHere(argv);
}
