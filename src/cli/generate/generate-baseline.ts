/**
 * `leash baseline generate`: replays history through the engine with the principal bound to an
 * observe-only baseline, so exactly the calls the engine would attribute to the agent (chained sessions
 * included) shape the baseline; then writes it as YAML and checks that it parses cleanly.
 */
import type { CloudTrailEventHistorySource } from '../../adapters/cloudtrail-event-history';
import { formatDiagnostic, parseBaseline, permissiveBaseline } from '../../core/baseline';
import { loadActionCatalog, type ActionCatalog } from '../../core/catalog/iam-catalog';
import { isSensitiveAction } from '../../core/catalog/sensitive-actions';
import { errorMessage } from '../../core/input/error-details';
import { compareEvents } from '../../core/engine/reorder-buffer';
import { LeashCore } from '../../core/leash-core';
import type { LeashEvent, Verdict } from '../../core/model';
import type { EventNormalizer } from '../../core/normalize/normalize-record';
import { problemLines } from '../problem-lines';
import { createInputProgress } from '../progress';
import { plural, printable } from '../report/summary-lines';
import { listReplayInputs } from '../replay/input-files';
import { checkOutFileDirectory, writeOutFile } from '../replay/output';
import { replayBatches } from '../replay/replay-sources';
import { EXIT_OK, UsageError } from '../usage-error';
import { renderBaselineYaml } from './baseline-yaml';
import { ObservedHistory, type ObservedAction } from './observed-history';
import { globalEventsRegion, isRegionName } from '../../core/regions';

export interface GenerateBaselineOptions {
  /** Log paths, or the single word `cloudtrail` for the account's event history. */
  readonly from: readonly string[];
  readonly principal: string;
  readonly name?: string;
  readonly out?: string;
  readonly since?: number;
  readonly until?: number;
  /**
   * With `from: ['cloudtrail']`, the regions whose event history is read (each region keeps its own).
   * @default the configured region and the region of its partition where global services record calls
   */
  readonly regions?: readonly string[];
}

const ARN_GLOB = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:./;

/** A baseline name from the principal: `arn:…:role/agents/CI_Fixer` → `ci-fixer`. */
export function nameFromPrincipal(principal: string): string {
  const last = principal.slice(principal.lastIndexOf('/') + 1).replace(/\*/g, '');
  const name = last
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'generated-agent' : name;
}

