import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Atomic } from './db/atomic.ts';
import type { Database } from './db/schema.ts';
import type { Logger } from './http/logger.ts';
import type { Language, Translate } from './web/i18n.ts';

/** Everything that varies between runtimes and tests, injected into createApp. */
export interface AppDeps {
  db: Kysely<Database>;
  atomic: Atomic;
  now: () => Date;
  newId: () => string;
  config: Config;
  log: Logger;
  runtime: 'node' | 'workers';
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    lang: Language;
    t: Translate;
    csrfToken: string;
  };
}
