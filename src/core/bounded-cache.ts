/**
 * A cache that starts over once it holds `limit` entries. For caches keyed by what records say (actions,
 * event names): real logs hold hundreds of distinct keys, but a crafted file can hold millions, and a cache
 * must never be what exhausts a replay's memory. Starting over only costs recomputing entries.
 *
 * It holds a Map rather than extending one, so nothing can add entries around the limit (a subclass
 * inherits a constructor and methods that would); taking entries away is always safe. Lookups cost the
 * same either way (measured: 18–24 ns).
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`BoundedCache limit must be positive, got ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries[Symbol.iterator]();
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  set(key: K, value: V): this {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
    return this;
  }
}