export async function generateBaseline(
  options: GenerateBaselineOptions,
  stderr: (line: string) => void,
): Promise<number> {
  if (options.principal !== '*' && !ARN_GLOB.test(options.principal)) {
    throw new UsageError(
      `--principal '${options.principal}': expected a principal ARN or ARN glob, e.g. 'arn:aws:iam::111122223333:role/ci-fixer'`,
    );
  }
  const name = options.name ?? nameFromPrincipal(options.principal);
  if (!/^[a-z0-9-]+$/.test(name))
    throw new UsageError(`--name '${name}': use only lower-case letters, digits and hyphens`);
  const fromCloudTrail = options.from.length === 1 && options.from[0] === 'cloudtrail';
  if (!fromCloudTrail && options.regions !== undefined && options.regions.length > 0) {
    throw new UsageError(
      "--region applies only to '--from cloudtrail' (log files carry their regions) — leave it out",
    );
  }
  // Before reading what may be months of history, not after.
  if (options.out) checkOutFileDirectory(options.out);

  const catalog = await loadActionCatalog();
  const observer = permissiveBaseline();
  const core = new LeashCore({
    catalog,
    baselines: [observer],
    overrides: [{ principalGlob: options.principal, baseline: observer.name }],
  });
  const history = new ObservedHistory();
  const emit = (verdict: Verdict): void => history.add(verdict.event, verdict.agent.principalArn);

  let source: string;
  if (fromCloudTrail) {
    const { regions, history: gathered } = await readEventHistory(options, core.normalizer);
    source = `the CloudTrail event history of ${regions.join(', ')}`;
    reportUnreadable(gathered.errors, stderr);
    for (const reason of gathered.malformed) core.noteMalformed(`cloudtrail: ${reason}`);
    for (const event of gathered.events) core.engine.push(event, emit);
  } else {
    source = options.from.join(', ');
    const listed = await listReplayInputs(options.from);
    const problems = problemLines(stderr);
    listed.problems.forEach(problems.add);
    if (listed.inputs.length === 0)
      throw new UsageError('nothing to learn from: no input file could be found (see above)');
    // Months of logs take a while: the same bar as replay, drawn only on a terminal.
    const { progress, onS3Listed, fileDone } = createInputProgress(listed.inputs);
    try {
      for await (const { file, batch, endOfFile } of replayBatches(listed.inputs, {
        range: { since: options.since, until: options.until },
        normalizer: core.normalizer,
        onS3Listed,
      })) {
        batch.readErrors.forEach(problems.add);
        for (const reason of batch.malformed) core.noteMalformed(reason);
        for (const { event } of batch.events) {
          core.engine.push(event, emit);
          progress.tick();
        }
        if (endOfFile) fileDone(file);
      }
    } finally {
      progress.stop();
    }
    problems.finish(' input problems');
  }
  core.flush(emit);
  // A record that could not be read cannot shape the baseline: say how many and why, never drop them quietly.
  if (core.malformed.count > 0) {
    stderr(
      `${plural(core.malformed.count, 'record')} could not be read and ${core.malformed.count === 1 ? 'was' : 'were'} left out of the baseline, e.g.:`,
    );
    // Reasons quote the records (attacker-controlled text): printable, as in every report.
    for (const reason of core.malformed.examples.slice(0, 5)) stderr(`  ${printable(reason)}`);
  }

  if (history.events === 0) {
    stderr(`no call of ${options.principal} in ${source}: the baseline allows nothing — check --principal`);
  }
  // Actions IAM does not list cannot be named exactly; the narrowest wildcard lint accepts stands in.
  const unknown: ObservedAction[] = [];
  for (const a of [...history.actions.values()]) {
    if (isListable(a.action, catalog)) continue;
    history.actions.delete(a.action);
    const pattern = narrowestWildcard(a.action, catalog);
    if (pattern)
      history.actions.set(pattern, {
        ...a,
        action: pattern,
        accessLevel: `${a.accessLevel}, not in the IAM catalog: ${a.action}`,
      });
    else unknown.push(a);
  }
  let yaml = renderBaselineYaml(history, {
    name,
    principal: options.principal,
    from: source,
    generatedAt: new Date().toISOString(),
  });
  if (unknown.length > 0) {
    yaml +=
      '# Left out: actions the IAM catalog does not know, which a baseline cannot name (replay will flag them):\n' +
      unknown.map((a) => `#   ${a.action} (${a.calls} calls)\n`).join('');
  }
  // The generated file must load: a generator bug must not hand the user a baseline that fails later.
  const check = parseBaseline(yaml, options.out ?? '<generated>', catalog);
  if (check.errors.length > 0) {
    throw new Error(
      `generated baseline does not load:\n${check.errors.map(formatDiagnostic).join('\n')}\n${yaml}`,
    );
  }
  if (options.out) {
    writeOutFile(options.out, yaml);
    stderr(
      `wrote baseline '${name}' to ${options.out}: ${history.actions.size} actions from ${history.events} calls`,
    );
  } else {
    process.stdout.write(yaml);
  }
  return EXIT_OK;
}

/**
 * `--from cloudtrail`: the event history of every region `historyRegions` picks, merged oldest first.
 * Regions are read at once (LookupEvents' limit of 2 requests per second holds per region); the first that
 * fails stops the others' paging, so the command ends with its error instead of reading on.
 */
