/**
 * Groups findings into incidents a person can read: one incident per agent per burst of findings (a new
 * incident starts after a quiet gap), and inside it one group per detector, with the events that make up
 * the evidence and the response plan merged across the incident's verdicts.
 */
import {
  RESPONSE_TYPES,
  maxSeverity,
  severityRank,
  type Category,
  type Finding,
  type LeashEvent,
  type ResponseStep,
  type Severity,
  type Verdict,
} from '../../core/model';

/** The facts about one event a report shows. Copied out so the raw record is not kept alive. */
export interface EventRef {
  readonly eventId: string;
  readonly eventTime: string;
  readonly time: number;
  readonly eventName: string;
  readonly eventSource: string;
  readonly region: string;
  readonly errorCode?: string;
  /** The caller as CloudTrail names it (assumed-role session ARN), else the principal ARN. */
  readonly caller: string;
  readonly userAgent?: string;
  readonly sourceIp?: string;
  readonly chainedThrough?: string;
}

/** An evidence event the report no longer (or never) saw: only its id is known. */
export interface UnresolvedEventRef {
  readonly eventId: string;
}

export type EvidenceRef = EventRef | UnresolvedEventRef;

export function isResolved(ref: EvidenceRef): ref is EventRef {
  return 'eventTime' in ref;
}

export interface FindingGroup {
  readonly detector: string;
  readonly category: Category;
  /** Highest severity among the group's findings. */
  readonly severity: Severity;
  /** The message of the first finding at the group's severity. */
  readonly message: string;
  readonly count: number;
  /** Trigger and evidence events, ordered by time, at most `maxEventsPerGroup`. */
  readonly events: readonly EvidenceRef[];
  /** Events left out of `events` to keep the report bounded. */
  readonly moreEvents: number;
}

/** A planned step, merged across an incident, with when it would first have run. */
export interface PlannedStep extends ResponseStep {
  /** `eventTime` of the first event whose verdict planned it. */
  readonly firstAt: string;
  /** eventName of that event. */
  readonly firstOn: string;
}

export interface Incident {
  /** `<baseline>#<n>`, n counting from 1 per agent in time order. */
  readonly id: string;
  readonly baseline: string;
  readonly principal: string;
  readonly start: string;
  readonly end: string;
  readonly severity: Severity;
  readonly findings: number;
  readonly categories: readonly Category[];
  /** Roles the agent chained into during the incident. */
  readonly chainedThrough: readonly string[];
  /** Ordered by severity (highest first), then by first occurrence. */
  readonly groups: readonly FindingGroup[];
  /** Ordered along the containment ladder. */
  readonly plan: readonly PlannedStep[];
}

export interface IncidentOptions {
  /** A quiet gap longer than this between two findings of one agent starts a new incident. @default 10 minutes */
  readonly gapMs?: number;
  /** Evidence events shown per detector group. @default 8 */
  readonly maxEventsPerGroup?: number;
  /** Recent events remembered to resolve evidence ids. @default 20000 */
  readonly recentEvents?: number;
}

export function eventRefOf(event: LeashEvent, chainedThrough?: string): EventRef {
  return {
    eventId: event.eventId,
    eventTime: event.eventTime,
    time: event.time,
    eventName: event.eventName,
    eventSource: event.eventSource,
    region: event.region,
    errorCode: event.errorCode,
    caller: event.identity.callerArn ?? event.identity.principalArn,
    userAgent: event.userAgent,
    sourceIp: event.sourceIp,
    chainedThrough,
  };
}

/** Distinct evidence ids remembered per group before counting goes approximate (bounds memory). */
const DISTINCT_IDS_KEPT = 5000;

/** One detector's findings within an incident, aggregated as they arrive. */
class GroupAccumulator {
  severity: Severity;
  message: string;
  count = 0;
  /** The earliest events, at most `cap`, kept ordered by time (unresolved ids last). */
  readonly events: EvidenceRef[] = [];
  private distinct: Set<string> | undefined = new Set();
  private uncounted = 0;

  constructor(
    readonly detector: string,
    readonly category: Category,
    first: Finding,
    private readonly cap: number,
  ) {
    this.severity = first.severity;
    this.message = first.message;
  }

  add(finding: Finding, event: EventRef, evidence: readonly EvidenceRef[]): void {
    this.count += 1;
    if (severityRank(finding.severity) > severityRank(this.severity)) {
      this.severity = finding.severity;
      this.message = finding.message;
    }
    this.addEvent(event);
    for (const ref of evidence) this.addEvent(ref);
  }

  /** Called once the incident is behind the agent's newest finding: drop the id set, keep the count. */
  compact(): void {
    if (!this.distinct) return;
    this.uncounted += this.distinct.size;
    this.distinct = undefined;
  }

  get distinctEvents(): number {
    return (this.distinct?.size ?? 0) + this.uncounted;
  }

