/**
 * A cheap spread of strings over a direct-mapped cache of `mask + 1` slots (a power of two): length and
 * three characters, no hashing of the whole string.
 */
export function stringSlot(value: string, mask: number): number {
  const len = value.length;
  if (len === 0) return 0;
  return (
    (len * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(len >> 1) * 131 + value.charCodeAt(len - 1)) & mask
  );
}

/**
 * Shares one string object per value among the few values a log repeats millions of times (event sources
 * and names, regions, accounts, user agents, source addresses). `JSON.parse` makes a fresh copy per record;
 * an event that keeps its own copies costs memory for as long as the engine holds it (its reorder window)
 * and work for the garbage collector that moves it, and every map lookup keyed by a fresh copy hashes it
 * again. A small direct-mapped cache compared by content: finding a slot hashes nothing.
 */
export class StringInterner {
  private readonly slots: (string | undefined)[];
  private readonly mask: number;

  /** `slots` must be a power of two. */
  constructor(slots = 4096) {
    this.slots = new Array<string | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** The shared copy of `value` (the first one seen since its slot last changed hands). */
  intern(value: string): string {
    if (value.length === 0) return value;
    const slot = stringSlot(value, this.mask);
    const held = this.slots[slot];
    if (held === value) return held;
    this.slots[slot] = value;
    return value;
  }

  internOptional(value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.intern(value);
  }
}
