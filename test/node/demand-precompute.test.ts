import { beforeEach, describe, expect, it } from 'vitest';
import { precomputeDemand, standardQueries } from '../../src/demand/precompute.ts';
import { runScheduled } from '../../src/jobs/run-scheduled.ts';
import { seedDemo } from '../../src/node/database.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { answers, submit } from '../support/rounds.ts';
import { need } from '../support/surveys.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await seedDemo(t.database, new Date('2026-11-28T08:00:00Z'));
});

const CLOSED = 'demo-round-closed';
const OPEN = 'demo-round-open';
const keysOf = (roundId: string) =>
  (
    t.database.sqlite.raw.prepare('select query_key from demand_cache where round_id = ? order by 1').all(roundId) as {
      query_key: string;
    }[]
  ).map((r) => r.query_key);
const pageRows = (roundId: string) => keysOf(roundId).filter((k) => k.startsWith('{"page":"demand"'));
/**
 * An edit of the stored body behind the server's back. With `raiseStamp` (as every writer of
 * figures does) the server's memory lets go and reads the row again; without it, the server
 * answers from memory and never reads the row.
 */
const plantMarker = (roundId: string, { raiseStamp = true } = {}) => {
  t.database.sqlite.raw
    .prepare(`update demand_cache set entries = ? where round_id = ? and query_key like '{"page":"demand"%'`)
    .run(JSON.stringify('<p id="marker">from the cache</p>'), roundId);
  if (raiseStamp)
    t.database.sqlite.raw.prepare('update rounds set figures_stamp = figures_stamp + 1 where id = ?').run(roundId);
};
const html = async (path: string, headers: Record<string, string> = {}) =>
  (await request(t.app, path, { headers })).text();

describe('precomputing the standard demand tables', () => {
  it('computes every standard table of the open and the closed round, and a second run computes none', async () => {
    const dominanceN = t.deps.config.disclosure.dominanceN;
    const first = await precomputeDemand(t.deps.db, { now: t.deps.now(), dominanceN, budgetMs: 60_000 });
    const perRound = standardQueries(CLOSED, dominanceN).length + 1; // and the indicators
    expect(first).toBe(2 * perRound);
    expect(keysOf(CLOSED)).toHaveLength(perRound);
    expect(keysOf(OPEN)).toHaveLength(perRound);
    expect(await precomputeDemand(t.deps.db, { now: t.deps.now(), dominanceN, budgetMs: 60_000 })).toBe(0);
  });

  it('stops starting new tables once its time budget is spent, and the next run finishes the rest', async () => {
    const dominanceN = t.deps.config.disclosure.dominanceN;
    let ms = 0;
    // Each reading of the clock is 10 ms later: a 25 ms budget allows three tables.
    const clock = () => (ms += 10);
    const first = await precomputeDemand(t.deps.db, { now: t.deps.now(), dominanceN, budgetMs: 25, clock });
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(2 * (standardQueries(CLOSED, dominanceN).length + 1));
    const rest = await precomputeDemand(t.deps.db, { now: t.deps.now(), dominanceN, budgetMs: 60_000 });
    expect(first + rest).toBe(2 * (standardQueries(CLOSED, dominanceN).length + 1));
  });

  it('runs as scheduled work, and two runs at the same moment store each table once', async () => {
    await Promise.all([runScheduled(t.deps, t.deps.now()), runScheduled(t.deps, t.deps.now())]);
    const keys = keysOf(CLOSED);
    expect(keys.length).toBe(standardQueries(CLOSED, t.deps.config.disclosure.dominanceN).length + 1);
    expect(new Set(keys).size).toBe(keys.length);
    // The page then reads what was computed: its default table is among the stored ones.
    const table = await (await request(t.app, `/api/v1/demand?round=${CLOSED}&by=specialisation,horizon`)).json();
    expect(table).toMatchObject({ round: { id: CLOSED } });
  });
});

