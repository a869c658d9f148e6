/**
 * A Map that starts over once it holds `limit` entries. For caches keyed by what records say (actions,
 * principals): real logs hold hundreds of distinct keys, but a crafted file can hold millions, and a cache
 * must never be what exhausts a replay's memory. Starting over only costs recomputing entries.
 */
export class BoundedCache<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`BoundedCache limit must be positive, got ${limit}`);
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}
