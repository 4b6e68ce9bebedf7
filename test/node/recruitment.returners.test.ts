import { beforeEach, describe, expect, it } from 'vitest';
import { returnerDigests, returnerRenewals, returnerRetention } from '../../src/recruitment/returners/jobs.ts';
import { createTestApp, request, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInExisting } from '../support/auth.ts';
import { campaignWorld, confirmLine, createCampaign } from '../support/campaigns.ts';
import { signInFromMail } from '../support/move-cases.ts';
import { OCC, organisationWithMember, placementBody, publish } from '../support/placements.ts';
import { outbox, send } from '../support/rounds.ts';

/** The returner and alumni pool (decision 0033), through the JSON API and the jobs. */

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const EMAIL = 'johanna@example.se';

function signUp(overrides: Record<string, unknown> = {}) {
  return send(t, 'POST', '/api/v1/returners', undefined, {
    name: 'Johanna Återvändare',
    email: EMAIL,
    connection: 'studied',
    occupationIds: [OCC.software],
    earliestMove: '2027-08',
    kommuner: ['1080'],
    remote: 'hybrid',
    languages: ['svenska', 'engelska'],
    consent: true,
    ...overrides,
  });
}

/** Signs up, opens the mailed link and reads the entry (which confirms it). */
async function confirmedReturner(email = EMAIL): Promise<{ cookie: string; entry: Record<string, unknown> }> {
  expect((await signUp({ email })).status).toBe(202);
  const { cookie } = await signInFromMail(t, email);
  const read = await request(t.app, '/api/v1/returners/me', { headers: { cookie } });
  expect(read.status).toBe(200);
  return { cookie, entry: (await read.json()) as Record<string, unknown> };
}

const asPerson = (cookie: string): SignedInPerson => ({ cookie }) as SignedInPerson;
const mailsTo = async (to: string, kind: string) => (await outbox(t, kind)).filter((m) => m.to === to);

describe('signing up', () => {
  it('refuses a sign-up without the explicit consent, naming the field', async () => {
    const response = await signUp({ consent: false });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toContain('consent');
    expect(await t.deps.db.selectFrom('returners').select('id').execute()).toEqual([]);
  });

  it('refuses an unknown occupation, a malformed month and a past month with 422', async () => {
    expect((await signUp({ occupationIds: ['nope'] })).status).toBe(422);
    expect((await signUp({ earliestMove: 'augusti' })).status).toBe(422);
    expect((await signUp({ earliestMove: '2025-01' })).status).toBe(422);
    expect((await signUp({ kommuner: ['9999'] })).status).toBe(422);
    expect((await signUp({ connection: 'visited' })).status).toBe(422);
  });

  it('keeps the entry pending until the mailed link is opened, then starts a twelve-month consent', async () => {
    expect((await signUp()).status).toBe(202);
    const [row] = await t.deps.db.selectFrom('returners').selectAll().execute();
    expect(row).toMatchObject({ status: 'pending', consented_at: null, expires_at: null });
    const { cookie } = await signInFromMail(t, EMAIL);
    const read = await request(t.app, '/api/v1/returners/me', { headers: { cookie } });
    expect(await read.json()).toMatchObject({
      status: 'active',
      name: 'Johanna Återvändare',
      connection: 'studied',
      earliestMove: '2027-08',
      occupations: [{ id: OCC.software, ssyk: '2512' }],
      consentedAt: '2026-11-28T09:00:00.000Z',
      expiresAt: '2027-11-28T09:00:00.000Z',
    });
  });

  it('answers a second sign-up for the same address alike, changes nothing and mails a link to the entry', async () => {
    await confirmedReturner();
    expect((await signUp({ name: 'Någon Annan' })).status).toBe(202);
    const rows = await t.deps.db.selectFrom('returners').select(['name']).execute();
    expect(rows).toEqual([{ name: 'Johanna Återvändare' }]);
    const [latest] = await mailsTo(EMAIL, 'returner');
    expect(latest?.text).toContain('Du har redan en anmälan');
  });

  it('accepts an open earliest move (null)', async () => {
    expect((await signUp({ earliestMove: null })).status).toBe(202);
  });
});

