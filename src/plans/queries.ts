import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PlanFigures } from './figures.ts';
import type { CompetenceMeasure, IndicatorCode, Measure } from './measures.ts';
import type { SectionKey } from './sections.ts';

export type PlanStatus = 'draft' | 'review' | 'adopted';

/** What the public sees of an adopted plan, frozen at adoption: protected figures only. */
export interface PublishedPlan {
  version: number;
  sections: Record<SectionKey, string>;
  /** The prose rendered once at adoption, so public reads render no Markdown. */
  html?: Record<string, string>;
  measures: Measure[];
  figures: PlanFigures;
  figuresHash: string;
  computedAt: string;
  adoptedAt: string;
}

export interface Plan {
  id: string;
  roundId: string;
  specialisation: string;
  language: 'sv' | 'en';
  status: PlanStatus;
  version: number;
  sections: Record<SectionKey, string>;
  figuresRaw: PlanFigures;
  figuresProtected: PlanFigures;
  figuresHash: string;
  computedAt: string;
  published: PublishedPlan | null;
  measures: Measure[];
  createdAt: string;
  updatedAt: string;
  adoptedAt: string | null;
  reviewSkippedReason: string | null;
}

export interface PlanSummary {
  id: string;
  roundId: string;
  roundName: string;
  specialisation: string;
  status: PlanStatus;
  version: number;
  updatedAt: string;
  adoptedAt: string | null;
}

export function toMeasure(row: {
  id: string;
  competence_measure: string;
  title: string;
  owner: string;
  timeline: string;
  indicator: string;
  baseline: number | null;
  target: number | null;
}): Measure {
  return {
    id: row.id,
    competenceMeasure: row.competence_measure as CompetenceMeasure,
    title: row.title,
    owner: row.owner,
    timeline: row.timeline,
    indicator: row.indicator as IndicatorCode,
    baseline: row.baseline,
    target: row.target,
  };
}

export async function findPlan(db: Kysely<Database>, id: string): Promise<Plan | undefined> {
  const [row, measures] = await Promise.all([
    db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst(),
    db.selectFrom('plan_measures').selectAll().where('plan_id', '=', id).orderBy('sort_order').execute(),
  ]);
  if (!row) return undefined;
  return {
    id: row.id,
    roundId: row.round_id,
    specialisation: row.specialisation,
    language: row.language === 'en' ? 'en' : 'sv',
    status: row.status as PlanStatus,
    version: row.version,
    sections: JSON.parse(row.sections),
    // Parsed when first read: a public reader of an adopted plan needs neither copy.
    get figuresRaw(): PlanFigures {
      const value = JSON.parse(row.figures_raw) as PlanFigures;
      Object.defineProperty(this, 'figuresRaw', { value });
      return value;
    },
    get figuresProtected(): PlanFigures {
      const value = JSON.parse(row.figures_protected) as PlanFigures;
      Object.defineProperty(this, 'figuresProtected', { value });
      return value;
    },
    figuresHash: row.figures_hash,
    computedAt: row.computed_at,
    published: row.published ? JSON.parse(row.published) : null,
    measures: measures.map(toMeasure),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    adoptedAt: row.adopted_at,
    reviewSkippedReason: row.review_skipped_reason,
  };
}

/** Plans newest first: adopted ones only, unless `all` (the secretariat). */
export async function listPlans(
  db: Kysely<Database>,
  options: { all: boolean; limit: number; offset: number },
): Promise<{ items: PlanSummary[]; nextOffset: number | null }> {
  let query = db
    .selectFrom('plans as p')
    .innerJoin('rounds as r', 'r.id', 'p.round_id')
    .select([
      'p.id',
      'p.round_id',
      'r.name as round_name',
      'p.specialisation',
      'p.status',
      'p.version',
      'p.updated_at',
      'p.adopted_at',
    ]);
  if (!options.all) query = query.where('p.status', '=', 'adopted');
  const rows = await query
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  return {
    items: rows.slice(0, options.limit).map((r) => ({
      id: r.id,
      roundId: r.round_id,
      roundName: r.round_name,
      specialisation: r.specialisation,
      status: r.status as PlanStatus,
      version: r.version,
      updatedAt: r.updated_at,
      adoptedAt: r.adopted_at,
    })),
    nextOffset: rows.length > options.limit ? options.offset + options.limit : null,
  };
}

export interface PlanVersion {
  version: number;
  kind: string;
  status: string;
  /** A status change's note: the reason a review was skipped. */
  note: string | null;
  author: string;
  createdAt: string;
  roundId: string;
  figuresHash: string;
}

export async function listVersions(db: Kysely<Database>, planId: string): Promise<PlanVersion[]> {
  const rows = await db
    .selectFrom('plan_versions')
    .select(['version', 'kind', 'status', 'note', 'author_name', 'created_at', 'round_id', 'figures_hash'])
    .where('plan_id', '=', planId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    status: r.status,
    note: r.note,
    author: r.author_name,
    createdAt: r.created_at,
    roundId: r.round_id,
    figuresHash: r.figures_hash,
  }));
}

export interface VersionContent {
  version: number;
  sections: Record<SectionKey, string>;
  measures: Measure[];
  figures: PlanFigures;
}

export async function findVersion(
  db: Kysely<Database>,
  planId: string,
  version: number,
): Promise<VersionContent | undefined> {
  const row = await db
    .selectFrom('plan_versions')
    .select(['version', 'sections', 'measures', 'figures_raw'])
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;
  const measures = JSON.parse(row.measures) as Parameters<typeof toMeasure>[0][];
  return {
    version: row.version,
    sections: JSON.parse(row.sections),
    measures: measures.map(toMeasure),
    figures: JSON.parse(row.figures_raw),
  };
}

export interface PlanComment {
  id: string;
  version: number;
  sectionKey: string | null;
  author: string;
  body: string;
  createdAt: string;
}

export async function listComments(db: Kysely<Database>, planId: string): Promise<PlanComment[]> {
  const rows = await db
    .selectFrom('plan_comments')
    .select(['id', 'version', 'section_key', 'author_name', 'body', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    sectionKey: r.section_key,
    author: r.author_name,
    body: r.body,
    createdAt: r.created_at,
  }));
}

export async function listReviewers(db: Kysely<Database>, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('plan_reviewers')
    .select('email')
    .where('plan_id', '=', planId)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

export async function isPlanReviewer(db: Kysely<Database>, planId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('plan_reviewers')
    .select('email')
    .where('plan_id', '=', planId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Comments on the plan by its invited reviewers (the author's address is on the plan's reviewer
 * list): whether a review has happened.
 */
export async function countReviewerComments(db: Kysely<Database>, planId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .innerJoin('plan_reviewers as r', (join) =>
      join.onRef('r.plan_id', '=', 'c.plan_id').onRef('r.email', '=', 'u.email'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
