import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listRelocationGuides } from '../move-cases/queries.ts';

export { listRelocationGuides };

/** Relocation guides and the kommuner they serve (recruitment owns guide_kommuner). */

export async function findRelocationGuide(db: Kysely<Database>, userId: string) {
  return (await listRelocationGuides(db)).find((g) => g.id === userId);
}

/** The statements that replace a guide's kommuner. */
export function setGuideKommunerQueries(
  db: Kysely<Database>,
  userId: string,
  kommuner: readonly string[],
): CompiledQuery[] {
  return [
    db.deleteFrom('guide_kommuner').where('user_id', '=', userId).compile(),
    ...(kommuner.length === 0
      ? []
      : [
          db
            .insertInto('guide_kommuner')
            .values(kommuner.map((kommun_code) => ({ user_id: userId, kommun_code })))
            .compile(),
        ]),
  ];
}

/** The addresses of a case's household (recruit and partner). */
export async function householdAddresses(db: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('move_case_people').select('email').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.email);
}
