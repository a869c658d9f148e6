import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { burstOverLimit, burstWindow, isOwnCall } from './window';

const WINDOW = burstWindow('velocity.rate', 60 * 1000);

/** Runs on every event: one `hit` and one `recall` per call; allocates only when it fires. */
export const callRate: Detector = {
  id: 'velocity.rate',
  category: 'velocity',
  severity: 'medium',
  rationale:
    'An agent calling far faster than its baseline is looping, scripted by someone else, or sweeping.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const { event } = ctx;
    if (!isOwnCall(event)) return undefined;
    const count = ctx.state.hit(WINDOW.countKey, event.eventId, event.time, WINDOW.windowMs);
    const limit = ctx.baseline.rate.callsPerMinute;
    const burst = burstOverLimit(callRate, ctx, WINDOW, count, limit);
    if (burst === undefined) return undefined;
    return findingOf(callRate, ctx, {
      ...burst,
      message: `${ctx.agent.principalArn} made ${count} calls in a minute (baseline: ${limit})`,
      details: { calls: count, limit, windowMs: WINDOW.windowMs },
    });
  },
};
