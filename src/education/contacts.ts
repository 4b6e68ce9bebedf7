import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The organisations that reported a need for an occupation (SSYK-4 code, as demand keys it) or a
 * specialisation in a round and consented to be contacted. Providers see only those that opted in
 * to being shown to providers; the secretariat also those that let the secretariat contact them
 * or ticked the survey's contact question that round. Names only: no figures of any one
 * organisation. Driven from the consenting organisations (few) with an EXISTS per organisation
 * on need_lines' (round_id, organisation_id) index, not by scanning the round's lines.
 */
export interface Contact {
  id: string;
  name: string;
  municipalityName: string;
  via: ('setting' | 'survey')[];
}

export async function consentingContacts(
  db: Kysely<Database>,
  subject: { roundId: string; occupation: string; specialisation: string },
  viewer: 'secretariat' | 'provider',
): Promise<Contact[]> {
  const conditions: RawBuilder<unknown>[] = [sql`nl.round_id = ${subject.roundId}`, sql`nl.organisation_id = o.id`];
  if (subject.occupation)
    conditions.push(sql`coalesce(substr(nl.ssyk_code, 1, 4), nl.occupation_id) = ${subject.occupation}`);
  if (subject.specialisation)
    conditions.push(
      sql`exists (select 1 from need_line_focus f where f.need_line_id = nl.id and f.specialisation_code = ${subject.specialisation})`,
    );
  const hasNeed = sql<SqlBool>`exists (select 1 from need_lines nl where ${sql.join(conditions, sql` and `)})`;
  const setting =
    viewer === 'provider'
      ? sql`cc.shown_to_providers = 1`
      : sql`(cc.secretariat_may_contact = 1 or cc.shown_to_providers = 1)`;
  const survey =
    viewer === 'provider'
      ? sql`0`
      : sql`exists (select 1 from submitted_responses sr where sr.round_id = ${subject.roundId} and sr.organisation_id = o.id and sr.contact_consent = 1)`;
  const rows = await sql<{
    id: string;
    name: string;
    municipality_name: string;
    by_setting: number;
    by_survey: number;
  }>`
    select o.id, o.name, m.short_name as municipality_name,
      coalesce(${setting}, 0) as by_setting, ${survey} as by_survey
    from organisations o
    join municipalities m on m.code = o.municipality_code
    left join organisation_contact_consent cc on cc.organisation_id = o.id
    where (coalesce(${setting}, 0) = 1 or ${survey} = 1) and ${hasNeed}
    order by o.name collate nocase, o.id`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    name: r.name,
    municipalityName: r.municipality_name,
    via: [...(r.by_setting ? (['setting'] as const) : []), ...(r.by_survey ? (['survey'] as const) : [])],
  }));
}
