import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { changedMeanings } from '../demand/index.ts';
import { translator } from '../i18n/i18n.ts';
import type { DisclosureRule } from '../publication/index.ts';
import { type Publication, publicationState } from '../publication/index.ts';
import { hashFigures, type PlanFigures } from './figures.ts';
import { measureIndicators } from './follow-up.ts';
import type { SectionInput } from './sections/context.ts';
import { demandTables } from './sections/demand.ts';
import { educationGapTables } from './sections/education-gap.ts';
import { placementTables } from './sections/placements.ts';
import { loadSpecialisation, specialisationTables } from './sections/specialisation.ts';
import type { PlanSources } from './sources.ts';

export interface GenerateDeps {
  db: Kysely<Database>;
  rule: DisclosureRule;
  now: Date;
}

export interface GeneratedFigures {
  raw: PlanFigures;
  protected: PlanFigures;
  /** SHA-256 of the raw figures: the data the plan stood on. */
  hash: string;
}

/** The closed round before this one, to compare with. */
async function previousClosedRound(db: Kysely<Database>, round: { id: string; opensAt: string }) {
  return db
    .selectFrom('rounds')
    .select(['id', 'name', 'questionnaire_version'])
    .where('status', '=', 'closed')
    .where('id', '!=', round.id)
    .where('opens_at', '<', round.opensAt)
    .orderBy('opens_at', 'desc')
    .executeTakeFirst();
}

/** The change table's questions (occupation × headcount) whose meaning differs between the rounds. */
async function notComparable(db: Kysely<Database>, previousVersion: number, roundId: string): Promise<string[]> {
  const { questionnaire_version: version } = await db
    .selectFrom('rounds')
    .select('questionnaire_version')
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  return changedMeanings(db, previousVersion, version, ['headcount', 'occupationId']);
}

async function publishedOrNull(db: Kysely<Database>, roundId: string): Promise<Publication | null> {
  const state = await publicationState(db, roundId);
  return state.state === 'published' ? state.publication : null;
}

/**
 * A plan's generated tables from a closed round's publication, twice: raw (the secretariat's draft:
 * the same cells with their true figures, each marked with what the publication hides) and
 * protected (the published cells: what reviewers and, once adopted, everyone see), each through
 * the same section generators.
 */
export async function generateFigures(
  deps: GenerateDeps,
  round: { id: string; name: string; period: string; opensAt: string },
  publication: Publication,
  specialisation: string | null,
  sources: PlanSources,
): Promise<GeneratedFigures> {
  const earlier = await previousClosedRound(deps.db, round);
  const previous = earlier ? { id: earlier.id, name: earlier.name } : null;
  const base: Omit<SectionInput, 'view'> = {
    db: deps.db,
    rule: deps.rule,
    now: deps.now,
    round: { id: round.id, name: round.name, period: round.period },
    previousRound: previous,
    publication,
    previousPublication: previous ? await publishedOrNull(deps.db, previous.id) : null,
    previousNotComparable: earlier ? await notComparable(deps.db, earlier.questionnaire_version, round.id) : [],
    specialisation,
    t: { sv: translator('sv'), en: translator('en') },
  };
  const build = async (view: 'raw' | 'protected'): Promise<PlanFigures> => {
    const input: SectionInput = { ...base, view };
    const tables = [
      ...(await specialisationTables(input)),
      ...(await demandTables(input)),
      ...(await educationGapTables(input, sources.gap)),
      ...(await placementTables(input, sources.retention)),
    ];
    return {
      view,
      round: base.round,
      previousRound: previous,
      specialisation: await loadSpecialisation(input),
      tables,
      publication: { id: publication.id, version: publication.version, publishedAt: publication.publishedAt },
      baselines: await measureIndicators(input, round.id),
    };
  };
  const raw = await build('raw');
  const published = await build('protected');
  published.hash = await hashFigures(published);
  return { raw, protected: published, hash: await hashFigures(raw) };
}
