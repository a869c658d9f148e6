/**
 * `--format jsonl`: exactly one JSON object per finding, written to stdout as soon as its verdict arrives,
 * so a replay of months of logs can be piped into `jq` or a SIEM without waiting for the end. The summary
 * goes to stderr: stdout holds nothing but findings. Shape: docs/jsonl-format.md.
 */
import { findingLinesOf } from './finding-record';
import type { ReportSink, ReplaySummary, TextOutput } from './report-model';
import { summaryLines } from './summary-lines';
import type { Verdict } from '../../core/model';

export interface JsonlSinkOptions {
  /** Where findings go (stdout). */
  readonly out: TextOutput;
  /** Where the summary goes (stderr); omitted = no summary. */
  readonly err?: TextOutput;
}

export function createJsonlSink(options: JsonlSinkOptions): ReportSink {
  return {
    onVerdict(verdict: Verdict): void {
      if (verdict.findings.length > 0) options.out.write(findingLinesOf(verdict));
    },
    finish(summary: ReplaySummary): void {
      if (options.err) options.err.write(`${summaryLines(summary).join('\n')}\n`);
    },
  };
}