describe('the person’s own entry', () => {
  it('is changed with the version read, and a stale version gets 409', async () => {
    const { cookie, entry } = await confirmedReturner();
    const body = {
      version: entry.version,
      name: 'Johanna Å',
      connection: 'lived',
      occupationIds: [OCC.software, OCC.welder],
      earliestMove: null,
      kommuner: [],
      remote: 'remote',
      languages: [],
    };
    const changed = await send(t, 'PUT', '/api/v1/returners/me', asPerson(cookie), body);
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: 'Johanna Å', remote: 'remote', earliestMove: null });
    expect(
      (await t.deps.db.selectFrom('returner_occupations').select('occupation_id').execute()).map(
        (r) => r.occupation_id,
      ),
    ).toHaveLength(2);
    const stale = await send(t, 'PUT', '/api/v1/returners/me', asPerson(cookie), { ...body, name: 'Gammal' });
    expect(stale.status).toBe(409);
    expect((await t.deps.db.selectFrom('returners').select('name').executeTakeFirstOrThrow()).name).toBe('Johanna Å');
  });

  it('is 404 for a signed-in person with no entry, and erased at once when the person leaves', async () => {
    const other = await signIn(t);
    expect((await send(t, 'GET', '/api/v1/returners/me', other)).status).toBe(404);
    const { cookie } = await confirmedReturner();
    expect((await send(t, 'DELETE', '/api/v1/returners/me', asPerson(cookie))).status).toBe(204);
    expect((await send(t, 'GET', '/api/v1/returners/me', asPerson(cookie))).status).toBe(404);
    expect(await t.deps.db.selectFrom('returner_occupations').select('returner_id').execute()).toEqual([]);
  });

  it('is in the person’s data export and goes with the erased account', async () => {
    const { cookie } = await confirmedReturner();
    const exported = await send(t, 'GET', '/api/v1/me/export', asPerson(cookie));
    expect(((await exported.json()) as { returner: { email: string } }).returner.email).toBe(EMAIL);
    const erased = await send(t, 'DELETE', '/api/v1/me', asPerson(cookie));
    expect([200, 204]).toContain(erased.status);
    expect(await t.deps.db.selectFrom('returners').select('id').execute()).toEqual([]);
  });
});

describe('the digest', () => {
  async function placement(title: string, occupationId = OCC.software) {
    const { org, member } = await organisationWithMember(t, `Arbetsgivare ${title}`);
    return publish(t, member, placementBody(org.id, { title, occupationId, applyBy: '2027-06-30' }));
  }

  it('mails new matching placements once, and at most one mail a week', async () => {
    await confirmedReturner();
    await placement('Trainee i systemutveckling');
    await placement('Svetsare sökes', OCC.welder);
    expect((await returnerDigests.run(t.deps, new Date('2026-11-29T07:00:00Z'))).changed).toBe(1);
    const [digest] = await mailsTo(EMAIL, 'returner-digest');
    expect(digest?.text).toContain('Trainee i systemutveckling');
    expect(digest?.text).not.toContain('Svetsare sökes');
    // A new placement three days later waits for the week to pass.
    await placement('LIA i webbutveckling');
    expect((await returnerDigests.run(t.deps, new Date('2026-12-02T07:00:00Z'))).changed).toBe(0);
    expect((await returnerDigests.run(t.deps, new Date('2026-12-06T07:00:00Z'))).changed).toBe(1);
    const mails = await mailsTo(EMAIL, 'returner-digest');
    expect(mails).toHaveLength(2);
    const newest = mails.find((m) => m.text.includes('LIA i webbutveckling'));
    expect(newest?.text).not.toContain('Trainee i systemutveckling');
    // Nothing new: no mail, however long it has been.
    expect((await returnerDigests.run(t.deps, new Date('2026-12-20T07:00:00Z'))).changed).toBe(0);
  });

  it('tells of an open campaign for the person’s SSYK group in a kommun the person named, once, and not of one elsewhere', async () => {
    await confirmedReturner();
    const w = await campaignWorld(t);
    const near = await createCampaign(t, w, [w.lines.a]);
    await createCampaign(t, w, [w.lines.b], {
      titleSv: 'Utvecklare i Olofström',
      titleEn: 'Developers in Olofström',
      kommuner: ['1060'],
    });
    const [line] = near.lines;
    await confirmLine(t, w.members.a, w.orgs.a, line ?? { id: '', version: 1 }, 3);
    expect((await returnerDigests.run(t.deps, new Date('2026-11-29T07:00:00Z'))).changed).toBe(1);
    const [digest] = await mailsTo(EMAIL, 'returner-digest');
    expect(digest?.text).toContain(
      'Rekryteringskampanj: 12 roller inom inbyggda system och cybersäkerhet i Karlskrona–Ronneby, 3 tjänster hos 1 arbetsgivare',
    );
    expect(digest?.text).toContain('Recruitment campaign: 12 embedded and cybersecurity roles');
    expect(digest?.links).toContain(`${TEST_ORIGIN}/campaigns/${near.campaign.id}`);
    expect(digest?.text).not.toContain('Olofström');
    // Told once: a week later the same campaign is no news.
    expect((await returnerDigests.run(t.deps, new Date('2026-12-07T07:00:00Z'))).changed).toBe(0);
  });

  it('mails nobody who has not confirmed, has paused or has lapsed', async () => {
    expect((await signUp({ email: 'pending@example.se' })).status).toBe(202);
    const paused = await confirmedReturner('paused@example.se');
    expect(
      (await send(t, 'POST', '/api/v1/returners/me/status', asPerson(paused.cookie), { status: 'paused' })).status,
    ).toBe(200);
    await confirmedReturner('lapsed@example.se');
    await placement('Trainee i systemutveckling');
    expect((await returnerDigests.run(t.deps, new Date('2026-11-29T07:00:00Z'))).changed).toBe(1);
    expect((await outbox(t, 'returner-digest')).map((m) => m.to)).toEqual(['lapsed@example.se']);
    // A year and a day later the last one has lapsed: no digest, even with news.
    await placement('LIA i webbutveckling');
    expect((await returnerDigests.run(t.deps, new Date('2027-11-29T10:00:00Z'))).changed).toBe(0);
  });
});

