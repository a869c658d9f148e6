import type { LeashEvent } from '../model';

/**
 * The (eventTime, eventID) of events already judged, kept for `horizonMs` of event time, to drop duplicate
 * deliveries. Events leave the reorder buffer sorted by (time, id), so a duplicate still in the buffer
 * comes out right after its original, and recording is an append: no hashing on the hot path. Only a
 * straggler (older than what was already judged) pays for a binary search.
 */
export class ReleasedEvents {
  private times: number[] = [];
  private ids: string[] = [];
  private head = 0;

  constructor(private readonly horizonMs: number) {}

  /**
   * Remember an event about to be judged. False when an event with its time and id was judged before (a
   * duplicate, not recorded again). One call per event: the duplicate check and the insert share the
   * search for the event's place, and an in-order event looks only at the newest entries.
   */
  add(event: LeashEvent): boolean {
    const times = this.times;
    const n = times.length;
    const time = event.time;
    if (n === this.head || times[n - 1] <= time) {
      // In order (the common case): a duplicate can only be among the newest entries, of the same second.
      for (let i = n - 1; i >= this.head && times[i] === time; i--) {
        if (this.ids[i] === event.eventId) return false;
      }
      times.push(time);
      this.ids.push(event.eventId);
      this.trim(time);
      return true;
    }
    const at = this.lowerBound(time);
    for (let i = at; i < n && times[i] === time; i++) {
      if (this.ids[i] === event.eventId) return false;
    }
    // Kept sorted even for a straggler; one older than the horizon goes first and is trimmed next time.
    times.splice(at, 0, time);
    this.ids.splice(at, 0, event.eventId);
    return true;
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
    while (this.head < this.times.length && this.times[this.head] < cutoff) this.head++;
    // Compact once the dropped prefix dominates, so memory stays within the horizon.
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
  }
}
