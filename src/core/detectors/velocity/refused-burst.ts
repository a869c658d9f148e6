import { isRefused } from '../../model';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { burstOverLimit, burstWindow, isOwnCall } from './window';

const WINDOW = burstWindow('velocity.refused', 5 * 60 * 1000);

/**
 * Stratus ec2-get-password-data and ec2-download-user-data are dozens of denied calls in a minute or two:
 * an agent probing what it may do. Runs on every event; only refused ones touch state.
 */
export const refusedBurst: Detector = {
  id: 'velocity.refused-burst',
  category: 'velocity',
  severity: 'high',
  rationale: 'Many refused calls in a few minutes means the agent is probing its permissions.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const { event } = ctx;
    if (!isOwnCall(event) || !isRefused(event)) return undefined;
    const count = ctx.state.hit(WINDOW.countKey, event.eventId, event.time, WINDOW.windowMs);
    const limit = ctx.baseline.rate.refusedPer5Minutes;
    const burst = burstOverLimit(refusedBurst, ctx, WINDOW, count, limit);
    if (burst === undefined) return undefined;
    return findingOf(refusedBurst, ctx, {
      ...burst,
      message: `${ctx.agent.principalArn} had ${count} calls refused within 5 minutes (baseline: ${limit}), latest ${event.action.action}`,
      details: { refused: count, limit, windowMs: WINDOW.windowMs },
    });
  },
};