describe('renewal, lapse and retention', () => {
  it('mails one renewal 30 days before the consent lapses, whose link renews once', async () => {
    await confirmedReturner();
    expect((await returnerRenewals.run(t.deps, new Date('2027-10-01T09:00:00Z'))).changed).toBe(0);
    expect((await returnerRenewals.run(t.deps, new Date('2027-10-30T09:00:00Z'))).changed).toBe(1);
    expect((await returnerRenewals.run(t.deps, new Date('2027-10-31T09:00:00Z'))).changed).toBe(0);
    const [mail] = await mailsTo(EMAIL, 'returner-renewal');
    const token = new URL(mail?.links[0] ?? 'http://x/').searchParams.get('token') ?? '';
    t.setNow(new Date('2027-11-01T09:00:00Z'));
    const page = await request(t.app, `/returners/renew?token=${token}`);
    expect(page.status).toBe(200);
    expect((await send(t, 'POST', '/api/v1/returners/renewals', undefined, { token })).status).toBe(200);
    const [row] = await t.deps.db.selectFrom('returners').select(['expires_at', 'renewal_mailed_at']).execute();
    expect(row).toEqual({ expires_at: '2028-11-01T09:00:00.000Z', renewal_mailed_at: null });
    expect((await send(t, 'POST', '/api/v1/returners/renewals', undefined, { token })).status).toBe(404);
  });

  it('erases an unconfirmed sign-up after 14 days and a lapsed entry after its 90-day grace', async () => {
    expect((await signUp({ email: 'pending@example.se' })).status).toBe(202);
    await confirmedReturner();
    expect((await returnerRetention.run(t.deps, new Date('2026-12-11T10:00:00Z'))).changed).toBe(0);
    expect((await returnerRetention.run(t.deps, new Date('2026-12-13T10:00:00Z'))).changed).toBe(1);
    // Lapsed on 2027-11-28; within the grace it can still be renewed, after it is gone.
    expect((await returnerRetention.run(t.deps, new Date('2028-02-20T10:00:00Z'))).changed).toBe(0);
    expect((await returnerRetention.run(t.deps, new Date('2028-02-27T10:00:00Z'))).changed).toBe(1);
    expect(await t.deps.db.selectFrom('returners').select('id').execute()).toEqual([]);
  });

  it('shows a lapsed entry as lapsed and lets the person renew it within the grace', async () => {
    const { entry } = await confirmedReturner();
    t.setNow(new Date('2027-12-15T09:00:00Z'));
    const user = await t.deps.db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    const again = await signInExisting(t, user.id);
    expect(await (await send(t, 'GET', '/api/v1/returners/me', again)).json()).toMatchObject({ status: 'lapsed' });
    expect((await send(t, 'POST', '/api/v1/returners/me/status', again, { status: 'active' })).status).toBe(409);
    const renewed = await send(t, 'POST', '/api/v1/returners/me/renewal', again);
    expect(await renewed.json()).toMatchObject({ status: 'active', expiresAt: '2028-12-15T09:00:00.000Z' });
    expect(entry.status).toBe('active');
  });
});

describe('the secretariat’s counts', () => {
  it('shows counts by occupation group and kommun, small ones as fewer than the minimum, and no names', async () => {
    for (const email of ['a@example.se', 'b@example.se', 'c@example.se']) await confirmedReturner(email);
    await confirmedReturner('d@example.se').then(async ({ cookie, entry }) =>
      send(t, 'PUT', '/api/v1/returners/me', asPerson(cookie), {
        version: entry.version,
        name: 'D',
        connection: 'other',
        occupationIds: [OCC.welder],
        earliestMove: null,
        kommuner: ['1081'],
        remote: 'any',
        languages: [],
      }),
    );
    const admin = await signIn(t, { roles: ['secretariat'] });
    const response = await send(t, 'GET', '/api/v1/returners/pool', admin);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('example.se');
    expect(text).not.toContain('Johanna');
    const body = JSON.parse(text) as {
      total: number | null;
      fewerThan: number;
      byOccupation: { code: string; count: number | null }[];
      byKommun: { code: string; count: number | null }[];
    };
    expect(body.total).toBe(4);
    expect(body.fewerThan).toBe(3);
    expect(body.byOccupation).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '2512', count: 3 }),
        expect.objectContaining({ count: null }),
      ]),
    );
    expect(body.byKommun).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '1080', count: 3 }),
        expect.objectContaining({ code: '1081', count: null }),
      ]),
    );
    const member = await signIn(t);
    expect((await send(t, 'GET', '/api/v1/returners/pool', member)).status).toBe(403);
    const page = await request(t.app, '/returners/pool', { headers: { cookie: admin.cookie } });
    expect(await page.text()).toContain('färre än 3');
  });
});
