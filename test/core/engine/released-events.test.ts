import fc from 'fast-check';
import { ReleasedEvents } from '../../../src/core/engine/released-events';
import type { LeashEvent } from '../../../src/core/model';
import { eventFor } from '../baseline/events';

const at = (time: number, eventId: string): LeashEvent => ({ ...eventFor('s3:GetObject'), time, eventId });

describe('ReleasedEvents', () => {
  it('refuses an id already recorded at the same time, in order or as a straggler', () => {
    const released = new ReleasedEvents(60_000);
    expect(released.add(at(1_000, 'a'))).toBe(true);
    expect(released.add(at(1_000, 'b'))).toBe(true);
    expect(released.add(at(1_000, 'a'))).toBe(false);
    expect(released.add(at(2_000, 'c'))).toBe(true);
    // Stragglers: older than the newest recorded event.
    expect(released.add(at(1_000, 'b'))).toBe(false);
    expect(released.add(at(1_500, 'd'))).toBe(true);
    expect(released.add(at(1_500, 'd'))).toBe(false);
    expect(released.add(at(2_000, 'c'))).toBe(false);
    // The same id at another time is another event.
    expect(released.add(at(3_000, 'a'))).toBe(true);
  });

  it('keeps at most maxKept entries, forgetting the oldest first', () => {
    const released = new ReleasedEvents(3_600_000, 4);
    for (const id of ['a', 'b', 'c', 'd', 'e']) expect(released.add(at(1_000, id))).toBe(true);
    expect(released.add(at(1_000, 'e'))).toBe(false);
    expect(released.add(at(1_000, 'b'))).toBe(false);
    // 'a' was the oldest entry: forgotten, so its repeat is taken for a new event.
    expect(released.add(at(2_000, 'x'))).toBe(true);
    expect(released.add(at(1_000, 'a'))).toBe(true);
  });

  it('keeps every id of the newest second, even past maxKept', () => {
    const released = new ReleasedEvents(3_600_000, 4);
    const ids = Array.from({ length: 5_000 }, (_, i) => `id-${i}`);
    for (const id of ids) expect(released.add(at(1_000, id))).toBe(true);
    for (const id of ids) expect(released.add(at(1_000, id))).toBe(false);
  });

  it('forgets ids once they are past the horizon', () => {
    const released = new ReleasedEvents(1_000);
    expect(released.add(at(0, 'a'))).toBe(true);
    expect(released.add(at(5_000, 'b'))).toBe(true);
    expect(released.add(at(0, 'a'))).toBe(true);
  });

  it('refuses exactly the repeated (time, id) pairs, whatever the order and however many share a second', () => {
    // A model: every pair seen before is a duplicate (the horizon is longer than the times used).
    const call = fc.record({ second: fc.integer({ min: 0, max: 3 }), id: fc.integer({ min: 0, max: 30 }) });
    const orders = fc.constantFrom('as generated', 'by second', 'by second and id', 'by second and id text');
    fc.assert(
      fc.property(fc.array(call, { minLength: 40, maxLength: 300 }), orders, (calls, order) => {
        // By second and id as text: as the reorder buffer releases them (each id past the last needs no
        // lookup). By second and numeric id ('id-10' before 'id-9'), or by second only: repeats anywhere in
        // the newest second, checked by a scan and then by a set. As generated: stragglers everywhere.
        const text = (id: number): string => `id-${id}`;
        const byId: Record<string, (a: { id: number }, b: { id: number }) => number> = {
          'by second': () => 0,
          'by second and id': (a, b) => a.id - b.id,
          'by second and id text': (a, b) => (text(a.id) < text(b.id) ? -1 : text(a.id) > text(b.id) ? 1 : 0),
        };
        const sorted =
          order === 'as generated'
            ? calls
            : [...calls].sort((a, b) => a.second - b.second || byId[order](a, b));
        const released = new ReleasedEvents(3_600_000);
        const seen = new Set<string>();
        for (const { second, id } of sorted) {
          const key = `${second}/${id}`;
          expect(released.add(at(second * 1000, text(id)))).toBe(!seen.has(key));
          seen.add(key);
        }
      }),
    );
  });
});
