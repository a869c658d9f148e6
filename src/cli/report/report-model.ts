/**
 * What every report format consumes: the verdicts of a replay, one at a time, and a summary at the end.
 * Formats are sinks so that large replays stream: `jsonl` writes each finding as it arrives, the others
 * keep only bounded aggregates until `finish`.
 */
import type { Category, Mode, Severity, Verdict } from '../../core/model';

/** Where a record came from, when the input is a file (local path or `s3://` key). */
export interface RecordOrigin {
  /** The input file, as the user named it (path or `s3://bucket/key`). */
  readonly file: string;
  /** 0-based index of the record in the file's `Records` array (or line, for JSON Lines input). */
  readonly index?: number;
}

/** One agent seen during the replay. */
export interface AgentSummary {
  /** The agent's principal (role ARN) — chained sessions count towards the agent that opened them. */
  readonly principal: string;
  /** The baseline the agent is bound to. */
  readonly baseline: string;
  /** The baseline's mode, or undefined when the replay did not say. */
  readonly mode?: Mode;
  /** Events judged for this agent. */
  readonly events: number;
  /** Findings per severity (every severity present, zero when none). */
  readonly findingsBySeverity: Readonly<Record<Severity, number>>;
}

/** One cell of the agent × category × severity table. Only non-zero cells are listed. */
export interface FindingCount {
  readonly principal: string;
  readonly baseline: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly count: number;
}

/** What went into the replay and what came out, in aggregate. JSON-serialisable as is. */
export interface ReplaySummary {
  /** Input files read (local files or S3 objects). */
  readonly files: number;
  /** Raw records read, before normalisation and de-duplication. */
  readonly recordsRead: number;
  /** Events normalised, de-duplicated and judged (agent or not). */
  readonly eventsEvaluated: number;
  readonly malformed: {
    readonly count: number;
    /** The first few reasons, so a person can see what was wrong without a flood. */
    readonly firstMessages: readonly string[];
  };
  /** Events whose IAM action was a best-effort guess (the catalog did not know the event name). */
  readonly unknownActions: number;
  /** Records dropped because their eventID was already seen. */
  readonly duplicatesDropped: number;
  /** Events judged after a later event had been judged (more than the reorder window out of order). */
  readonly lateEvents: number;
  /** Agents seen, ordered by principal. */
  readonly agents: readonly AgentSummary[];
  /** Findings by agent × category × severity, ordered by principal, category, then severity (highest first). */
  readonly findingCounts: readonly FindingCount[];
  /** Total findings. */
  readonly findings: number;
  /** First and last `eventTime` among evaluated events; absent when no event was evaluated. */
  readonly timeSpan?: { readonly first: string; readonly last: string };
}

/**
 * A report format. The replay calls `onVerdict` for every verdict (clean ones included: the HTML timeline
 * shows all calls; the other formats skip verdicts without findings) and `finish` once at the end. A
 * sink never closes the stream it writes to: the caller owns it.
 */
export interface ReportSink {
  onVerdict(verdict: Verdict, origin?: RecordOrigin): void;
  finish(summary: ReplaySummary): Promise<void> | void;
}

/** Where a format writes. `process.stdout`, a file stream, or a string buffer in tests. */
export interface TextOutput {
  write(chunk: string): unknown;
}
