/**
 * `leash replay`: flags in, `runReplay` out. The replay's modules load when the command runs, so `--help`
 * and the other commands do not wait for them.
 */
import { Command, Option } from 'commander';
import { DEFAULT_BASELINES_DIR } from '../default-baselines';
import { REPORT_FORMATS } from '../report/report-formats';
import type { ReplayOptions } from '../replay/run-replay';
import { timeOption } from '../replay/time-options';
import { SEVERITIES } from '../../core/model';
import { collect, type CommandContext } from './command-context';

/**
 * What commander hands the action: the replay's options under their flag names. `since`/`until` are already
 * milliseconds (`timeOption`), the severities checked against SEVERITIES (`.choices`). A type import only:
 * the replay's modules still load when the command runs.
 */
type ReplayFlags = Pick<
  ReplayOptions,
  'since' | 'until' | 'minSeverity' | 'failOn' | 'format' | 'out' | 'progress'
> & {
  readonly baselines?: string;
  readonly agent: string[];
};

export function replayCommand(context: CommandContext): Command {
  return new Command('replay')
    .summary('judge past CloudTrail logs against the agents’ baselines and report what Leash would have done')
    .description(
      'Replays CloudTrail logs through the Leash core with no AWS account: S3 delivery files (.json, .json.gz), ' +
        'JSON arrays, JSON lines and EventBridge events, in files, directories (recursively) or s3://bucket/prefix ' +
        '(read with the default AWS credential chain). Unreadable inputs are reported on stderr and skipped.',
    )
    .argument('<inputs...>', 'files, directories or s3://bucket/prefix locations')
    .option('--baselines <dir|file>', `baseline files (default: ${DEFAULT_BASELINES_DIR})`)
    .option(
      '--agent <glob=baseline>',
      "bind principals to a baseline: '<principal ARN glob>=<baseline name or file>' ('*' = every principal; builtin: permissive); repeatable",
      collect,
      [],
    )
    .option(
      '--since <time>',
      'only events at or after this time (ISO 8601, or 24h / 7d back from now)',
      timeOption('--since'),
    )
    .option(
      '--until <time>',
      'only events before this time (ISO 8601, or 24h / 7d back from now)',
      timeOption('--until'),
    )
    .addOption(
      new Option('--min-severity <severity>', 'leave lower-severity findings out of the report').choices(
        SEVERITIES,
      ),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit with code 1 when a finding at or above this severity exists (for CI)',
      ).choices(SEVERITIES),
    )
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--no-progress', 'never draw the progress bar (it is only drawn on a terminal anyway)')
    .addHelpText(
      'after',
      `
Examples:
  $ leash replay examples/scenario --baselines examples/baselines
  $ aws s3 sync s3://my-trail-bucket/AWSLogs/111122223333/CloudTrail/ ./trail
  $ leash replay ./trail --agent 'arn:aws:iam::111122223333:role/agents/*=ci-fixer' --fail-on high
  $ leash replay ./trail --agent '*=permissive' --format jsonl --since 7d > findings.jsonl

Exit codes: 0 done, 1 a finding at or above --fail-on, 2 usage, baseline or input error, 141 stdout
closed early (e.g. | head).
jsonl: one finding per line on stdout (eventID, eventTime, principal, agent, category, detector, severity,
action, eventName, errorCode, response, …); the summary goes to stderr.`,
    )
    .action(async (inputs: string[], flags: ReplayFlags) => {
      const { runReplay } = await import('../replay/run-replay');
      context.exitCode = await runReplay(
        {
          inputs,
          baselinesPath: flags.baselines,
          agents: flags.agent,
          since: flags.since,
          until: flags.until,
          minSeverity: flags.minSeverity,
          failOn: flags.failOn,
          format: flags.format,
          out: flags.out,
          progress: flags.progress,
          toolVersion: context.version,
        },
        context.stderr,
      );
    });
}
