import type { Highs } from 'highs';
import type { Kysely } from 'kysely';
import type { Atomic } from '../db/atomic.ts';
import type { Database } from '../db/schema.ts';
import type { Config } from './config.ts';
import type { Hooks } from './hooks.ts';
import type { Logger } from './logger.ts';

/**
 * What feature logic needs of the runtime, injected (src/node/app-deps.ts, src/worker-deps.ts,
 * tests): the database, the clock, ids, settings, keys, logging, mail delivery, the LP solver and
 * heavy work off the request thread. The HTTP side adds how a request's peer address is read
 * (src/deps.ts `AppDeps`). Nothing here names a feature: the kernel that every feature may import
 * without making a circle.
 */
export interface CoreDeps {
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
  offload?: Offload;
  /**
   * Node: a text that changes whenever anything in the database may have changed, read without
   * reading a table (src/node/sqlite.ts `generation`). Lets a page kept whole (src/cache/snapshots.ts)
   * be served without a query while nothing changed. Absent (Workers: many isolates, no such
   * cheap check): those pages take their usual, versioned path.
   */
  dataGeneration?: () => string;
  /** Other features' reactions to what this one does, composed by the app shell (src/core/hooks.ts). */
  hooks: Hooks;
}

/**
 * The tasks the runtime can take off the request thread. Empty here: each feature that offloads
 * work adds its task to this interface where it defines it (TypeScript declaration merging), so
 * the kernel does not import the feature (src/publication/jobs.ts `publish`, src/demand/aggregate.ts
 * `aggregateDemand`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the features
export interface Offload {}

/** The service's signing keys, derived once from SESSION_SECRET (src/identity/keys.ts). */
export interface Keys {
  session: CryptoKey;
  link: CryptoKey;
  invitation: CryptoKey;
}

export type LoadSolver = () => Promise<Highs>;

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The links in the message, kept so that tests and the development outbox can follow them. */
  links: string[];
  /** What the message is for, e.g. `sign-in`, `invitation`. */
  kind: string;
}

/** Delivers a message that is already in the outbox: SMTP on Node, an HTTP mail API on Workers. */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail & { id: string; from: string }): Promise<void>;
}
