import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { encode, perDatabase, TextCache } from '../http/text-cache.ts';
import type { Publication } from '../publication/read.ts';
import { stockholmDay } from './dates.ts';
import { findProfile, type StudentProfile } from './profiles.ts';
import { findPlacements, type Placement } from './queries.ts';
import { type Candidate, MAX_OTHER_POINTS, rank, type Scored, skillRarity, WEIGHTS } from './ranking.ts';
import { type Demand, demandByOccupation } from './recommend-demand.ts';

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
  specialisations: { sv: string; en: string }[];
  location: { kind: 'municipality' | 'remote'; name: string } | null;
  period: boolean;
  level: boolean;
  demand: Demand | null;
  demandLink: string | null;
}

const shortLabel = (label: string) => label.split(', ')[0] ?? label;

async function cacheKey(db: Kysely<Database>, userId: string, today: string) {
  const row = await sql<{
    profile_version: number | null;
    catalogue: number;
    publication: string | null;
    cached_key: string | null;
  }>`
    select (select version from student_profiles where user_id = ${userId}) as profile_version,
           (select version from placement_catalogue where id = 1) as catalogue,
           (select json_array(p.id, p.round_id, p.version, coalesce(p.published_at, p.created_at))
              from publications p join rounds r on r.id = p.round_id
              where p.status = 'published' and r.status = 'closed'
              order by r.closes_at desc, r.id, p.version desc limit 1) as publication,
           (select cache_key from recommendation_cache where user_id = ${userId}) as cached_key`.execute(db);
  const r = row.rows[0];
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
  c: Context<AppEnv>,
  userId: string,
  today: string,
  { key, publication, stored }: { key: string; publication: Publication | null; stored: boolean },
): Promise<{ hasProfile: boolean; items: Recommendation[] }> {
  const { db, now } = c.get('deps');
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
  const items = await computeRecommendations(c, profile, today, publication);
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
  c: Context<AppEnv>,
  userId: string,
): Promise<{ hasProfile: boolean; items: Recommendation[] }> {
  const today = stockholmDay(c.get('deps').now());
  const found = await cacheKey(c.get('deps').db, userId, today);
  if (!found.hasProfile) return { hasProfile: false, items: [] };
  return rankedList(c, userId, today, found);
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

export async function recommendedJson(c: Context<AppEnv>, userId: string): Promise<Uint8Array<ArrayBuffer>> {
  const { db, now } = c.get('deps');
  const today = stockholmDay(now());
  const found = await cacheKey(db, userId, today);
  if (!found.hasProfile) return encode(JSON.stringify({ items: [], nextCursor: null }));
  const cache = bodyCacheOf(db);
  const cacheId = `${userId}:${c.get('lang')}`;
  const hit = cache.get(cacheId, found.key);
  if (hit !== undefined) return hit;
  const { items } = await rankedList(c, userId, today, found);
  const body = encode(JSON.stringify({ items: items.map((r) => describeRecommendation(c, r)), nextCursor: null }));
  cache.set(cacheId, found.key, body);
  return body;
}

async function candidates(db: Kysely<Database>, p: StudentProfile, today: string): Promise<Candidate[]> {
  const open = sql`p.status = 'open' and p.apply_by >= ${today}`;
  // Skills and occupations are specific enough to find candidates by; a kommun or a
  // specialisation alone would make a third of the catalogue a candidate, so they only add points,
  // except for a profile that names neither skills nor occupations (then the soonest 2,000).
  // Each source gives (placement, matched skill or null); grouping by placement lists every
  // candidate once with its matched skills, in one pass over the skill index.
  const sources = [];
  if (p.skillIds.length)
    sources.push(
      sql`select placement_id as id, skill_id as skill from placement_skills where skill_id in (${sql.join(p.skillIds)})`,
    );
  if (p.occupationIds.length)
    sources.push(
      sql`select p.id, null as skill from placements p where p.occupation_id in (${sql.join(p.occupationIds)}) and ${open}`,
    );
  if (sources.length === 0 && p.municipalityCodes.length)
    sources.push(
      sql`select id, null as skill from (select p.id from placements p
          where p.municipality_code in (${sql.join(p.municipalityCodes)}) and ${open} order by p.apply_by limit 2000)`,
    );
  if (sources.length === 0 && p.specialisations.length)
    sources.push(
      sql`select id, null as skill from (select distinct f.placement_id as id, p.apply_by from placement_focus f
          join placements p on p.id = f.placement_id
          where f.specialisation_code in (${sql.join(p.specialisations.map((s) => s.code))}) and ${open}
          order by p.apply_by limit 2000)`,
    );
  if (sources.length === 0) return [];
  const { rows } = await sql<CandidateRow>`with hits(id, skill) as (${sql.join(sources, sql` union all `)}),
      ids(id, skills) as (select id, group_concat(skill) from hits group by id)
    select p.id, p.kind, p.occupation_id, p.municipality_code, p.remote, p.period_start, p.period_end, p.apply_by,
      p.education_level, ids.skills,
      (select group_concat(f.specialisation_code || ':' || f.focus_area_code) from placement_focus f where f.placement_id = p.id) as focus
    from ids join placements p on p.id = ids.id where ${open}`.execute(db);
  return rows.map(toCandidate);
}

interface CandidateRow {
  id: string;
  kind: string;
  occupation_id: string;
  municipality_code: string;
  remote: number;
  period_start: string;
  period_end: string;
  apply_by: string;
  education_level: string | null;
  skills: string | null;
  focus: string | null;
}

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
  const open = sql`p.status = 'open' and p.apply_by >= ${today}`;
  const weights = JSON.stringify(
    Object.fromEntries(p.skillIds.map((id) => [id, WEIGHTS.skill * (rarity.get(id) ?? 1)])),
  );
  const sources = [];
  if (p.skillIds.length)
    sources.push(sql`select s.placement_id as id, w.value as points from placement_skills s
      join json_each(${weights}) w on w.key = s.skill_id where s.skill_id in (${sql.join(p.skillIds)})`);
  if (p.occupationIds.length)
    sources.push(
      sql`select p.id, ${WEIGHTS.occupation} as points from placements p where p.occupation_id in (${sql.join(p.occupationIds)}) and ${open}`,
    );
  const { rows: best } = await sql<{ id: string; points: number }>`
    with hits(id, points) as (${sql.join(sources, sql` union all `)}),
         base(id, points) as (select id, sum(points) from hits group by id)
    select base.id, base.points from base join placements p on p.id = base.id where ${open}
    order by base.points desc, p.apply_by, base.id limit ${size + 1}`.execute(db);
  const kept = best.slice(0, size);
  const { rows } = await sql<CandidateRow>`
    select p.id, p.kind, p.occupation_id, p.municipality_code, p.remote, p.period_start, p.period_end, p.apply_by,
      p.education_level,
      (select group_concat(s.skill_id) from placement_skills s
        where s.placement_id = p.id and s.skill_id in (${sql.join(p.skillIds.length ? p.skillIds : [''])})) as skills,
      (select group_concat(f.specialisation_code || ':' || f.focus_area_code) from placement_focus f where f.placement_id = p.id) as focus
    from placements p where p.id in (select value from json_each(${JSON.stringify(kept.map((r) => r.id))}))`.execute(
    db,
  );
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
    sql<{ n: number }>`select count(*) as n from placements where status = 'open' and apply_by >= ${today}`.execute(db),
    sql<{ skill_id: string; n: number }>`select s.skill_id, count(*) as n from placement_skills s
      join placements p on p.id = s.placement_id
      where s.skill_id in (${sql.join(skillIds)}) and p.status = 'open' and p.apply_by >= ${today}
      group by s.skill_id`.execute(db),
  ]);
  const n = Number(total.rows[0]?.n ?? 0);
  const df = new Map(counts.rows.map((r) => [r.skill_id, Number(r.n)]));
  return new Map(skillIds.map((s) => [s, skillRarity(n, df.get(s) ?? 0)]));
}

