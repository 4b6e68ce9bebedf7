import { type CompiledQuery, expressionBuilder, type Kysely } from 'kysely';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { checklistFor } from '../recruitment/move-cases/checklist.ts';
import { DEMO_CLOSED_ROUND_ID } from './demo-rounds.ts';

/**
 * One demo move case (issue 19): Hamnvarvet recruits a mechanical engineer from outside the region
 * (its need line 1 of the closed round), the household is the recruit, a partner and one school
 * child, and the demo relocation guide works it; a few tasks are done or not needed. The move is
 * three months after the day of seeding, so the checklist's dates make sense on any date. Existing
 * rows are left alone; the household and tasks go in only while the case is there and not erased.
 */
export const DEMO_MOVE_CASE_ID = 'demo-move-case-1';

const eb = expressionBuilder<Database>();

export function demoMoveCaseQueries(
  db: Kysely<Database>,
  now: Date,
  people: { guide: string; openedBy: string; recruit: { name: string; email: string } },
): CompiledQuery[] {
  const at = now.toISOString();
  const move = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1)).toISOString().slice(0, 7);
  const tasks = checklistFor(move, { partnerComes: true, children: 1 });
  const states: Record<string, { state: string; note: string }> = {
    housing: { state: 'done', note: 'Korttidslägenhet på Trossö via Hamnvarvet de första sex månaderna.' },
    sfi: { state: 'not-needed', note: 'Hushållet talar redan svenska.' },
    'partner-job': { state: 'open', note: 'Partnern är mjukvaruutvecklare och delar sin jobbprofil med nätverket.' },
  };
  const live = eb.exists(
    eb.selectFrom('move_cases').select('id').where('id', '=', DEMO_MOVE_CASE_ID).where('erased_at', 'is', null),
  );
  const ignore = { onConflict: 'ignore' } as const;
  return [
    ...upsertRows(
      db,
      'move_cases',
      ['id'],
      [
        {
          id: DEMO_MOVE_CASE_ID,
          organisation_id: 'demo-org-hamnvarvet',
          round_id: DEMO_CLOSED_ROUND_ID,
          need_line_id: `${DEMO_CLOSED_ROUND_ID}-hamnvarvet-1`,
          need_line_no: 1,
          occupation_id: 'PRQn_9yw_NJA',
          ssyk_code: '2144',
          partner_comes: 1,
          children_0_5: 0,
          children_6_15: 1,
          children_16_19: 0,
          housing_tenure: 'rent',
          housing_rooms: 4,
          housing_kommuner: JSON.stringify(['1080', '1081']),
          earliest_move: move,
          guide_user_id: people.guide,
          opened_by: people.openedBy,
          is_demo: 1,
          created_at: at,
          updated_at: at,
        },
      ],
      ignore,
    ),
    ...upsertRows(
      db,
      'move_case_people',
      ['case_id', 'person'],
      [
        {
          case_id: DEMO_MOVE_CASE_ID,
          person: 'recruit',
          name: people.recruit.name,
          email: people.recruit.email,
          invited_at: at,
          accepted_at: at,
        },
      ],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'move_case_tasks',
      ['id'],
      tasks.map((task, position) => ({
        id: `${DEMO_MOVE_CASE_ID}-${task.kind}`,
        case_id: DEMO_MOVE_CASE_ID,
        kind: task.kind,
        title: null,
        owner: task.owner,
        due_on: task.dueOn,
        state: states[task.kind]?.state ?? 'open',
        note: states[task.kind]?.note ?? '',
        position,
        created_by: people.openedBy,
        updated_by: people.openedBy,
        created_at: at,
        updated_at: at,
      })),
      { ...ignore, when: live },
    ),
  ];
}

export const DEMO_MOVED_CASE_ID = 'demo-move-case-2';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A second demo case, closed (decision 0036): Kodkusten's developer moved to Ronneby four months
 * before the day of seeding, the offer accepted two months before that; the 3-month follow-up is
 * answered by the recruit (still in the region, still in the job) and mailed to the partner, not yet
 * answered. The follow-up job adds the 12- and 24-month
 * rows with the same ids. Also the demo guide's kommuner: Karlskrona and Ronneby.
 */