  private addEvent(ref: EvidenceRef): void {
    if (this.distinct) {
      if (this.distinct.has(ref.eventId)) return;
      if (this.distinct.size < DISTINCT_IDS_KEPT) this.distinct.add(ref.eventId);
      else this.uncounted += 1;
    } else if (this.events.some((kept) => kept.eventId === ref.eventId)) {
      return;
    } else {
      this.uncounted += 1;
    }
    if (this.events.length === this.cap && byTimeUnresolvedLast(ref, this.events[this.cap - 1]) >= 0) return;
    const at = this.events.findIndex((kept) => byTimeUnresolvedLast(ref, kept) < 0);
    this.events.splice(at < 0 ? this.events.length : at, 0, ref);
    if (this.events.length > this.cap) this.events.pop();
  }
}

/** One incident being built: bounded whatever the number of findings it collects. */
class IncidentAccumulator {
  startTime: number;
  endTime: number;
  start: string;
  end: string;
  severity: Severity = 'info';
  findings = 0;
  readonly categories = new Set<Category>();
  readonly chained = new Set<string>();
  readonly groups = new Map<string, GroupAccumulator>();
  readonly plan = new Map<string, PlannedStep>();
  private lastPlan: readonly ResponseStep[] | undefined;

  constructor(
    readonly baseline: string,
    readonly principal: string,
    event: EventRef,
  ) {
    this.startTime = this.endTime = event.time;
    this.start = this.end = event.eventTime;
  }

  covers(time: number, gapMs: number): boolean {
    return time >= this.startTime - gapMs && time <= this.endTime + gapMs;
  }

  add(verdict: Verdict, event: EventRef, resolve: (id: string) => EvidenceRef, cap: number): void {
    if (event.time < this.startTime) [this.startTime, this.start] = [event.time, event.eventTime];
    if (event.time > this.endTime) [this.endTime, this.end] = [event.time, event.eventTime];
    if (verdict.agent.chainedThrough) this.chained.add(verdict.agent.chainedThrough);
    for (const finding of verdict.findings) {
      this.findings += 1;
      this.severity = maxSeverity(this.severity, finding.severity);
      this.categories.add(finding.category);
      let group = this.groups.get(finding.detector);
      if (!group) {
        group = new GroupAccumulator(finding.detector, finding.category, finding, cap);
        this.groups.set(finding.detector, group);
      }
      group.add(finding, event, (finding.evidence ?? []).map(resolve));
    }
    // A verdict's findings share one plan: merge it once.
    if (verdict.plan !== this.lastPlan) {
      this.lastPlan = verdict.plan;
      mergePlan(this.plan, verdict.plan, event);
    }
  }

  compact(): void {
    for (const group of this.groups.values()) group.compact();
  }

  toIncident(id: string, resolve: (ref: EvidenceRef) => EvidenceRef): Incident {
    const groups: FindingGroup[] = [...this.groups.values()].map((g) => ({
      detector: g.detector,
      category: g.category,
      severity: g.severity,
      message: g.message,
      count: g.count,
      events: g.events.map(resolve).sort(byTimeUnresolvedLast),
      moreEvents: Math.max(0, g.distinctEvents - g.events.length),
    }));
    const ladder = (step: ResponseStep): number => RESPONSE_TYPES.indexOf(step.type);
    return {
      id,
      baseline: this.baseline,
      principal: this.principal,
      start: this.start,
      end: this.end,
      severity: this.severity,
      findings: this.findings,
      categories: [...this.categories],
      chainedThrough: [...this.chained],
      // Stable sort keeps first-occurrence order among equal severities.
      groups: groups.sort((a, b) => severityRank(b.severity) - severityRank(a.severity)),
      plan: [...this.plan.values()].sort(
        (a, b) => ladder(a) - ladder(b) || Date.parse(a.firstAt) - Date.parse(b.firstAt),
      ),
    };
  }
}

/** One agent's incidents, in the order they were opened, and the latest time any of them reaches. */
interface AgentIncidents {
  readonly list: IncidentAccumulator[];
  latestEnd: number;
}

/**
 * Builds incidents while the replay runs, keeping memory bounded: each incident holds counts and a few
 * example events per detector, never the full list of findings.
 */
export class IncidentCollector {
  private readonly gapMs: number;
  private readonly maxEventsPerGroup: number;
  private readonly recentLimit: number;
  /**
   * The last `recentLimit` events by id, as refs (not the events: those keep their request and response),
   * to resolve evidence ids. `recentRing` is the eviction order.
   */
  private readonly recent = new Map<string, EventRef>();
  private readonly recentRing: EventRef[] = [];
  private recentNext = 0;
  private readonly byPrincipal = new Map<string, AgentIncidents>();

  constructor(options: IncidentOptions = {}) {
    this.gapMs = options.gapMs ?? 10 * 60_000;
    this.maxEventsPerGroup = options.maxEventsPerGroup ?? 8;
    this.recentLimit = options.recentEvents ?? 20_000;
  }

