import { type AliasableExpression, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Strategy } from './questionnaire.ts';

/*
 * Need lines as other features read them (placements offers a place from one, plans counts the
 * places offered): surveys owns need_lines and its link tables, and these functions are how the
 * features above it see them.
 */

/** One need line of an organisation, with its skills and its specialisations' focus areas. */
export interface NeedLine {
  id: string;
  roundId: string;
  lineNo: number;
  occupationId: string;
  educationLevel: string;
  skillIds: string[];
  /** Link rows of specialisation and focus area ('' = the whole specialisation). */
  focus: { specialisationCode: string; focusAreaCode: string }[];
  placementKinds: string | null;
  placementCount: number | null;
}

/**
 * How the organisation plans to meet a need line, from its strategy columns (questionnaire v1's
 * `strategies`). Questionnaire v2 may move a strategy to a condition of its own; readers take this
 * list, so the mapping stays here.
 */
function strategiesOf(row: {
  recruit_local: number;
  recruit_outside: number;
  relocation_family: number;
  train_staff: number;
  remote: number;
  consultants: number;
}): Strategy[] {
  const flags: [Strategy, number][] = [
    ['recruit-local', row.recruit_local],
    ['recruit-outside', row.recruit_outside],
    ['relocation-family', row.relocation_family],
    ['train-staff', row.train_staff],
    ['remote', row.remote],
    ['consultants', row.consultants],
  ];
  return flags.filter(([, on]) => on === 1).map(([strategy]) => strategy);
}

/** A submitted need line as a move case starts from it (src/recruitment): what, when, how to meet it. */
export interface StrategyNeedLine {
  id: string;
  roundId: string;
  roundName: string;
  lineNo: number;
  occupationId: string;
  occupationLabelSv: string;
  occupationLabelEn: string;
  ssyk: string | null;
  headcount: number;
  horizon: string;
  strategies: Strategy[];
}

const STRATEGY_COLUMNS = [
  'n.recruit_local',
  'n.recruit_outside',
  'n.relocation_family',
  'n.train_staff',
  'n.remote',
  'n.consultants',
] as const;

/** A row of STRATEGY_COLUMNS and the line's round and occupation as a StrategyNeedLine. */
function toStrategyNeedLine(
  r: Parameters<typeof strategiesOf>[0] & {
    id: string;
    round_id: string;
    round_name: string;
    line_no: number;
    occupation_id: string;
    label_sv: string;
    name_en: string | null;
    ssyk_code: string | null;
    headcount: number;
    horizon: string;
  },
): StrategyNeedLine {
  return {
    id: r.id,
    roundId: r.round_id,
    roundName: r.round_name,
    lineNo: r.line_no,
    occupationId: r.occupation_id,
    occupationLabelSv: r.label_sv,
    occupationLabelEn: r.name_en ?? r.label_sv,
    ssyk: r.ssyk_code,
    headcount: r.headcount,
    horizon: r.horizon,
    strategies: strategiesOf(r),
  };
}

/**
 * The organisation's submitted need lines with their strategies, newest round first (at most 200),
 * or the one line `lineId` of the organisation's own: what it may open a move case from.
 */
export async function listStrategyNeedLines(
  db: Kysely<Database>,
  organisationId: string,
  lineId?: string,
): Promise<StrategyNeedLine[]> {
  const rows = await db
    .selectFrom('need_lines as n')
    .innerJoin('occupations as o', 'o.id', 'n.occupation_id')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .leftJoin('ssyk as s', 's.code', 'n.ssyk_code')
    .select([
      'n.id',
      'n.round_id',
      'r.name as round_name',
      'n.line_no',
      'n.occupation_id',
      'o.label_sv',
      's.name_en',
      'n.ssyk_code',
      'n.headcount',
      'n.horizon',
      ...STRATEGY_COLUMNS,
    ])
    .where('n.organisation_id', '=', organisationId)
    .$if(lineId !== undefined, (q) => q.where('n.id', '=', lineId ?? ''))
    .orderBy('r.opens_at', 'desc')
    .orderBy('n.line_no')
    .limit(200)
    .execute();
  return rows.map(toStrategyNeedLine);
}

