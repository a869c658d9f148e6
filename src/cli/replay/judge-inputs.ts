/**
 * The body of `leash replay`: every input through the same core the stack runs, verdicts into the chosen
 * report. Memory stays flat: inputs stream in batches, the engine holds only its reorder window and per-agent
 * windows, and the report sinks keep bounded aggregates (jsonl writes each finding as it comes).
 */
import { loadActionCatalog } from '../../core/catalog/iam-catalog';
import { defaultDetectorPack } from '../../core/detectors/default-pack';
import { LeashCore } from '../../core/leash-core';
import { maxSeverity, severityRank, type Finding, type Severity, type Verdict } from '../../core/model';
import { errorMessage } from '../../core/input/error-details';
import { problemLines } from '../problem-lines';
import { createInputProgress } from '../progress';
import {
  createReportSink,
  ReplaySummaryBuilder,
  wantsColor,
  type RecordOrigin,
  type ReportFormat,
} from '../report';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../usage-error';
import { setUpBaselines } from './baseline-setup';
import type { InputList } from './input-files';
import { openReportOutput } from './output';
import type { ReplaySources } from './replay-sources';

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

/** Judges the listed inputs, read from `sources` (opened on them); returns the exit code. */
export async function judgeInputs(
  options: ReplayOptions,
  listed: InputList,
  sources: ReplaySources,
  stderr: (line: string) => void,
): Promise<number> {
  const catalog = await loadActionCatalog();
  const setup = setUpBaselines({ baselinesPath: options.baselinesPath, agents: options.agents }, catalog);
  for (const warning of setup.warnings) stderr(warning);

  const problems = problemLines(stderr);
  listed.problems.forEach(problems.add);
  if (listed.inputs.length === 0) {
    throw new UsageError('nothing to replay: no input file could be found (see above)');
  }

  let core: LeashCore;
  try {
    core = new LeashCore({ catalog, baselines: setup.baselines, overrides: setup.overrides });
  } catch (error) {
    throw new UsageError(errorMessage(error));
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
  const { progress, onS3Listed, fileDone } = createInputProgress(listed.inputs, {
    enabled: options.progress,
  });

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
    for await (const { file, batch, endOfFile } of sources.batches({
      normalizer: core.normalizer,
      onS3Listed,
    })) {
      batch.readErrors.forEach(problems.add);
      for (const reason of batch.malformed) summary.malformed(reason);
      summary.recordRead(batch.records);
      const events = batch.events;
      for (let i = 0; i < events.length; i++) {
        const { event, index } = events[i];
        if (origins) origins.set(event.eventId, { file, index });
        summary.eventEvaluated(event);
        engine.push(event, emit);
      }
      if (endOfFile) {
        summary.fileRead();
        fileDone(file);
      }
    }
    core.flush(emit);
    summary.duplicatesFoundByEngine(stats.duplicates);
    summary.lateFromEngine(stats.late);
  } finally {
    progress.stop();
  }
  const result = summary.build();
  await sink.finish(result);
  await out.close();
  problems.finish(' input problems');

  if (result.recordsRead === 0 && problems.count() > 0) {
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
  const severity = findings.length === 0 ? undefined : findings.map((f) => f.severity).reduce(maxSeverity);
  return { ...verdict, findings, severity };
}
