import { feature as audit } from './audit/index.ts';
import type { Hooks } from './core/hooks.ts';
import type { ScheduledJob } from './core/job.ts';
import { feature as demand } from './demand/index.ts';
import { feature as education } from './education/index.ts';
import { feature as health } from './health/index.ts';
import { feature as home } from './home/index.ts';
import type { Routes } from './http/routes.ts';
import { feature as identity } from './identity/index.ts';
import { feature as operations } from './jobs/index.ts';
import { feature as mail } from './mail/index.ts';
import { sv } from './messages.ts';
import { feature as organisations } from './organisations/index.ts';
import { feature as placements } from './placements/index.ts';
import { feature as plans } from './plans/index.ts';
import { feature as privacy } from './privacy/index.ts';
import { feature as publication } from './publication/index.ts';
import { feature as recruitment } from './recruitment/index.ts';
import { feature as surveys } from './surveys/index.ts';
import { feature as taxonomy } from './taxonomy/index.ts';

/**
 * A feature as the app shell sees it (docs/architecture.md): its routes and pages, registered on the
 * app's route table, and its scheduled jobs. Each feature folder exports one from its `index.ts`.
 */
export interface Feature {
  name: string;
  /** Registration functions, called in this order. */
  routes: readonly ((routes: Routes) => void)[];
  jobs?: readonly ScheduledJob[];
  /** Its reactions to what other features do (src/core/hooks.ts). */
  hooks?: Partial<Hooks>;
  /** Its messages, Swedish and English (its messages.ts); src/messages.ts composes them. */
  messages?: { sv: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> };
}

/**
 * Every feature, in the order their routes are registered (the first route that matches answers)
 * and their jobs run. src/app.ts and src/scheduled.ts iterate this list; a new feature is one
 * line here.
 */
export const FEATURES: readonly Feature[] = [
  home,
  health,
  taxonomy,
  identity,
  audit,
  surveys,
  publication,
  demand,
  mail,
  organisations,
  plans,
  education,
  operations,
  placements,
  recruitment,
  privacy,
];

/** Every feature's hooks, in the order of FEATURES: what the runtimes put in `deps.hooks`. */
export const HOOKS: Hooks = {
  roundClosed: FEATURES.flatMap((f) => f.hooks?.roundClosed ?? []),
  signInLanding: FEATURES.flatMap((f) => f.hooks?.signInLanding ?? []),
};

/**
 * The features' messages whose text the composed catalogue (src/messages.ts) does not carry as the
 * feature wrote it: a feature left out of the composition, or a key another part defines again.
 */
export function uncomposedMessages(): string[] {
  return FEATURES.flatMap((f) =>
    Object.entries(f.messages?.sv ?? {})
      .filter(([key, text]) => (sv as Record<string, string>)[key] !== text)
      .map(([key]) => `${f.name}: ${key}`),
  );
}

const uncomposed = uncomposedMessages();
if (uncomposed.length > 0) throw new Error(`Messages not in src/messages.ts as written: ${uncomposed.join(', ')}`);
