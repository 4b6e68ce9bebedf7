import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/** Distinct method and path pairs whose match is kept (a few hundred routes, the rest ids). */
export const ROUTE_CACHE_LIMIT = 2_000;

/**
 * Hono's default router (RegExpRouter, else TrieRouter) with the last few thousand matches kept.
 * The route table mixes literal and parameter segments at one position (`…/responses/import`
 * beside `…/responses/:orgId`), which RegExpRouter refuses, so Hono falls back to TrieRouter: it
 * walks the tree and collects the thirteen global middlewares anew for every request (an eighth of
 * the memory a GET /healthz allocated). A match depends only on the method and the path, and
 * Hono only reads it (the parameters stay raw in it and are decoded per read), so the same result
 * serves every request to that path; adding a route forgets them all. Bounded: a client requesting
 * ever new paths costs a map insertion each, and the oldest entry goes.
 */
export class CachingRouter<T> implements Router<T> {
  readonly name: string;
  readonly #inner: Router<T>;
  readonly #limit: number;
  readonly #cache = new Map<string, Result<T>>();

  constructor(
    inner: Router<T> = new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] }),
    limit = ROUTE_CACHE_LIMIT,
  ) {
    this.#inner = inner;
    this.#limit = limit;
    this.name = `CachingRouter(${inner.name})`;
  }

  add(method: string, path: string, handler: T): void {
    this.#cache.clear();
    this.#inner.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let result = this.#cache.get(key);
    if (result === undefined) {
      result = this.#inner.match(method, path);
      if (this.#cache.size >= this.#limit) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
      this.#cache.set(key, result);
    }
    return result;
  }
}
