import type { LeashEvent } from '../model';

/** Total order on events: eventTime, then eventID, so equal-second events always line up the same way. */
export function compareEvents(a: LeashEvent, b: LeashEvent): number {
  if (a.time !== b.time) return a.time - b.time;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * CloudTrail delivers out of order (files per region and per 5 minutes; EventBridge best effort). A
 * binary min-heap holds events until the newest time seen is `windowMs` past them, then releases them in
 * (time, id) order. Memory is bounded by the events of one window, not by the input.
 */
export class ReorderBuffer {
  private readonly heap: LeashEvent[] = [];
  private newest = -Infinity;

  constructor(private readonly windowMs: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Add an event and pass every event that can no longer be overtaken to `release`, in order. */
  push(event: LeashEvent, release: (e: LeashEvent) => void): void {
    if (event.time > this.newest) this.newest = event.time;
    this.insert(event);
    const horizon = this.newest - this.windowMs;
    while (this.heap.length > 0 && this.heap[0].time <= horizon) release(this.pop());
  }

  /** Release everything (end of input). */
  drain(release: (e: LeashEvent) => void): void {
    while (this.heap.length > 0) release(this.pop());
  }

  private insert(event: LeashEvent): void {
    const h = this.heap;
    h.push(event);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareEvents(h[parent], event) <= 0) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = event;
  }

  private pop(): LeashEvent {
    const h = this.heap;
    const top = h[0];
    const last = h.pop() as LeashEvent;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && compareEvents(h[r], h[l]) < 0 ? r : l;
        if (compareEvents(h[child], last) >= 0) break;
        h[i] = h[child];
        i = child;
      }
      h[i] = last;
    }
    return top;
  }
}
