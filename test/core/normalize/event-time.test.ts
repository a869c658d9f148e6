import fc from 'fast-check';
import { parseEventTime } from '../../../src/core/normalize/event-time';

describe('parseEventTime', () => {
  it('reads CloudTrail timestamps exactly as Date.parse does', () => {
    fc.assert(
      fc.property(
        fc.date({
          // Every year of four digits: before 1970 and before year 100 too (which Date.UTC reads as 19xx).
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const text = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
          expect(parseEventTime(text)).toBe(Date.parse(text));
        },
      ),
    );
  });

  it('falls back to Date.parse for other shapes, and refuses impossible dates', () => {
    expect(parseEventTime('2024-02-29T10:00:00.123Z')).toBe(Date.parse('2024-02-29T10:00:00.123Z'));
    expect(parseEventTime('Jul 10, 2023, 12:09:47 PM')).toBe(Date.parse('Jul 10, 2023, 12:09:47 PM'));
    expect(parseEventTime('2023-02-31T00:00:00Z')).toBeNaN();
    expect(parseEventTime('2023-02-29T00:00:00Z')).toBeNaN();
    expect(parseEventTime('2100-02-29T00:00:00Z')).toBeNaN();
    expect(parseEventTime('2000-02-29T00:00:00Z')).toBe(Date.parse('2000-02-29T00:00:00Z'));
    expect(parseEventTime('2024-04-31T00:00:00Z')).toBeNaN();
    expect(parseEventTime('2023-13-01T00:00:00Z')).toBeNaN();
    expect(parseEventTime('2023-1x-01T00:00:00Z')).toBeNaN();
    expect(parseEventTime('yesterday')).toBeNaN();
  });

  it('reads the edges of the calendar as Date.parse does', () => {
    for (const text of [
      '0000-01-01T00:00:00Z',
      '0000-02-29T12:00:00Z',
      '0050-03-01T00:00:00Z',
      '0099-12-31T23:59:59Z',
      '1600-02-29T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '1970-01-01T00:00:00Z',
      '2000-03-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      expect(parseEventTime(text)).toBe(Date.parse(text));
    }
  });
});
