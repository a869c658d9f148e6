import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { bucketOf, firstOfBucket, isOwnCall, notRaisedInBucket } from './window';

const WINDOW_MS = 60 * 1000;
const HIT_KEY = 'velocity.rate';
const FIRST_KEY = 'velocity.rate:first';
const RAISED_KEY = 'velocity.rate:raised';

/** Runs on every event: one `hit` and one `recall` per call; allocates only when it fires. */
export const callRate: Detector = {
  id: 'velocity.rate',
  category: 'velocity',
  severity: 'medium',
  rationale:
    'An agent calling far faster than its baseline is looping, scripted by someone else, or sweeping.',
  evaluate(ctx: DetectorContext): DetectorResult {
    const { event, state } = ctx;
    if (!isOwnCall(event)) return undefined;
    const first = firstOfBucket(state, FIRST_KEY, event.eventId, event.time, WINDOW_MS);
    const count = state.hit(HIT_KEY, event.eventId, event.time, WINDOW_MS);
    const limit = ctx.baseline.rate.callsPerMinute;
    if (count <= limit) return undefined;
    if (!notRaisedInBucket(state, RAISED_KEY, event.eventId, event.time, WINDOW_MS)) return undefined;
    const key = `${callRate.id}:${ctx.agent.principalArn}:${bucketOf(event.time, WINDOW_MS)}`;
    if (!state.once(key)) return undefined;
    return findingOf(callRate, ctx, {
      key,
      message: `${ctx.agent.principalArn} made ${count} calls in a minute (baseline: ${limit})`,
      evidence: first === event.eventId ? undefined : [first],
      details: { calls: count, limit, windowMs: WINDOW_MS },
    });
  },
};