  add(verdict: Verdict): void {
    const ref = eventRefOf(verdict.event, verdict.agent.chainedThrough);
    this.remember(ref);
    if (verdict.findings.length === 0) return;
    const principal = verdict.agent.principalArn;
    let agent = this.byPrincipal.get(principal);
    if (!agent) {
      agent = { list: [], latestEnd: Number.NEGATIVE_INFINITY };
      this.byPrincipal.set(principal, agent);
    }
    const list = agent.list;
    // Verdicts arrive in time order, give or take, so a finding past every incident's reach (the common
    // case after a quiet gap) opens a new one at once; otherwise the newest incident almost always matches.
    let incident: IncidentAccumulator | undefined;
    if (ref.time <= agent.latestEnd + this.gapMs) {
      for (let i = list.length - 1; i >= 0 && !incident; i -= 1) {
        if (list[i].covers(ref.time, this.gapMs)) incident = list[i];
      }
    }
    if (!incident) {
      const newest = list.at(-1);
      if (newest && ref.time > newest.endTime) newest.compact();
      incident = new IncidentAccumulator(verdict.agent.baseline, principal, ref);
      list.push(incident);
    }
    incident.add(verdict, ref, (id) => this.resolveId(id), this.maxEventsPerGroup);
    if (incident.endTime > agent.latestEnd) agent.latestEnd = incident.endTime;
  }

  /** All incidents, ordered by start time; ids number each agent's incidents in time order. */
  incidents(): Incident[] {
    const resolve = (ref: EvidenceRef): EvidenceRef => (isResolved(ref) ? ref : this.resolveId(ref.eventId));
    const incidents: Incident[] = [];
    for (const { list } of this.byPrincipal.values()) {
      [...list]
        .sort((a, b) => a.startTime - b.startTime)
        .forEach((acc, i) => incidents.push(acc.toIncident(`${acc.baseline}#${i + 1}`, resolve)));
    }
    return incidents.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  }

  private resolveId(eventId: string): EvidenceRef {
    return this.recent.get(eventId) ?? { eventId };
  }

  /** Keeps the event's ref for evidence lookups, forgetting the oldest past the limit (a ring, no iterator). */
  private remember(ref: EventRef): void {
    const ring = this.recentRing;
    if (ring.length < this.recentLimit) ring.push(ref);
    else {
      const oldest = ring[this.recentNext];
      // Unless a later event with the same id took the entry over.
      if (this.recent.get(oldest.eventId) === oldest) this.recent.delete(oldest.eventId);
      ring[this.recentNext] = ref;
      this.recentNext = (this.recentNext + 1) % this.recentLimit;
    }
    this.recent.set(ref.eventId, ref);
  }
}

function byTimeUnresolvedLast(a: EvidenceRef, b: EvidenceRef): number {
  const ta = isResolved(a) ? a.time : Number.POSITIVE_INFINITY;
  const tb = isResolved(b) ? b.time : Number.POSITIVE_INFINITY;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/**
 * One step per thing that would be done: one alert and one quarantine per target, deny-actions merged into
 * one deny of all the actions, one session revocation (the first), one undo per distinct call.
 */
function mergePlan(merged: Map<string, PlannedStep>, plan: readonly ResponseStep[], event: EventRef): void {
  for (const step of plan) {
    const key = stepKey(step);
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...step, firstAt: event.eventTime, firstOn: event.eventName });
    } else if (step.type === 'deny-actions' && step.actions) {
      const actions = [...new Set([...(existing.actions ?? []), ...step.actions])];
      merged.set(key, { ...existing, actions });
    }
    // An earlier event planning the same step (out-of-order arrival) moves its first time back.
    if (existing && Date.parse(event.eventTime) < Date.parse(existing.firstAt)) {
      const current = merged.get(key) as PlannedStep;
      merged.set(key, { ...current, firstAt: event.eventTime, firstOn: event.eventName });
    }
  }
}

function stepKey(step: ResponseStep): string {
  if (step.type === 'undo') {
    const what = step.call ? `${step.call.operation} ${JSON.stringify(step.call.input)}` : step.reason;
    return `undo|${step.target}|${what}`;
  }
  return `${step.type}|${step.target}`;
}

/**
 * At most `max` incidents for display: the most severe (then earliest) are kept, shown in time order.
 * Returns the kept incidents and how many were left out.
 */
export function selectIncidents(
  incidents: readonly Incident[],
  max: number,
): { readonly shown: Incident[]; readonly omitted: number } {
  if (incidents.length <= max) return { shown: [...incidents], omitted: 0 };
  const kept = new Set(
    [...incidents]
      .sort(
        (a, b) =>
          severityRank(b.severity) - severityRank(a.severity) || Date.parse(a.start) - Date.parse(b.start),
      )
      .slice(0, max),
  );
  return { shown: incidents.filter((i) => kept.has(i)), omitted: incidents.length - max };
}
