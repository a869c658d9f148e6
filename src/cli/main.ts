#!/usr/bin/env node
/**
 * The `leash` command. Commands are thin (flags → modules); this file wires them together and turns
 * errors into exit codes: 0 ok, 1 findings at `--fail-on` (or lint errors), 2 usage or configuration,
 * 3 an unexpected (internal) error, 141 stdout closed before the output ended.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { baselineCommand } from './commands/baseline';
import type { CommandContext } from './commands/command-context';
import { explainCommand } from './commands/explain';
import { replayCommand } from './commands/replay';
import { EXIT_INTERNAL, EXIT_OUTPUT_CLOSED, EXIT_USAGE, UsageError } from './usage-error';

function toolVersion(): string {
  // dist/src/cli → repo root, or src/cli when run from source.
  for (const up of [
    ['..', '..', '..'],
    ['..', '..'],
  ]) {
    const file = join(__dirname, ...up, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'leash' && pkg.version) return pkg.version;
    }
  }
  return '0.0.0';
}

export function buildProgram(context: CommandContext): Command {
  const program = new Command('leash')
    .description(
      'Keep AI agents on a leash in AWS: judge every call an agent role makes against its baseline.',
    )
    .version(context.version)
    .addHelpText(
      'after',
      `
Examples:
  $ leash replay examples/scenario --baselines examples/baselines
  $ leash explain record.json --agent '*=permissive'
  $ leash baseline generate --from ./trail --principal 'arn:aws:iam::111122223333:role/ci-fixer' --out ci-fixer.yaml
  $ leash baseline lint baselines/`,
    );
  program.addCommand(replayCommand(context));
  program.addCommand(explainCommand(context));
  program.addCommand(baselineCommand(context));
  // Every command (and subcommand) reports errors through CommanderError instead of exiting itself.
  const configure = (command: Command): void => {
    command.exitOverride();
    command.showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const context: CommandContext = {
    version: toolVersion(),
    stderr: (line) => process.stderr.write(`${line}\n`),
    exitCode: 0,
  };
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander refuses is a usage error.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      context.stderr(error.message);
      return EXIT_USAGE;
    }
    context.stderr(
      `leash: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_INTERNAL;
  }
}

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

if (require.main === module) {
  exitWhenOutputCloses(process.stdout);
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
