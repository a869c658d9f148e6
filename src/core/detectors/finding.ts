import type { Finding, Severity } from '../model';
import { isRefused, shiftSeverity, maxSeverity } from '../model';
import type { Detector, DetectorContext } from './detector';

export interface FindingParts {
  readonly message: string;
  /** Defaults to the detector's severity. */
  readonly severity?: Severity;
  /** Defaults to `<detector id>:<event id>`; windowed detectors pass the agent and window. */
  readonly key?: string;
  readonly evidence?: readonly string[];
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A finding of `detector` about the event in `ctx`, with the conventions every detector shares. */
export function findingOf(detector: Detector, ctx: DetectorContext, parts: FindingParts): Finding {
  return {
    detector: detector.id,
    category: detector.category,
    severity: parts.severity ?? detector.severity,
    message: parts.message,
    eventId: ctx.event.eventId,
    key: parts.key ?? `${detector.id}:${ctx.event.eventId}`,
    evidence: parts.evidence,
    details: parts.details,
  };
}

/**
 * Severity of an always-dangerous call: a refused attempt at escalation is still at least `high` (the agent
 * tried); a call the baseline grants by exact name was reviewed, so it drops two steps. `reviewedAlsoBy`
 * names a further action whose exact grant reviews the call (`iam:PassRole` for a call that passes a
 * role: PassRole is never its own event).
 */
export function dangerousCallSeverity(
  ctx: DetectorContext,
  base: Severity,
  reviewedAlsoBy?: string,
): Severity {
  if (isRefused(ctx.event)) return maxSeverity(base, 'high');
  const { baseline } = ctx;
  const reviewed =
    baseline.grantsExactly(ctx.event.action.action) ||
    (reviewedAlsoBy !== undefined && baseline.grantsExactly(reviewedAlsoBy));
  return reviewed ? shiftSeverity(base, -2) : base;
}

/** " (refused: AccessDenied)" when the call was refused, else "". */
export function refusedSuffix(ctx: DetectorContext): string {
  return ctx.event.errorCode ? ` (refused: ${ctx.event.errorCode})` : '';
}
