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

  it('forgets ids once they are past the horizon', () => {
    const released = new ReleasedEvents(1_000);
    expect(released.add(at(0, 'a'))).toBe(true);
    expect(released.add(at(5_000, 'b'))).toBe(true);
    expect(released.add(at(0, 'a'))).toBe(true);
  });
});
