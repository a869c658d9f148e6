/**
 * Accumulates a `ReplaySummary` while a replay runs. The replay loop reports what only it knows (files,
 * raw records, malformed records, duplicates); every verdict and evaluated event feeds the rest.
 */
import {
  CATEGORIES,
  SEVERITIES,
  type Category,
  type LeashEvent,
  type Mode,
  type Severity,
  type Verdict,
} from '../../core/model';
import type { AgentSummary, FindingCount, ReplaySummary } from './report-model';

/** Severity-descending list, the order every report shows severities in. */
export const SEVERITIES_DESCENDING: readonly Severity[] = [...SEVERITIES].reverse();

/** How many malformed-record messages the summary keeps. */
export const MALFORMED_MESSAGES_KEPT = 5;

interface AgentTally {
  readonly principal: string;
  readonly baseline: string;
  events: number;
  readonly bySeverity: Record<Severity, number>;
  /** Counts by category, then severity (no key built per finding: a replay counts hundreds of thousands). */
  readonly cells: Map<Category, Record<Severity, number>>;
}

/** The part of a compiled baseline the summary needs (a `CompiledBaseline` fits). */
export interface BaselineModeRef {
  readonly name: string;
  readonly mode: Mode;
}

export function zeroBySeverity(): Record<Severity, number> {
  return { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
}

export class ReplaySummaryBuilder {
  private files = 0;
  private recordsRead = 0;
  private eventsEvaluated = 0;
  private malformedCount = 0;
  private readonly malformedMessages: string[] = [];
  private unknownActions = 0;
  private duplicatesDropped = 0;
  private lateEvents = 0;
  private findings = 0;
  /**
   * The earliest and latest events seen: the events themselves, since a replay moves `last` on nearly every
   * event.
   */
  private first?: LeashEvent;
  private last?: LeashEvent;
  private readonly agents = new Map<string, AgentTally>();
  private readonly modes: ReadonlyMap<string, Mode>;

  constructor(baselines: readonly BaselineModeRef[] = []) {
    this.modes = new Map(baselines.map((b) => [b.name, b.mode]));
  }

  fileRead(): void {
    this.files += 1;
  }

  recordRead(count = 1): void {
    this.recordsRead += count;
  }

  malformed(message: string): void {
    this.malformedCount += 1;
    if (this.malformedMessages.length < MALFORMED_MESSAGES_KEPT) this.malformedMessages.push(message);
  }

  /**
   * Duplicates the engine dropped. It finds them as events leave its reorder window, after the replay loop
   * has already reported them as evaluated; they move from one count to the other.
   */
  duplicatesFoundByEngine(count: number): void {
    this.duplicatesDropped += count;
    this.eventsEvaluated -= count;
  }

  /** Events the engine judged out of time order (its count at the end of the replay). */
  lateFromEngine(late: number): void {
    this.lateEvents = late;
  }

  /** Every evaluated event, agent or not. */
  eventEvaluated(event: LeashEvent): void {
    this.eventsEvaluated += 1;
    if (!event.action.known) this.unknownActions += 1;
    if (!this.first || event.time < this.first.time) this.first = event;
    if (!this.last || event.time > this.last.time) this.last = event;
  }

  /** Every verdict (clean ones count as agent events). */
  verdict(verdict: Verdict): void {
    const { principalArn, baseline } = verdict.agent;
    let tally = this.agents.get(principalArn);
    if (!tally) {
      tally = {
        principal: principalArn,
        baseline,
        events: 0,
        bySeverity: zeroBySeverity(),
        cells: new Map(),
      };
      this.agents.set(principalArn, tally);
    }
    tally.events += 1;
    const findings = verdict.findings;
    for (let i = 0; i < findings.length; i++) {
      const { category, severity } = findings[i];
      this.findings += 1;
      tally.bySeverity[severity] += 1;
      let bySeverity = tally.cells.get(category);
      if (!bySeverity) {
        bySeverity = zeroBySeverity();
        tally.cells.set(category, bySeverity);
      }
      bySeverity[severity] += 1;
    }
  }

  build(): ReplaySummary {
    const tallies = [...this.agents.values()].sort((a, b) => a.principal.localeCompare(b.principal));
    const agents: AgentSummary[] = tallies.map((t) => ({
      principal: t.principal,
      baseline: t.baseline,
      mode: this.modes.get(t.baseline),
      events: t.events,
      findingsBySeverity: { ...t.bySeverity },
    }));
    const findingCounts: FindingCount[] = [];
    for (const t of tallies) {
      for (const category of CATEGORIES) {
        for (const severity of SEVERITIES_DESCENDING) {
          const count = t.cells.get(category)?.[severity];
          if (count)
            findingCounts.push({ principal: t.principal, baseline: t.baseline, category, severity, count });
        }
      }
    }
    return {
      files: this.files,
      recordsRead: this.recordsRead,
      eventsEvaluated: this.eventsEvaluated,
      malformed: { count: this.malformedCount, firstMessages: [...this.malformedMessages] },
      unknownActions: this.unknownActions,
      duplicatesDropped: this.duplicatesDropped,
      lateEvents: this.lateEvents,
      agents,
      findingCounts,
      findings: this.findings,
      timeSpan:
        this.first && this.last ? { first: this.first.eventTime, last: this.last.eventTime } : undefined,
    };
  }
}

/**
 * How reports name an agent: its baseline, followed by its role name when one baseline binds several
 * principals (a what-if run with `--agent '*=…'`), so their rows can be told apart. Raw text: each report
 * escapes it its own way.
 */
export function agentLabeler(summary: ReplaySummary): (agent: AgentSummary) => string {
  const perBaseline = new Map<string, number>();
  for (const a of summary.agents) perBaseline.set(a.baseline, (perBaseline.get(a.baseline) ?? 0) + 1);
  return (agent) =>
    (perBaseline.get(agent.baseline) ?? 0) > 1
      ? `${agent.baseline} · ${agent.principal.split('/').pop() ?? agent.principal}`
      : agent.baseline;
}

/** One agent's findings as the human reports tabulate them: a row per category it has findings in. */
export interface AgentFindingRows {
  readonly agent: AgentSummary;
  /** `agentLabeler`'s name for the agent. */
  readonly label: string;
  readonly rows: readonly {
    readonly category: Category;
    /** Findings per severity, in `SEVERITIES_DESCENDING` order (zero where none). */
    readonly counts: readonly number[];
  }[];
}

/**
 * `summary.findingCounts` as one table per agent with findings, for `agents` (default: every agent of the
 * summary), in their order.
 */
export function findingRowsByAgent(
  summary: ReplaySummary,
  agents: readonly AgentSummary[] = summary.agents,
): AgentFindingRows[] {
  const labelOf = agentLabeler(summary);
  return agents.flatMap((agent) => {
    const cells = summary.findingCounts.filter((row) => row.principal === agent.principal);
    if (cells.length === 0) return [];
    const rows = CATEGORIES.filter((c) => cells.some((row) => row.category === c)).map((category) => ({
      category,
      counts: SEVERITIES_DESCENDING.map(
        (severity) => cells.find((row) => row.category === category && row.severity === severity)?.count ?? 0,
      ),
    }));
    return [{ agent, label: labelOf(agent), rows }];
  });
}

/** An agent's findings, all severities together. */
export function findingsOf(agent: AgentSummary): number {
  return SEVERITIES_DESCENDING.reduce((n, s) => n + agent.findingsBySeverity[s], 0);
}

/**
 * Agents a report's tables show: a what-if run over an organisation's trail binds every principal, and the
 * tables must stay readable.
 */
export const AGENTS_SHOWN = 25;

/**
 * At most `max` agents, those with the most severe findings first picked (then the most findings, then the
 * most calls), shown in the summary's order; and how many were left out.
 */
export function agentsToShow(
  agents: readonly AgentSummary[],
  max = AGENTS_SHOWN,
): { readonly shown: AgentSummary[]; readonly omitted: number } {
  if (agents.length <= max) return { shown: [...agents], omitted: 0 };
  const worst = (a: AgentSummary): number => {
    const at = SEVERITIES_DESCENDING.findIndex((s) => a.findingsBySeverity[s] > 0);
    return at < 0 ? -1 : SEVERITIES_DESCENDING.length - at;
  };
  const kept = new Set(
    [...agents]
      .sort((a, b) => worst(b) - worst(a) || findingsOf(b) - findingsOf(a) || b.events - a.events)
      .slice(0, max),
  );
  return { shown: agents.filter((a) => kept.has(a)), omitted: agents.length - max };
}
