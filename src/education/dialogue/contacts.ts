import { expressionBuilder, type Kysely, type Nullable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { agreedToContactInRound, reportedNeedInRound } from '../../surveys/index.ts';

/**
 * The organisations that reported a need for an occupation (SSYK-4 code, as demand keys it) or a
 * specialisation in a round and consented to be contacted. Providers see only those that opted in
 * to being shown to providers; the secretariat also those that let the secretariat contact them
 * or ticked the survey's contact question that round. Names only: no figures of any one
 * organisation. Driven from the consenting organisations (few) with an EXISTS per organisation
 * on need_lines' (round_id, organisation_id) index, not by scanning the round's lines (surveys'
 * reportedNeedInRound).
 */
export interface Contact {
  id: string;
  name: string;
  municipalityName: string;
  via: ('setting' | 'survey')[];
}

type ContactTables = Database & {
  o: Database['organisations'];
  cc: Nullable<Database['organisation_contact_consent']>;
};

export async function consentingContacts(
  db: Kysely<Database>,
  subject: { roundId: string; occupation: string; specialisation: string },
  viewer: 'secretariat' | 'provider',
): Promise<Contact[]> {
  // Built once, used in the select list and the condition: the consent as a setting, and as the survey's answer.
  const e = expressionBuilder<ContactTables, 'o' | 'cc'>();
  const setting = e.fn.coalesce(
    viewer === 'provider'
      ? e('cc.shown_to_providers', '=', 1)
      : e.or([e('cc.secretariat_may_contact', '=', 1), e('cc.shown_to_providers', '=', 1)]),
    e.lit(0),
  );
  const survey = viewer === 'provider' ? e.lit(0) : agreedToContactInRound(subject.roundId, e.ref('o.id'));
  const rows = await db
    .selectFrom('organisations as o')
    .innerJoin('municipalities as m', 'm.code', 'o.municipality_code')
    .leftJoin('organisation_contact_consent as cc', 'cc.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'm.short_name as municipality_name', setting.as('by_setting'), survey.as('by_survey')])
    .where((eb) =>
      eb.and([
        eb.or([eb(setting, '=', 1), eb(survey, '=', 1)]),
        reportedNeedInRound(subject.roundId, eb.ref('o.id'), subject),
      ]),
    )
    .orderBy('o.name', (ob) => ob.collate('nocase'))
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    municipalityName: r.municipality_name,
    via: [...(r.by_setting ? (['setting'] as const) : []), ...(r.by_survey ? (['survey'] as const) : [])],
  }));
}
