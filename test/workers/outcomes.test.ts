import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeJob } from '../../src/recruitment/outcomes/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import worker from '../../src/worker.ts';
import { createWorkerDeps, type Env } from '../../src/worker-deps.ts';
import { type Household, handCount, type OutcomeCell, outcomeWorld } from '../support/outcome-households.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * The outcome figures on D1 (decision 0036): the Cron Trigger's run computes them with HiGHS loaded
 * the Worker's way and stores them as a whole in one D1 batch (a delete and inserts of at most 100
 * bound values each), and the public API answers from them: every shown cell equals a hand count,
 * a cell from too few households is hidden with what would give it away, and the figures are
 * recomputed after a follow-up is answered. The same households as the Node tests.
 */
const ORIGIN = 'http://localhost:8787';
const AT = '2026-12-01T03:00:00.000Z';
const OCCUPATION = 'DJh5_yyF_hEM';

let counter = 0;

/** A closed, moved-in case with its 12-month answers, as the erasure would leave it or fresher. */
function householdStatements(h: Household): ReturnType<typeof env.DB.prepare>[] {
  const id = `oc-${++counter}`;
  const statements = [
    env.DB.prepare(
      `insert into move_cases (id, occupation_id, status, outcome, moved_in_on, moved_to_kommun, offer_to_move_days,
         created_at, updated_at, closed_at)
       values (?, ?, 'closed', 'moved-in', ?, ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', ?)`,
    ).bind(id, OCCUPATION, h.movedIn, h.kommun, h.days ?? null, `${h.movedIn}T12:00:00.000Z`),
    ...h.specialisations.map((code) =>
      env.DB.prepare('insert into move_case_specialisations (case_id, specialisation_code) values (?, ?)').bind(
        id,
        code,
      ),
    ),
  ];
  const answer = (person: 'recruit' | 'partner', inRegion: number | null, inWork: number, since: string | null) =>
    env.DB.prepare(
      `insert into move_case_follow_ups (id, case_id, person, wave, due_on, state, answered_at, in_region, in_work, work_since)
       values (?, ?, ?, 12, ?, 'answered', '2026-11-01T00:00:00.000Z', ?, ?, ?)`,
    ).bind(`${id}-${person}`, id, person, h.movedIn, inRegion, inWork, since);
  const inRegion = h.inRegion === undefined ? null : h.inRegion ? 1 : 0;
  if (h.inRegion !== undefined) statements.push(answer('recruit', inRegion, 1, null));
  if (h.partner) statements.push(answer('partner', inRegion, h.partner.inWork ? 1 : 0, h.partner.since ?? null));
  return statements;
}

async function figures(query = ''): Promise<OutcomeCell[]> {
  const response = await SELF.fetch(`${ORIGIN}/api/v1/recruitment/outcomes${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: OutcomeCell[] }).items;
}

const find = (cells: OutcomeCell[], id: string) => cells.find((c) => c.id === id);

const households = outcomeWorld();

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  await env.DB.batch(households.flatMap(householdStatements));
  // The Cron Trigger, twice at the same moment: every scheduled job, the outcome figures among them.
  const trigger = async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: new Date(AT), cron: '*/5 * * * *' }),
      env as Env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
  };
  await Promise.all([trigger(), trigger()]);
}, 60_000);

describe('outcome figures on D1', () => {
  it('publishes what the Cron Trigger computed, stored in more rows than one insert may bind, each shown cell equal to a hand count', async () => {
    const cells = await figures();
    const stored = await env.DB.prepare('select count(*) as n, min(computed_at) as at from move_outcome_cells').first<{
      n: number;
      at: string;
    }>();
    // Nine rows of eleven values fill one insert (D1 binds at most 100): many inserts in the one batch.
    expect(stored?.n).toBeGreaterThan(9 * 5);
    expect(cells).toHaveLength(stored?.n ?? -1);
    expect(stored?.at).toBe(AT);
    const shown = cells.filter((c) => !c.hidden);
    expect(shown.length).toBeGreaterThan(20);
    for (const cell of shown) expect(cell.value, cell.id).toBe(handCount(households, cell));
    // Median of Karlskrona's days (40, 60, 70, 80, 90, 100) is 75, 10.7 weeks: shown as 11.
    expect(find(cells, 'moved-in|specialisation=tech')).toMatchObject({ hidden: false, value: 8, medianWeeks: 11 });
  });

  it('hides a figure from fewer households than the minimum, and what would give it away', async () => {
    const cells = await figures('?measure=moved-in');
    const ronneby = find(cells, 'moved-in|municipality=1081|year=2026');
    expect(ronneby).toMatchObject({ hidden: true, value: null, medianWeeks: null });
    // 2026's 8 and Karlskrona's 6 together would give Ronneby's 2 away: not both are shown.
    const year = find(cells, 'moved-in|year=2026');
    const karlskrona = find(cells, 'moved-in|municipality=1080|year=2026');
    expect(year?.hidden || karlskrona?.hidden).toBe(true);
    expect(cells.filter((c) => !c.hidden).every((c) => (c.value ?? 0) >= 3)).toBe(true);
  });

  it('is recomputed by the scheduled runner after a follow-up is answered, not on every run', async () => {
    const deps = await createWorkerDeps(env as Env);
    const first = await figures();
    const unchanged = await runScheduled(deps, new Date('2026-12-01T03:05:00.000Z'), [outcomeJob]);
    expect(unchanged.jobs).toMatchObject([{ name: 'move-outcomes', ok: true, changed: 0 }]);
    expect((await figures())[0]?.computedAt).toBe(first[0]?.computedAt);

    const more: Household[] = [1, 2, 3].map((i) => ({
      movedIn: `2026-0${i}-05`,
      kommun: '1081',
      specialisations: ['tech'],
      inRegion: true,
    }));
    await env.DB.batch(more.flatMap(householdStatements));
    await env.DB.prepare("update move_case_follow_ups set answered_at = '2026-12-01T03:07:00.000Z'").run();
    const recomputed = await runScheduled(deps, new Date('2026-12-01T03:10:00.000Z'), [outcomeJob]);
    expect(recomputed.failed).toBe(0);
    const cells = await figures();
    expect(recomputed.jobs[0]?.changed).toBe(cells.length);
    expect(cells.every((c) => c.computedAt === '2026-12-01T03:10:00.000Z')).toBe(true);
    expect(find(cells, 'moved-in|year=2026')?.value).toBe(11);
    for (const cell of cells.filter((c) => !c.hidden))
      expect(cell.value, cell.id).toBe(handCount([...households, ...more], cell));
  });
});