/** The need line `needRef` if it is the organisation's own (else undefined). */
export async function findOwnNeedLine(
  db: Kysely<Database>,
  organisationId: string,
  needRef: string,
): Promise<NeedLine | undefined> {
  const line = await db
    .selectFrom('need_lines')
    .select(['id', 'occupation_id', 'education_level', 'placement_kinds', 'placement_count', 'round_id', 'line_no'])
    .where('id', '=', needRef)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!line) return undefined;
  const [skills, focus] = await Promise.all([
    db.selectFrom('need_line_skills').select('skill_id').where('need_line_id', '=', needRef).execute(),
    db
      .selectFrom('need_line_focus')
      .select(['specialisation_code', 'focus_area_code'])
      .where('need_line_id', '=', needRef)
      .execute(),
  ]);
  return {
    id: line.id,
    roundId: line.round_id,
    lineNo: line.line_no,
    occupationId: line.occupation_id,
    educationLevel: line.education_level,
    skillIds: skills.map((s) => s.skill_id),
    focus: focus.map((f) => ({ specialisationCode: f.specialisation_code, focusAreaCode: f.focus_area_code })),
    placementKinds: line.placement_kinds,
    placementCount: line.placement_count,
  };
}

/**
 * The organisation's need lines that offer placements, newest round first (at most 100), with the
 * occupation's Swedish label: what it may offer a placement from.
 */
export async function listPlacementNeedLines(db: Kysely<Database>, organisationId: string) {
  const rows = await db
    .selectFrom('need_lines as n')
    .innerJoin('occupations as o', 'o.id', 'n.occupation_id')
    .select(['n.id', 'n.line_no', 'n.placement_kinds', 'n.occupation_id', 'o.label_sv'])
    .where('n.organisation_id', '=', organisationId)
    .where('n.placement_kinds', 'is not', null)
    .orderBy('n.round_id', 'desc')
    .orderBy('n.line_no')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    lineNo: r.line_no,
    placementKinds: r.placement_kinds,
    occupationId: r.occupation_id,
    occupationLabel: r.label_sv,
  }));
}

/**
 * The round's need lines that offer places (placement_count > 0), limited to a specialisation when
 * one is given: `id`, `org`, `hc` (places) and `kinds` (JSON array), for a plan's count of offers.
 */
export function placementOfferLines(db: Kysely<Database>, roundId: string, specialisation: string | null) {
  return db
    .selectFrom('need_lines as nl')
    .select(['nl.id', 'nl.organisation_id as org', 'nl.placement_count as hc', 'nl.placement_kinds as kinds'])
    .where('nl.round_id', '=', roundId)
    .where('nl.placement_count', '>', 0)
    .$if(Boolean(specialisation), (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('need_line_focus as f')
            .select('f.need_line_id')
            .whereRef('f.need_line_id', '=', 'nl.id')
            .where('f.specialisation_code', '=', specialisation ?? ''),
        ),
      ),
    );
}

const eb = expressionBuilder<Database>();

/**
 * `exists`: the organisation (`organisationId`, a column of the outer query) ticked the survey's
 * contact question in its submitted response to the round.
 */
export function agreedToContactInRound(
  roundId: string,
  organisationId: Expression<string>,
): AliasableExpression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('submitted_responses as sr')
      .select(eb.lit(1).as('one'))
      .where('sr.round_id', '=', roundId)
      .where('sr.organisation_id', '=', organisationId)
      .where('sr.contact_consent', '=', 1),
  );
}

/**
 * `exists`: the organisation (a column of the outer query) reported a need in the round, for the
 * occupation (its SSYK-4 code, as demand keys it, or the occupation's id) and the specialisation
 * where given (''= any). Uses need_lines' (round_id, organisation_id) index.
 */
export function reportedNeedInRound(
  roundId: string,
  organisationId: Expression<string>,
  subject: { occupation: string; specialisation: string },
): AliasableExpression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('need_lines as nl')
      .select(eb.lit(1).as('one'))
      .where('nl.round_id', '=', roundId)
      .where('nl.organisation_id', '=', organisationId)
      .$if(subject.occupation !== '', (qb) =>
        qb.where(
          (w) => w.fn.coalesce(w.fn<string>('substr', ['nl.ssyk_code', w.lit(1), w.lit(4)]), 'nl.occupation_id'),
          '=',
          subject.occupation,
        ),
      )
      .$if(subject.specialisation !== '', (qb) =>
        qb.where((w) =>
          w.exists(
            w
              .selectFrom('need_line_focus as f')
              .select(w.lit(1).as('one'))
              .whereRef('f.need_line_id', '=', 'nl.id')
              .where('f.specialisation_code', '=', subject.specialisation),
          ),
        ),
      ),
  );
}

/** An organisation's own submitted needs in a round, per occupation × horizon. */
export interface OwnNeed {
  occupationId: string;
  occupationLabel: string;
  ssyk: string | null;
  horizon: string;
  headcount: number;
  specialisations: string[];
}

