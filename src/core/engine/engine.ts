import type { AgentDirectory } from '../baseline/agent-directory';
import type { CompiledBaseline } from '../baseline/compiled-baseline';
import {
  DEFAULT_DETECTOR_SETTINGS,
  type DetectorContext,
  type DetectorSettings,
} from '../detectors/detector';
import type { DetectorPack } from '../detectors/pack';
import {
  SEVERITY_RANK,
  type AgentRef,
  type Finding,
  type LeashEvent,
  type Severity,
  type Verdict,
} from '../model';
import { ResponsePlanner } from '../response/plan';
import { InMemoryStateStore, type StateStore } from '../state/state-store';
import { ReleasedEvents } from './released-events';
import { ReorderBuffer } from './reorder-buffer';
import { mintsSession, SessionLinks } from './session-links';

export interface EngineOptions {
  readonly directory: AgentDirectory;
  readonly pack: DetectorPack;
  readonly settings?: DetectorSettings;
  readonly planner?: ResponsePlanner;
  readonly state?: StateStore;
  /**
   * How far out of order events may arrive and still be judged in time order. Replay of S3 delivery files
   * needs minutes (files per region per 5 minutes); a Lambda fed sorted batches can use 0.
   * @default 15 minutes
   */
  readonly reorderWindowMs?: number;
}

export interface EngineStats {
  /** Events pushed, duplicates included. */
  received: number;
  /** Events dropped because their eventID was already judged. */
  duplicates: number;
  /** Events made by agents (and so judged). */
  judged: number;
  /** Events of principals that are not agents. */
  ignored: number;
  /** Events judged through chained credentials. */
  chained: number;
  /** Events that arrived after later ones had been judged (beyond the reorder window). */
  late: number;
  findings: number;
}

/**
 * The decision core: events in, verdicts out, the same way in replay and in the stack. Deterministic: the
 * same events in any order (within the reorder window) give the same findings.
 */
export class Engine {
  readonly stats: EngineStats = {
    received: 0,
    duplicates: 0,
    judged: 0,
    ignored: 0,
    chained: 0,
    late: 0,
    findings: 0,
  };
  private readonly directory: AgentDirectory;
  private readonly pack: DetectorPack;
  private readonly settings: DetectorSettings;
  private readonly planner: ResponsePlanner;
  private readonly state: StateStore;
  private readonly buffer: ReorderBuffer | undefined;
  private readonly links = new SessionLinks();
  /** Events already judged, to drop duplicate deliveries. */
  private readonly released: ReleasedEvents;
  private lastReleased = -Infinity;
  private readonly release: (e: LeashEvent) => void;
  private readonly ctx: { -readonly [K in keyof DetectorContext]: DetectorContext[K] };
  private emit: (v: Verdict) => void = () => undefined;

  constructor(options: EngineOptions) {
    this.directory = options.directory;
    this.pack = options.pack;
    this.settings = options.settings ?? DEFAULT_DETECTOR_SETTINGS;
    this.planner = options.planner ?? new ResponsePlanner();
    this.state = options.state ?? new InMemoryStateStore();
    const windowMs = options.reorderWindowMs ?? 15 * 60 * 1000;
    this.buffer = windowMs > 0 ? new ReorderBuffer(windowMs) : undefined;
    // Duplicates arrive within minutes in practice; keep ids well past the reorder window.
    this.released = new ReleasedEvents(windowMs + 60 * 60 * 1000);
    this.release = (e) => this.judgeOnce(e);
    this.ctx = {
      event: undefined as unknown as LeashEvent,
      agent: undefined as unknown as AgentRef,
      baseline: undefined as unknown as CompiledBaseline,
      state: undefined as unknown as DetectorContext['state'],
      settings: this.settings,
    };
  }

  /** Accept one event; verdicts of events the reorder window releases go to `emit`. */
  push(event: LeashEvent, emit: (v: Verdict) => void): void {
    this.stats.received++;
    this.emit = emit;
    if (this.buffer) this.buffer.push(event, this.release);
    else this.judgeOnce(event);
  }

  /** End of input: judge what the reorder window still holds. */
  flush(emit: (v: Verdict) => void): void {
    this.emit = emit;
    this.buffer?.drain(this.release);
  }

  /** Judge one event now, bypassing the reorder window (e.g. `leash explain`). */
  evaluate(event: LeashEvent): Verdict | undefined {
    let verdict: Verdict | undefined;
    this.emit = (v) => (verdict = v);
    this.judge(event);
    return verdict;
  }

  /** Judge an event unless an event with its time and id was judged before. */
  private judgeOnce(event: LeashEvent): void {
    if (!this.released.add(event)) {
      this.stats.duplicates++;
      return;
    }
    if (event.time < this.lastReleased) this.stats.late++;
    else this.lastReleased = event.time;
    this.judge(event);
  }

  private judge(event: LeashEvent): void {
    const link = this.links.lookup(event);
    let agent: AgentRef;
    let baseline: CompiledBaseline;
    if (link) {
      this.stats.chained++;
      baseline = link.baseline;
      agent = {
        principalArn: link.agentPrincipal,
        baseline: baseline.name,
        chainedThrough: event.identity.principalArn,
      };
    } else {
      const resolved = this.directory.resolveAgent(event.identity);
      if (!resolved) {
        this.stats.ignored++;
        return;
      }
      agent = resolved.agent;
      baseline = resolved.baseline;
    }
    this.stats.judged++;
    if (mintsSession(event.action)) {
      this.links.record(event, agent.principalArn, baseline);
    }

    // One context object, refilled per event: detectors are pure and never keep it.
    const ctx = this.ctx;
    ctx.event = event;
    ctx.agent = agent;
    ctx.baseline = baseline;
    ctx.state = this.state.forAgent(agent.principalArn);
    let findings: Finding[] | undefined;
    // Indexed loops here and below: this runs for every event, and an iterator is an allocation whenever
    // the optimiser cannot prove it away.
    const detectors = this.pack.for(event.action);
    for (let i = 0; i < detectors.length; i++) {
      const result = detectors[i].evaluate(ctx);
      if (result === undefined) continue;
      findings ??= [];
      if (Array.isArray(result)) findings.push(...(result as readonly Finding[]));
      else findings.push(result as Finding);
    }
    if (!findings || findings.length === 0) {
      this.emit({ event, agent, findings: NO_FINDINGS, plan: NO_STEPS });
      return;
    }
    let severity: Severity = 'info';
    for (let i = 0; i < findings.length; i++) {
      const rank = SEVERITY_RANK[findings[i].severity];
      if (rank > SEVERITY_RANK[severity]) severity = findings[i].severity;
    }
    this.stats.findings += findings.length;
    const plan = this.planner.plan(event, agent, baseline, findings, severity);
    this.emit({ event, agent, findings, severity, plan });
  }
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const NO_STEPS: readonly never[] = Object.freeze([]);
