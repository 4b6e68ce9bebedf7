import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Occupation, placementSkillUse, type Skill } from '../../taxonomy/index.ts';

/** Names for the concept ids a response refers to, one query per kind whatever the number of lines. */
export async function findOccupationsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, Occupation>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('occupations as o')
    .leftJoin('ssyk as s', 's.code', 'o.ssyk_code')
    .select(['o.id', 'o.ssyk_code', 'o.label_sv', 's.name_en'])
    .where('o.id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((row) => [row.id, { id: row.id, ssyk: row.ssyk_code, labelSv: row.label_sv, labelEn: row.name_en }]),
  );
}

export async function findSkillsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.label_sv]));
}

/**
 * Up to `perOccupation` related skills of each occupation, in one query, the most asked for first.
 * An occupation has up to hundreds (396 for software developers); the ones offered are those that
 * the region's open placements for it ask for most (placementSkillUse, as GET
 * /api/v1/taxonomy/skills?occupation= orders them), then the first alphabetically.
 */
export async function findRelatedSkills(
  db: Kysely<Database>,
  occupationIds: readonly string[],
  perOccupation: number,
): Promise<Map<string, Skill[]>> {
  const wanted = [...new Set(occupationIds.filter(Boolean))];
  const out = new Map<string, Skill[]>();
  if (wanted.length === 0) return out;
  const ranked = db
    .selectFrom('occupation_skills as os')
    .innerJoin('skills as k', 'k.id', 'os.skill_id')
    .leftJoin(placementSkillUse(wanted).as('used'), (join) =>
      join.onRef('used.occupation_id', '=', 'os.occupation_id').onRef('used.skill_id', '=', 'os.skill_id'),
    )
    .select((eb) => [
      'os.occupation_id',
      'k.id',
      'k.label_sv',
      eb.fn
        .agg<number>('row_number')
        .over((ob) =>
          ob
            .partitionBy('os.occupation_id')
            .orderBy(eb.fn.coalesce('used.n', eb.lit(0)), 'desc')
            .orderBy('k.label_sv')
            .orderBy('k.id'),
        )
        .as('n'),
    ])
    .where('os.occupation_id', 'in', wanted);
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select(['occupation_id', 'id', 'label_sv'])
    .where('n', '<=', perOccupation)
    .orderBy('occupation_id')
    .orderBy('n')
    .execute();
  for (const row of rows) {
    const list = out.get(row.occupation_id) ?? [];
    list.push({ id: row.id, labelSv: row.label_sv });
    out.set(row.occupation_id, list);
  }
  return out;
}

export async function findOrganisationName(db: Kysely<Database>, id: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? id;
}

/** Whether a submission id is already stored for this response (a double click, a retried post). */
export async function isSubmissionStored(
  db: Kysely<Database>,
  submissionId: string,
  roundId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('response_revisions')
    .select('id')
    .where('submission_id', '=', submissionId)
    .where('round_id', '=', roundId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}
