import { feature as audit } from './audit/index.ts';
import { feature as demand } from './demand/index.ts';
import { feature as education } from './education/index.ts';
import { feature as home } from './home/index.ts';
import { installMessages } from './i18n/i18n.ts';
import { en as shellEn } from './i18n/messages/en.ts';
import { sv as shellSv } from './i18n/messages/sv.ts';
import { feature as identity } from './identity/index.ts';
import { feature as operations } from './jobs/index.ts';
import { feature as mail } from './mail/index.ts';
import { feature as organisations } from './organisations/index.ts';
import { feature as placements } from './placements/index.ts';
import { feature as plans } from './plans/index.ts';
import { feature as privacy } from './privacy/index.ts';
import { feature as publication } from './publication/index.ts';
import { feature as recruitment } from './recruitment/index.ts';
import { feature as surveys } from './surveys/index.ts';
import { feature as taxonomy } from './taxonomy/index.ts';

/**
 * Every message of the service, per language: the app shell's own (src/i18n/messages/) and each
 * feature's (its messages.ts, exported by its index.ts as `messages`). Composed here, in the shell,
 * so that src/i18n knows no feature; installed for every translator when this module loads
 * (src/features.ts imports it, and every runtime, job and test app imports that, which also checks
 * that every feature's messages are here and that no other part overrides one). Listed by hand so
 * that the catalogue's keys keep their types (tests read `sv['…']`).
 */
export const sv = {
  ...shellSv,
  ...home.messages.sv,
  ...taxonomy.messages.sv,
  ...identity.messages.sv,
  ...audit.messages.sv,
  ...surveys.messages.sv,
  ...publication.messages.sv,
  ...demand.messages.sv,
  ...mail.messages.sv,
  ...organisations.messages.sv,
  ...plans.messages.sv,
  ...education.messages.sv,
  ...operations.messages.sv,
  ...placements.messages.sv,
  ...recruitment.messages.sv,
  ...privacy.messages.sv,
};

/** English carries every Swedish key: each part's type says so, and so does this one's. */
export const en: Record<keyof typeof sv, string> = {
  ...shellEn,
  ...home.messages.en,
  ...taxonomy.messages.en,
  ...identity.messages.en,
  ...audit.messages.en,
  ...surveys.messages.en,
  ...publication.messages.en,
  ...demand.messages.en,
  ...mail.messages.en,
  ...organisations.messages.en,
  ...plans.messages.en,
  ...education.messages.en,
  ...operations.messages.en,
  ...placements.messages.en,
  ...recruitment.messages.en,
  ...privacy.messages.en,
};

export type MessageKey = keyof typeof sv;

installMessages({ sv, en });
