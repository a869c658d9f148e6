import { BoundedCache } from '../../src/core/bounded-cache';

describe('BoundedCache', () => {
  it('holds at most its limit, starting over when a new key would pass it', () => {
    const cache = new BoundedCache<string, number>(3);
    for (const [k, v] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      cache.set(k, v);
    cache.set('a', 10);
    expect([...cache]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
    cache.set('d', 4);
    expect([...cache]).toEqual([['d', 4]]);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.get('k99')).toBe(99);
  });

  it('forgets one entry or all of them', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1).set('b', 2);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect([...cache]).toEqual([['b', 2]]);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new BoundedCache(0)).toThrow('got 0');
    expect(() => new BoundedCache(1.5)).toThrow('got 1.5');
  });
});