async function computeRecommendations(
  c: Context<AppEnv>,
  profile: StudentProfile,
  today: string,
  publication: Publication | null,
): Promise<Recommendation[]> {
  const { db } = c.get('deps');
  const { ranked } = await rankPlacements(db, profile, today);
  if (ranked.length === 0) return [];
  const placements = await findPlacements(
    db,
    ranked.map((r) => r.id),
    today,
  );
  const byId = new Map(placements.map((p) => [p.id, p]));
  const skillIds = [...new Set(ranked.flatMap((r) => r.skills))];
  const [skills, specialisations, ssyk] = await Promise.all([
    skillIds.length
      ? db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', skillIds).execute()
      : Promise.resolve([]),
    db.selectFrom('specialisations').select(['code', 'name_sv', 'name_en']).execute(),
    db
      .selectFrom('occupations')
      .select(['id', 'ssyk_code'])
      .where('id', 'in', [...new Set(placements.map((p) => p.occupationId))])
      .execute(),
  ]);
  const skillLabel = new Map(skills.map((s) => [s.id, shortLabel(s.label_sv)]));
  const ssykOf = new Map(ssyk.map((o) => [o.id, o.ssyk_code ?? o.id]));
  const demand = await demandByOccupation(
    db,
    publication,
    placements.map((p) => ssykOf.get(p.occupationId) ?? p.occupationId),
  );
  const roundId = publication?.roundId ?? null;
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
export function describeRecommendation(c: Context<AppEnv>, r: Recommendation) {
  const t = c.get('t');
  const lang = c.get('lang');
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
  if (r.demand) parts.push(demandReason(t, lang, r.demand));
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
function demandReason(t: (key: string, params?: Record<string, unknown>) => string, lang: 'sv' | 'en', d: Demand) {
  if (d.hidden)
    return t('placement.reason.demandHidden', { reason: t(`placement.reason.hidden.${d.reason ?? 'few'}`) });
  const count = d.organisations ?? 0;
  const horizon = t(`placement.reason.horizon.${d.horizon ?? 'all'}`);
  if (!d.group) return t('placement.reason.demand', { count, horizon });
  return t('placement.reason.demandGroup', { count, horizon, group: d.group[lang] });
}
