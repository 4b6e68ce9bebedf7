import { beforeEach, describe, expect, it } from 'vitest';
import { feature as demand } from '../../src/demand/index.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { send } from '../support/rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * The demand figures kept by the cache module (docs/decisions/0024-one-cache-module.md): surveys'
 * submission raises the version of the round's lines in its own batch, the figures kept under the
 * old version are not served again, a refused submission raises nothing, and the purge job drops
 * what went stale.
 */
let t: TestApp;
let member: SignedInPerson;
let secretariat: SignedInPerson;
const ROUND = 'round-versions';
const ORG = 'org-versions';
beforeEach(async () => {
  t = await createTestApp();
  await createOrganisation(t, ORG, { orgNumber: orgNumber(778) });
  await createOpenRound(t, ROUND);
  member = await signIn(t, { memberships: [{ organisationId: ORG }] });
  secretariat = await signIn(t, { roles: ['secretariat'] });
});

const base = `/api/v1/rounds/${ROUND}/responses/${ORG}`;
let submissions = 0;
async function answer(version: number, needs: unknown[]) {
  expect((await send(t, 'PUT', base, member, { version, organisation: {}, needs })).status).toBe(200);
  return send(t, 'POST', `${base}/submit`, member, { submissionId: `versions-${++submissions}` });
}
const headcount = async () => {
  const response = await request(t.app, `/api/v1/demand?round=${ROUND}&by=horizon`, {
    headers: { cookie: secretariat.cookie },
  });
  expect(response.status).toBe(200);
  const table = (await response.json()) as { totals: { key: object; headcount: number }[] };
  return table.totals.find((e) => Object.keys(e.key).length === 0)?.headcount;
};
const version = () =>
  (
    t.database.sqlite.raw.prepare('select version from data_versions where name = ?').get(`round-lines:${ROUND}`) as
      | { version: number }
      | undefined
  )?.version ?? 0;
const kept = () =>
  t.database.sqlite.raw
    .prepare(`select key, stamp from cache_entries where namespace = 'demand-figures' and key like ? order by key`)
    .all(`${ROUND}/%`) as { key: string; stamp: string }[];

describe("a round's kept demand figures", () => {
  it('are computed again after a submission, which raises the version of the round’s lines', async () => {
    expect((await answer(0, [need({ headcount: 3 })])).status).toBe(200);
    expect(version()).toBe(1);
    expect(await headcount()).toBe(3);
    expect(kept().map((e) => e.stamp)).toEqual(['[1]']);
    expect((await answer(1, [need({ headcount: 3 }), need({ headcount: 4, horizon: '3-5' })])).status).toBe(200);
    expect(version()).toBe(2);
    expect(await headcount()).toBe(7);
    expect(kept().map((e) => e.stamp)).toEqual(['[2]']);
  });

  it('keep their version when a submission is refused', async () => {
    expect((await answer(0, [need({ headcount: 3 })])).status).toBe(200);
    expect(await headcount()).toBe(3);
    // A second submission with a stale version of the response is refused and changes nothing.
    const stale = await send(t, 'PUT', base, member, { version: 0, organisation: {}, needs: [need()] });
    expect(stale.status).toBe(409);
    t.database.sqlite.raw.prepare(`update rounds set status = 'closed' where id = ?`).run(ROUND);
    const refused = await send(t, 'POST', `${base}/submit`, member, { submissionId: 'versions-refused' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(version()).toBe(1);
    expect(kept().map((e) => e.stamp)).toEqual(['[1]']);
  });

  it('that went stale are dropped by the purge job, and current ones stay', async () => {
    expect((await answer(0, [need({ headcount: 3 })])).status).toBe(200);
    await headcount();
    await request(t.app, `/api/v1/demand?round=${ROUND}&by=sector`, { headers: { cookie: secretariat.cookie } });
    expect(kept()).toHaveLength(2);
    expect((await answer(1, [need({ headcount: 5 })])).status).toBe(200);
    expect(await headcount()).toBe(5);
    const job = demand.jobs.find((j) => j.name === 'purge-demand-cache');
    expect(await job?.run(t.deps, t.deps.now())).toEqual({ changed: 1 });
    expect(kept().map((e) => e.stamp)).toEqual(['[2]']);
  });
});
