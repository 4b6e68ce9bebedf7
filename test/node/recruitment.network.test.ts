import { describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInExisting } from '../support/auth.ts';
import { send } from '../support/rounds.ts';
import { createOrganisation, orgNumber } from '../support/surveys.ts';

/** The recruitment network through the JSON API (issue 19, decision 0030). The clock stands at 2026-11-28. */

const TERMS = '2026-12';

async function world(t: TestApp) {
  const orgA = await createOrganisation(t, 'Hamnvarvet', { orgNumber: orgNumber(1201) });
  const orgB = await createOrganisation(t, 'Kustkraft', { orgNumber: orgNumber(1203) });
  return {
    orgA,
    orgB,
    memberA: await signIn(t, { name: 'Anna', memberships: [{ organisationId: orgA }] }),
    memberB: await signIn(t, { memberships: [{ organisationId: orgB }] }),
    secretariat: await signIn(t, { roles: ['secretariat'] }),
  };
}

const join = (
  t: TestApp,
  who: SignedInPerson,
  org: string,
  body: unknown = { termsVersion: TERMS, acceptTerms: true },
) => send(t, 'PUT', `/api/v1/organisations/${org}/network`, who, body);

interface PledgeJson {
  id: string;
  current: { from: string; to: string; done: number };
  previous: { done: number } | null;
  overdue: boolean;
}

