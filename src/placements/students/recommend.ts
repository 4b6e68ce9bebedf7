import type { AliasedExpression, Expression, InferResult, Kysely } from 'kysely';
import { PLACEMENTS } from '../../cache/names.ts';
import { encode, perDatabase, TextCache } from '../../cache/text-cache.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import type { Publication } from '../../publication/index.ts';
import { findOccupationNames } from '../../taxonomy/index.ts';
import { stockholmDay } from '../dates.ts';
import { findPlacements, focusList, jsonEach, onPlacement, openAt, type Placement, skillList } from '../queries.ts';
import { type Candidate, MAX_OTHER_POINTS, rank, type Scored, skillRarity, WEIGHTS } from './ranking.ts';
import { type Demand, demandByOccupation } from './recommend-demand.ts';
import { findProfile, type StudentProfile } from './service.ts';

/**
 * A student's ranked placements (docs/decisions/0013). Candidates come out of the indexes (a
 * skill, occupation, kommun or specialisation of the profile), are scored in JavaScript by
 * ranking.ts, and the top of the list is kept in recommendation_cache under a key of the profile
 * version, the catalogue version, the day and the publication whose demand figures it shows (the
 * latest published closed round's): a repeat read is one lookup.
 */
export const RECOMMENDATION_LIMIT = 20;

export interface Recommendation {
  placement: Placement;
  score: number;
  skills: string[];
  occupation: string | null;
  /** SCB's English name of the placement's occupation group; null where there is none (JobTech's own groups). */
  occupationEn?: string | null;
  specialisations: { sv: string; en: string }[];
  location: { kind: 'municipality' | 'remote'; name: string } | null;
  period: boolean;
  level: boolean;
  demand: Demand | null;
  demandLink: string | null;
}

const shortLabel = (label: string) => label.split(', ')[0] ?? label;

async function cacheKey(db: Kysely<Database>, userId: string, today: string) {
  const r = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('student_profiles').select('version').where('user_id', '=', userId).as('profile_version'),
      eb.selectFrom('data_versions').select('version').where('name', '=', PLACEMENTS).as('catalogue'),
      eb
        .selectFrom('publications as p')
        .innerJoin('rounds as r', 'r.id', 'p.round_id')
        .select((e) =>
          e
            .fn<string>('json_array', [
              'p.id',
              'p.round_id',
              'p.version',
              e.fn.coalesce('p.published_at', 'p.created_at'),
            ])
            .as('publication'),
        )
        .where('p.status', '=', 'published')
        .where('r.status', '=', 'closed')
        .orderBy('r.closes_at', 'desc')
        .orderBy('r.id')
        .orderBy('p.version', 'desc')
        .limit(1)
        .as('publication'),
      eb.selectFrom('recommendation_cache').select('cache_key').where('user_id', '=', userId).as('cached_key'),
    ])
    .executeTakeFirst();
  const [id, roundId, version, publishedAt] = r?.publication
    ? (JSON.parse(r.publication) as [string, string, number, string])
    : [];
  const publication: Publication | null =
    id && roundId ? { id, roundId, version: Number(version), publishedAt: String(publishedAt) } : null;
  const key = `${r?.profile_version ?? 0}:${r?.catalogue ?? 0}:${today}:${publication?.id ?? ''}`;
  return { key, publication, hasProfile: r?.profile_version != null, stored: r?.cached_key === key };
}

/** The list under `key`: from recommendation_cache when it was stored under that key, else computed and stored. */
async function rankedList(
  scope: Scope,
  userId: string,
  today: string,
  { key, publication, stored }: { key: string; publication: Publication | null; stored: boolean },
): Promise<{ hasProfile: boolean; items: Recommendation[] }> {
  const { db, now } = scope.deps;
  if (stored) {
    const row = await db
      .selectFrom('recommendation_cache')
      .select('items')
      .where('user_id', '=', userId)
      .where('cache_key', '=', key)
      .executeTakeFirst();
    if (row) return { hasProfile: true, items: JSON.parse(row.items) as Recommendation[] };
  }
  const profile = await findProfile(db, userId);
  if (!profile) return { hasProfile: false, items: [] };
  const items = await computeRecommendations(db, profile, today, publication);
  const text = JSON.stringify(items);
  await db
    .insertInto('recommendation_cache')
    .values({ user_id: userId, cache_key: key, items: text, computed_at: now().toISOString() })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ cache_key: key, items: text, computed_at: now().toISOString() }),
    )
    .execute();
  return { hasProfile: true, items };
}

