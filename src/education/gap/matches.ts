import type { Kysely } from 'kysely';
import { OFFERINGS } from '../../cache/names.ts';
import { readStamp } from '../../cache/versions.ts';
import type { Database } from '../../db/schema.ts';

/**
 * How offerings meet occupations (docs/decisions/0012-education-gap.md):
 * - directly: the offering lists a JobTech occupation group; its key is the group's SSYK-4 code,
 *   as demand keys occupations (the few groups without an SSYK code keep their id);
 * - through skills: the offering does not list the occupation but teaches at least
 *   SKILL_MATCH_MIN of the skills that the taxonomy links to it (occupation_skills).
 * Both are found in SQL over the link tables; the skills that made a match are returned by name.
 */
export const SKILL_MATCH_MIN = 3;

export interface OfferingMatch {
  offeringId: string;
  offeringName: string;
  providerId: string;
  providerName: string;
  annualGraduates: number;
  occupation: string;
  via: 'occupation' | 'skills';
  /** The occupation's label (direct) or the skills' labels (through skills), sorted. */
  matchedOn: string[];
}

export async function findOfferingMatches(db: Kysely<Database>): Promise<OfferingMatch[]> {
  const rows = await db
    .with('direct', (w) =>
      w
        .selectFrom('offering_occupations as oo')
        .innerJoin('occupations as o', 'o.id', 'oo.occupation_id')
        .select((eb) => [
          'oo.offering_id',
          eb.fn.coalesce('o.ssyk_code', 'o.id').as('occupation'),
          'o.label_sv as label',
        ]),
    )
    .with('by_skill', (w) =>
      w
        .selectFrom('offering_skills as os')
        .innerJoin('occupation_skills as k', 'k.skill_id', 'os.skill_id')
        .innerJoin('occupations as o', 'o.id', 'k.occupation_id')
        .innerJoin('skills as s', 's.id', 'os.skill_id')
        .select((eb) => [
          'os.offering_id',
          eb.fn.coalesce('o.ssyk_code', 'o.id').as('occupation'),
          's.label_sv as label',
        ]),
    )
    .with('skill_matches', (w) =>
      w
        .selectFrom('by_skill')
        .select((eb) => [
          'offering_id',
          'occupation',
          eb.fn.agg<string>('json_group_array', ['label']).distinct().as('labels'),
        ])
        .groupBy(['offering_id', 'occupation'])
        .having((eb) => eb.fn.count('label').distinct(), '>=', SKILL_MATCH_MIN),
    )
    .with('matches', (w) =>
      w
        .selectFrom('direct')
        .select((eb) => [
          'offering_id',
          'occupation',
          eb.val<'occupation' | 'skills'>('occupation').as('via'),
          eb.fn.agg<string>('json_group_array', ['label']).distinct().as('labels'),
        ])
        .groupBy(['offering_id', 'occupation'])
        .unionAll((eb) =>
          eb
            .selectFrom('skill_matches as m')
            .select(['m.offering_id', 'm.occupation', eb.val<'occupation' | 'skills'>('skills').as('via'), 'm.labels'])
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('direct as d')
                    .select(eb.lit(1).as('one'))
                    .whereRef('d.offering_id', '=', 'm.offering_id')
                    .whereRef('d.occupation', '=', 'm.occupation'),
                ),
              ),
            ),
        ),
    )
    .selectFrom('matches as m')
    .innerJoin('offerings as f', 'f.id', 'm.offering_id')
    .innerJoin('organisations as p', 'p.id', 'f.provider_id')
    .select([
      'm.offering_id',
      'f.name as offering_name',
      'f.provider_id',
      'p.name as provider_name',
      'f.annual_graduates',
      'm.occupation',
      'm.via',
      'm.labels',
    ])
    .orderBy('m.occupation')
    .orderBy('f.name')
    .orderBy('m.offering_id')
    .execute();
  return rows.map((row) => ({
    offeringId: row.offering_id,
    offeringName: row.offering_name,
    providerId: row.provider_id,
    providerName: row.provider_name,
    annualGraduates: row.annual_graduates,
    occupation: row.occupation,
    via: row.via === 'occupation' ? 'occupation' : 'skills',
    matchedOn: (JSON.parse(row.labels) as string[]).sort((a, b) => a.localeCompare(b, 'sv')),
  }));
}

/**
 * The matches, computed once per state of the offerings: the skill join over a few thousand
 * offerings takes about half a second, while every offering write (API, form, import, seed) moves
 * the fingerprint below (count, latest updated_at, sum of versions), which costs a scan of the
 * offerings table only. Memoised per database handle, so tests and processes never share it;
 * a reload of the taxonomy's occupation–skill links is picked up on the next offering write or
 * restart (decision 0012).
 */
export interface OfferingIndex {
  matches: OfferingMatch[];
  /** Every offering with its provider's name, by name: for the offerings that meet no demand. */
  offerings: { id: string; name: string; providerId: string; providerName: string }[];
}

const memo = new WeakMap<object, { fingerprint: string; matches: Promise<OfferingIndex> }>();

async function loadIndex(db: Kysely<Database>): Promise<OfferingIndex> {
  const [matches, offerings] = await Promise.all([
    findOfferingMatches(db),
    db
      .selectFrom('offerings as f')
      .innerJoin('organisations as p', 'p.id', 'f.provider_id')
      .select(['f.id', 'f.name', 'f.provider_id as providerId', 'p.name as providerName'])
      .orderBy('f.name')
      .orderBy('f.id')
      .execute(),
  ]);
  return { matches, offerings };
}

/**
 * The offerings' version (src/cache/names.ts OFFERINGS), raised in the batch of every offering
 * write and import: one primary-key read, so another process's or Workers isolate's write is seen
 * on the next request.
 */
export function offeringsVersion(db: Kysely<Database>): Promise<string> {
  return readStamp(db, [OFFERINGS]);
}

export async function cachedOfferingMatches(db: Kysely<Database>, known?: string): Promise<OfferingIndex> {
  const fingerprint = known ?? (await offeringsVersion(db));
  const held = memo.get(db);
  if (held && held.fingerprint === fingerprint) return held.matches;
  const matches = loadIndex(db);
  memo.set(db, { fingerprint, matches });
  matches.catch(() => memo.delete(db));
  return matches;
}
