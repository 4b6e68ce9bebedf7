import { describe, expect, it } from 'vitest';
import { outcomeJob } from '../../src/recruitment/outcomes/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { type AuditLine, auditPublication } from '../support/lp-auditor.ts';
import {
  type OutcomeCell as Cell,
  type Household,
  handCount,
  karlshamnHouseholds,
  outcomeWorld,
} from '../support/outcome-households.ts';
import { createPlanThroughApi, json, plantPlanRound } from '../support/plans.ts';
import { OCCUPATIONS } from '../support/publication.ts';

/**
 * The outcome figures of the households that moved here (decision 0029, decision 0036): computed by
 * a job from the kept outcome facts, protected by the publication's rule, suppressor and
 * certificate, published on a public page and in the API, and read by the competence plans.
 */

let counter = 0;

/** A closed, moved-in case with its 12-month answers, as the erasure would leave it or fresher. */
async function household(t: TestApp, h: Household): Promise<string> {
  const id = `oc-${++counter}`;
  const { db } = t.deps;
  await db
    .insertInto('move_cases')
    .values({
      id,
      occupation_id: OCCUPATIONS.careAssistant.id,
      status: 'closed',
      outcome: 'moved-in',
      moved_in_on: h.movedIn,
      moved_to_kommun: h.kommun,
      offer_to_move_days: h.days ?? null,
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-01T00:00:00.000Z',
      closed_at: `${h.movedIn}T12:00:00.000Z`,
    })
    .execute();
  for (const code of h.specialisations) {
    await db.insertInto('move_case_specialisations').values({ case_id: id, specialisation_code: code }).execute();
  }
  const answer = (
    person: 'recruit' | 'partner',
    values: { in_region: number | null; in_work: number | null; work_since?: string | null },
  ) =>
    db
      .insertInto('move_case_follow_ups')
      .values({
        id: `${id}-${person}`,
        case_id: id,
        person,
        wave: 12,
        due_on: h.movedIn,
        state: 'answered',
        answered_at: '2026-11-01T00:00:00.000Z',
        work_since: null,
        ...values,
      })
      .execute();
  if (h.inRegion !== undefined) await answer('recruit', { in_region: h.inRegion ? 1 : 0, in_work: 1 });
  if (h.partner) {
    await answer('partner', {
      in_region: h.inRegion === undefined ? null : h.inRegion ? 1 : 0,
      in_work: h.partner.inWork ? 1 : 0,
      work_since: h.partner.since ?? null,
    });
  }
  return id;
}

async function compute(t: TestApp, at = '2026-12-01T03:00:00.000Z') {
  const summary = await runScheduled(t.deps, new Date(at), [outcomeJob]);
  expect(summary.failed).toBe(0);
}

