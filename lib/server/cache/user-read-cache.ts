import "server-only";

/**
 * A small least-recently-used map of page reads, kept in this server process. Entries are promises,
 * so concurrent requests for the same read share one database round (the first one's); a read that
 * fails is dropped at once and never served. Size is bounded by entry count: page reads are a page of
 * rows, a few totals or one chart series.
 */
export class UserReadCache {
  readonly #entries = new Map<string, Promise<unknown>>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.#entries.size;
  }

  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached as Promise<T>;
    }
    const loading = load();
    this.#entries.set(key, loading);
    loading.catch(() => {
      if (this.#entries.get(key) === loading) this.#entries.delete(key);
    });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return loading;
  }

  clear(): void {
    this.#entries.clear();
  }
}
