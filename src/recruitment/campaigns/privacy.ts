import type { CompiledQuery, Expression, Kysely, SqlBool } from 'kysely';
import { expressionBuilder } from 'kysely';
import type { UserPrincipal } from '../../core/principal.ts';
import type { Database } from '../../db/schema.ts';
import { candidateApplications } from './applications.ts';
import type { campaignDataExport } from './schemas.ts';

const apps = expressionBuilder<Database, 'campaign_applications'>();

/**
 * Erases the personal columns of the applications `which` selects (decision 0032): the row and its
 * routes' statuses and dates stay, so that the campaign's counts and time to fill stay true.
 */
export function eraseApplicationsQueries(
  db: Kysely<Database>,
  which: Expression<SqlBool>,
  at: string,
): CompiledQuery[] {
  return [
    db
      .updateTable('campaign_applications')
      .set({ name: '', email: '', letter: '', cv: '', erased_at: at })
      .where('erased_at', 'is', null)
      .where(which)
      .compile(),
  ];
}

/** Statements for the erasure batch (src/privacy eraseAccount): the person's applications and visit sign-ups. */
export function eraseCampaignData(db: Kysely<Database>, principal: UserPrincipal, at: Date): CompiledQuery[] {
  return [
    ...eraseApplicationsQueries(db, apps('email', '=', principal.email), at.toISOString()),
    db.deleteFrom('campaign_visit_signups').where('email', '=', principal.email).compile(),
  ];
}

/** The person's campaign applications (every route) and visit-day sign-ups (GDPR art. 15, 20). */
export async function exportCampaignData(
  db: Kysely<Database>,
  principal: UserPrincipal,
): Promise<typeof campaignDataExport._output> {
  const visits = await db
    .selectFrom('campaign_visit_signups as s')
    .innerJoin('campaign_visit_days as d', 'd.id', 's.visit_day_id')
    .select(['d.campaign_id', 'd.day', 'd.place', 's.created_at'])
    .where('s.email', '=', principal.email)
    .orderBy('d.day')
    .execute();
  return {
    applications: await candidateApplications(db, principal.email),
    visitDays: visits.map((v) => ({
      campaignId: v.campaign_id,
      date: v.day,
      place: v.place,
      signedUpAt: v.created_at,
    })),
  };
}
