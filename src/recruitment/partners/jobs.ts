import { recordAuditIn } from '../../audit/index.ts';
import type { ScheduledJob } from '../../core/job.ts';
import { systemScope } from '../../core/scope.ts';
import { formatDate } from '../../i18n/dates.ts';
import { sendMail } from '../../mail/index.ts';

/** How long before a consent expires the partner is asked to renew it (decision 0030). */
export const RENEWAL_NOTICE_DAYS = 14;

/**
 * Renewal reminders: a consent that expires within RENEWAL_NOTICE_DAYS is claimed by one
 * conditional UPDATE … RETURNING (so a consent is reminded once however often the job runs) and
 * its partner is mailed one message per profile naming the recipients and the date. Nothing is
 * renewed without the partner: an unanswered consent simply expires.
 */
export const consentRenewalReminders: ScheduledJob = {
  name: 'partner-consent-renewal',
  async run(deps, now) {
    const { db } = deps;
    const at = now.toISOString();
    const soon = new Date(now.getTime() + RENEWAL_NOTICE_DAYS * 86_400_000).toISOString();
    const claimed = await db
      .updateTable('partner_consents')
      .set({ reminded_at: at })
      .where('withdrawn_at', 'is', null)
      .where('reminded_at', 'is', null)
      .where('expires_at', '>', at)
      .where('expires_at', '<=', soon)
      .returning(['profile_id', 'recipient', 'organisation_id', 'expires_at'])
      .execute();
    if (claimed.length === 0) return { changed: 0 };
    const profiles = [...new Set(claimed.map((c) => c.profile_id))];
    const owners = await db
      .selectFrom('partner_profiles as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'u.email'])
      .where('p.id', 'in', profiles)
      .where('u.erased_at', 'is', null)
      .execute();
    const orgIds = [...new Set(claimed.map((c) => c.organisation_id).filter((id): id is string => id !== null))];
    const orgNames = new Map(
      orgIds.length
        ? (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute()).map((o) => [
            o.id,
            o.name,
          ])
        : [],
    );
    const url = `${deps.config.publicUrl}/partner-profile`;
    for (const owner of owners) {
      const mine = claimed.filter((c) => c.profile_id === owner.id);
      const first = mine.map((c) => c.expires_at).sort()[0] ?? at;
      await sendMail(deps, {
        to: owner.email,
        language: 'both',
        content: (t, lang) => ({
          subject: t('partnerConsent.mail.renewal.subject'),
          body: t('partnerConsent.mail.renewal.text', {
            recipients: [
              ...new Set(
                mine.map((c) =>
                  c.organisation_id ? (orgNames.get(c.organisation_id) ?? '') : t('partnerConsent.mail.network'),
                ),
              ),
            ].join(', '),
            date: formatDate(first, lang),
            url,
          }),
        }),
        links: [url],
        kind: 'partner-consent-renewal',
      });
    }
    await recordAuditIn(systemScope(deps, now, 'partner-consent-renewal'), {
      action: 'partner-consent.reminded',
      targetType: 'partner-profile',
      detail: { consents: claimed.length },
    });
    return { changed: claimed.length };
  },
};

export const partnerJobs: ScheduledJob[] = [consentRenewalReminders];
