import { privacyEn, privacySv } from './messages.ts';
import { registerPrivacyPages } from './pages.ts';
import { registerPrivacyApiRoutes } from './routes.ts';

/** Erasing an account (the retention job erases inactive people with it). */
export { eraseAccount } from './service.ts';

/**
 * A person's own data (GDPR): its export and the account's erasure. Each feature owns its part
 * (identity's and placements' privacy.ts); this feature sits above them and composes the parts into
 * one document and one erasure batch (docs/architecture.md).
 */
export const feature = {
  name: 'privacy',
  messages: { sv: privacySv, en: privacyEn },
  routes: [registerPrivacyApiRoutes, registerPrivacyPages],
};