describe('the recruitment network', () => {
  it('lets a member of an organisation join by accepting the terms’ version, records who and when, and lists the organisation publicly', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const joined = await join(t, w.memberA, w.orgA);
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({
      member: true,
      termsVersion: TERMS,
      joinedAt: '2026-11-28T09:00:00.000Z',
    });
    const row = await t.deps.db.selectFrom('network_members').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ organisation_id: w.orgA, terms_version: TERMS, accepted_by: w.memberA.userId });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'network.joined')
      .execute();
    expect(audit).toEqual([{ action: 'network.joined', detail: JSON.stringify({ termsVersion: TERMS }) }]);
    const open = (await (await request(t.app, '/api/v1/network')).json()) as { members: { name: string }[] };
    expect(open.members.map((m) => m.name)).toEqual(['Organisation Hamnvarvet']);
  });

  it('refuses joining without accepting (422), with an old terms version (422), twice (409), by the secretariat (403) and by another organisation’s member (404)', async () => {
    const t = await createTestApp();
    const w = await world(t);
    expect((await join(t, w.memberA, w.orgA, { termsVersion: TERMS, acceptTerms: false })).status).toBe(422);
    const old = await join(t, w.memberA, w.orgA, { termsVersion: '2020-01', acceptTerms: true });
    expect(old.status).toBe(422);
    expect(((await old.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('termsVersion');
    expect((await join(t, w.secretariat, w.orgA)).status).toBe(403);
    expect((await join(t, w.memberB, w.orgA)).status).toBe(404);
    expect((await join(t, w.memberA, w.orgA)).status).toBe(200);
    expect((await join(t, w.memberA, w.orgA)).status).toBe(409);
    expect(await t.deps.db.selectFrom('network_members').select('id').execute()).toHaveLength(1);
  });

  it('lets a member leave, which takes it off the public list and ends its pledges; it may join again', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await join(t, w.memberA, w.orgA);
    await send(t, 'POST', `/api/v1/organisations/${w.orgA}/pledges`, w.memberA, {
      text: 'Vi intervjuar en partner per kvartal',
      kind: 'interview',
      count: 1,
      cadence: 'quarter',
    });
    expect((await send(t, 'DELETE', `/api/v1/organisations/${w.orgA}/network`, w.memberA)).status).toBe(204);
    const open = (await (await request(t.app, '/api/v1/network')).json()) as { members: unknown[] };
    expect(open.members).toEqual([]);
    const pledges = await t.deps.db.selectFrom('network_pledges').select('ended_at').execute();
    expect(pledges).toEqual([{ ended_at: '2026-11-28T09:00:00.000Z' }]);
    expect((await join(t, w.memberA, w.orgA)).status).toBe(200);
  });

  it('records pledges and what was done against them, and shows the secretariat each member’s pledges with overdue ones flagged', async () => {
    const t = await createTestApp({ now: new Date('2026-09-15T09:00:00Z') });
    const w = await world(t);
    await join(t, w.memberA, w.orgA);
    await join(t, w.memberB, w.orgB);
    // Refused before joining: B's member pledging for A is 404; a pledge with no count is 422.
    expect(
      (
        await send(t, 'POST', `/api/v1/organisations/${w.orgA}/pledges`, w.memberB, {
          text: 'x',
          kind: 'interview',
          count: 1,
          cadence: 'quarter',
        })
      ).status,
    ).toBe(404);
    const made = await send(t, 'POST', `/api/v1/organisations/${w.orgA}/pledges`, w.memberA, {
      text: 'Vi intervjuar en partner per kvartal',
      kind: 'interview',
      count: 1,
      cadence: 'quarter',
    });
    expect(made.status).toBe(201);
    const pledgeA = ((await made.json()) as { pledges: PledgeJson[] }).pledges[0]?.id ?? '';
    const madeB = await send(t, 'POST', `/api/v1/organisations/${w.orgB}/pledges`, w.memberB, {
      text: 'Vi tar kontakt med två partner per kvartal',
      kind: 'contact',
      count: 2,
      cadence: 'quarter',
    });
    const pledgeB = ((await madeB.json()) as { pledges: PledgeJson[] }).pledges[0]?.id ?? '';

    // The fourth quarter: A interviews one partner, B contacts one (of two).
    t.setNow(new Date('2026-11-20T09:00:00Z'));
    // Sessions do not last two months: sign in again.
    w.memberA = await signInExisting(t, w.memberA.userId);
    w.memberB = await signInExisting(t, w.memberB.userId);
    const record = (org: string, pledge: string, who: SignedInPerson, body: unknown) =>
      send(t, 'POST', `/api/v1/organisations/${org}/pledges/${pledge}/records`, who, body);
    expect((await record(w.orgA, pledgeA, w.memberA, { kind: 'interview', doneOn: '2026-11-19' })).status).toBe(201);
    expect((await record(w.orgB, pledgeB, w.memberB, { kind: 'contact', doneOn: '2026-10-02' })).status).toBe(201);
    expect((await record(w.orgA, pledgeB, w.memberA, { kind: 'contact', doneOn: '2026-10-02' })).status).toBe(404);
    expect((await record(w.orgA, pledgeA, w.memberA, { kind: 'interview', doneOn: '2026-12-01' })).status).toBe(422);

    // In the first quarter of 2027 the fourth quarter is judged: A kept its pledge, B did not.
    t.setNow(new Date('2027-01-10T09:00:00Z'));
    w.memberA = await signInExisting(t, w.memberA.userId);
    w.secretariat = await signInExisting(t, w.secretariat.userId);
    expect((await send(t, 'GET', '/api/v1/network/follow-up', w.memberA)).status).toBe(403);
    const followUp = (await (await send(t, 'GET', '/api/v1/network/follow-up', w.secretariat)).json()) as {
      items: { organisation: { name: string }; pledges: PledgeJson[] }[];
    };
    const byName = Object.fromEntries(followUp.items.map((i) => [i.organisation.name, i.pledges[0]]));
    expect(byName['Organisation Hamnvarvet']).toMatchObject({
      current: { from: '2027-01-01', to: '2027-04-01', done: 0 },
      previous: { done: 1 },
      overdue: false,
    });
    expect(byName['Organisation Kustkraft']).toMatchObject({ previous: { done: 1 }, overdue: true });
  });

  it('does not judge a pledge on a period it was not made before', async () => {
    const t = await createTestApp({ now: new Date('2026-11-15T09:00:00Z') });
    const w = await world(t);
    await join(t, w.memberA, w.orgA);
    await send(t, 'POST', `/api/v1/organisations/${w.orgA}/pledges`, w.memberA, {
      text: 'Vi intervjuar en partner per kvartal',
      kind: 'interview',
      count: 1,
      cadence: 'quarter',
    });
    t.setNow(new Date('2027-01-10T09:00:00Z'));
    w.memberA = await signInExisting(t, w.memberA.userId);
    const mine = (await (await send(t, 'GET', `/api/v1/organisations/${w.orgA}/network`, w.memberA)).json()) as {
      pledges: PledgeJson[];
    };
    expect(mine.pledges[0]).toMatchObject({ previous: null, overdue: false });
  });
});
