/**
 * A size- and age-bounded map: the oldest entries go first when full, and entries older than
 * the TTL are treated as absent. For event-id dedupe and the answers kept for sharing.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { maxEntries: number; ttlMs: number; now?: () => number }) {
    this.#maxEntries = options.maxEntries;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    this.#evict();
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Records `key` and says whether it was new: false means seen within the TTL. */
  addIfAbsent(key: string, value: V): boolean {
    if (this.has(key)) return false;
    this.set(key, value);
    return true;
  }

  #evict(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }
}
