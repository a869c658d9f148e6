import fc from 'fast-check';
import { ReorderBuffer } from '../../../src/core/engine/reorder-buffer';
import type { LeashEvent } from '../../../src/core/model';
import { eventFor } from '../baseline/events';

const at = (time: number, eventId: string): LeashEvent => ({ ...eventFor('s3:GetObject'), time, eventId });
const label = (e: LeashEvent): string => `${e.time}/${e.eventId}`;

/**
 * What the buffer must do, written the slow, obvious way: after each event, release every held event at
 * or before (newest time − window), in (time, id) order, equal ones in arrival order.
 */
function reference(events: readonly LeashEvent[], windowMs: number): string[][] {
  const held: LeashEvent[] = [];
  let newest = -Infinity;
  const order = (a: LeashEvent, b: LeashEvent): number =>
    a.time - b.time || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
  const releaseUpTo = (horizon: number): string[] => {
    const due = held.filter((e) => e.time <= horizon).sort(order);
    for (const e of due) held.splice(held.indexOf(e), 1);
    return due.map(label);
  };
  const steps = events.map((e) => {
    newest = Math.max(newest, e.time);
    held.push(e);
    return releaseUpTo(newest - windowMs);
  });
  return [...steps, releaseUpTo(Infinity)];
}

function actual(events: readonly LeashEvent[], windowMs: number): string[][] {
  const buffer = new ReorderBuffer(windowMs);
  const steps = events.map((e) => {
    const out: string[] = [];
    buffer.push(e, (r) => out.push(label(r)));
    return out;
  });
  const last: string[] = [];
  buffer.drain((r) => last.push(label(r)));
  expect(buffer.size).toBe(0);
  return [...steps, last];
}

describe('ReorderBuffer', () => {
  it('releases each event once its instant is a window behind the newest, in (time, id) order', () => {
    const events = [at(5_000, 'c'), at(3_000, 'b'), at(5_000, 'a'), at(9_000, 'd'), at(12_000, 'e')];
    expect(actual(events, 4_000)).toEqual([
      [],
      [],
      [],
      ['3000/b', '5000/a', '5000/c'],
      [],
      ['9000/d', '12000/e'],
    ]);
  });

  it('orders the late events of one instant by id, however few', () => {
    // Both arrive after a later event: only the heap holds their instant.
    const events = [at(5_000, 'z'), at(3_000, 'b'), at(3_000, 'a'), at(9_000, 'q')];
    expect(actual(events, 5_000)).toEqual([[], [], [], ['3000/a', '3000/b'], ['5000/z', '9000/q']]);
  });

  it('releases a straggler older than what was already released at once', () => {
    const buffer = new ReorderBuffer(1_000);
    const out: string[] = [];
    const release = (e: LeashEvent): number => out.push(label(e));
    buffer.push(at(10_000, 'a'), release);
    buffer.push(at(20_000, 'b'), release);
    expect(out).toEqual(['10000/a']);
    buffer.push(at(2_000, 'late'), release);
    expect(out).toEqual(['10000/a', '2000/late']);
    expect(buffer.size).toBe(1);
  });

  it('behaves as the obvious model on arbitrary arrival orders, ties, duplicates and stragglers', () => {
    const event = fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd'))
      // Whole seconds as CloudTrail writes them, and now and then a time with milliseconds.
      .map(([second, odd, id]) => at(second * 1_000 + (odd ? 250 : 0), id));
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 120 }),
        fc.constantFrom(0, 1_000, 5_000, 60_000),
        (events, windowMs) => {
          expect(actual(events, windowMs)).toEqual(reference(events, windowMs));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('puts a dense instant in id order, whichever way its events arrived', () => {
    // Hundreds of events in a few seconds, as a busy trail writes them, in random order and with repeats.
    const event = fc
      .tuple(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 300 }).map((n) => n.toString(16)),
      )
      .map(([second, id]) => at(second * 1_000, id));
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 30, maxLength: 400 }),
        fc.constantFrom(0, 1_000),
        (events, windowMs) => {
          expect(actual(events, windowMs)).toEqual(reference(events, windowMs));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps memory to the window: released instants are forgotten', () => {
    const buffer = new ReorderBuffer(60_000);
    let released = 0;
    for (let i = 0; i < 200_000; i++) buffer.push(at(i * 1_000, `e-${i}`), () => released++);
    expect(buffer.size).toBe(60);
    expect(released).toBe(200_000 - 60);
  });
});
