/**
 * `leash replay`: every input through the same core the stack runs, verdicts into the chosen report.
 * Memory stays flat: inputs stream in batches, the engine holds only its reorder window and per-agent
 * windows, and the report sinks keep bounded aggregates (jsonl writes each finding as it comes).
 */
import { loadActionCatalog } from '../../core/catalog/iam-catalog';
import { defaultDetectorPack } from '../../core/detectors/default-pack';
import { LeashCore } from '../../core/leash-core';
import { severityRank, type Finding, type Severity, type Verdict } from '../../core/model';
import { createProgress } from '../progress';
import {
  createReportSink,
  ReplaySummaryBuilder,
  wantsColor,
  type RecordOrigin,
  type ReportFormat,
} from '../report';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';
import { setUpBaselines } from './baseline-setup';
import { listReplayInputs } from './input-files';
import { openReportOutput } from './output';
import { replayBatches } from './replay-sources';

export interface ReplayOptions {
  readonly inputs: readonly string[];
  readonly baselinesPath?: string;
  readonly agents: readonly string[];
  readonly since?: number;
  readonly until?: number;
  /** Findings below this are left out of the report (they still count for `failOn`). */
  readonly minSeverity?: Severity;
  readonly failOn?: Severity;
  readonly format: ReportFormat;
  readonly out?: string;
  /** False for `--no-progress`; the bar is only ever drawn on a TTY. */
  readonly progress: boolean;
  readonly toolVersion?: string;
}

/** Read problems printed before the rest are only counted, so one broken folder cannot flood the terminal. */
const MAX_PROBLEM_LINES = 50;

export async function runReplay(options: ReplayOptions, stderr: (line: string) => void): Promise<number> {
  const catalog = await loadActionCatalog();
  const setup = setUpBaselines({ baselinesPath: options.baselinesPath, agents: options.agents }, catalog);
  for (const warning of setup.warnings) stderr(warning);

  const listed = await listReplayInputs(options.inputs);
  let problems = 0;
  const problem = (line: string): void => {
    problems++;
    if (problems <= MAX_PROBLEM_LINES) stderr(line);
  };
  listed.problems.forEach(problem);
  if (listed.inputs.length === 0) {
    throw new UsageError('nothing to replay: no input file could be found (see above)');
  }

  let core: LeashCore;
  try {
    core = new LeashCore({ catalog, baselines: setup.baselines, overrides: setup.overrides });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const out = openReportOutput(options.out);
  const pack = defaultDetectorPack();
  const sink = createReportSink(options.format, {
    out,
    err: { write: (text: string) => process.stderr.write(text) },
    color: out.isTTY && wantsColor(process.stdout, process.env),
    toolVersion: options.toolVersion,
    describeDetector: (id) => pack.get(id)?.rationale,
    generatedAt: new Date().toISOString(),
  });
  const summary = new ReplaySummaryBuilder(setup.baselines);
  const inputBytes = new Map<string, number>();
  let totalBytes = 0;
  for (const input of listed.inputs) {
    if (input.kind === 'file') {
      inputBytes.set(input.path, input.bytes);
      totalBytes += input.bytes;
    }
  }
  const progress = createProgress({ enabled: options.progress, totalBytes });

  // Only SARIF points back at files; elsewhere the bookkeeping would be wasted work.
  const origins = options.format === 'sarif' ? new Map<string, RecordOrigin>() : undefined;
  const minRank = options.minSeverity ? severityRank(options.minSeverity) : 0;
  const failRank = options.failOn ? severityRank(options.failOn) : Infinity;
  let thresholdHit = false;

  const emit = (verdict: Verdict): void => {
    if (verdict.severity !== undefined && severityRank(verdict.severity) >= failRank) thresholdHit = true;
    const shown = minRank > 0 ? withMinSeverity(verdict, minRank) : verdict;
    summary.verdict(shown);
    progress.tick(shown.findings.length);
    let origin: RecordOrigin | undefined;
    if (origins) {
      origin = origins.get(verdict.event.eventId);
      origins.delete(verdict.event.eventId);
    }
    sink.onVerdict(shown, origin);
  };

  const engine = core.engine;
  const stats = core.stats;
  try {
    for await (const { file, batch, endOfFile } of replayBatches(listed.inputs, {
      range: { since: options.since, until: options.until },
      normalizer: core.normalizer,
      onS3Listed: (objects) => {
        // Sizes by URL too, so each object's bytes count as done when it has been read.
        for (const { url, bytes } of objects) {
          inputBytes.set(url, bytes);
          totalBytes += bytes;
        }
        progress.setTotalBytes(totalBytes);
      },
    })) {
      batch.readErrors.forEach(problem);
      for (const reason of batch.malformed) summary.malformed(reason);
      summary.recordRead(batch.records);
      for (const { event, index } of batch.events) {
        if (origins) origins.set(event.eventId, { file, index });
        summary.eventEvaluated(event);
        engine.push(event, emit);
      }
      if (endOfFile) {
        summary.fileRead();
        progress.addBytes(inputBytes.get(file) ?? 0);
      }
    }
    core.flush(emit);
    summary.duplicatesFoundByEngine(stats.duplicates);
  } finally {
    progress.stop();
  }
  const result = summary.build();
  await sink.finish(result);
  await out.close();
  if (problems > MAX_PROBLEM_LINES) stderr(`… and ${problems - MAX_PROBLEM_LINES} more input problems`);

  if (result.recordsRead === 0 && problems > 0) {
    stderr('leash replay: nothing could be read from the input (see the problems above) — exit code 2');
    return EXIT_USAGE;
  }
  if (thresholdHit) {
    stderr(`leash replay: findings at or above --fail-on ${options.failOn} — exit code 1`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** The verdict as reported: findings below the threshold left out, its severity recomputed. */
function withMinSeverity(verdict: Verdict, minRank: number): Verdict {
  if (verdict.findings.length === 0) return verdict;
  const findings: Finding[] = verdict.findings.filter((f) => severityRank(f.severity) >= minRank);
  if (findings.length === verdict.findings.length) return verdict;
  let severity: Severity | undefined;
  for (const f of findings)
    if (!severity || severityRank(f.severity) > severityRank(severity)) severity = f.severity;
  return { ...verdict, findings, severity };
}
