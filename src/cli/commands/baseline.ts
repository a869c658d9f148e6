/** `leash baseline generate | lint`: flags in, modules out. */
import { Command } from 'commander';
import { timeOption } from '../replay/time-options';
import { EXIT_FINDINGS, EXIT_OK } from '../usage-error';
import type { CommandContext } from './command-context';

interface GenerateFlags {
  readonly from: string[];
  readonly principal: string;
  readonly name?: string;
  readonly out?: string;
  /** Milliseconds: parsed by `timeOption`. */
  readonly since?: number;
  readonly until?: number;
  readonly region?: string[];
}

function generateCommand(context: CommandContext): Command {
  return new Command('generate')
    .summary('write a least-privilege baseline from what an agent actually did')
    .description(
      'Learns a baseline from CloudTrail history: the exact actions the principal used (chained sessions ' +
        'included), resources widened only where many were seen, the regions and accounts seen, and rate limits ' +
        'at twice the observed peaks. Sensitive and always-refused actions get statements of their own marked ' +
        "REVIEW. '--from cloudtrail' reads the account's 90-day event history (LookupEvents, default AWS " +
        'credential chain); anything else is log files, directories or s3://bucket/prefix.',
    )
    .requiredOption('--from <logs...>', "log files, directories, s3://bucket/prefix, or 'cloudtrail'")
    .requiredOption('--principal <arn-glob>', 'the agent: a principal ARN or ARN glob')
    .option('--name <name>', 'baseline name (default: from the role name)')
    .option('--out <file>', 'write the baseline here instead of stdout')
    .option(
      '--since <time>',
      'only history at or after this time (ISO 8601, or 24h / 30d back from now)',
      timeOption('--since'),
    )
    .option('--until <time>', 'only history before this time', timeOption('--until'))
    .option(
      '--region <regions...>',
      "with '--from cloudtrail': the regions whose event history to read (each region keeps its own; default: " +
        'the configured region and us-east-1, where IAM and other global services record their calls)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ leash baseline generate --from ./trail --principal 'arn:aws:iam::111122223333:role/agents/ci-fixer' --out baselines/ci-fixer.yaml
  $ leash baseline generate --from cloudtrail --principal 'arn:aws:iam::111122223333:role/ops-bot' --since 30d
  $ leash baseline generate --from cloudtrail --region us-east-1 eu-west-1 --principal 'arn:aws:iam::111122223333:role/ops-bot'
  $ leash baseline lint baselines/ && leash replay ./trail --baselines baselines/`,
    )
    .action(async (flags: GenerateFlags) => {
      const { generateBaseline } = await import('../generate/generate-baseline');
      context.exitCode = await generateBaseline(
        {
          from: flags.from,
          principal: flags.principal,
          name: flags.name,
          out: flags.out,
          since: flags.since,
          until: flags.until,
          regions: flags.region,
        },
        context.stderr,
      );
    });
}

function lintCommand(context: CommandContext): Command {
  return new Command('lint')
    .summary('check baseline files: errors and warnings as file:line: message')
    .description(
      'Checks baseline files (directories are searched for .yaml, .yml and .json) against the schema and the IAM ' +
        'catalog. Prints one `file:line: message` per problem; exits 1 when there is an error, 0 with only warnings.',
    )
    .argument('<paths...>', 'baseline files or directories')
    .addHelpText(
      'after',
      `
Examples:
  $ leash baseline lint baselines/
  $ leash baseline lint baselines/ci-fixer.yaml baselines/ops-bot.yaml`,
    )
    .action(async (paths: string[]) => {
      const [{ formatDiagnostic, loadBaselines }, { loadActionCatalog }] = await Promise.all([
        import('../../core/baseline'),
        import('../../core/catalog/iam-catalog'),
      ]);
      const catalog = await loadActionCatalog();
      const result = loadBaselines(paths, catalog);
      const diagnostics = [...result.errors, ...result.warnings].sort((a, b) =>
        a.file !== b.file ? (a.file < b.file ? -1 : 1) : (a.line ?? 0) - (b.line ?? 0),
      );
      for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
      const errors = result.errors.length;
      const warnings = result.warnings.length;
      context.stderr(
        `${result.baselines.length} baseline${result.baselines.length === 1 ? '' : 's'} checked: ` +
          `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      );
      context.exitCode = errors > 0 ? EXIT_FINDINGS : EXIT_OK;
    });
}

export function baselineCommand(context: CommandContext): Command {
  return new Command('baseline')
    .summary('generate and lint baselines')
    .addCommand(generateCommand(context))
    .addCommand(lintCommand(context))
    .addHelpText(
      'after',
      `
Examples:
  $ leash baseline generate --from ./trail --principal 'arn:aws:iam::111122223333:role/ci-fixer'
  $ leash baseline lint baselines/`,
    );
}
