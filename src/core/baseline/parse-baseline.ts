/**
 * Reads one baseline file (YAML, or JSON, which the YAML parser reads too and so keeps line numbers),
 * validates it and compiles it. Every problem becomes a `Diagnostic` naming the file, the field and the
 * line; a baseline with any error is not compiled at all — a bad baseline must never turn into a silent
 * allow.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ActionCatalog } from '../catalog/iam-catalog';
import type { CompiledBaseline } from './compiled-baseline';
import { checkActionPattern, checkExactAction, closest } from './action-patterns';
import { compileBaseline } from './compile-baseline';
import { compareDiagnostics, formatPath, type Diagnostic } from './diagnostics';
import { baselineSchema, KNOWN_KEYS, type BaselineSpec } from './schema';
import { lineOfPath } from './yaml-positions';

export interface ParseResult {
  /** Present when there are no errors. */
  readonly baseline?: CompiledBaseline;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** Line of the `name` field, for errors that involve other files (duplicate names). */
  readonly nameLine?: number;
}

type Path = readonly PropertyKey[];

/** Parse, validate against the schema and the IAM catalog, and compile one baseline file's text. */
export function parseBaseline(text: string, file: string, catalog: ActionCatalog): ParseResult {
  return parseBaselineText(text, file, catalog);
}

/**
 * As `parseBaseline`; without a catalog the IAM checks are skipped (only for baselines Leash ships itself,
 * which the tests check against the catalog).
 */
export function parseBaselineText(
  text: string,
  file: string,
  catalog: ActionCatalog | undefined,
): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const report = new Reporter(file, doc, lines);

  for (const error of doc.errors) {
    report.at(lines.linePos(error.pos[0]).line, [], error.message, 'error');
  }
  if (report.errors.length > 0) return report.result();

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. an alias-expansion bomb, which the parser refuses to resolve
    report.add([], `cannot be read: ${(error as Error).message}`, 'error');
    return report.result();
  }
  if (data === null || data === undefined) {
    report.add([], 'is empty: a baseline needs at least a name and an allow list', 'error');
    return report.result();
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(report, issue, data);
    return report.result();
  }
  const spec = parsed.data;
  checkSemantics(spec, catalog, report);
  if (report.errors.length > 0) return report.result();

  const statementLines = (spec.allow ?? []).map((_, i) => report.lineOf(['allow', i]));
  return report.result(compileBaseline(spec, { source: file, statementLines }));
}

/** Checks the schema cannot express: IAM actions against the catalog, uniqueness, likely mistakes. */
function checkSemantics(spec: BaselineSpec, catalog: ActionCatalog | undefined, report: Reporter): void {
  const allow = spec.allow ?? [];
  if (allow.length === 0) {
    report.add(['allow'], 'allows no action: every call of a bound agent will be out of baseline', 'warning');
  }
  if (catalog) checkActions(spec, catalog, report);

  const workflowNames = new Map<string, number>();
  (spec.workflows ?? []).forEach((workflow, i) => {
    const first = workflowNames.get(workflow.name);
    if (first !== undefined) {
      report.add(
        ['workflows', i, 'name'],
        `workflow '${workflow.name}' is already defined at workflows[${first}]; give each workflow its own name`,
      );
    } else {
      workflowNames.set(workflow.name, i);
    }
  });

  (spec.bind?.roleArns ?? []).forEach((glob, i) => {
    if (glob === '*')
      report.add(['bind', 'roleArns', i], "'*' binds every principal to this baseline", 'warning');
  });
}

/** Every IAM action the baseline names, against the catalog: statement patterns and workflow steps. */
function checkActions(spec: BaselineSpec, catalog: ActionCatalog, report: Reporter): void {
  (spec.allow ?? []).forEach((statement, i) => {
    const anyResource = (statement.resources ?? ['*']).includes('*');
    statement.actions.forEach((pattern, j) => {
      const check = checkActionPattern(pattern, catalog, anyResource);
      const path = ['allow', i, 'actions', j];
      if (check.error) report.add(path, check.error, 'error');
      for (const warning of check.warnings) report.add(path, warning, 'warning');
    });
  });
  (spec.workflows ?? []).forEach((workflow, i) => {
    workflow.steps.forEach((step, j) => {
      const error = checkExactAction(step, catalog);
      if (error) report.add(['workflows', i, 'steps', j], error, 'error');
    });
  });
}

function reportIssue(report: Reporter, issue: z.core.$ZodIssue, data: unknown): void {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS.get(shapeOf(path)) ?? [];
    for (const key of issue.keys) {
      const guess = closest(key, known);
      const hint = guess ? `did you mean '${guess}'?` : `expected one of ${known.join(', ')}`;
      report.add([...path, key], `unknown field '${key}' (${hint})`);
    }
    return;
  }
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) {
        report.add(path, 'is required: add it');
      } else if (issue.expected === 'string' && typeof value === 'number' && path.includes('accounts')) {
        report.add(
          path,
          `must be a quoted string ('${value}'): YAML reads an unquoted account id as a number`,
        );
      } else {
        report.add(path, `must be ${article(issue.expected)} (got ${describe(value)})`);
      }
      return;
    case 'invalid_value':
      report.add(path, `must be one of ${issue.values.map(String).join(', ')} (got ${describe(value)})`);
      return;
    default:
      // Name the offending value only when it is short enough to read in one line.
      report.add(path, isScalar(value) ? `${issue.message} (got ${describe(value)})` : issue.message);
  }
}

/** `['allow', 3]` → `allow[]`, the key of KNOWN_KEYS for any statement. */
function shapeOf(path: Path): string {
  return formatPath(path).replace(/\[\d+\]/g, '[]');
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function isScalar(value: unknown): boolean {
  return value !== undefined && (value === null || typeof value !== 'object');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', int: 'a whole number' };
  return names[expected] ?? `a ${expected}`;
}

class Reporter {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  lineOf(path: Path): number | undefined {
    return lineOfPath(this.doc, this.lines, path);
  }

  add(path: Path, message: string, severity: Diagnostic['severity'] = 'error'): void {
    this.at(this.lineOf(path), path, message, severity);
  }

  at(line: number | undefined, path: Path, message: string, severity: Diagnostic['severity']): void {
    const diagnostic: Diagnostic = {
      file: this.file,
      ...(line !== undefined ? { line } : {}),
      path: formatPath(path),
      message,
      severity,
    };
    (severity === 'error' ? this.errors : this.warnings).push(diagnostic);
  }

  result(baseline?: CompiledBaseline): ParseResult {
    const nameLine = this.lineOf(['name']);
    return {
      ...(baseline ? { baseline } : {}),
      errors: [...this.errors].sort(compareDiagnostics),
      warnings: [...this.warnings].sort(compareDiagnostics),
      ...(nameLine !== undefined ? { nameLine } : {}),
    };
  }
}
