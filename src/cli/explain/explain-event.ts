/**
 * The whole reasoning for one event, as data: who called, which IAM action it maps to, which baseline
 * statement allowed it (or why none did), what each detector concluded, and the response plan. The same
 * engine as replay judges it; detectors are also run one by one so the ones that stayed quiet are shown.
 */
import type { BaselineDecision, BaselineStatement, CompiledBaseline } from '../../core/baseline';
import { DEFAULT_DETECTOR_SETTINGS } from '../../core/detectors/detector';
import type { DetectorPack } from '../../core/detectors/pack';
import type { LeashCore } from '../../core/leash-core';
import type { Finding, Identity, LeashEvent, MappedAction, ResponseStep, Severity } from '../../core/model';
import { InMemoryStateStore } from '../../core/state/state-store';

export interface DetectorOutcome {
  readonly id: string;
  readonly category: string;
  readonly fired: boolean;
  readonly findings: readonly Finding[];
  /** Why it matters, from the detector. */
  readonly rationale: string;
}

export interface Explanation {
  readonly eventId: string;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  readonly errorCode: string | null;
  readonly identity: Identity;
  /** The mapped action without its process-internal id. */
  readonly action: Omit<MappedAction, 'id'>;
  readonly resources: readonly string[];
  /** Absent when no baseline binds the principal: the event is not an agent's and would not be judged. */
  readonly agent?: {
    readonly principal: string;
    readonly baseline: string;
    readonly baselineSource: string;
    readonly mode: string;
  };
  readonly baselineDecision?: BaselineDecision & { readonly statementText?: BaselineStatement };
  /** Every detector the pack runs for this action, fired or not. */
  readonly detectors: readonly DetectorOutcome[];
  /** Detectors of the pack that do not watch this action. */
  readonly detectorsNotApplicable: number;
  readonly severity: Severity | null;
  readonly plan: readonly ResponseStep[];
}

/** `pack` must be the pack `core` was built with. */
export function explainEvent(core: LeashCore, pack: DetectorPack, event: LeashEvent): Explanation {
  const base = {
    eventId: event.eventId,
    eventTime: event.eventTime,
    eventSource: event.eventSource,
    eventName: event.eventName,
    region: event.region,
    errorCode: event.errorCode ?? null,
    identity: event.identity,
    action: {
      action: event.action.action,
      service: event.action.service,
      accessLevel: event.action.accessLevel,
      known: event.action.known,
    },
    resources: event.resources,
  };
  const baseline = core.directory.resolve(event.identity);
  if (!baseline) {
    return {
      ...base,
      detectors: [],
      detectorsNotApplicable: pack.detectors.length,
      severity: null,
      plan: [],
    };
  }
  const applicable = pack.for(event.action);
  const decision = baseline.decide(event);
  const statementText = decision.statement
    ? baseline.statements?.find((s) => s.ref.index === decision.statement?.index)
    : undefined;
  const agent = { principalArn: event.identity.principalArn, baseline: baseline.name };
  const detectors = applicable.map((detector): DetectorOutcome => {
    // A fresh state per detector: each is shown as if this event were the agent's first.
    const state = new InMemoryStateStore().forAgent(agent.principalArn);
    const result = detector.evaluate({ event, agent, baseline, state, settings: DEFAULT_DETECTOR_SETTINGS });
    const findings: Finding[] =
      result === undefined ? [] : Array.isArray(result) ? [...(result as Finding[])] : [result as Finding];
    return {
      id: detector.id,
      category: detector.category,
      fired: findings.length > 0,
      findings,
      rationale: detector.rationale,
    };
  });
  const verdict = core.engine.evaluate(event);
  return {
    ...base,
    agent: describeAgent(agent.principalArn, baseline),
    baselineDecision: statementText ? { ...decision, statementText } : decision,
    detectors,
    detectorsNotApplicable: pack.detectors.length - applicable.length,
    severity: verdict?.severity ?? null,
    plan: verdict?.plan ?? [],
  };
}

function describeAgent(principal: string, baseline: CompiledBaseline): NonNullable<Explanation['agent']> {
  return { principal, baseline: baseline.name, baselineSource: baseline.source, mode: baseline.mode };
}
