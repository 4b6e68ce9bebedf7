import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { DEMO_CLOSED_ROUND_ID } from './demo-rounds.ts';

/**
 * One demo campaign (issue 19, decision 0032): Hamnvarvet's mechanical engineers and Kodkusten's
 * software developers (line 1 of each in the closed round), both confirmed, a visit day three weeks
 * after seeding, and one confirmed application routed to both. Dated from the day of seeding; rows
 * that exist are left alone.
 */
export const DEMO_CAMPAIGN_ID = 'demo-campaign-1';

const eb = expressionBuilder<Database>();
const day = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export function demoCampaignQueries(
  db: Kysely<Database>,
  now: Date,
  people: { secretariat: string; candidate: { name: string; email: string } },
): CompiledQuery[] {
  const at = now.toISOString();
  const ignore = { onConflict: 'ignore' } as const;
  const live = eb.exists(
    eb.selectFrom('campaigns').select('id').where('id', '=', DEMO_CAMPAIGN_ID).where('erased_at', 'is', null),
  );
  const line = (org: string, occupation: string, ssyk: string, headcount: number, posts: number) => ({
    id: `${DEMO_CAMPAIGN_ID}-${org}`,
    campaign_id: DEMO_CAMPAIGN_ID,
    organisation_id: `demo-org-${org}`,
    round_id: DEMO_CLOSED_ROUND_ID,
    need_line_id: `${DEMO_CLOSED_ROUND_ID}-${org}-1`,
    need_line_no: 1,
    occupation_id: occupation,
    ssyk_code: ssyk,
    headcount,
    status: 'confirmed',
    posts,
    answered_by: null,
    answered_at: at,
    invited_at: at,
  });
  const applicationId = `${DEMO_CAMPAIGN_ID}-application-1`;
  return [
    ...upsertRows(
      db,
      'campaigns',
      ['id'],
      [
        {
          id: DEMO_CAMPAIGN_ID,
          title_sv: 'Ingenjörer och utvecklare i Karlskrona–Ronneby (demo)',
          title_en: 'Engineers and developers in Karlskrona–Ronneby (demo)',
          description_sv:
            'Två arbetsgivare i Blekinge söker maskiningenjörer och systemutvecklare. Sök en gång och välj vilka som får din ansökan. Flyttar du hit hjälper en inflyttarlots dig och din familj.',
          description_en:
            'Two employers in Blekinge are looking for mechanical engineers and software developers. Apply once and choose who gets your application. If you move here, a relocation guide helps you and your family.',
          occupations: JSON.stringify(['2144', '2512']),
          kommuner: JSON.stringify(['1080', '1081']),
          opens_on: day(now, -7),
          closes_on: day(now, 60),
          is_demo: 1,
          created_by: people.secretariat,
          created_at: at,
          erased_at: null,
        },
      ],
      ignore,
    ),
    ...upsertRows(
      db,
      'campaign_lines',
      ['id'],
      [line('hamnvarvet', 'PRQn_9yw_NJA', '2144', 4, 2), line('kodkusten', 'DJh5_yyF_hEM', '2512', 5, 3)],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'campaign_visit_days',
      ['id'],
      [
        {
          id: `${DEMO_CAMPAIGN_ID}-day-1`,
          campaign_id: DEMO_CAMPAIGN_ID,
          day: day(now, 21),
          place: 'Hamnvarvet, Karlskrona',
          places_limit: 25,
          created_at: at,
        },
      ],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'campaign_applications',
      ['id'],
      [
        {
          id: applicationId,
          campaign_id: DEMO_CAMPAIGN_ID,
          name: people.candidate.name,
          email: people.candidate.email,
          letter:
            'Jag är maskiningenjör med fem år inom marin konstruktion och vill flytta till Blekinge med min familj.',
          cv: 'https://example.org/cv/klara-kandidat',
          earliest_start: day(now, 90),
          partner_needs_work: 1,
          is_demo: 1,
          created_at: at,
          confirmed_at: at,
          erased_at: null,
        },
      ],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'campaign_application_routes',
      ['application_id', 'organisation_id'],
      ['hamnvarvet', 'kodkusten'].map((org) => ({
        application_id: applicationId,
        organisation_id: `demo-org-${org}`,
        updated_at: at,
      })),
      { ...ignore, when: live },
    ),
  ];
}
