import type { Context } from 'hono';
import type { CoreDeps } from './core/deps.ts';
import type { Principal } from './core/principal.ts';
import type { Language, Translate } from './i18n/i18n.ts';

/**
 * Everything that varies between runtimes and tests, injected into createApp: the kernel's
 * dependencies (src/core/deps.ts) and how the runtime reads a request's peer address.
 */
export interface AppDeps extends CoreDeps {
  /**
   * The address the request came from as the runtime knows it: the socket's peer on Node,
   * `CF-Connecting-IP` on Workers (set by Cloudflare). Forwarding headers are weighed on top of it
   * (config.trustProxy, src/core/client-address.ts). null: unknown.
   */
  peerAddress: (c: Context) => string | null;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    lang: Language;
    t: Translate;
    csrfToken: string;
    /** The request had no CSRF cookie; the next rendered page sets one. */
    csrfCookieMissing: boolean;
    /** Who is calling; null when nobody is signed in. Set by `authenticate`. */
    principal: Principal | null;
  };
}
