/** The report formats `leash replay --format` offers (a module of its own: `--help` lists them without the sinks). */
export const REPORT_FORMATS = ['text', 'json', 'jsonl', 'html', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