export async function listOrganisationNeeds(
  db: Kysely<Database>,
  roundId: string,
  organisationId: string,
): Promise<OwnNeed[]> {
  const rows = await db
    .selectFrom('need_lines as n')
    .innerJoin('occupations as o', 'o.id', 'n.occupation_id')
    .select((eb) => [
      'n.occupation_id',
      'o.label_sv',
      'n.ssyk_code',
      'n.horizon',
      eb.fn.sum<number>('n.headcount').as('headcount'),
      // The specialisations of the organisation's lines for this occupation and horizon.
      eb
        .selectFrom('need_lines as m')
        .innerJoin('need_line_focus as f', 'f.need_line_id', 'm.id')
        .select((e) => e.fn.agg<string>('group_concat', ['f.specialisation_code']).distinct().as('codes'))
        .whereRef('m.round_id', '=', 'n.round_id')
        .whereRef('m.organisation_id', '=', 'n.organisation_id')
        .whereRef('m.occupation_id', '=', 'n.occupation_id')
        .whereRef('m.horizon', '=', 'n.horizon')
        .as('specialisations'),
    ])
    .where('n.round_id', '=', roundId)
    .where('n.organisation_id', '=', organisationId)
    .groupBy(['n.occupation_id', 'n.horizon'])
    .orderBy('o.label_sv')
    .orderBy('n.horizon')
    .execute();
  return rows.map((row) => ({
    occupationId: row.occupation_id,
    occupationLabel: row.label_sv,
    ssyk: row.ssyk_code,
    horizon: row.horizon,
    headcount: Number(row.headcount),
    specialisations: row.specialisations ? row.specialisations.split(',').sort() : [],
  }));
}

/** How many need lines a round has (the index on need_lines starts with round_id). */
export async function countNeedLines(db: Kysely<Database>, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('need_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

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

/** The specialisations a submitted need line counts for (a move case copies them when it opens). */
export async function listNeedLineSpecialisations(db: Kysely<Database>, lineId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('need_line_focus')
    .select('specialisation_code')
    .distinct()
    .where('need_line_id', '=', lineId)
    .orderBy('specialisation_code')
    .execute();
  return rows.map((r) => r.specialisation_code);
}

/**
 * A submitted need line as recruitment reads it across organisations: whose, where, when and how
 * to meet it. Matching (src/recruitment/matching) looks for a partner's openings in them, campaigns
 * (src/recruitment/campaigns) bundle them. Confidential survey answers: recruitment shows a line
 * only to its organisation, or anonymously (decisions 0031, 0032).
 */
export interface SubmittedNeedLine extends StrategyNeedLine {
  organisationId: string;
  organisationName: string;
  /** The organisation's kommun: a need line has no place of its own. */
  kommun: string;
  /** The round's close (ISO instant): the alone-recruited lines' time to fill counts from it. */
  roundClosesAt: string;
}

/** Which rounds' lines to read: each organisation's newest answer among them counts. */
export type NeedLineRounds =
  /** The newest `newest` rounds that take or took answers (campaigns). */
  | { newest: number }
  /** The rounds that close or closed on or after the day `closingSince` (matching's openings). */
  | { closingSince: string };

export interface SubmittedNeedLineQuery {
  /** Exactly these lines, whatever their round (the rounds option is then not used). */
  lineIds?: readonly string[];
  /** Only these organisations' lines. */
  organisationIds?: readonly string[];
  /** Default: the newest two rounds. */
  rounds?: NeedLineRounds;
  /** Only lines to be met by recruiting, locally, from outside or with a partner who needs work. */
  recruiting?: boolean;
}

/**
 * Submitted need lines for recruitment: the lines `lineIds` names, or else, from each organisation's
 * newest round among `rounds`, its lines; optionally of some organisations and only those that
 * recruit (training staff, consultants and remote work alone recruit no one). Newest round first,
 * then by organisation name and line number; at most 5000.
 */
export async function listSubmittedNeedLines(
  db: Kysely<Database>,
  options: SubmittedNeedLineQuery,
): Promise<SubmittedNeedLine[]> {
  if (options.lineIds?.length === 0 || options.organisationIds?.length === 0) return [];
  const rounds = options.rounds ?? { newest: 2 };
  const rows = await db
    .selectFrom('need_lines as n')
    .innerJoin('occupations as o', 'o.id', 'n.occupation_id')
    .innerJoin('rounds as r', 'r.id', 'n.round_id')
    .innerJoin('organisations as org', 'org.id', 'n.organisation_id')
    .leftJoin('ssyk as s', 's.code', 'n.ssyk_code')
    .select([
      'n.id',
      'n.round_id',
      'r.name as round_name',
      'r.closes_at',
      'n.organisation_id',
      'org.name as organisation_name',
      'org.municipality_code',
      'n.line_no',
      'n.occupation_id',
      'o.label_sv',
      's.name_en',
      'n.ssyk_code',
      'n.headcount',
      'n.horizon',
      ...STRATEGY_COLUMNS,
    ])
    .$if(options.lineIds !== undefined, (q) => q.where('n.id', 'in', [...(options.lineIds ?? [])]))
    .$if(options.lineIds === undefined, (q) =>
      // The organisation's newest answer among the rounds: an older one it has replaced.
      q.where((w) =>
        w(
          'n.round_id',
          '=',
          w
            .selectFrom('need_lines as latest')
            .innerJoin('rounds as lr', 'lr.id', 'latest.round_id')
            .select('latest.round_id')
            .whereRef('latest.organisation_id', '=', 'n.organisation_id')
            .where((e) =>
              'newest' in rounds
                ? e(
                    'lr.id',
                    'in',
                    e
                      .selectFrom('rounds as nr')
                      .select('nr.id')
                      .where('nr.status', 'in', ['open', 'closed'])
                      .orderBy('nr.opens_at', 'desc')
                      .limit(rounds.newest),
                  )
                : e('lr.closes_at', '>=', rounds.closingSince),
            )
            .orderBy('lr.opens_at', 'desc')
            .limit(1),
        ),
      ),
    )
    .$if(options.organisationIds !== undefined, (q) =>
      q.where('n.organisation_id', 'in', [...(options.organisationIds ?? [])]),
    )
    .$if(options.recruiting === true, (q) =>
      q.where((w) =>
        w.or([w('n.recruit_local', '=', 1), w('n.recruit_outside', '=', 1), w('n.relocation_family', '=', 1)]),
      ),
    )
    .orderBy('r.opens_at', 'desc')
    .orderBy('org.name')
    .orderBy('n.line_no')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    ...toStrategyNeedLine(r),
    roundClosesAt: r.closes_at,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    kommun: r.municipality_code,
  }));
}

