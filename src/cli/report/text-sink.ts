/**
 * `--format text` (the default): what a person reads in ten seconds — what was read, an agents ×
 * categories × severities table, then each incident with its evidence and the response that would have
 * run. Colour is decided by the caller (TTY, NO_COLOR) and passed in.
 */
import pc from 'picocolors';
import type { Mode, Severity, Verdict } from '../../core/model';
import {
  IncidentCollector,
  isResolved,
  selectIncidents,
  type Incident,
  type IncidentOptions,
  type PlannedStep,
} from './incidents';
import type { AgentSummary, ReportSink, ReplaySummary, TextOutput } from './report-model';
import {
  agentLabeler,
  agentsToShow,
  findingRowsByAgent,
  findingsOf,
  SEVERITIES_DESCENDING,
} from './summary-builder';
import { omittedAgentsNote, plural, printable, summaryLines } from './summary-lines';
import { clock, serviceName, timeSpan } from './time-text';

export interface TextSinkOptions {
  readonly out: TextOutput;
  /** ANSI colours on (a TTY without NO_COLOR) or off (piped, files, NO_COLOR). */
  readonly color: boolean;
  readonly incidents?: IncidentOptions;
  /** Incidents printed (the most severe are kept). @default 50 */
  readonly maxIncidents?: number;
  /** Agents in the two tables (those with the most severe findings are kept). @default AGENTS_SHOWN */
  readonly maxAgents?: number;
}

export function createTextSink(options: TextSinkOptions): ReportSink {
  const collector = new IncidentCollector(options.incidents);
  return {
    onVerdict(verdict: Verdict): void {
      collector.add(verdict);
    },
    finish(summary: ReplaySummary): void {
      const { shown, omitted } = selectIncidents(collector.incidents(), options.maxIncidents ?? 50);
      options.out.write(renderTextReport(summary, shown, options.color, omitted, options.maxAgents));
    },
  };
}

type Colors = ReturnType<typeof pc.createColors>;

export function renderTextReport(
  summary: ReplaySummary,
  incidents: readonly Incident[],
  color: boolean,
  omittedIncidents = 0,
  maxAgents?: number,
): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  const [headline, ...rest] = summaryLines(summary);
  out.push(c.bold(headline), ...rest.map((line) => c.dim(line)), '');
  if (summary.agents.length === 0) {
    out.push('No agent calls in this input: is a baseline bound to the roles that made them?', '');
    return out.join('\n');
  }
  const { shown: agents, omitted: omittedAgents } = agentsToShow(summary.agents, maxAgents);
  out.push(...agentsTable(summary, agents, c));
  if (omittedAgents > 0) {
    out.push(c.dim(`  ${omittedAgentsNote(omittedAgents, agents.length)}`));
  }
  out.push('');
  if (summary.findings === 0) {
    out.push(c.green('No findings: every agent call stayed inside its baseline.'), '');
    return out.join('\n');
  }
  out.push(...findingsTable(summary, agents, c), '');
  out.push(c.bold(`INCIDENTS (${incidents.length + omittedIncidents})`));
  const modes = new Map(summary.agents.map((a) => [a.principal, a.mode]));
  for (const incident of incidents)
    out.push(...incidentLines(incident, modes.get(incident.principal), c), '');
  if (omittedIncidents > 0) {
    const note = `${plural(omittedIncidents, 'less severe incident')} not shown: use --format jsonl for all findings.`;
    out.push(c.dim(note), '');
  }
  return out.join('\n');
}

function severityColor(severity: Severity, c: Colors): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (t) => c.bold(c.magenta(t));
    case 'high':
      return (t) => c.bold(c.red(t));
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    case 'info':
      return c.dim;
  }
}

/** Lays out rows as padded columns; colouring happens after padding so widths stay right. */
function columns(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[][] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))),
  );
}

/** One row per agent shown, named as every report names it (`agentLabeler`). */
function agentsTable(summary: ReplaySummary, agents: readonly AgentSummary[], c: Colors): string[] {
  const labelOf = agentLabeler(summary);
  const rows = [
    ['AGENT', 'MODE', 'EVENTS', 'FINDINGS', 'PRINCIPAL'],
    ...agents.map((a) => [
      printable(labelOf(a)),
      a.mode ?? '?',
      String(a.events),
      String(findingsOf(a)),
      printable(a.principal),
    ]),
  ];
  return columns(rows, new Set([2, 3])).map((row, i) => {
    const line = `  ${row.join('  ').trimEnd()}`;
    return i === 0 ? c.bold(line) : line;
  });
}