export async function recommendPlacements(
  scope: Scope,
  userId: string,
): Promise<{ hasProfile: boolean; items: Recommendation[] }> {
  const today = stockholmDay(scope.now);
  const found = await cacheKey(scope.deps.db, userId, today);
  if (!found.hasProfile) return { hasProfile: false, items: [] };
  return rankedList(scope, userId, today, found);
}

/**
 * The API's answer as text, kept in memory under the user and language and served while the list's
 * key (profile version, catalogue version, day, round) is the one the database gives now: a
 * student reloading the list costs the key's one query, not parsing, describing and serialising
 * twenty placements again. Bounded (docs/decisions/0013).
 */
const bodyCacheOf = perDatabase<Kysely<Database>, TextCache<Uint8Array<ArrayBuffer>>>(
  () => new TextCache<Uint8Array<ArrayBuffer>>(2000, 48 * 1024 * 1024),
);

export async function recommendedJson(scope: Scope, userId: string): Promise<Uint8Array<ArrayBuffer>> {
  const { db } = scope.deps;
  const today = stockholmDay(scope.now);
  const found = await cacheKey(db, userId, today);
  if (!found.hasProfile) return encode(JSON.stringify({ items: [], nextCursor: null }));
  const cache = bodyCacheOf(db);
  const cacheId = `${userId}:${scope.lang}`;
  const hit = cache.get(cacheId, found.key);
  if (hit !== undefined) return hit;
  const { items } = await rankedList(scope, userId, today, found);
  const body = encode(
    JSON.stringify({ items: items.map((r) => describeRecommendation(scope.lang, r)), nextCursor: null }),
  );
  cache.set(cacheId, found.key, body);
  return body;
}

type Hit = { id: string; skill: string | null };
const noSkill = onPlacement.lit(null).$castTo<string | null>();

/** A candidate's facts for ranking.ts, with its matched skills as `skills` (comma-separated). */
const CANDIDATE_COLUMNS = [
  'p.id',
  'p.kind',
  'p.occupation_id',
  'p.municipality_code',
  'p.remote',
  'p.period_start',
  'p.period_end',
  'p.apply_by',
  'p.education_level',
  focusList().as('focus'),
] as const;

