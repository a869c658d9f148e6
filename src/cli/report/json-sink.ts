/**
 * `--format json`: one document `{ findings, summary }`. Findings have the jsonl shape
 * (docs/jsonl-format.md) and are written as they are found, so memory stays flat however many there are;
 * the summary, known only at the end, comes last.
 */
import { findingRecordsOf, type FindingRecord } from './finding-record';
import { indentedJson, StreamedJsonArray } from './json-stream';
import type { ReportSink, ReplaySummary, TextOutput } from './report-model';
import type { Verdict } from '../../core/model';

export interface JsonSinkOptions {
  readonly out: TextOutput;
}

/** The document `--format json` writes. */
export interface JsonReport {
  readonly findings: readonly FindingRecord[];
  readonly summary: ReplaySummary;
}

export function createJsonSink(options: JsonSinkOptions): ReportSink {
  const { out } = options;
  let findings: StreamedJsonArray | undefined;
  const open = (): StreamedJsonArray => {
    if (!findings) {
      out.write('{\n  "findings": [');
      findings = new StreamedJsonArray(out, 1);
    }
    return findings;
  };
  return {
    onVerdict(verdict: Verdict): void {
      if (verdict.findings.length === 0) return;
      const array = open();
      for (const record of findingRecordsOf(verdict)) array.push(record);
    },
    finish(summary: ReplaySummary): void {
      open().close();
      out.write(`,\n  "summary": ${indentedJson(summary, 1)}\n}\n`);
    },
  };
}
