/**
 * Per-agent memory for stateful detectors (velocity, sequences). The engine hands each detector the state
 * of the agent the event belongs to, and feeds events in (eventTime, eventID) order, so a detector can
 * reason about "the last N minutes" simply. The in-memory implementation serves replay; the stack keeps
 * the same data in DynamoDB (loaded before a batch, saved after), hence everything here is plain data.
 */

/** A remembered step of a possible chain. */
export interface Mark {
  readonly eventId: string;
  readonly time: number;
  /** Small detector-specific facts (target role name, policy ARN …). */
  readonly data?: Readonly<Record<string, string>>;
}

export interface AgentState {
  /**
   * Record one occurrence under `key` at `time` and return how many occurrences fall in the sliding window
   * (time - windowMs, time]. The engine never judges an eventID twice; a repeated call with the id just
   * recorded (two detectors sharing a key) is not counted again.
   */
  hit(key: string, id: string, time: number, windowMs: number): number;
  /**
   * Record `value` under `key` at `time` and return how many distinct values fall in the sliding window
   * (time - windowMs, time].
   */
  distinct(key: string, value: string, time: number, windowMs: number): number;
  /** Remember a step; a later mark under the same key replaces an earlier one. */
  mark(key: string, mark: Mark): void;
  /** The mark under `key` if it lies in [time - windowMs, time]. */
  recall(key: string, time: number, windowMs: number): Mark | undefined;
  /**
   * Returns true the first time it is called with `key`, false afterwards: lets a windowed detector raise
   * one finding per window instead of one per event.
   */
  once(key: string): boolean;
}
