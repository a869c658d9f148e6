import { isRefused } from '../../model';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { bucketOf, firstOfBucket, isOwnCall, notRaisedInBucket } from './window';

const WINDOW_MS = 5 * 60 * 1000;
const HIT_KEY = 'velocity.refused';
const FIRST_KEY = 'velocity.refused:first';
const RAISED_KEY = 'velocity.refused:raised';

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
    const { event, state } = ctx;
    if (!isOwnCall(event)) return undefined;
    if (event.errorCode === undefined || !isRefused(event)) return undefined;
    const first = firstOfBucket(state, FIRST_KEY, event.eventId, event.time, WINDOW_MS);
    const count = state.hit(HIT_KEY, event.eventId, event.time, WINDOW_MS);
    const limit = ctx.baseline.rate.refusedPer5Minutes;
    if (count <= limit) return undefined;
    if (!notRaisedInBucket(state, RAISED_KEY, event.eventId, event.time, WINDOW_MS)) return undefined;
    const key = `${refusedBurst.id}:${ctx.agent.principalArn}:${bucketOf(event.time, WINDOW_MS)}`;
    if (!state.once(key)) return undefined;
    return findingOf(refusedBurst, ctx, {
      key,
      message: `${ctx.agent.principalArn} had ${count} calls refused within 5 minutes (baseline: ${limit}), latest ${event.action.action}`,
      evidence: first === event.eventId ? undefined : [first],
      details: { refused: count, limit, windowMs: WINDOW_MS },
    });
  },
};
