/**
 * The `leash` program: commands are thin (flags → modules); this wires them together and turns errors
 * into exit codes. Loaded by the entry point (main.ts) only in the process that does the work.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { baselineCommand } from './commands/baseline';
import type { CommandContext } from './commands/command-context';
import { explainCommand } from './commands/explain';
import { replayCommand } from './commands/replay';
import { EXIT_INTERNAL, EXIT_USAGE, UsageError } from './usage-error';

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