/**
 * A submitted part-time need line whose organisation is open to sharing the post (questionnaire
 * version 3 on): what a shared-post proposal is made of (src/recruitment/flexible/, decision 0035).
 */
export interface ShareableNeedLine {
  roundId: string;
  organisationId: string;
  ssyk: string;
  workPlace: string | null;
}

/**
 * The shareable part-time need lines of the rounds given (every round when none is), for the
 * occupation groups of which two or more organisations have one: only those may be introduced.
 */
export async function listShareablePartTimeLines(
  db: Kysely<Database>,
  filter: { roundId?: string; ssyk?: string } = {},
): Promise<ShareableNeedLine[]> {
  const rows = await db
    .selectFrom('need_lines as n')
    .select(['n.round_id', 'n.organisation_id', 'n.ssyk_code', 'n.work_place'])
    .where('n.extent', '=', 'part-time')
    .where('n.open_to_sharing', '=', 1)
    .where('n.ssyk_code', 'is not', null)
    .$if(filter.roundId !== undefined, (q) => q.where('n.round_id', '=', filter.roundId ?? ''))
    .$if(filter.ssyk !== undefined, (q) => q.where('n.ssyk_code', '=', filter.ssyk ?? ''))
    .where((eb) =>
      eb(
        eb
          .selectFrom('need_lines as m')
          .select((m) => m.fn.count<number>('m.organisation_id').distinct().as('n'))
          .whereRef('m.round_id', '=', 'n.round_id')
          .whereRef('m.ssyk_code', '=', 'n.ssyk_code')
          .where('m.extent', '=', 'part-time')
          .where('m.open_to_sharing', '=', 1),
        '>=',
        2,
      ),
    )
    .orderBy('n.round_id')
    .orderBy('n.ssyk_code')
    .orderBy('n.organisation_id')
    .limit(10_000)
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    organisationId: r.organisation_id,
    ssyk: r.ssyk_code ?? '',
    workPlace: r.work_place,
  }));
}

/** Per occupation group (SSYK 4) of a round: organisations with a part-time need, and how many are open to sharing. */
export interface PartTimeCount {
  ssyk: string;
  organisations: number;
  openToSharing: number;
}

export async function countPartTimeNeeds(db: Kysely<Database>, roundId: string): Promise<PartTimeCount[]> {
  const rows = await db
    .selectFrom('need_lines as n')
    .select((eb) => [
      'n.ssyk_code',
      eb.fn.count<number>('n.organisation_id').distinct().as('organisations'),
      eb.fn
        .count<number>(eb.case().when('n.open_to_sharing', '=', 1).then(eb.ref('n.organisation_id')).end())
        .distinct()
        .as('open_to_sharing'),
    ])
    .where('n.round_id', '=', roundId)
    .where('n.extent', '=', 'part-time')
    .where('n.ssyk_code', 'is not', null)
    .groupBy('n.ssyk_code')
    .orderBy('n.ssyk_code')
    .execute();
  return rows.map((r) => ({
    ssyk: r.ssyk_code ?? '',
    organisations: Number(r.organisations),
    openToSharing: Number(r.open_to_sharing),
  }));
}
