/**
 * A map that keeps at most `capacity` entries, dropping the least recently used: for caches that
 * a long-running server fills with whatever questions bring (terms, items).
 */
export interface LruCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  readonly size: number;
  readonly capacity: number;
  clear(): void;
}

export function createLruCache<K, V>(capacity: number): LruCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`an LRU cache needs a capacity of at least 1, not ${capacity}`);
  }
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const entries = new Map<K, V>();
  return {
    capacity,
    get size() {
      return entries.size;
    },
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    clear() {
      entries.clear();
    },
  };
}
