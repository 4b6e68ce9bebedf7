import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

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

interface MatchRow {
  offering_id: string;
  offering_name: string;
  provider_id: string;
  provider_name: string;
  annual_graduates: number;
  occupation: string;
  via: string;
  labels: string;
}

export async function findOfferingMatches(db: Kysely<Database>): Promise<OfferingMatch[]> {
  const result = await sql<MatchRow>`
    with direct as (
      select oo.offering_id, coalesce(o.ssyk_code, o.id) as occupation, o.label_sv as label
      from offering_occupations oo join occupations o on o.id = oo.occupation_id
    ),
    by_skill as (
      select os.offering_id, coalesce(o.ssyk_code, o.id) as occupation, s.label_sv as label
      from offering_skills os
      join occupation_skills k on k.skill_id = os.skill_id
      join occupations o on o.id = k.occupation_id
      join skills s on s.id = os.skill_id
    ),
    skill_matches as (
      select offering_id, occupation, json_group_array(distinct label) as labels
      from by_skill
      group by offering_id, occupation
      having count(distinct label) >= ${SKILL_MATCH_MIN}
    ),
    matches as (
      select offering_id, occupation, 'occupation' as via, json_group_array(distinct label) as labels
      from direct group by offering_id, occupation
      union all
      select m.offering_id, m.occupation, 'skills', m.labels from skill_matches m
      where not exists (select 1 from direct d where d.offering_id = m.offering_id and d.occupation = m.occupation)
    )
    select m.offering_id, f.name as offering_name, f.provider_id, p.name as provider_name,
      f.annual_graduates, m.occupation, m.via, m.labels
    from matches m
    join offerings f on f.id = m.offering_id
    join organisations p on p.id = f.provider_id
    order by m.occupation, f.name, m.offering_id`.execute(db);
  return result.rows.map((row) => ({
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

/** Offerings that match no occupation at all (no occupation listed, too few linked skills). */
export async function unmatchedOfferingIds(db: Kysely<Database>, matched: ReadonlySet<string>) {
  const rows = await db.selectFrom('offerings').select(['id', 'name']).orderBy('name').execute();
  return rows.filter((r) => !matched.has(r.id));
}
