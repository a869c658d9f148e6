/** The report formats `leash replay --format` offers, behind one factory. */
import { createHtmlSink } from './html-sink';
import { createJsonSink } from './json-sink';
import { createJsonlSink } from './jsonl-sink';
import type { ReportFormat } from './report-formats';
import type { ReportSink, TextOutput } from './report-model';
import { createSarifSink } from './sarif-sink';
import { createTextSink } from './text-sink';

export { REPORT_FORMATS, type ReportFormat } from './report-formats';

export interface ReportSinkOptions {
  /** Where the report goes: stdout or the `--output` file. */
  readonly out: TextOutput;
  /** Where side notes go (the jsonl summary): stderr. */
  readonly err?: TextOutput;
  /** Colours for `text`: the caller decides from the TTY and NO_COLOR. */
  readonly color?: boolean;
  readonly toolVersion?: string;
  readonly describeDetector?: (detectorId: string) => string | undefined;
  /** For `html`: shown in the footer. */
  readonly generatedAt?: string;
}

export function createReportSink(format: ReportFormat, options: ReportSinkOptions): ReportSink {
  switch (format) {
    case 'text':
      return createTextSink({ out: options.out, color: options.color ?? false });
    case 'json':
      return createJsonSink({ out: options.out });
    case 'jsonl':
      return createJsonlSink({ out: options.out, err: options.err });
    case 'html':
      return createHtmlSink({ out: options.out, generatedAt: options.generatedAt });
    case 'sarif':
      return createSarifSink({
        out: options.out,
        toolVersion: options.toolVersion,
        describeDetector: options.describeDetector,
      });
  }
}

/** Colour for human output: only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

export type { RecordOrigin, ReplaySummary, ReportSink, TextOutput } from './report-model';
export { ReplaySummaryBuilder } from './summary-builder';
