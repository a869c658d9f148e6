/**
 * Most defense-evasion detectors are a table: "this action, when its request looks like this, blinds that
 * control". This builds a `Detector` from such a table so each detector file is only its table.
 */
import type { Category, LeashEvent, Severity } from '../../model';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { dangerousCallSeverity, findingOf, refusedSuffix } from '../finding';

/** What one trigger action means, and when it counts. */
export interface ActionRule {
  /** Overrides the detector's severity for this action. */
  readonly severity?: Severity;
  /** What the call does to the control, e.g. `stopped CloudTrail logging`. */
  readonly what: string;
  /**
   * Only for calls whose effect depends on the request (e.g. a lifecycle rule's expiry): returns a short
   * explanation when the call impairs the control, undefined when it does not.
   */
  readonly impairs?: (event: LeashEvent) => string | undefined;
}

export interface ActionRuleDetectorSpec {
  readonly id: string;
  readonly category?: Category;
  readonly severity: Severity;
  readonly rationale: string;
  /** Keyed by exact IAM action (`service:Action`). */
  readonly rules: Readonly<Record<string, ActionRule>>;
}

/** The resource a call touched, for messages: the first ARN the record names. */
function targetOf(event: LeashEvent): string {
  return event.resources.length > 0 ? ` on ${event.resources[0]}` : '';
}

export function actionRuleDetector(spec: ActionRuleDetectorSpec): Detector {
  const rules = new Map<string, ActionRule>(Object.entries(spec.rules));
  const detector: Detector = {
    id: spec.id,
    category: spec.category ?? 'defense-evasion',
    severity: spec.severity,
    rationale: spec.rationale,
    triggers: Object.freeze([...rules.keys()]),
    evaluate(ctx: DetectorContext): DetectorResult {
      const rule = rules.get(ctx.event.action.action);
      if (!rule) return undefined;
      let why = '';
      if (rule.impairs) {
        const explanation = rule.impairs(ctx.event);
        if (explanation === undefined) return undefined;
        why = ` (${explanation})`;
      }
      const severity = dangerousCallSeverity(ctx, rule.severity ?? spec.severity);
      return findingOf(detector, ctx, {
        severity,
        message: `${ctx.agent.principalArn} ${rule.what}${targetOf(ctx.event)}${why}${refusedSuffix(ctx)}`,
        details: { action: ctx.event.action.action },
      });
    },
  };
  return detector;
}
