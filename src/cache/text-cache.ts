/**
 * Response bodies (text, or its UTF-8 bytes, which the Node adapter writes without encoding and
 * measuring them again) kept in memory (per Node process, per Worker isolate) under a key and the version
 * they were made from. The caller reads the current version from the database on every request
 * and a text made from another version is never served, so the cache can only save work, never
 * show something stale. Bounded by entries and by length (characters or bytes); the least recently
 * used go first.
 */
export class TextCache<T extends string | Uint8Array = string> {
  readonly #entries = new Map<string, { version: string; text: T }>();
  #chars = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxChars: number,
  ) {}

  get(key: string, version: string): T | undefined {
    const hit = this.#entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    // Re-inserting moves the entry to the end of the Map's order: most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.text;
  }

  set(key: string, version: string, text: T): void {
    this.delete(key);
    if (text.length > this.maxChars) return;
    this.#entries.set(key, { version, text });
    this.#chars += text.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#chars <= this.maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= entry.text.length;
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#chars -= old.text.length;
  }

  get size(): number {
    return this.#entries.size;
  }

  get chars(): number {
    return this.#chars;
  }
}

/** One cache per database handle (a test's database, the process's, an isolate's binding). */
export function perDatabase<K extends object, C>(make: () => C): (db: K) => C {
  const caches = new WeakMap<K, C>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) {
      cache = make();
      caches.set(db, cache);
    }
    return cache;
  };
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of a response text (TextEncoder's own a plain ArrayBuffer; the DOM typing does not say so). */
export const encode = (text: string) => utf8.encode(text) as Uint8Array<ArrayBuffer>;
