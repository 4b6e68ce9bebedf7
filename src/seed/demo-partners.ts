import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { DEMO_MOVE_CASE_ID } from './demo-move-cases.ts';
import { DEMO_CLOSED_ROUND_ID } from './demo-rounds.ts';

/**
 * The demo partner (issue 19, decisions 0030–0031): Maja, the partner of the demo move case's
 * household, a software developer (JobTech DJh5_yyF_hEM, SSYK 2512) who has accepted the case and
 * shares her profile with the network "to be considered" for 12 months. Hamnvarvet and Kodkusten
 * are network members, Kodkusten with a pledge of two interviews a quarter; Kodkusten, which needs
 * software developers, has the anonymous notice to look at (the daily matching job keeps it, since
 * it matches). Existing rows are left alone.
 */
export const DEMO_PARTNER_PROFILE_ID = 'demo-partner-profile-1';
export const DEMO_PARTNER_NOTICE_ID = 'demo-partner-notice-1';

const eb = expressionBuilder<Database>();

export function demoPartnerQueries(
  db: Kysely<Database>,
  now: Date,
  people: { partner: { userId: string; name: string; email: string }; members: Record<string, string> },
): CompiledQuery[] {
  const at = now.toISOString();
  const inYear = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate())).toISOString();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1)).toISOString().slice(0, 7);
  const ignore = { onConflict: 'ignore' } as const;
  const live = eb.exists(
    eb.selectFrom('move_cases').select('id').where('id', '=', DEMO_MOVE_CASE_ID).where('erased_at', 'is', null),
  );
  const profileThere = eb.exists(
    eb.selectFrom('partner_profiles').select('id').where('id', '=', DEMO_PARTNER_PROFILE_ID),
  );
  return [
    ...upsertRows(
      db,
      'move_case_people',
      ['case_id', 'person'],
      [
        {
          case_id: DEMO_MOVE_CASE_ID,
          person: 'partner',
          name: people.partner.name,
          email: people.partner.email,
          invited_at: at,
          accepted_at: at,
        },
      ],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'partner_profiles',
      ['id'],
      [
        {
          id: DEMO_PARTNER_PROFILE_ID,
          user_id: people.partner.userId,
          occupation_ids: JSON.stringify(['DJh5_yyF_hEM']),
          skill_ids: JSON.stringify(['qfkh_ZRK_w4W']),
          languages: JSON.stringify(['sv', 'en']),
          earliest_start: start,
          kommuner: JSON.stringify(['1080', '1081', '1082']),
          work_modes: JSON.stringify(['on-site', 'hybrid']),
          about: 'Mjukvaruutvecklare med åtta års erfarenhet av webbtjänster och tester.',
          is_demo: 1,
          created_at: at,
          updated_at: at,
          matched_at: at,
        },
      ],
      ignore,
    ),
    ...upsertRows(
      db,
      'partner_consents',
      ['id'],
      [
        {
          id: 'demo-partner-consent-1',
          profile_id: DEMO_PARTNER_PROFILE_ID,
          recipient: 'network',
          organisation_id: null,
          purpose: 'consider',
          months: 12,
          given_at: at,
          expires_at: inYear,
          reminded_at: null,
          withdrawn_at: null,
        },
      ],
      { ...ignore, when: profileThere },
    ),
    ...upsertRows(
      db,
      'network_members',
      ['id'],
      Object.entries(people.members).map(([organisationId, userId], i) => ({
        id: `demo-network-member-${i + 1}`,
        organisation_id: organisationId,
        terms_version: '2026-12',
        accepted_by: userId,
        joined_at: at,
        left_at: null,
        left_by: null,
      })),
      ignore,
    ),
    ...upsertRows(
      db,
      'network_pledges',
      ['id'],
      [
        {
          id: 'demo-network-pledge-1',
          organisation_id: 'demo-org-kodkusten',
          text: 'Vi intervjuar minst två partner till inflyttare per kvartal.',
          kind: 'interview',
          count: 2,
          cadence: 'quarter',
          created_by: people.members['demo-org-kodkusten'] ?? null,
          created_at: at,
          ended_at: null,
        },
      ],
      ignore,
    ),
    ...upsertRows(
      db,
      'partner_notices',
      ['id'],
      [
        {
          id: DEMO_PARTNER_NOTICE_ID,
          profile_id: DEMO_PARTNER_PROFILE_ID,
          organisation_id: 'demo-org-kodkusten',
          matches: JSON.stringify([
            {
              source: 'need',
              id: `${DEMO_CLOSED_ROUND_ID}-kodkusten-1`,
              occupationId: 'DJh5_yyF_hEM',
              kommun: '1080',
              reasons: ['same-occupation', 'within-reach', 'timing'],
            },
          ]),
          state: 'new',
          interested_at: null,
          answered_at: null,
          hired_on: null,
          outcome_at: null,
          created_at: at,
          updated_at: at,
        },
      ],
      { ...ignore, when: profileThere },
    ),
  ];
}
