import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { bucketOf, firstOfBucket, isOwnCall, notRaisedInBucket } from './window';

const WINDOW_MS = 5 * 60 * 1000;
const DISTINCT_KEY = 'velocity.discovery';
const FIRST_KEY = 'velocity.discovery:first';
const RAISED_KEY = 'velocity.discovery:raised';

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
    const { event, state } = ctx;
    if (!isOwnCall(event)) return undefined;
    const level = event.action.accessLevel;
    if (level !== 'List' && level !== 'Read') return undefined;
    const first = firstOfBucket(state, FIRST_KEY, event.eventId, event.time, WINDOW_MS);
    const count = state.distinct(DISTINCT_KEY, event.action.action, event.time, WINDOW_MS);
    const limit = ctx.baseline.rate.discoveryActionsPer5Minutes;
    if (count <= limit) return undefined;
    if (!notRaisedInBucket(state, RAISED_KEY, event.eventId, event.time, WINDOW_MS)) return undefined;
    const key = `${discoveryBurst.id}:${ctx.agent.principalArn}:${bucketOf(event.time, WINDOW_MS)}`;
    if (!state.once(key)) return undefined;
    return findingOf(discoveryBurst, ctx, {
      key,
      message: `${ctx.agent.principalArn} used ${count} distinct List/Read actions within 5 minutes (baseline: ${limit})`,
      evidence: first === event.eventId ? undefined : [first],
      details: { distinctActions: count, limit, windowMs: WINDOW_MS },
    });
  },
};