async function readEventHistory(
  options: GenerateBaselineOptions,
  normalizer: EventNormalizer,
): Promise<{ readonly regions: string[]; readonly history: GatheredHistory }> {
  // Loaded only here: generating from log files never needs the AWS SDK.
  const [{ CloudTrailClient }, { CloudTrailEventHistorySource }] = await Promise.all([
    import('@aws-sdk/client-cloudtrail'),
    import('../../adapters/cloudtrail-event-history'),
  ]);
  const regions = await historyRegions(options.regions, async () => {
    const probe = new CloudTrailClient({});
    try {
      return await probe.config.region();
    } finally {
      probe.destroy();
    }
  });
  const read = new Map<string, number>();
  const showProgress = (region: string, n: number): void => {
    read.set(region, n);
    if (!process.stderr.isTTY) return;
    let total = 0;
    for (const count of read.values()) total += count;
    process.stderr.write(`\r${total} events read…`);
  };
  const stop = new AbortController();
  const histories = await Promise.all(
    regions.map(async (region) => {
      const client = new CloudTrailClient({ region });
      try {
        return await gatherEventHistory(
          new CloudTrailEventHistorySource(client, {
            startTime: options.since === undefined ? undefined : new Date(options.since),
            endTime: options.until === undefined ? undefined : new Date(options.until),
            signal: stop.signal,
          }),
          normalizer,
          (n) => showProgress(region, n),
        );
      } catch (error) {
        stop.abort();
        throw new UsageError(
          `cannot read the CloudTrail event history of ${region} (${errorMessage(error)}) — check your AWS credentials and that the region is enabled, or leave it out of --region`,
        );
      } finally {
        client.destroy();
      }
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  return { regions, history: mergeHistories(histories) };
}

export interface GatheredHistory {
  /** Oldest first: the engine's windows and session chains expect time order. */
  readonly events: LeashEvent[];
  /** One line per event that could not be read (no or malformed `CloudTrailEvent`), in history order. */
  readonly errors: string[];
  /** Why each record the normaliser refused was refused, in history order (counted as malformed). */
  readonly malformed: string[];
}

/**
 * The whole event history, reversed into time order (LookupEvents answers newest first, so nothing can be
 * judged before the last page is in). Records are normalised as they arrive and only the events kept: the
 * history of a busy account is millions of records, and a normalised event takes a fraction of the memory
 * of the parsed record (it shares its identity, action and repeated strings, and drops the request and
 * response no detector reads). `onProgress` is told the number of events read every page or so.
 */
export async function gatherEventHistory(
  source: CloudTrailEventHistorySource,
  normalizer: EventNormalizer,
  onProgress?: (events: number) => void,
): Promise<GatheredHistory> {
  const events: LeashEvent[] = [];
  const errors: string[] = [];
  const malformed: string[] = [];
  let read = 0;
  for await (const item of source.records()) {
    if (item.kind === 'record') {
      const normalized = normalizer.normalize(item.record);
      if (normalized.ok) events.push(normalized.event);
      else malformed.push(normalized.error);
    } else errors.push(`CloudTrail event history: ${item.message} — left out of the baseline`);
    // One page is at most 50 events: reporting at that pace is as often as the old per-page callback.
    if (++read % 50 === 0) onProgress?.(read);
  }
  onProgress?.(read);
  return { events: events.reverse(), errors, malformed };
}

/**
 * The regions whose event history `--from cloudtrail` reads: those asked for; else the configured region
 * (from the default chain: AWS_REGION, the profile) and its partition's global-events region, without
 * which an agent's IAM calls would be missing from its baseline. Throws a UsageError on a malformed name.
 */
export async function historyRegions(
  asked: readonly string[] | undefined,
  configured: () => Promise<string>,
): Promise<string[]> {
  if (asked !== undefined && asked.length > 0) {
    const bad = asked.find((region) => !isRegionName(region));
    if (bad !== undefined)
      throw new UsageError(`--region '${bad}': expected a region name such as eu-west-1`);
    return [...new Set(asked)];
  }
  let region: string | undefined;
  try {
    region = await configured();
  } catch {
    // No region configured: the global-services region alone still holds every IAM call.
  }
  if (region === undefined) return ['us-east-1'];
  const global = globalEventsRegion(region);
  return global === undefined || region === global ? [region] : [region, global];
}

/**
 * Several regions' histories as one, oldest first (each is already oldest first; the engine's windows and
 * session chains expect time order across regions too), in the engine's order: time, then event ID.
 */
export function mergeHistories(histories: readonly GatheredHistory[]): GatheredHistory {
  if (histories.length === 1) return histories[0];
  const events = histories.flatMap((h) => h.events);
  events.sort(compareEvents);
  return {
    events,
    errors: histories.flatMap((h) => h.errors),
    malformed: histories.flatMap((h) => h.malformed),
  };
}

/** Every unreadable event must be seen: the first lines in full, then how many there were in all. */
export function reportUnreadable(errors: readonly string[], stderr: (line: string) => void): void {
  if (errors.length === 0) return;
  const lines = problemLines(stderr);
  errors.forEach(lines.add);
  lines.finish();
  stderr(
    `${plural(errors.length, 'event')} of the CloudTrail event history could not be read and ${errors.length === 1 ? 'was' : 'were'} left out (malformed or missing CloudTrailEvent)`,
  );
}

/**
 * `s3:GetStorageLensDashboardDataInternal` → `s3:GetStorageLensDashboard*`: the longest prefix of the action
 * that, as a wildcard, still matches a non-sensitive catalog action (lint refuses wildcards matching none).
 */
function narrowestWildcard(action: string, catalog: ActionCatalog): string | undefined {
  const colon = action.indexOf(':');
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  if (!catalog.hasService(service) || !/^[A-Za-z0-9-]+$/.test(service)) return undefined;
  const known = catalog.actionsOf(service).filter((a) => !isSensitiveAction(`${service}:${a}`.toLowerCase()));
  for (let length = name.length - 1; length >= 3; length--) {
    const prefix = name.slice(0, length).toLowerCase();
    if (!/^[A-Za-z0-9_-]+$/.test(prefix)) continue;
    if (known.some((a) => a.toLowerCase().startsWith(prefix))) return `${service}:${name.slice(0, length)}*`;
  }
  return undefined;
}

function isListable(action: string, catalog: ActionCatalog): boolean {
  const colon = action.indexOf(':');
  return colon > 0 && catalog.lookup(action.slice(0, colon), action.slice(colon + 1)) !== undefined;
}
