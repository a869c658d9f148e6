/** `leash explain`: flags in, one explanation out. */
import { Command, Option } from 'commander';
import { collect, type CommandContext } from './command-context';

interface ExplainFlags {
  readonly baseline?: string;
  readonly agent: string[];
  readonly index: string;
  readonly format: 'text' | 'json';
}

export function explainCommand(context: CommandContext): Command {
  return new Command('explain')
    .summary('show the whole reasoning for one CloudTrail event')
    .description(
      'Explains how Leash judges one event: the identity, the IAM action and its access level, which baseline ' +
        'statement allows it or why none does, what each detector concluded, and the response plan.\n\n' +
        "Without --baseline or ./baselines, every principal is judged against the builtin 'permissive' baseline.",
    )
    .argument(
      '<record>',
      'a file holding the record (a CloudTrail record, an S3 delivery file, JSON lines, .gz)',
    )
    .option('--baseline <dir|file>', 'baseline files (default: ./baselines)')
    .option('--baselines <dir|file>', 'same as --baseline')
    .option(
      '--agent <glob=baseline>',
      "bind principals to a baseline ('*=permissive'); repeatable",
      collect,
      [],
    )
    .option('--index <n>', 'which record of the file to explain (0-based)', '0')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ leash explain record.json --baseline baselines/ci-fixer.yaml
  $ leash explain trail/111122223333_CloudTrail_us-east-1_20260105T1200Z_abc.json.gz --index 7 --agent '*=permissive'
  $ leash explain record.json --format json | jq .detectors`,
    )
    .action(async (record: string, flags: ExplainFlags & { baselines?: string }) => {
      const { explainRecordFile } = await import('../explain/explain-file');
      context.exitCode = await explainRecordFile(
        {
          file: record,
          baselinesPath: flags.baseline ?? flags.baselines,
          agents: flags.agent,
          index: flags.index,
          format: flags.format,
        },
        context.stderr,
      );
    });
}
