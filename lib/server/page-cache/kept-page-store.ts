/** A rendered page as it was answered: its document, the nonce its scripts carry, its headers. */
export type KeptPage = {
  html: string;
  nonce: string;
  headers: [name: string, value: string][];
};

type Entry = KeptPage & { keptAt: number; size: number };

/** A kept page as served, with when it was kept. */
export type ServedPage = KeptPage & { keptAt: number };

export type KeptPageLimits = {
  /** Bytes of documents kept at most (UTF-16, as the strings sit in memory); 0 keeps none. */
  maxBytes: number;
  /** A page older than this is not served, whatever its key says (clocks on the page move). */
  maxAgeMs: number;
};

/**
 * Rendered pages by key, least recently served dropped first when the bytes run out, none served
 * past its age. A Map keeps insertion order, so serving a page moves it to the end and the oldest
 * entry is always the first.
 */
export class KeptPageStore {
  readonly #pages = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly limits: KeptPageLimits) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#pages.size;
  }

  get(key: string, now: number): ServedPage | undefined {
    const entry = this.#pages.get(key);
    if (!entry) return undefined;
    this.#pages.delete(key);
    if (now - entry.keptAt > this.limits.maxAgeMs) {
      this.#bytes -= entry.size;
      return undefined;
    }
    this.#pages.set(key, entry);
    return entry;
  }

  /** Keeps a page; one larger than a quarter of the budget is not kept (it would evict the rest). */
  set(key: string, page: KeptPage, now: number): void {
    this.#remove(key);
    const size = sizeOf(key, page);
    if (size > this.limits.maxBytes / 4) return;
    this.#pages.set(key, { ...page, keptAt: now, size });
    this.#bytes += size;
    for (const [oldest, entry] of this.#pages) {
      if (this.#bytes <= this.limits.maxBytes) break;
      this.#pages.delete(oldest);
      this.#bytes -= entry.size;
    }
  }

  #remove(key: string): void {
    const entry = this.#pages.get(key);
    if (!entry) return;
    this.#pages.delete(key);
    this.#bytes -= entry.size;
  }
}

function sizeOf(key: string, page: KeptPage): number {
  let chars = key.length + page.html.length + page.nonce.length;
  for (const [name, value] of page.headers) chars += name.length + value.length;
  return chars * 2;
}