export function demoMovedCaseQueries(
  db: Kysely<Database>,
  now: Date,
  people: {
    guide: string;
    openedBy: string;
    recruit: { name: string; email: string };
    partner: { name: string; email: string };
  },
): CompiledQuery[] {
  const at = now.toISOString();
  const moved = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 4, Math.min(now.getUTCDate(), 28)));
  const offer = new Date(moved.getTime() - 60 * 86_400_000);
  const due = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 3, moved.getUTCDate()));
  const answered = new Date(due.getTime() + 5 * 86_400_000);
  const live = eb.exists(
    eb.selectFrom('move_cases').select('id').where('id', '=', DEMO_MOVED_CASE_ID).where('erased_at', 'is', null),
  );
  const ignore = { onConflict: 'ignore' } as const;
  return [
    ...upsertRows(
      db,
      'move_cases',
      ['id'],
      [
        {
          id: DEMO_MOVED_CASE_ID,
          organisation_id: 'demo-org-kodkusten',
          occupation_id: 'DJh5_yyF_hEM',
          ssyk_code: '2512',
          partner_comes: 1,
          children_0_5: 0,
          children_6_15: 0,
          children_16_19: 0,
          housing_tenure: 'rent',
          housing_rooms: 2,
          housing_kommuner: JSON.stringify(['1081']),
          earliest_move: day(moved).slice(0, 7),
          status: 'closed',
          outcome: 'moved-in',
          moved_in_on: day(moved),
          moved_to_kommun: '1081',
          offer_accepted_on: day(offer),
          offer_to_move_days: 60,
          workplace_kommun: '1080',
          guide_user_id: people.guide,
          opened_by: people.openedBy,
          is_demo: 1,
          created_at: offer.toISOString(),
          updated_at: at,
          closed_at: moved.toISOString(),
        },
      ],
      ignore,
    ),
    ...upsertRows(
      db,
      'move_case_specialisations',
      ['case_id', 'specialisation_code'],
      [{ case_id: DEMO_MOVED_CASE_ID, specialisation_code: 'tech' }],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'move_case_people',
      ['case_id', 'person'],
      [
        {
          case_id: DEMO_MOVED_CASE_ID,
          person: 'recruit',
          name: people.recruit.name,
          email: people.recruit.email,
          invited_at: offer.toISOString(),
          accepted_at: offer.toISOString(),
        },
        {
          case_id: DEMO_MOVED_CASE_ID,
          person: 'partner',
          name: people.partner.name,
          email: people.partner.email,
          invited_at: offer.toISOString(),
          accepted_at: offer.toISOString(),
        },
      ],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'move_case_follow_ups',
      ['id'],
      [
        {
          id: `${DEMO_MOVED_CASE_ID}-recruit-3`,
          case_id: DEMO_MOVED_CASE_ID,
          person: 'recruit',
          wave: 3,
          due_on: day(due),
          state: 'answered',
          sent_at: due.toISOString(),
          answered_at: answered.toISOString(),
          in_region: 1,
          kommun: '1081',
          in_work: 1,
          recommend: 'yes',
        },
        // The partner's is mailed and not yet answered: the form a demo visitor can fill in.
        {
          id: `${DEMO_MOVED_CASE_ID}-partner-3`,
          case_id: DEMO_MOVED_CASE_ID,
          person: 'partner',
          wave: 3,
          due_on: day(due),
          state: 'sent',
          sent_at: due.toISOString(),
        },
      ],
      { ...ignore, when: live },
    ),
    ...upsertRows(
      db,
      'guide_kommuner',
      ['user_id', 'kommun_code'],
      ['1080', '1081'].map((kommun_code) => ({ user_id: people.guide, kommun_code })),
      ignore,
    ),
  ];
}
