/** Problems found in baseline files, each naming the file, the field and (when known) the line. */

export interface Diagnostic {
  readonly file: string;
  /** 1-based line in the file, when the position is known. */
  readonly line?: number;
  /** Field path inside the baseline, e.g. `allow[1].actions[0]`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `file:line: path: message` (`file: …` without a line, no `path: ` for whole-file problems). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const field = d.path === '' ? '' : `${d.path}: `;
  const label = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${label}${field}${d.message}`;
}

/** Stable order for output: by file, then line, then path. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Thrown by callers that cannot go on with a bad baseline (synth, Lambda start-up). */
export class BaselineError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const shown = errors.length > 0 ? errors : diagnostics;
    super(
      `${errors.length} error${errors.length === 1 ? '' : 's'} in baselines:\n` +
        shown.map((d) => `  ${formatDiagnostic(d)}`).join('\n'),
    );
    this.name = 'BaselineError';
    this.diagnostics = diagnostics;
  }
}

/** Field path in the `allow[1].actions[0]` spelling. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
