/**
 * Shared by the velocity detectors: a sliding-window count that raises once per fixed window bucket, with
 * the first event of that bucket as evidence. Keys depend only on the agent and the event time, so the same
 * time-ordered history always yields the same finding keys. The other windowed detectors
 * (`boundary.chained-session`, `credential.secret-burst`) bucket time with `bucketOf`.
 */
import type { LeashEvent } from '../../model';
import type { AgentState, Mark } from '../../state/agent-state';
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
 * returns its mark for the bucket `time` falls in: the one just made when this event is the first.
 */
function firstOfBucket(
  state: AgentState,
  markKey: string,
  eventId: string,
  time: number,
  windowMs: number,
): Mark {
  const previous = state.recall(markKey, time, windowMs);
  if (previous !== undefined && bucketOf(previous.time, windowMs) === bucketOf(time, windowMs))
    return previous;
  const mark: Mark = { eventId, time };
  state.mark(markKey, mark);
  return mark;
}

/**
 * Whether `mark` is this event's. Times first: it runs for every call of a burst, and comparing two
 * different ids of one length took a generic equality call each time.
 */
function isMarkOf(mark: Mark, event: LeashEvent): boolean {
  return mark.time === event.time && mark.eventId === event.eventId;
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
  // Nothing raised yet in this bucket (this event is the first over the limit), checked before any key
  // string is built. `once` stays the final guard: a straggler of an earlier bucket is not seen by the mark.
  const raised = firstOfBucket(state, window.raisedKey, event.eventId, event.time, window.windowMs);
  if (!isMarkOf(raised, event)) return undefined;
  const key = `${detector.id}:${ctx.agent.principalArn}:${bucketOf(event.time, window.windowMs)}`;
  if (!state.once(key)) return undefined;
  return { key, evidence: isMarkOf(first, event) ? undefined : [first.eventId] };
}
