import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { STRATEGIES } from '../surveys/questionnaire.ts';
import type { InnerLine } from './cells.ts';

/**
 * Reads of the survey's submitted answers for a publication. The need lines are owned by surveys;
 * these are the publication's read-only views of them (one query each, named for what it gives).
 */

/** The organisations that submitted to a round, in id order: the publication reads them in chunks. */
export async function listSubmitters(db: Kysely<Database>, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('submitted_responses')
    .select('organisation_id')
    .where('round_id', '=', roundId)
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

interface LineRow {
  org: string;
  occupation: string;
  horizon: string;
  education_level: string;
  municipality: string;
  sector: string;
  size_class: string;
  difficulty: number;
  headcount: number;
  specialisations: string | null;
  focus_areas: string | null;
  recruit_local: number;
  recruit_outside: number;
  relocation_family: number;
  train_staff: number;
  remote: number;
  consultants: number;
}

const STRATEGY_COLUMNS = {
  'recruit-local': 'recruit_local',
  'recruit-outside': 'recruit_outside',
  'relocation-family': 'relocation_family',
  'train-staff': 'train_staff',
  remote: 'remote',
  consultants: 'consultants',
} as const satisfies Record<(typeof STRATEGIES)[number], keyof LineRow>;

/**
 * A round's need lines of the organisations from `first` to `last` (ids, inclusive), in
 * organisation order, as the inner model sees them: the sets of specialisations and focus areas
 * sorted and comma-separated, the organisation's kommun, sector and size as submitted. A CTE and
 * correlated group_concat are what the builder cannot say.
 */
export async function readInnerLines(
  db: Kysely<Database>,
  roundId: string,
  first: string,
  last: string,
): Promise<InnerLine[]> {
  const result = await sql<LineRow>`
    select nl.organisation_id as org, coalesce(nl.ssyk_code, nl.occupation_id) as occupation, nl.horizon,
      nl.education_level, sr.municipality_code as municipality, sr.sector, sr.size_class, nl.difficulty,
      nl.headcount, nl.recruit_local, nl.recruit_outside, nl.relocation_family, nl.train_staff, nl.remote,
      nl.consultants,
      (select group_concat(code, ',') from (select distinct f.specialisation_code as code from need_line_focus f
         where f.need_line_id = nl.id order by 1)) as specialisations,
      (select group_concat(code, ',') from (select distinct f.focus_area_code as code from need_line_focus f
         where f.need_line_id = nl.id and f.focus_area_code != '' order by 1)) as focus_areas
    from need_lines nl
    join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
    where nl.round_id = ${roundId} and nl.organisation_id >= ${first} and nl.organisation_id <= ${last}
    order by nl.organisation_id, nl.line_no`.execute(db);
  return result.rows.map((row) => ({
    organisationId: row.org,
    headcount: Number(row.headcount),
    values: {
      areaSet: row.specialisations ?? '',
      focusSet: row.focus_areas ?? '',
      occupation: row.occupation,
      horizon: row.horizon,
      educationLevel: row.education_level,
      municipality: row.municipality,
      sector: row.sector,
      sizeClass: row.size_class,
      difficulty: String(row.difficulty),
      strategySet: STRATEGIES.filter((s) => Number(row[STRATEGY_COLUMNS[s]]) === 1).join(','),
    },
  }));
}

/**
 * All of a round's need lines at once, in organisation order, read in three sequential scans
 * (lines, their specialisations and focus areas, their skills) and joined here. Reading a million
 * lines organisation by organisation through the index jumps across the table's pages and took
 * about 40 s on the benchmark set; scans took about 18 s. It holds the round in memory, so it is
 * for a process that has memory to spare (Node's worker thread), not for a Worker.
 */
export async function readRoundInBulk(
  db: Kysely<Database>,
  roundId: string,
): Promise<{ lines: (InnerLine & { id: string })[]; skillsByLine: Map<string, string[]> }> {
  const submitters = await db
    .selectFrom('submitted_responses')
    .select(['organisation_id', 'municipality_code', 'sector', 'size_class'])
    .where('round_id', '=', roundId)
    .execute();
  const organisation = new Map(submitters.map((s) => [s.organisation_id, s]));
  // `+round_id`: a scan of the table in storage order, not a walk of the index (see above).
  const rows = await sql<
    Omit<LineRow, 'specialisations' | 'focus_areas' | 'municipality' | 'sector' | 'size_class'> & { id: string }
  >`
    select nl.id, nl.organisation_id as org, coalesce(nl.ssyk_code, nl.occupation_id) as occupation, nl.horizon,
      nl.education_level, nl.difficulty, nl.headcount, nl.recruit_local, nl.recruit_outside, nl.relocation_family,
      nl.train_staff, nl.remote, nl.consultants
    from need_lines nl where +nl.round_id = ${roundId}`.execute(db);
  // The rows come grouped by need line (the join walks the round's lines and each line's primary
  // key range), so each line's codes are gathered without a set per line.
  const focus = await sql<{ need_line_id: string; specialisation_code: string; focus_area_code: string }>`
    select f.need_line_id, f.specialisation_code, f.focus_area_code
    from need_line_focus f join need_lines nl on nl.id = f.need_line_id where nl.round_id = ${roundId}`.execute(db);
  const specialisations = new Map<string, string>();
  const focusAreas = new Map<string, string>();
  groupByLine(focus.rows, (line, rows) => {
    specialisations.set(line, joinSorted(rows.map((r) => r.specialisation_code)));
    focusAreas.set(line, joinSorted(rows.flatMap((r) => (r.focus_area_code === '' ? [] : [r.focus_area_code]))));
  });
  const skills = await sql<{ need_line_id: string; skill_id: string }>`
    select s.need_line_id, s.skill_id
    from need_line_skills s join need_lines nl on nl.id = s.need_line_id where nl.round_id = ${roundId}`.execute(db);
  const skillsByLine = new Map<string, string[]>();
  groupByLine(skills.rows, (line, rows) => {
    skillsByLine.set(
      line,
      rows.map((r) => r.skill_id),
    );
  });
  const lines: (InnerLine & { id: string })[] = [];
  for (const row of rows.rows) {
    const org = organisation.get(row.org);
    if (!org) continue;
    lines.push({
      id: row.id,
      organisationId: row.org,
      headcount: Number(row.headcount),
      values: {
        areaSet: specialisations.get(row.id) ?? '',
        focusSet: focusAreas.get(row.id) ?? '',
        occupation: row.occupation,
        horizon: row.horizon,
        educationLevel: row.education_level,
        municipality: org.municipality_code,
        sector: org.sector,
        sizeClass: org.size_class,
        difficulty: String(row.difficulty),
        strategySet: STRATEGIES.filter((s) => Number(row[STRATEGY_COLUMNS[s]]) === 1).join(','),
      },
    });
  }
  lines.sort((a, b) => (a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0));
  return { lines, skillsByLine };
}

/** Calls `each` once per run of rows with the same need line (rows arrive grouped by line). */
function groupByLine<T extends { need_line_id: string }>(rows: readonly T[], each: (line: string, rows: T[]) => void) {
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i]?.need_line_id !== rows[start]?.need_line_id) {
      const line = rows[start]?.need_line_id;
      if (line !== undefined) each(line, rows.slice(start, i));
      start = i;
    }
  }
}

