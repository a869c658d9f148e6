import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { burstOverLimit, burstWindow, isOwnCall } from './window';

const WINDOW = burstWindow('velocity.discovery', 5 * 60 * 1000);

/**
 * Reconnaissance looks like many different List/Describe/Get actions in a short time, where a working agent
 * repeats a few. Counts distinct actions (refused ones too: they are attempts). Runs on every event.
 */
export const discoveryBurst: Detector = {
  id: 'velocity.discovery-burst',
  category: 'velocity',
  severity: 'medium',
  rationale: 'Many distinct List/Read actions in a few minutes is reconnaissance, not the agent’s task.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const { event } = ctx;
    if (!isOwnCall(event)) return undefined;
    const level = event.action.accessLevel;
    if (level !== 'List' && level !== 'Read') return undefined;
    const count = ctx.state.distinct(WINDOW.countKey, event.action.action, event.time, WINDOW.windowMs);
    const limit = ctx.baseline.rate.discoveryActionsPer5Minutes;
    const burst = burstOverLimit(discoveryBurst, ctx, WINDOW, count, limit);
    if (burst === undefined) return undefined;
    return findingOf(discoveryBurst, ctx, {
      ...burst,
      message: `${ctx.agent.principalArn} used ${count} distinct List/Read actions within 5 minutes (baseline: ${limit})`,
      details: { distinctActions: count, limit, windowMs: WINDOW.windowMs },
    });
  },
};