async function candidates(db: Kysely<Database>, p: StudentProfile, today: string): Promise<Candidate[]> {
  const open = openAt(today);
  // Skills and occupations are specific enough to find candidates by; a kommun or a
  // specialisation alone would make a third of the catalogue a candidate, so they only add points,
  // except for a profile that names neither skills nor occupations (then the soonest 2,000).
  // Each source gives (placement, matched skill or null); grouping by placement lists every
  // candidate once with its matched skills, in one pass over the skill index.
  const bySkill = db
    .selectFrom('placement_skills as s')
    .select(['s.placement_id as id', 's.skill_id as skill'])
    .where('s.skill_id', 'in', p.skillIds)
    .$castTo<Hit>();
  const byOccupation = db
    .selectFrom('placements as p')
    .select(['p.id', noSkill.as('skill')])
    .where('p.occupation_id', 'in', p.occupationIds)
    .where(open);
  const soonest = (ids: AliasedExpression<{ id: string }, 'soonest'>) =>
    db.selectFrom(ids).select(['soonest.id', noSkill.as('skill')]);
  const hits: Expression<Hit> | undefined =
    p.skillIds.length && p.occupationIds.length
      ? bySkill.unionAll(byOccupation)
      : p.skillIds.length
        ? bySkill
        : p.occupationIds.length
          ? byOccupation
          : p.municipalityCodes.length
            ? soonest(
                db
                  .selectFrom('placements as p')
                  .select('p.id')
                  .where('p.municipality_code', 'in', p.municipalityCodes)
                  .where(open)
                  .orderBy('p.apply_by')
                  .limit(2000)
                  .as('soonest'),
              )
            : p.specialisations.length
              ? soonest(
                  db
                    .selectFrom('placement_focus as f')
                    .innerJoin('placements as p', 'p.id', 'f.placement_id')
                    .select(['f.placement_id as id', 'p.apply_by'])
                    .distinct()
                    .where(
                      'f.specialisation_code',
                      'in',
                      p.specialisations.map((s) => s.code),
                    )
                    .where(open)
                    .orderBy('p.apply_by')
                    .limit(2000)
                    .as('soonest'),
                )
              : undefined;
  if (!hits) return [];
  const rows = await db
    .with('hits', () => hits)
    .with('ids', (qc) =>
      qc
        .selectFrom('hits')
        .select((eb) => ['hits.id', eb.fn.agg<string | null>('group_concat', ['hits.skill']).as('skills')])
        .groupBy('hits.id'),
    )
    .selectFrom('ids')
    .innerJoin('placements as p', 'p.id', 'ids.id')
    .select([...CANDIDATE_COLUMNS, 'ids.skills'])
    .where(open)
    .execute();
  return rows.map(toCandidate);
}

/** The candidates named, with those of `skillIds` they ask for. */
function selectCandidates(db: Kysely<Database>, ids: readonly string[], skillIds: readonly string[]) {
  return db
    .selectFrom('placements as p')
    .select([...CANDIDATE_COLUMNS, skillList(skillIds).as('skills')])
    .where((eb) => eb('p.id', 'in', eb.selectFrom(jsonEach(ids)).select('j.value')));
}

type CandidateRow = InferResult<ReturnType<typeof selectCandidates>>[number];

function toCandidate(r: CandidateRow): Candidate {
  return {
    id: r.id,
    kind: r.kind,
    occupationId: r.occupation_id,
    municipalityCode: r.municipality_code,
    remote: r.remote === 1,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    applyBy: r.apply_by,
    educationLevel: r.education_level,
    skillIds: r.skills ? r.skills.split(',') : [],
    specialisations: r.focus
      ? r.focus.split(',').map((f) => {
          const [code = '', focusArea = ''] = f.split(':');
          return { code, focusArea };
        })
      : [],
  };
}

/** How many candidates the shortlist reads in full (see `shortlistedRanking`). */
export const SHORTLIST = 500;

/**
 * The top of the ranking without reading every candidate in full. A student with common skills
 * can have thousands of candidates (7,700 of 50,000 in the bench set), and reading each with its
 * focus areas was most of a first list's time. So the points for skills and occupation, which
 * only the indexes are needed for, are summed in SQL; the best `size` candidates by those are
 * read and ranked in full; and the result stands only if the best candidate left out, given every
 * other point it could get (MAX_OTHER_POINTS), would still score below the last one kept. If not
 * (or if the profile finds candidates by kommun or specialisation alone), the caller ranks them
 * all, so the list is the same as ranking every candidate (test/node/placements.shortlist.test.ts).
 */
