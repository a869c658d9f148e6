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

  /** True when an event with this time and id was already judged. */
  has(event: LeashEvent): boolean {
    const last = this.times.length - 1;
    if (last >= this.head && this.times[last] === event.time) {
      // The common duplicate: same second as the newest judged event.
      for (let i = last; i >= this.head && this.times[i] === event.time; i--) {
        if (this.ids[i] === event.eventId) return true;
      }
      return false;
    }
    for (let i = this.lowerBound(event.time); i < this.times.length && this.times[i] === event.time; i++) {
      if (this.ids[i] === event.eventId) return true;
    }
    return false;
  }

  /** Remember a judged event; keeps the lists sorted by time even for a straggler. */
  add(event: LeashEvent): void {
    const n = this.times.length;
    if (n === this.head || this.times[n - 1] <= event.time) {
      this.times.push(event.time);
      this.ids.push(event.eventId);
      this.trim(event.time);
      return;
    }
    const at = this.lowerBound(event.time);
    if (at < this.head) return; // older than the horizon: nothing later can be its duplicate in time
    this.times.splice(at, 0, event.time);
    this.ids.splice(at, 0, event.eventId);
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
