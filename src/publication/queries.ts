import { type ExpressionBuilder, type InferResult, type Kysely, sql } from 'kysely';
import { yieldToRequestsEvery1024 } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { STRATEGIES } from '../surveys/index.ts';
import type { InnerLine } from './cells.ts';
import type { InnerValues } from './inner-model.ts';

/**
 * Reads of the survey's submitted answers for a publication. The need lines are owned by surveys;
 * these are the publication's read-only views of them (one query each, named for what it gives).
 */

const STRATEGY_COLUMNS = {
  'recruit-local': 'recruit_local',
  'recruit-outside': 'recruit_outside',
  'relocation-family': 'relocation_family',
  'train-staff': 'train_staff',
  remote: 'remote',
  consultants: 'consultants',
} as const satisfies Record<(typeof STRATEGIES)[number], keyof LineRow>;

/** The sorted, comma-separated set of a need line's specialisations (or its focus areas). */
function focusSet(
  eb: ExpressionBuilder<Database & { nl: Database['need_lines'] }, 'nl'>,
  of: 'specialisations' | 'focusAreas',
) {
  const codes =
    of === 'specialisations'
      ? eb.selectFrom('need_line_focus as f').select('f.specialisation_code as code')
      : eb.selectFrom('need_line_focus as f').select('f.focus_area_code as code').where('f.focus_area_code', '!=', '');
  return eb
    .selectFrom(codes.distinct().whereRef('f.need_line_id', '=', 'nl.id').orderBy('code').as('c'))
    .select((e) => e.fn<string>('group_concat', ['c.code', e.val(',')]).as('codes'));
}

/** A round's need lines of the organisations from `first` to `last`, as readInnerLines gives them. */
function innerLinesQuery(db: Kysely<Database>, roundId: string, first: string, last: string) {
  return db
    .selectFrom('need_lines as nl')
    .innerJoin('submitted_responses as sr', (j) =>
      j.onRef('sr.round_id', '=', 'nl.round_id').onRef('sr.organisation_id', '=', 'nl.organisation_id'),
    )
    .select((eb) => [
      'nl.organisation_id as org',
      eb.fn.coalesce('nl.ssyk_code', 'nl.occupation_id').as('occupation'),
      'nl.horizon',
      'nl.education_level',
      'sr.municipality_code as municipality',
      'sr.sector',
      'sr.size_class',
      'nl.difficulty',
      'nl.headcount',
      'nl.recruit_local',
      'nl.recruit_outside',
      'nl.relocation_family',
      'nl.train_staff',
      'nl.remote',
      'nl.consultants',
      focusSet(eb, 'specialisations').as('specialisations'),
      focusSet(eb, 'focusAreas').as('focus_areas'),
    ])
    .where('nl.round_id', '=', roundId)
    .where('nl.organisation_id', '>=', first)
    .where('nl.organisation_id', '<=', last)
    .orderBy('nl.organisation_id')
    .orderBy('nl.line_no');
}

type LineRow = InferResult<ReturnType<typeof innerLinesQuery>>[number];

/**
 * A round's need lines of the organisations from `first` to `last` (ids, inclusive), in
 * organisation order, as the inner model sees them: the sets of specialisations and focus areas
 * sorted and comma-separated, the organisation's kommun, sector and size as submitted.
 */
