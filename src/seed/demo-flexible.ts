import type { CompiledQuery, Kysely } from 'kysely';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { answerQueries, type DemoNeed, OTHER_ENGINEER } from './demo-answers.ts';
import { type DemoRound, demoRounds } from './demo-rounds.ts';

/**
 * The demo's flexible posts (decision 0035): a round on questionnaire version 3, opened and closing with
 * the demo's open round and sent to Hamnvarvet and Formpress only, in which each declares a part-time
 * quality engineer (SSYK 2149) and says it is open to sharing the post. The shared-post proposal that
 * names them both is not a demo row: the seed runs the job that proposes (`shared-post-proposals`,
 * src/scheduled.ts runDemoJobs), as every scheduled run does. Its id is not `demo-round-…`, so the
 * demo's open round is renewed as before (src/seed/demo-rounds.ts); it keeps its rows as the rest of
 * the demo does.
 */
export const DEMO_FLEX_ROUND_ID = 'demo-flex-round';
export const DEMO_FLEX_ORGANISATIONS = ['hamnvarvet', 'formpress'] as const;

const QUALITY_ENGINEER: Omit<DemoNeed, 'workForm'> = {
  ...OTHER_ENGINEER,
  headcount: 1,
  horizon: '0-1',
  level: 'master',
  difficulty: 4,
  strategies: ['recruit-outside', 'consultants'],
  specs: [['smart-industri', []]],
};

const NEEDS: Record<string, DemoNeed[]> = {
  hamnvarvet: [{ ...QUALITY_ENGINEER, workForm: { workPlace: 'on-site', extent: 'part-time', openToSharing: true } }],
  formpress: [{ ...QUALITY_ENGINEER, workForm: { workPlace: 'hybrid', extent: 'part-time', openToSharing: true } }],
};

export function demoFlexRound(now: Date): DemoRound {
  const { open } = demoRounds(now);
  const year = open.closes.slice(0, 4);
  // A day before the open round, so that once both have closed the open round stays the demand
  // figures' latest round.
  const closes = new Date(Date.parse(open.closes) - 86_400_000).toISOString();
  return { ...open, id: DEMO_FLEX_ROUND_ID, name: `Deltid och delade tjänster ${year} (demo)`, period: year, closes };
}

export function demoFlexibleQueries(db: Kysely<Database>, now: Date, createdBy: string): CompiledQuery[] {
  const round = demoFlexRound(now);
  return [
    ...upsertRows(
      db,
      'rounds',
      ['id'],
      [
        {
          id: round.id,
          name: round.name,
          period: round.period,
          opens_at: round.opens,
          closes_at: round.closes,
          status: round.status,
          questionnaire_version: 3,
          target: '{"sectors":[],"sizeClasses":[],"municipalities":[],"sniSections":[]}',
          created_by: createdBy,
          created_at: round.opens,
          opened_at: round.opens,
          closed_at: null,
        },
      ],
      { onConflict: 'ignore' },
    ),
    ...answerQueries(db, round, DEMO_FLEX_ORGANISATIONS, [], { targets: DEMO_FLEX_ORGANISATIONS, needs: NEEDS }),
  ];
}
