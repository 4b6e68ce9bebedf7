import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Principal } from './core/principal.ts';
import type { Atomic } from './db/atomic.ts';
import type { Database } from './db/schema.ts';
import type { DemandQuery } from './demand/aggregate.ts';
import type { TableEntry } from './demand/protect-table.ts';
import type { Logger } from './http/logger.ts';
import type { Keys } from './identity/keys.ts';
import type { MailTransport } from './mail/mailer.ts';
import type { LoadSolver } from './publication/solver.ts';
import type { Language, Translate } from './web/i18n.ts';

/** Everything that varies between runtimes and tests, injected into createApp. */
export interface AppDeps {
  db: Kysely<Database>;
  atomic: Atomic;
  now: () => Date;
  newId: () => string;
  config: Config;
  keys: Keys;
  log: Logger;
  /** null: messages stay in the outbox (development, or no mail set up). */
  mailTransport: MailTransport | null;
  runtime: 'node' | 'workers';
  /** The LP solver (HiGHS as WebAssembly), loaded the runtime's way: src/publication/solver.ts. */
  loadSolver: LoadSolver;
  /**
   * Heavy work off the request thread (Node: a worker thread, src/node/offload.ts). Absent: the
   * calling thread does it (Workers, in bounded steps; tests).
   */
  offload?: {
    publish: (publicationId: string, now: Date) => Promise<'done' | 'more' | 'failed' | 'busy'>;
    /** The secretariat's raw table on any breakdown (src/demand/aggregate.ts `aggregateDemand`). */
    aggregateDemand: (query: DemandQuery) => Promise<TableEntry[]>;
  };
  /**
   * The address the request came from as the runtime knows it: the socket's peer on Node,
   * `CF-Connecting-IP` on Workers (set by Cloudflare). Forwarding headers are weighed on top of it
   * (config.trustProxy, src/http/client-address.ts). null: unknown.
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