export async function readInnerLines(
  db: Kysely<Database>,
  roundId: string,
  first: string,
  last: string,
): Promise<InnerLine[]> {
  const rows = await innerLinesQuery(db, roundId, first, last).execute();
  return rows.map((row) => ({
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
 * All of a round's need lines, in organisation order, in one statement, each given to `each` with
 * its skills. The statement scans the table in storage order (`+round_id`: walking the round's
 * index jumps across the table's pages, about 40 s for a million lines against 6 s), looks up each
 * line's specialisations, focus areas and skills by primary key, and sorts by organisation.
 * Strategies come as a bit mask (bit i: STRATEGIES[i]). The line object given to `each` is reused:
 * copy what is kept. SQLite sorts the whole round before the first row comes (in memory up to the
 * connection's cache), so it is for a process with memory to spare (Node's worker thread), not
 * for a Worker; the rows then come a thousand at a time.
 */
export async function readRoundInBulk(
  db: Kysely<Database>,
  roundId: string,
  each: (line: InnerLine, skills: readonly string[]) => void,
  /** Node's worker thread: pause for requests during the scan and between rows (PublicationDeps). */
  yieldToRequests?: () => void,
): Promise<number> {
  const query = sql<
    Omit<LineRow, 'specialisations' | 'focus_areas' | (typeof STRATEGY_COLUMNS)[keyof typeof STRATEGY_COLUMNS]> & {
      strategies: number;
      focus: string | null;
      skills: string | null;
    }
  >`
    select nl.organisation_id as org, coalesce(nl.ssyk_code, nl.occupation_id) as occupation, nl.horizon,
      nl.education_level, sr.municipality_code as municipality, sr.sector, sr.size_class, nl.difficulty, nl.headcount,
      ${sql.raw(STRATEGY_MASK)} as strategies,
      (select group_concat(f.specialisation_code || ':' || f.focus_area_code, ',') from need_line_focus f
         where f.need_line_id = nl.id) as focus,
      (select group_concat(s.skill_id, ',') from need_line_skills s where s.need_line_id = nl.id) as skills
    from need_lines nl
    join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
    where +nl.round_id = ${roundId} ${yieldToRequests ? sql`and ${yieldToRequestsEvery1024('nl.rowid')}` : sql``}
    order by +nl.organisation_id`.compile(db);
  const values: InnerValues = {
    areaSet: '',
    focusSet: '',
    occupation: '',
    horizon: '',
    educationLevel: '',
    municipality: '',
    sector: '',
    sizeClass: '',
    difficulty: '',
    strategySet: '',
  };
  const line: InnerLine = { organisationId: '', headcount: 0, values };
  const strategySets = new Map<number, string>();
  const focusSets = new Map<string, [areas: string, focus: string]>();
  const noSkills: string[] = [];
  let count = 0;
  // Streamed a thousand rows at a time: a million rows held at once as objects took seconds to
  // build and collect, with no yield point between (and the memory of all of them).
  for await (const chunk of db.getExecutor().stream(query, 1024)) {
    yieldToRequests?.();
    for (const row of chunk.rows) {
      count++;
      line.organisationId = row.org;
      line.headcount = Number(row.headcount);
      const focus = row.focus ?? '';
      let sets = focusSets.get(focus);
      if (sets === undefined) {
        sets = focusSetsOf(focus);
        focusSets.set(focus, sets);
      }
      values.areaSet = sets[0];
      values.focusSet = sets[1];
      values.occupation = row.occupation;
      values.horizon = row.horizon;
      values.educationLevel = row.education_level;
      values.municipality = row.municipality;
      values.sector = row.sector;
      values.sizeClass = row.size_class;
      values.difficulty = String(row.difficulty);
      const mask = Number(row.strategies);
      let strategySet = strategySets.get(mask);
      if (strategySet === undefined) {
        strategySet = STRATEGIES.filter((_s, i) => (mask >> i) & 1).join(',');
        strategySets.set(mask, strategySet);
      }
      values.strategySet = strategySet;
      each(line, row.skills ? row.skills.split(',') : noSkills);
    }
  }
  return count;
}

/** The strategy columns as one number, bit i for STRATEGIES[i]. */
const STRATEGY_MASK = STRATEGIES.map((s, i) => `(nl.${STRATEGY_COLUMNS[s]} << ${i})`).join(' | ');

/** `tech:ai,tech:games,industry:` → the sorted sets of specialisations and of focus areas. */
function focusSetsOf(focus: string): [string, string] {
  if (focus === '') return ['', ''];
  const areas = new Set<string>();
  const focusAreas = new Set<string>();
  for (const pair of focus.split(',')) {
    const at = pair.indexOf(':');
    areas.add(pair.slice(0, at));
    const area = pair.slice(at + 1);
    if (area !== '') focusAreas.add(area);
  }
  return [[...areas].sort().join(','), [...focusAreas].sort().join(',')];
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
  const rows = await db
    .selectFrom('need_line_skills as sk')
    .innerJoin('need_lines as nl', 'nl.id', 'sk.need_line_id')
    .select((eb) => [eb.val('').as('specialisation'), 'sk.skill_id'])
    .where('nl.round_id', '=', roundId)
    .groupBy('sk.skill_id')
    .having((eb) => eb.fn.count('nl.organisation_id').distinct(), '>=', minOrganisations)
    .unionAll(
      db
        .selectFrom('need_line_skills as sk')
        .innerJoin('need_lines as nl', 'nl.id', 'sk.need_line_id')
        .innerJoin('need_line_focus as f', 'f.need_line_id', 'nl.id')
        .select(['f.specialisation_code as specialisation', 'sk.skill_id'])
        .where('nl.round_id', '=', roundId)
        .groupBy(['f.specialisation_code', 'sk.skill_id'])
        .having((eb) => eb.fn.count('nl.organisation_id').distinct(), '>=', minOrganisations),
    )
    .orderBy('specialisation')
    .orderBy('skill_id')
    .execute();
  return rows.map((r) => ({ specialisation: r.specialisation, skillId: r.skill_id }));
}