async function figures(t: TestApp, query = ''): Promise<Cell[]> {
  const response = await request(t.app, `/api/v1/recruitment/outcomes${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Cell[] }).items;
}

const find = (cells: Cell[], id: string) => cells.find((c) => c.id === id);

/** The shared households (test/support/outcome-households.ts), stored. */
async function world(t: TestApp): Promise<Household[]> {
  const all = outcomeWorld();
  for (const h of all) await household(t, h);
  return all;
}

describe('outcome figures', () => {
  it('hides a figure from fewer households than the minimum, and what would give it away', async () => {
    const t = await createTestApp();
    await world(t);
    await compute(t);
    const cells = await figures(t, '?measure=moved-in');
    const ronneby = find(cells, 'moved-in|municipality=1081|year=2026');
    expect(ronneby).toMatchObject({ hidden: true, value: null, medianWeeks: null });
    // 2026's 8 and Karlskrona's 6 together would give Ronneby's 2 away: not both are shown.
    const year = find(cells, 'moved-in|year=2026');
    const karlskrona = find(cells, 'moved-in|municipality=1080|year=2026');
    expect(year?.hidden || karlskrona?.hidden).toBe(true);
    const shown = cells.filter((c) => !c.hidden);
    expect(shown.every((c) => (c.value ?? 0) >= 3)).toBe(true);
  });

  it('equals a hand count of the households in every cell it shows', async () => {
    const t = await createTestApp();
    const households = await world(t);
    await compute(t);
    const cells = await figures(t);
    const shown = cells.filter((c) => !c.hidden);
    expect(shown.length).toBeGreaterThan(20);
    for (const cell of shown) expect(cell.value, cell.id).toBe(handCount(households, cell));
    // Median of Karlskrona's days (40, 60, 70, 80, 90, 100) is 75, 10.7 weeks: shown as 11 beside
    // every year's 8 tech households (Ronneby's two have no days).
    expect(find(cells, 'moved-in|specialisation=tech')).toMatchObject({ hidden: false, value: 8, medianWeeks: 11 });
  });

  it('passes the independent LP auditor, measure by measure', async () => {
    const t = await createTestApp();
    await world(t);
    // More households so that some cells are published beside hidden ones in every measure.
    for (const kommun of ['1060', '1083']) {
      for (const i of [1, 2, 3]) {
        await household(t, {
          movedIn: `2025-0${i + 3}-01`,
          kommun,
          specialisations: i === 1 ? ['tech', 'missions'] : ['missions'],
          inRegion: i !== 2,
          partner: { inWork: i !== 3, since: '2025-09' },
          days: 30 * i,
        });
      }
    }
    await compute(t);
    const cells = await figures(t);
    const households = await t.deps.db
      .selectFrom('move_cases')
      .select(['id', 'moved_in_on', 'moved_to_kommun'])
      .where('outcome', '=', 'moved-in')
      .execute();
    const specs = await t.deps.db.selectFrom('move_case_specialisations').selectAll().execute();
    const answers = await t.deps.db.selectFrom('move_case_follow_ups').selectAll().where('wave', '=', 12).execute();
    // The auditor's vocabulary: household as organisation, year as horizon, status as sector.
    const line = (id: string, year: string, kommun: string, status: string): AuditLine => ({
      organisation: id,
      occupation: '0000',
      horizon: year,
      educationLevel: '-',
      municipality: kommun,
      sector: status,
      sizeClass: '-',
      difficulty: '-',
      specialisations: specs
        .filter((s) => s.case_id === id)
        .map((s) => s.specialisation_code)
        .sort(),
      focusAreas: [],
      strategies: [],
      headcount: 1,
    });
    const statusOf: Record<string, (id: string, movedIn: string) => string | null> = {
      'moved-in': () => 'all',
      'partner-work-12': (id) => {
        const a = answers.find((x) => x.case_id === id && x.person === 'partner');
        return a ? (a.in_work === 1 ? 'in-work' : 'not-in-work') : null;
      },
      'partner-work-6': (id, movedIn) => {
        const a = answers.find((x) => x.case_id === id && x.person === 'partner');
        if (!a) return null;
        const [y, m] = movedIn.split('-').map(Number);
        const limit = (y ?? 0) * 12 + (m ?? 1) + 6;
        const [sy, sm] = (a.work_since ?? '9999-12').split('-').map(Number);
        return a.in_work === 1 && (sy ?? 0) * 12 + (sm ?? 0) <= limit ? 'in-work' : 'not-in-work';
      },
      'stayed-12': (id) => {
        const mine = answers.filter((x) => x.case_id === id && x.in_region !== null);
        return mine.length === 0 ? null : mine.some((x) => x.in_region === 1) ? 'stayed' : 'left';
      },
    };
    const tokenOf = (cell: Cell) =>
      [
        cell.kommun === null ? null : `municipality=${cell.kommun}`,
        cell.status === null ? null : `sector=${cell.status}`,
        cell.specialisation === null ? null : `specialisation=${cell.specialisation}`,
        cell.year === null ? null : `horizon=${cell.year}`,
      ]
        .filter((p): p is string => p !== null)
        .sort()
        .join('|');
    const highs = await t.deps.loadSolver();
    let hiddenPrimaries = 0;
    for (const measure of ['moved-in', 'partner-work-12', 'partner-work-6', 'stayed-12']) {
      const lines = households.flatMap((h) => {
        const status = statusOf[measure]?.(h.id, h.moved_in_on ?? '') ?? null;
        return status === null ? [] : [line(h.id, (h.moved_in_on ?? '').slice(0, 4), h.moved_to_kommun ?? '', status)];
      });
      // partner-work-6's margins over the status are partner-work-12's.
      const mine = cells.filter(
        (c) =>
          c.measure === measure ||
          (measure === 'partner-work-6' && c.measure === 'partner-work-12' && c.status === null),
      );
      const dims = measure === 'moved-in' ? [] : ['sector'];
      const report = auditPublication(highs, {
        lines,
        published: mine.filter((c) => !c.hidden).map((c) => ({ cellId: tokenOf(c), value: c.value ?? -1 })),
        hidden: mine.filter((c) => c.hidden).map((c) => ({ cellId: tokenOf(c) })),
        tables: [
          ['horizon', ...dims],
          ['specialisation', 'horizon', ...dims],
          ['municipality', 'horizon', ...dims],
        ],
        hiddenPositive: true,
      });
      expect(report.problems, measure).toEqual([]);
      expect(report.failures, measure).toEqual([]);
      hiddenPrimaries += report.cells.length;
    }
    expect(hiddenPrimaries).toBeGreaterThan(0);
  });

  it('is shown on a public page, hidden cells marked', async () => {
    const t = await createTestApp();
    await world(t);
    await compute(t);
    const page = await request(t.app, '/recruitment/outcomes?by=kommun&year=2026');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Karlskrona');
    expect(html).toMatch(/cell-hidden">Dold</);
    const byYear = await (await request(t.app, '/recruitment/outcomes')).text();
    expect(byYear).toMatch(/<th scope="row">2025<\/th><td class="num">6<\/td>/);
    expect((await request(t.app, '/recruitment/outcomes?by=street')).status).toBe(422);
  });

  it('is linked, with the demand figures and the network, from the footer of the public pages, in Swedish and English', async () => {
    const t = await createTestApp();
    const footerOf = async (path: string, lang: 'sv' | 'en') => {
      const page = await request(t.app, path, { headers: { cookie: `lang=${lang}` } });
      expect(page.status, path).toBe(200);
      return /<footer class="site-footer">[\s\S]*<\/footer>/.exec(await page.text())?.[0] ?? '';
    };
    for (const path of ['/', '/network', '/demand', '/recruitment/outcomes']) {
      const footer = await footerOf(path, 'sv');
      expect(footer, path).toContain('<nav aria-label="Öppna uppgifter">');
      expect(footer, path).toContain('href="/demand"');
      expect(footer, path).toContain('href="/network"');
      expect(footer, path).toMatch(/href="\/recruitment\/outcomes"[^>]*>Hur det gick för dem som flyttade hit</);
    }
    expect(await footerOf('/recruitment/outcomes', 'sv')).toContain('href="/recruitment/outcomes" aria-current="page"');
    expect(await footerOf('/network', 'en')).toMatch(
      /href="\/recruitment\/outcomes"[^>]*>How those who moved here fared</,
    );
  });

  it('is recomputed after a follow-up is answered, not on every run', async () => {
    const t = await createTestApp();
    await world(t);
    await compute(t, '2026-12-01T03:00:00.000Z');
    const first = await figures(t);
    await compute(t, '2026-12-01T03:05:00.000Z');
    expect((await figures(t))[0]?.computedAt).toBe(first[0]?.computedAt);
    for (const i of [1, 2, 3]) {
      await household(t, { movedIn: `2026-0${i}-05`, kommun: '1081', specialisations: ['tech'], inRegion: true });
    }
    await t.deps.db.updateTable('move_case_follow_ups').set({ answered_at: '2026-12-01T03:07:00.000Z' }).execute();
    await compute(t, '2026-12-01T03:10:00.000Z');
    expect(find(await figures(t), 'moved-in|year=2026')?.value).toBe(11);
  });
});

describe('outcome figures in the competence plans', () => {
  it('a plan measure that chooses an outcome indicator shows the protected share', async () => {
    const t = await createTestApp();
    for (const h of karlshamnHouseholds()) await household(t, h);
    await compute(t);
    // The round closes in 2026 (autumn): the cohort is 2025, Karlshamn's six smart-industry households.
    await plantPlanRound(t, 'round-o1');
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    const plan = await createPlanThroughApi(t, secretariat.cookie, {
      roundId: 'round-o1',
      specialisation: 'smart-industri',
    });
    const measure = plan.measures[0];
    const patched = await request(
      t.app,
      `/api/v1/plans/${plan.id}`,
      json(secretariat.cookie, 'PATCH', {
        version: plan.version,
        sections: [],
        measures: [
          { id: measure?.id, indicator: 'partners-in-work-12-share' },
          { id: plan.measures[1]?.id, indicator: 'households-stayed-12-share' },
        ],
      }),
    );
    expect(patched.status, await patched.clone().text()).toBe(200);
    const body = (await patched.json()) as { measures: { indicator: string; baseline: number | null }[] };
    const cells = await figures(t, '?year=2025&specialisation=smart-industri');
    const share = (measureName: string, status: string) =>
      (find(cells, `${measureName}|specialisation=smart-industri|status=${status}|year=2025`)?.value ?? 0) /
      (find(cells, `${measureName}|specialisation=smart-industri|year=2025`)?.value ?? Number.NaN);
    expect(body.measures[0]).toMatchObject({
      indicator: 'partners-in-work-12-share',
      baseline: share('partner-work-12', 'in-work'),
    });
    expect(body.measures[0]?.baseline).toBe(0.5);
    expect(body.measures[1]).toMatchObject({ indicator: 'households-stayed-12-share', baseline: 1 });
  });
});
