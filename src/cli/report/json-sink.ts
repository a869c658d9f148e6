/**
 * `--format json`: one document `{ summary, findings }`, written at the end. Findings have the jsonl shape
 * (docs/jsonl-format.md). Holds every finding in memory: for very large replays prefer `jsonl`.
 */
import { findingRecordsOf, type FindingRecord } from './finding-record';
import type { ReportSink, ReplaySummary, TextOutput } from './report-model';
import type { Verdict } from '../../core/model';

export interface JsonSinkOptions {
  readonly out: TextOutput;
}

/** The document `--format json` writes. */
export interface JsonReport {
  readonly summary: ReplaySummary;
  readonly findings: readonly FindingRecord[];
}

export function createJsonSink(options: JsonSinkOptions): ReportSink {
  const findings: FindingRecord[] = [];
  return {
    onVerdict(verdict: Verdict): void {
      findings.push(...findingRecordsOf(verdict));
    },
    finish(summary: ReplaySummary): void {
      const report: JsonReport = { summary, findings };
      options.out.write(`${JSON.stringify(report, null, 2)}\n`);
    },
  };
}