function findingsTable(summary: ReplaySummary, agents: readonly AgentSummary[], c: Colors): string[] {
  const header = ['FINDINGS', ...SEVERITIES_DESCENDING, 'total'];
  const rows: string[][] = [header];
  const agentRows = new Set<number>();
  for (const { label, rows: categories } of findingRowsByAgent(summary, agents)) {
    agentRows.add(rows.length);
    rows.push([printable(label), ...SEVERITIES_DESCENDING.map(() => ''), '']);
    for (const { category, counts } of categories) {
      const total = counts.reduce((a, b) => a + b, 0);
      rows.push([`  ${category}`, ...counts.map((n) => (n === 0 ? '·' : String(n))), String(total)]);
    }
  }
  const numeric = new Set(header.map((_, i) => i).filter((i) => i > 0));
  return columns(rows, numeric).map((row, r) => {
    if (r === 0) return c.bold(`  ${row.join('  ')}`);
    if (agentRows.has(r)) return `  ${c.bold(row[0].trimEnd())}`;
    const cells = row.map((cell, i) => {
      if (i === 0 || i === row.length - 1) return cell;
      const severity = SEVERITIES_DESCENDING[i - 1];
      return cell.trim() === '·' ? c.dim(cell) : severityColor(severity, c)(cell);
    });
    return `  ${cells.join('  ')}`;
  });
}

function roleName(arn: string): string {
  return printable(arn.split('/').pop() ?? arn);
}

function incidentLines(incident: Incident, mode: Mode | undefined, c: Colors): string[] {
  const sev = severityColor(incident.severity, c);
  const lines = [
    `${sev(incident.severity.toUpperCase())}  ${c.bold(printable(incident.id))}  ${timeSpan(incident.start, incident.end)}  ` +
      c.dim(`${plural(incident.findings, 'finding')}: ${incident.categories.join(', ')}`),
  ];
  for (const role of incident.chainedThrough) {
    lines.push(`  ${c.yellow('chained into')} ${printable(role)}`);
  }
  for (const group of incident.groups) {
    const times = group.count > 1 ? c.dim(` ×${group.count}`) : '';
    lines.push(
      `  ${severityColor(group.severity, c)(group.severity.padEnd(8))}  ${printable(group.detector)}${times}  ` +
        c.dim(group.category),
    );
    lines.push(`      ${printable(group.message)}`);
    for (const ref of group.events) {
      if (!isResolved(ref)) {
        lines.push(c.dim(`      event ${printable(ref.eventId)} (not in this replay)`));
        continue;
      }
      const service = serviceName(ref.eventSource);
      const error = ref.errorCode ? `  ${c.red(printable(ref.errorCode))}` : '';
      const via = ref.chainedThrough ? c.dim(`  as ${roleName(ref.chainedThrough)}`) : '';
      lines.push(
        `      ${c.dim(clock(ref.eventTime))}  ${printable(`${service} ${ref.eventName}`)}${error}${via}`,
      );
    }
    if (group.moreEvents > 0) lines.push(c.dim(`      … ${plural(group.moreEvents, 'more event')}`));
  }
  lines.push(...planLines(incident.plan, mode, c));
  return lines;
}

function planLines(plan: readonly PlannedStep[], mode: Mode | undefined, c: Colors): string[] {
  const modeNote = mode ? ` (mode ${mode})` : '';
  if (plan.length === 0) return [c.dim(`  no response would have run${modeNote}`)];
  const lines = [`  ${c.bold('response that would have run')}${c.dim(modeNote)}`];
  const width = Math.max(...plan.map((step) => step.type.length));
  for (const step of plan) {
    const head = `    ${c.dim(clock(step.firstAt))}  ${c.bold(step.type.padEnd(width))}  ${roleName(step.target)}`;
    lines.push(`${head}  ${stepDetail(step)}`.trimEnd());
    lines.push(c.dim(`      ${printable(step.reason)}`));
  }
  return lines;
}

function stepDetail(step: PlannedStep): string {
  switch (step.type) {
    case 'deny-actions':
      return printable((step.actions ?? []).join(', '));
    case 'revoke-sessions':
      return step.tokenIssuedBefore ? `sessions issued before ${printable(step.tokenIssuedBefore)}` : '';
    case 'undo':
      if (!step.call) return 'no safe reversal: needs a person';
      return (
        printable(`${step.call.operation} ${JSON.stringify(step.call.input)}`) +
        (step.needsSnapshot ? ' (from the snapshot taken before)' : '')
      );
    default:
      return '';
  }
}