async function shortlistedRanking(
  db: Kysely<Database>,
  p: StudentProfile,
  today: string,
  rarity: ReadonlyMap<string, number>,
  size: number,
): Promise<Scored[] | undefined> {
  if (p.skillIds.length === 0 && p.occupationIds.length === 0) return undefined;
  const open = openAt(today);
  const weights = Object.fromEntries(p.skillIds.map((id) => [id, WEIGHTS.skill * (rarity.get(id) ?? 1)]));
  const bySkill = db
    .selectFrom('placement_skills as s')
    .innerJoin(
      (eb) => eb.fn<{ key: string; value: number }>('json_each', [eb.val(JSON.stringify(weights))]).as('w'),
      (join) => join.onRef('w.key', '=', 's.skill_id'),
    )
    .select(['s.placement_id as id', 'w.value as points'])
    .where('s.skill_id', 'in', p.skillIds);
  const byOccupation = db
    .selectFrom('placements as p')
    .select((eb) => ['p.id', eb.val(WEIGHTS.occupation).as('points')])
    .where('p.occupation_id', 'in', p.occupationIds)
    .where(open);
  const hits: Expression<{ id: string; points: number }> =
    p.skillIds.length && p.occupationIds.length
      ? bySkill.unionAll(byOccupation)
      : p.skillIds.length
        ? bySkill
        : byOccupation;
  const best = await db
    .with('hits', () => hits)
    .with('base', (qc) =>
      qc
        .selectFrom('hits')
        .select((eb) => ['hits.id', eb.fn.sum<number>('hits.points').as('points')])
        .groupBy('hits.id'),
    )
    .selectFrom('base')
    .innerJoin('placements as p', 'p.id', 'base.id')
    .select(['base.id', 'base.points'])
    .where(open)
    .orderBy('base.points', 'desc')
    .orderBy('p.apply_by')
    .orderBy('base.id')
    .limit(size + 1)
    .execute();
  const kept = best.slice(0, size);
  const rows = await selectCandidates(
    db,
    kept.map((r) => r.id),
    p.skillIds,
  ).execute();
  const ranked = rank(rows.map(toCandidate), p, rarity, RECOMMENDATION_LIMIT);
  const left = best[size];
  if (!left) return ranked; // every candidate was read
  const last = ranked[RECOMMENDATION_LIMIT - 1];
  // Scores are rounded to hundredths; a margin of one keeps rounding and summing order out of it.
  return last && last.score > Number(left.points) + MAX_OTHER_POINTS + 0.01 ? ranked : undefined;
}

/**
 * The student's top placements, scored: through the shortlist when it is exact, else by ranking
 * every candidate. `via` says which (for tests and benchmarks); the list is the same either way.
 */
export async function rankPlacements(
  db: Kysely<Database>,
  profile: StudentProfile,
  today: string,
  shortlist = SHORTLIST,
): Promise<{ ranked: Scored[]; via: 'shortlist' | 'all' }> {
  const rarity = await rarities(db, profile.skillIds, today);
  const short = await shortlistedRanking(db, profile, today, rarity, shortlist);
  if (short) return { ranked: short, via: 'shortlist' };
  return { ranked: rank(await candidates(db, profile, today), profile, rarity, RECOMMENDATION_LIMIT), via: 'all' };
}