/** Distinct codes, sorted and comma-separated: how the inner model writes a set. */
function joinSorted(codes: string[]): string {
  if (codes.length <= 1) return codes[0] ?? '';
  return [...new Set(codes)].sort().join(',');
}

/**
 * The skills that at least `minOrganisations` organisations name in a round, overall and per
 * specialisation: published as lists without figures (docs/decisions/0020-joint-publication.md).
 */
export async function readNamedSkills(
  db: Kysely<Database>,
  roundId: string,
  minOrganisations: number,
): Promise<{ specialisation: string; skillId: string }[]> {
  const result = await sql<{ specialisation: string; skill_id: string }>`
    select '' as specialisation, sk.skill_id from need_line_skills sk join need_lines nl on nl.id = sk.need_line_id
      where nl.round_id = ${roundId} group by sk.skill_id having count(distinct nl.organisation_id) >= ${minOrganisations}
    union all
    select f.specialisation_code, sk.skill_id from need_line_skills sk join need_lines nl on nl.id = sk.need_line_id
      join need_line_focus f on f.need_line_id = nl.id
      where nl.round_id = ${roundId} group by f.specialisation_code, sk.skill_id
      having count(distinct nl.organisation_id) >= ${minOrganisations}
    order by 1, 2`.execute(db);
  return result.rows.map((r) => ({ specialisation: r.specialisation, skillId: r.skill_id }));
}
