import type { CompiledQuery, Kysely } from 'kysely';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';

/**
 * One demo returner (issue 19, decision 0033): Johanna, a software developer who studied at BTH,
 * confirmed on the day of seeding, so her twelve months run from then. Existing rows are left alone.
 */
export const DEMO_RETURNER_ID = 'demo-returner-1';
/** JobTech's occupation group for software and system developers (SSYK 2512). */
const SOFTWARE_DEVELOPERS = 'DJh5_yyF_hEM';

export function demoReturnerQueries(
  db: Kysely<Database>,
  now: Date,
  person: { name: string; email: string },
): CompiledQuery[] {
  const at = now.toISOString();
  const expires = new Date(now.getTime());
  expires.setUTCMonth(expires.getUTCMonth() + 12);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, 1)).toISOString().slice(0, 7);
  const ignore = { onConflict: 'ignore' } as const;
  return [
    ...upsertRows(
      db,
      'returners',
      ['id'],
      [
        {
          id: DEMO_RETURNER_ID,
          email: person.email,
          name: person.name,
          connection: 'studied',
          earliest_move: start,
          remote: 'hybrid',
          kommuner: JSON.stringify(['1080', '1081']),
          languages: JSON.stringify(['svenska', 'engelska']),
          status: 'active',
          consented_at: at,
          expires_at: expires.toISOString(),
          is_demo: 1,
          created_at: at,
          updated_at: at,
        },
      ],
      ignore,
    ),
    ...upsertRows(
      db,
      'returner_occupations',
      ['returner_id', 'occupation_id'],
      [{ returner_id: DEMO_RETURNER_ID, occupation_id: SOFTWARE_DEVELOPERS, ssyk_code: '2512' }],
      ignore,
    ),
  ];
}
