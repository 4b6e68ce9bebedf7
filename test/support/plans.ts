import { expect } from 'vitest';
import { request, type TestApp } from './app.ts';
import { plantRound, SECURITY, SOFTWARE, WELDER } from './demand.ts';

/**
 * A constructed closed round for plans: tech demand from five organisations with a planted small
 * cell (one organisation, 4711 welders 3–5 years out) that disclosure control must hide from
 * anything published. The other lines are large enough that the totals pass the dominance rule.
 */
export const PLANTED = 4711;

export async function plantPlanRound(
  t: TestApp,
  roundId = 'round-p1',
  options: { opensAt?: string; scale?: number } = {},
) {
  const k = options.scale ?? 1;
  await plantRound(
    t,
    {
      id: roundId,
      status: 'closed',
      name: `Runda ${roundId}`,
      ...(options.opensAt ? { opensAt: options.opensAt } : {}),
    },
    ['o1', 'o2', 'o3', 'o4', 'o5'].map((id, i) => ({ id: `${roundId}-${id}`, municipality: i % 2 ? '1080' : '1082' })),
    [
      {
        org: `${roundId}-o1`,
        headcount: 3000 * k,
        horizon: '0-1',
        occupation: SOFTWARE,
        strategies: ['recruit_outside'],
        difficulty: 4,
      },
      {
        org: `${roundId}-o2`,
        headcount: 2500 * k,
        horizon: '0-1',
        occupation: SOFTWARE,
        strategies: ['remote'],
        difficulty: 3,
      },
      {
        org: `${roundId}-o3`,
        headcount: 2000 * k,
        horizon: '0-1',
        occupation: SOFTWARE,
        strategies: ['recruit_local'],
        difficulty: 2,
      },
      {
        org: `${roundId}-o4`,
        headcount: 1500,
        horizon: '1-3',
        occupation: SECURITY,
        strategies: ['recruit_outside', 'relocation_family'],
        difficulty: 5,
      },
      {
        org: `${roundId}-o5`,
        headcount: 1400,
        horizon: '1-3',
        occupation: SECURITY,
        strategies: ['train_staff'],
        difficulty: 3,
      },
      { org: `${roundId}-o1`, headcount: 1000, horizon: '1-3', occupation: SECURITY, difficulty: 3 },
      {
        org: `${roundId}-o2`,
        headcount: PLANTED,
        horizon: '3-5',
        occupation: WELDER,
        difficulty: 5,
        strategies: ['recruit_outside'],
      },
    ],
  );
}

export function json(cookie: string, method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** A draft generated through the API by the secretariat. */
export async function createPlanThroughApi(
  t: TestApp,
  cookie: string,
  body: { roundId: string; specialisation: string; language?: 'sv' | 'en' },
) {
  const response = await request(t.app, '/api/v1/plans', json(cookie, 'POST', body));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PlanBody;
}

export interface PlanBody {
  id: string;
  status: string;
  version: number;
  figures: 'raw' | 'protected';
  published: boolean;
  roundId: string;
  source: { roundId: string; computedAt: string; figuresHash: string };
  sections: { key: string; markdown: string; html: string; title: string }[];
  tables: {
    key: string;
    evidence: string;
    rows: {
      key: string;
      label: { sv: string; en: string };
      cells: { value: number | null; suppressed: boolean; reason: string | null }[];
    }[];
    note?: { sv: string; en: string };
  }[];
  measures: {
    id: string;
    competenceMeasure: string;
    indicator: string;
    baseline: number | null;
    target: number | null;
  }[];
  followUp: { measureId: string; later: { roundId: string; value: number | null }[] }[];
  adoptedAt: string | null;
  reviewSkippedReason: string | null;
}

/** Placeholder text as the generated draft marks it (src/plans/placeholders.ts). */
export const PLACEHOLDER = /\[(?:Att skriva|To write):[^\]]*\]/g;

/** Writes the prose the template left to the secretariat, so that no placeholder text remains. */
export async function writeProse(t: TestApp, cookie: string, id: string): Promise<PlanBody> {
  const plan = (await (await request(t.app, `/api/v1/plans/${id}`, { headers: { cookie } })).json()) as PlanBody;
  const sections = plan.sections
    .filter((s) => s.markdown.match(PLACEHOLDER))
    .map((s) => ({ key: s.key, markdown: s.markdown.replace(PLACEHOLDER, `Sekretariatets text om ${s.key}.`) }));
  const response = await request(
    t.app,
    `/api/v1/plans/${id}`,
    json(cookie, 'PATCH', { version: plan.version, sections }),
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as PlanBody;
}

/**
 * Takes a draft through review to adopted, as the secretariat must: the placeholder text written,
 * sent for review, and adopted with confirmation; without an invited reviewer's comment, with a
 * recorded reason for skipping the review.
 */
export async function adoptThroughApi(
  t: TestApp,
  cookie: string,
  id: string,
  options: { reviewSkippedReason?: string | null } = {},
) {
  await writeProse(t, cookie, id);
  const review = await request(t.app, `/api/v1/plans/${id}/status`, json(cookie, 'POST', { status: 'review' }));
  expect(review.status, await review.clone().text()).toBe(200);
  const reason =
    options.reviewSkippedReason === undefined
      ? 'Referensgruppen gick igenom planen på sitt möte; inga skriftliga synpunkter.'
      : options.reviewSkippedReason;
  const adopted = await request(
    t.app,
    `/api/v1/plans/${id}/status`,
    json(cookie, 'POST', { status: 'adopted', confirm: true, ...(reason ? { reviewSkippedReason: reason } : {}) }),
  );
  expect(adopted.status, await adopted.clone().text()).toBe(200);
  return (await adopted.json()) as PlanBody;
}

/**
 * An adopted plan written straight into the tables, for tests that need one to exist (the
 * authorisation matrix): empty prose, no tables, published content that names `roundId`.
 */
export async function insertAdoptedPlan(t: TestApp, id: string, roundId: string): Promise<void> {
  const at = t.deps.now().toISOString();
  const sections = JSON.stringify(
    Object.fromEntries(
      ['summary', 'specialisation', 'demand', 'education-gap', 'placements', 'measures', 'follow-up'].map((k) => [
        k,
        '',
      ]),
    ),
  );
  const figures = JSON.stringify({
    view: 'protected',
    round: { id: roundId, name: roundId, period: '2025' },
    previousRound: null,
    specialisation: null,
    tables: [],
    baselines: {},
  });
  await t.deps.db
    .insertInto('plans')
    .values({
      id,
      round_id: roundId,
      specialisation: 'all',
      status: 'adopted',
      version: 1,
      sections,
      figures_raw: figures,
      figures_protected: figures,
      figures_hash: '0'.repeat(64),
      computed_at: at,
      write_id: `${id}-w`,
      published: JSON.stringify({
        version: 1,
        sections: JSON.parse(sections),
        measures: [],
        figures: JSON.parse(figures),
        figuresHash: '0'.repeat(64),
        computedAt: at,
        adoptedAt: at,
      }),
      created_at: at,
      updated_at: at,
      adopted_at: at,
    })
    .execute();
  await t.deps.db
    .insertInto('plan_versions')
    .values({
      plan_id: id,
      version: 1,
      kind: 'generated',
      status: 'adopted',
      author_id: null,
      author_name: 'Test',
      created_at: at,
      sections,
      measures: '[]',
      figures_raw: figures,
      figures_hash: '0'.repeat(64),
      round_id: roundId,
    })
    .execute();
}
