/**
 * Shared by the velocity detectors: a sliding-window count that raises once per fixed window bucket, with
 * the first event of that bucket as evidence. Keys depend only on the agent and the event time, so the same
 * time-ordered history always yields the same finding keys. The other windowed detectors
 * (`boundary.chained-session`, `credential.secret-burst`) bucket time with `bucketOf`.
 */
import type { LeashEvent } from '../../model';
import type { AgentState } from '../../state/agent-state';
import type { Detector, DetectorContext } from '../detector';

/**
 * Calls an AWS service made on the principal's behalf (`invokedBy`: the console's own lookups,
 * CloudFormation, "AWS Internal") are not the agent's pace: they never count toward its velocity.
 */
export function isOwnCall(event: LeashEvent): boolean {
  return event.identity.invokedBy === undefined;
}

/** The fixed bucket an instant falls in, for once-per-window keys. */
export function bucketOf(time: number, windowMs: number): number {
  return Math.floor(time / windowMs);
}

/**
 * Remembers the first event of each bucket under `markKey` (one small object per bucket, not per event) and
 * returns it for the bucket `time` falls in.
 */
function firstOfBucket(
  state: AgentState,
  markKey: string,
  eventId: string,
  time: number,
  windowMs: number,
): string {
  const bucket = bucketOf(time, windowMs);
  const previous = state.recall(markKey, time, windowMs);
  if (previous !== undefined && bucketOf(previous.time, windowMs) === bucket) return previous.eventId;
  state.mark(markKey, { eventId, time });
  return eventId;
}

/**
 * True when nothing was raised under `markKey` yet in the bucket `time` falls in (or this very event was
 * the one marked). Checked before any key string is built: over the limit, it runs for every call of a
 * burst, so it compares times before ids (two different ids of one length took a generic equality call).
 * `once` stays the final guard (a straggler of an earlier bucket is not seen by the mark).
 */
function notRaisedInBucket(
  state: AgentState,
  markKey: string,
  eventId: string,
  time: number,
  windowMs: number,
): boolean {
  const previous = state.recall(markKey, time, windowMs);
  if (previous !== undefined && bucketOf(previous.time, windowMs) === bucketOf(time, windowMs)) {
    return previous.time === time && previous.eventId === eventId;
  }
  state.mark(markKey, { eventId, time });
  return true;
}

/** The state keys and width of one detector's burst window, built once (not per event). */
export interface BurstWindow {
  readonly windowMs: number;
  /** Key the detector counts under (`hit` / `distinct`). */
  readonly countKey: string;
  readonly firstKey: string;
  readonly raisedKey: string;
}

export function burstWindow(countKey: string, windowMs: number): BurstWindow {
  return { windowMs, countKey, firstKey: `${countKey}:first`, raisedKey: `${countKey}:raised` };
}

/** What a burst finding carries besides its message: the once-per-bucket key and the bucket's first call. */
export interface Burst {
  readonly key: string;
  readonly evidence?: readonly string[];
}

/**
 * The shared end of a velocity detector, after it counted the event in `count`: remembers the bucket's
 * first event, and the first time in the bucket the count exceeds `limit`, returns the finding's key
 * (`<detector>:<agent>:<bucket>`) and evidence. Undefined under the limit or once already raised.
 */
export function burstOverLimit(
  detector: Detector,
  ctx: DetectorContext,
  window: BurstWindow,
  count: number,
  limit: number,
): Burst | undefined {
  const { event, state } = ctx;
  const first = firstOfBucket(state, window.firstKey, event.eventId, event.time, window.windowMs);
  if (count <= limit) return undefined;
  if (!notRaisedInBucket(state, window.raisedKey, event.eventId, event.time, window.windowMs))
    return undefined;
  const key = `${detector.id}:${ctx.agent.principalArn}:${bucketOf(event.time, window.windowMs)}`;
  if (!state.once(key)) return undefined;
  return { key, evidence: first === event.eventId ? undefined : [first] };
}
