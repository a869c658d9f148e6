import type { BaselineDecision } from '../../baseline/compiled-baseline';
import type { AccessLevel, Severity } from '../../model';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf, refusedSuffix } from '../finding';

const SEVERITY_BY_LEVEL: Readonly<Record<AccessLevel, Severity>> = {
  List: 'low',
  Read: 'low',
  Write: 'medium',
  Tagging: 'medium',
  'Permissions management': 'high',
  Unknown: 'medium',
};

const WHY: Readonly<Record<NonNullable<BaselineDecision['reason']>, string>> = {
  action: 'no statement allows this action',
  sensitive: 'a sensitive action only matched by a wildcard (must be named exactly)',
  resource: 'the action is allowed, but not on this resource',
  region: 'the action is allowed, but not in this region',
  account: 'the action is allowed, but not in this account',
};

/**
 * Every call the baseline does not allow, refused ones included (an attempt is a signal). Runs on every
 * event; the cost is the baseline's `decide`, which is precompiled.
 */
export const notAllowed: Detector = {
  id: 'baseline.not-allowed',
  category: 'out-of-baseline',
  severity: 'medium',
  rationale: 'A least-privilege baseline says what the agent needs; anything else is drift or misuse.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const decision = ctx.baseline.decide(ctx.event);
    if (decision.allowed) return undefined;
    const event = ctx.event;
    const reason = decision.reason ?? 'action';
    let severity = SEVERITY_BY_LEVEL[event.action.accessLevel] ?? 'medium';
    if (reason === 'sensitive' && severity === 'low') severity = 'medium';
    return findingOf(notAllowed, ctx, {
      severity,
      message: `${ctx.agent.principalArn} called ${event.action.action} outside baseline ${ctx.baseline.name}: ${WHY[reason] ?? reason}${refusedSuffix(ctx)}`,
      details: { reason, accessLevel: event.action.accessLevel, baseline: ctx.baseline.name },
    });
  },
};
