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
 * is checked only against the calls of its own second, the newest: not at all when its id is past theirs
 * (the sorted case), else by a scan while they are few and a set once they are more than `SCAN_LIMIT`.
 * CloudTrail times have whole seconds and a busy account logs thousands of calls in one; scanning them all
 * made dense logs quadratic per second (15–23 µs a call at 5,000 calls a second, against 0.4–0.6 µs with
 * the set). A straggler (older than what was already judged) pays for a binary search and a scan of its
 * second, and is kept in a map of its own. Whatever the horizon, at most `maxKept` in-order entries and
 * `maxKept` stragglers are kept.
 */
export class ReleasedEvents {
  private times: number[] = [];
  private ids: string[] = [];
  private head = 0;
  /**
   * The newest time recorded, how many entries (the last ones) have it, the greatest of their ids, and
   * their ids in a set once a lookup among many of them was needed.
   */
  private newestTime = -Infinity;
  private newestCount = 0;
  private newestMaxId = '';
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
    const id = event.eventId;
    if (n === this.head || times[n - 1] <= time) {
      // In order (the common case): a duplicate can only be among the newest entries, of the same second.
      if (time === this.newestTime) {
        // The reorder buffer releases a second's calls sorted by id, so an id past the greatest recorded
        // is new without a lookup: no scan, and no hashing of a fresh id into a set.
        if (id > this.newestMaxId) this.newestMaxId = id;
        else if (id === this.newestMaxId || this.recordedInNewest(id)) return false;
      } else {
        this.newestTime = time;
        this.newestCount = 0;
        this.newestMaxId = id;
        if (this.newestIds.size > 0) this.newestIds.clear();
      }
      this.newestCount++;
      if (this.newestIds.size > 0) this.newestIds.add(id);
      times.push(time);
      this.ids.push(id);
      this.trim(time);
      return true;
    }
    // A straggler: looked up among the in-order entries of its second and among earlier stragglers, and
    // recorded apart. Inserting it into the sorted arrays moved them whole: an unordered export (Athena,
    // CloudTrail Lake) makes most events stragglers, and that was quadratic.
    const at = this.lowerBound(time);
    for (let i = at; i < n && times[i] === time; i++) {
      if (this.ids[i] === id) return false;
    }
    const key = `${time}/${id}`;
    if (this.stragglers.has(key)) return false;
    this.stragglers.set(key, time);
    if (this.stragglers.size > this.maxKept) {
      // The first recorded goes first (a map iterates in insertion order).
      const first = this.stragglers.keys().next();
      if (!first.done) this.stragglers.delete(first.value);
    }
    return true;
  }

  /**
   * Whether `id` is among the entries of the newest second (the last `newestCount`): a scan while they are
   * few; past `SCAN_LIMIT`, a set of them, built at the first such lookup and kept up to date after it.
   */
  private recordedInNewest(id: string): boolean {
    const ids = this.ids;
    if (this.newestIds.size === 0 && this.newestCount > SCAN_LIMIT) {
      for (let i = ids.length - this.newestCount; i < ids.length; i++) this.newestIds.add(ids[i]);
    }
    if (this.newestIds.size > 0) return this.newestIds.has(id);
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
