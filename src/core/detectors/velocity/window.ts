/**
 * Shared by the velocity detectors: a sliding-window count that raises once per fixed window bucket, with
 * the first event of that bucket as evidence. Keys depend only on the agent and the event time, so the same
 * time-ordered history always yields the same finding keys.
 */
import type { LeashEvent } from '../../model';
import type { AgentState } from '../../state/agent-state';

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
export function firstOfBucket(
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
 * True when nothing was raised under `markKey` yet in the bucket `time` falls in. Checked before any key
 * string is built: over the limit, it runs for every call of a burst. `once` stays the final guard (a
 * straggler of an earlier bucket is not seen by the mark).
 */
export function notRaisedInBucket(
  state: AgentState,
  markKey: string,
  eventId: string,
  time: number,
  windowMs: number,
): boolean {
  return firstOfBucket(state, markKey, eventId, time, windowMs) === eventId;
}
