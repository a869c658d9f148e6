import type { LeashEvent } from '../model';

/** Calls of one second checked by a scan; past this many, by a set (a set per second costs sparse logs). */
const SCAN_LIMIT = 8;

/**
 * Entries kept at most, whatever the horizon (about 40 MB): 75 minutes of a dense log (thousands of calls a
 * second) would be tens of millions. Past it the oldest are forgotten first; a duplicate delivered that much
 * later would be judged again.
 */
const DEFAULT_MAX_KEPT = 524_288;

/**
 * The (eventTime, eventID) of events already judged, kept for `horizonMs` of event time, to drop duplicate
 * deliveries. Events leave the reorder buffer sorted by (time, id), so recording is an append, and a call
 * is checked only against the calls of its own second, the newest: a scan while they are few, a set once
 * they are more than `SCAN_LIMIT`. CloudTrail times have whole seconds and a busy account logs thousands of
 * calls in one; scanning them all made dense logs quadratic per second (15–23 µs a call at 5,000 calls a
 * second, against 0.4–0.6 µs with the set). A straggler (older than what was already judged) pays for a
 * binary search and a scan of its second, and is kept in a map of its own. Whatever the horizon, at most
 * `maxKept` in-order entries and `maxKept` stragglers are kept.
 */
export class ReleasedEvents {
  private times: number[] = [];
  private ids: string[] = [];
  private head = 0;
  /** The newest time recorded, how many entries (the last ones) have it, and their ids once they are many. */
  private newestTime = -Infinity;
  private newestCount = 0;
  private readonly newestIds = new Set<string>();
  /** Stragglers recorded, by `time/id`, with their time; swept as the horizon passes them. */
  private readonly stragglers = new Map<string, number>();
  private lastSweep = -Infinity;

  constructor(
    private readonly horizonMs: number,
    private readonly maxKept = DEFAULT_MAX_KEPT,
  ) {}

  /**
   * Remember an event about to be judged. False when an event with its time and id was judged before (a
   * duplicate, not recorded again). An in-order event looks only at the newest second's entries.
   */
  add(event: LeashEvent): boolean {
    const times = this.times;
    const n = times.length;
    const time = event.time;
    if (n === this.head || times[n - 1] <= time) {
      // In order (the common case): a duplicate can only be among the newest entries, of the same second.
      if (time === this.newestTime) {
        if (this.recordedInNewest(event.eventId)) return false;
      } else {
        this.newestTime = time;
        this.newestCount = 0;
        if (this.newestIds.size > 0) this.newestIds.clear();
      }
      this.newestCount++;
      if (this.newestCount > SCAN_LIMIT) {
        if (this.newestIds.size === 0)
          for (let i = n - this.newestCount + 1; i < n; i++) this.newestIds.add(this.ids[i]);
        this.newestIds.add(event.eventId);
      }
      times.push(time);
      this.ids.push(event.eventId);
      this.trim(time);
      return true;
    }
    // A straggler: looked up among the in-order entries of its second and among earlier stragglers, and
    // recorded apart. Inserting it into the sorted arrays moved them whole: an unordered export (Athena,
    // CloudTrail Lake) makes most events stragglers, and that was quadratic.
    const at = this.lowerBound(time);
    for (let i = at; i < n && times[i] === time; i++) {
      if (this.ids[i] === event.eventId) return false;
    }
    const key = `${time}/${event.eventId}`;
    if (this.stragglers.has(key)) return false;
    this.stragglers.set(key, time);
    if (this.stragglers.size > this.maxKept) {
      // The first recorded goes first (a map iterates in insertion order).
      const first = this.stragglers.keys().next();
      if (!first.done) this.stragglers.delete(first.value);
    }
    return true;
  }

  /** Whether `id` is among the entries of the newest second (the last `newestCount`). */
  private recordedInNewest(id: string): boolean {
    if (this.newestIds.size > 0) return this.newestIds.has(id);
    const ids = this.ids;
    for (let i = ids.length - 1; i >= ids.length - this.newestCount; i--) if (ids[i] === id) return true;
    return false;
  }

  private lowerBound(time: number): number {
    let lo = this.head;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private trim(newest: number): void {
    const cutoff = newest - this.horizonMs;
    if (this.stragglers.size > 0 && newest - this.lastSweep > this.horizonMs / 4) {
      this.lastSweep = newest;
      for (const [key, time] of this.stragglers) if (time < cutoff) this.stragglers.delete(key);
    }
    // Never the newest second's entries: its ids are checked by position or by the set.
    const keepFrom = this.times.length - Math.max(this.maxKept, this.newestCount);
    while (this.head < this.times.length && (this.times[this.head] < cutoff || this.head < keepFrom))
      this.head++;
    // Compact once the dropped prefix dominates, so memory stays within the horizon.
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
  }
}