/** Rarity of each of the student's skills among the open placements. */
async function rarities(db: Kysely<Database>, skillIds: string[], today: string): Promise<Map<string, number>> {
  if (skillIds.length === 0) return new Map();
  const [total, counts] = await Promise.all([
    db
      .selectFrom('placements as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(openAt(today))
      .executeTakeFirst(),
    db
      .selectFrom('placement_skills as s')
      .innerJoin('placements as p', 'p.id', 's.placement_id')
      .select((eb) => ['s.skill_id', eb.fn.countAll<number>().as('n')])
      .where('s.skill_id', 'in', skillIds)
      .where(openAt(today))
      .groupBy('s.skill_id')
      .execute(),
  ]);
  const n = Number(total?.n ?? 0);
  const df = new Map(counts.map((r) => [r.skill_id, Number(r.n)]));
  return new Map(skillIds.map((s) => [s, skillRarity(n, df.get(s) ?? 0)]));
}

async function computeRecommendations(
  db: Kysely<Database>,
  profile: StudentProfile,
  today: string,
  publication: Publication | null,
): Promise<Recommendation[]> {
  const { ranked } = await rankPlacements(db, profile, today);
  if (ranked.length === 0) return [];
  const placements = await findPlacements(
    db,
    ranked.map((r) => r.id),
    today,
  );
  const byId = new Map(placements.map((p) => [p.id, p]));
  const skillIds = [...new Set(ranked.flatMap((r) => r.skills))];
  const occupationIds = [...new Set(placements.map((p) => p.occupationId))];
  const [skills, specialisations, ssyk, english] = await Promise.all([
    skillIds.length
      ? db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', skillIds).execute()
      : Promise.resolve([]),
    db.selectFrom('specialisations').select(['code', 'name_sv', 'name_en']).execute(),
    db.selectFrom('occupations').select(['id', 'ssyk_code']).where('id', 'in', occupationIds).execute(),
    findOccupationNames(db, occupationIds, 'en'),
  ]);
  const skillLabel = new Map(skills.map((s) => [s.id, shortLabel(s.label_sv)]));
  const ssykOf = new Map(ssyk.map((o) => [o.id, o.ssyk_code ?? o.id]));
  const demand = await demandByOccupation(
    db,
    publication,
    placements.map((p) => ssykOf.get(p.occupationId) ?? p.occupationId),
  );
  const roundId = publication?.roundId ?? null;
  const englishOf = (id: string) => {
    const name = english.get(id);
    return name && !name.lang ? name.name : null;
  };
  return ranked.flatMap((r) => {
    const placement = byId.get(r.id);
    if (!placement) return [];
    const occupationKey = ssykOf.get(placement.occupationId) ?? placement.occupationId;
    const need = demand.get(occupationKey) ?? null;
    return [
      {
        placement,
        score: r.score,
        skills: r.skills.map((s) => skillLabel.get(s) ?? s).sort((a, b) => a.localeCompare(b, 'sv')),
        occupation: r.occupation ? placement.occupationLabel : null,
        occupationEn: englishOf(placement.occupationId),
        specialisations: r.specialisations.map((code) => {
          const s = specialisations.find((x) => x.code === code);
          return { sv: s?.name_sv ?? code, en: s?.name_en ?? code };
        }),
        location:
          r.location === 'municipality'
            ? { kind: 'municipality', name: placement.municipalityName.replace(/ kommun$/, '') }
            : r.location === 'remote'
              ? { kind: 'remote', name: '' }
              : null,
        period: r.period,
        level: r.level,
        demand: need,
        demandLink: need && roundId ? `/demand?round=${encodeURIComponent(roundId)}&by=occupation&by=horizon` : null,
      },
    ];
  });
}

/** What the student reads and the API returns: the placement, `score`, `matchedOn` and the reason. */
export function describeRecommendation(lang: Language, r: Recommendation) {
  const t = translator(lang);
  const matchedOn: string[] = [...r.skills];
  const parts: string[] = [];
  if (r.skills.length) parts.push(t('placement.matchedOn', { items: r.skills.join(', ') }));
  if (r.occupation) {
    matchedOn.push(r.occupation);
    parts.push(t('placement.reason.occupation', { occupation: r.occupation }));
  }
  for (const s of r.specialisations) {
    matchedOn.push(s[lang]);
    parts.push(t('placement.reason.specialisation', { name: s[lang] }));
  }
  if (r.location) {
    const name = r.location.kind === 'remote' ? t('placement.reason.remote') : r.location.name;
    matchedOn.push(name);
    parts.push(name);
  }
  if (r.period) parts.push(t('placement.reason.period'));
  if (r.level) parts.push(t('placement.reason.level'));
  if (r.demand) parts.push(describeDemand(lang, r.demand));
  return {
    ...r.placement,
    score: r.score,
    matchedOn,
    reason: parts.join('; '),
    demand: r.demand,
    demandLink: r.demandLink,
  };
}

/** The reason's demand part: the figure and what it is of, or that it is hidden and why. */
export function describeDemand(lang: Language, d: Demand): string {
  const t = translator(lang);
  if (d.hidden)
    return t('placement.reason.demandHidden', { reason: t(`placement.reason.hidden.${d.reason ?? 'few'}`) });
  const count = d.organisations ?? 0;
  const horizon = t(`placement.reason.horizon.${d.horizon ?? 'all'}`);
  if (!d.group) return t('placement.reason.demand', { count, horizon });
  return t('placement.reason.demandGroup', { count, horizon, group: d.group[lang] });
}