describe('the demand page body kept in demand_cache', () => {
  it('serves a visitor the stored body of the protected view', async () => {
    const first = await html(`/demand?round=${CLOSED}`);
    expect(first).toContain('<table');
    expect(pageRows(CLOSED)).toHaveLength(1);
    plantMarker(CLOSED);
    expect(await html(`/demand?round=${CLOSED}`)).toContain('from the cache');
  });

  it("answers a repeated view from memory while the round's figures stamp is unchanged", async () => {
    const first = await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED, { raiseStamp: false });
    const again = await html(`/demand?round=${CLOSED}`);
    expect(again).not.toContain('from the cache');
    expect(again).toContain('<table');
    expect(again.length).toBeGreaterThan(first.length / 2);
  });

  it('does not keep a table computed while a submission came in', async () => {
    const { readThroughCache } = await import('../../src/demand/cache.ts');
    const raw = t.database.sqlite.raw;
    const stored = () => raw.prepare("select count(*) as n from demand_cache where query_key = 'race-test'").get();
    let computations = 0;
    const computeDuringSubmission = async () => {
      computations++;
      // What a submission's batch does while the table is being computed.
      raw.prepare('update rounds set figures_stamp = figures_stamp + 1 where id = ?').run(OPEN);
      return [{ n: computations }];
    };
    expect(await readThroughCache(t.deps.db, OPEN, 'race-test', t.deps.now(), computeDuringSubmission)).toEqual([
      { n: 1 },
    ]);
    expect(stored()).toEqual({ n: 0 });
    const compute = async () => [{ n: ++computations }];
    expect(await readThroughCache(t.deps.db, OPEN, 'race-test', t.deps.now(), compute)).toEqual([{ n: 2 }]);
    expect(stored()).toEqual({ n: 1 });
    expect(await readThroughCache(t.deps.db, OPEN, 'race-test', t.deps.now(), compute)).toEqual([{ n: 2 }]);
  });

  it('keeps Swedish and English bodies apart', async () => {
    await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED);
    const english = await html(`/demand?round=${CLOSED}`, { 'accept-language': 'en' });
    expect(english).not.toContain('from the cache');
    expect(english).toContain('lang="en"');
    expect(pageRows(CLOSED)).toHaveLength(2);
  });

  it('never shows a member or the secretariat the shared body', async () => {
    await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED);
    const member = await signIn(t, { memberships: [{ organisationId: demoOrganisationId('hamnvarvet') }] });
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    expect(await html(`/demand?round=${CLOSED}`, { cookie: member.cookie })).not.toContain('from the cache');
    expect(await html(`/demand?round=${CLOSED}`, { cookie: secretariat.cookie })).not.toContain('from the cache');
  });

  it('drops the stored body of a round when an organisation submits to it', async () => {
    await html(`/demand?round=${OPEN}&compare=none`);
    expect(pageRows(OPEN)).toHaveLength(1);
    plantMarker(OPEN);
    const member = await signIn(t, { memberships: [{ organisationId: demoOrganisationId('hamnvarvet') }] });
    await submit(t, member, OPEN, demoOrganisationId('hamnvarvet'), { organisation: answers, needs: [need()] });
    expect(pageRows(OPEN)).toHaveLength(0);
    expect(await html(`/demand?round=${OPEN}&compare=none`)).not.toContain('from the cache');
  });

  it('does not keep a view compared with a round that is still open', async () => {
    await html(`/demand?round=${CLOSED}&compare=${OPEN}`);
    expect(pageRows(CLOSED)).toHaveLength(0);
  });
});

describe('purging stored page bodies', () => {
  it('drops page bodies older than a week, keeps the tables, and a second run drops nothing', async () => {
    await html(`/demand?round=${CLOSED}`);
    const tables = keysOf(CLOSED).filter((k) => !k.startsWith('{"page":'));
    expect(pageRows(CLOSED)).toHaveLength(1);
    const { purgePageBodies, PAGE_BODY_MAX_AGE_DAYS } = await import('../../src/demand/jobs.ts');
    const day = 86_400_000;
    expect(
      await purgePageBodies(t.deps.db, new Date(t.deps.now().getTime() + (PAGE_BODY_MAX_AGE_DAYS - 1) * day)),
    ).toBe(0);
    const later = new Date(t.deps.now().getTime() + (PAGE_BODY_MAX_AGE_DAYS + 1) * day);
    expect(await purgePageBodies(t.deps.db, later)).toBe(1);
    expect(pageRows(CLOSED)).toHaveLength(0);
    expect(keysOf(CLOSED).filter((k) => !k.startsWith('{"page":'))).toEqual(tables);
    expect(await purgePageBodies(t.deps.db, later)).toBe(0);
    // The next visitor's page is rendered and stored again.
    expect(await html(`/demand?round=${CLOSED}`)).toContain('<table');
  });
});
