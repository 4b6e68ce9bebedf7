import { describe, expect, it } from 'vitest';
import { partnerJobs } from '../../src/recruitment/partners/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInExisting } from '../support/auth.ts';
import { caseWithInvitedPartner, householdPerson, PARTNER_EMAIL, type PartnerWorld } from '../support/partners.ts';
import { outbox, send } from '../support/rounds.ts';

/**
 * The partner's profile and consent, through HTTP (issue 19's "Consent" acceptance, decision 0030):
 * no organisation sees a profile without a valid, unexpired consent that names it (or the network
 * while it is a member) for the purpose — on any read path — and every view is shown to the partner.
 */

interface World extends PartnerWorld {
  partner: SignedInPerson;
  profileId: string;
}

async function skillId(t: TestApp): Promise<string> {
  return (await t.deps.db.selectFrom('skills').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}

async function profileBody(t: TestApp) {
  return {
    occupationIds: ['DJh5_yyF_hEM'],
    skillIds: [await skillId(t)],
    languages: ['sv', 'en', 'pl'],
    earliestStart: '2027-04',
    kommuner: ['1080', '1081', '1290'],
    workModes: ['on-site', 'hybrid'],
    about: 'Byggnadsingenjör med tio års erfarenhet av broar.',
  };
}

async function partnerWithProfile(t: TestApp): Promise<World> {
  const w = await caseWithInvitedPartner(t);
  const partner = await householdPerson(t, PARTNER_EMAIL);
  // The partner's own first view of the case accepts it.
  await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, partner);
  const saved = await send(t, 'PUT', '/api/v1/me/partner-profile', partner, await profileBody(t));
  if (saved.status !== 200) throw new Error(`profile not saved: ${saved.status} ${await saved.text()}`);
  const { profile } = (await saved.json()) as { profile: { id: string } };
  return { ...w, partner, profileId: profile.id };
}

const share = (t: TestApp, w: World, consent: Record<string, unknown>) =>
  send(t, 'POST', '/api/v1/me/partner-profile/consents', w.partner, { months: 6, ...consent });

/**
 * What an organisation's member gets of the profile on every read path for a purpose: in the list,
 * the one-profile answer, and the CSV export. `seen` is true if any path showed it.
 */
async function readPaths(t: TestApp, w: World, who: SignedInPerson | undefined, org: string, purpose: string) {
  const base = `/api/v1/organisations/${org}/partner-profiles`;
  const list = await send(t, 'GET', `${base}?purpose=${purpose}`, who);
  const one = await send(t, 'GET', `${base}/${w.profileId}?purpose=${purpose}`, who);
  const csv = await send(t, 'GET', `${base}.csv?purpose=${purpose}`, who);
  const listed = list.status === 200 ? ((await list.json()) as { items: { id: string }[] }).items : [];
  const csvText = csv.status === 200 ? await csv.text() : '';
  const inList = listed.some((p) => p.id === w.profileId);
  const inCsv = csvText.includes(w.profileId);
  return {
    seen: inList || one.status === 200 || inCsv,
    everyPath: inList && one.status === 200 && inCsv,
    statuses: [list.status, one.status, csv.status],
  };
}

const views = (t: TestApp) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'detail'])
    .where('action', '=', 'partner-profile.viewed')
    .execute();

async function join(t: TestApp, who: SignedInPerson, org: string) {
  const joined = await send(t, 'PUT', `/api/v1/organisations/${org}/network`, who, {
    termsVersion: '2026-12',
    acceptTerms: true,
  });
  expect(joined.status).toBe(200);
}

describe('the partner’s profile', () => {
  it('is hidden by default: no organisation, and not the secretariat, sees it on any read path, and nothing is logged', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    for (const purpose of ['consider', 'inform']) {
      expect((await readPaths(t, w, w.memberA, w.orgA, purpose)).seen).toBe(false);
      expect((await readPaths(t, w, w.memberB, w.orgB, purpose)).seen).toBe(false);
      expect((await readPaths(t, w, w.secretariat, w.orgA, purpose)).seen).toBe(false);
    }
    expect(await views(t)).toEqual([]);
  });

  it('is shown to the named organisation for the consented purpose on every read path, and to no one else or for no other purpose', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    expect((await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' })).status).toBe(
      201,
    );
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).everyPath).toBe(true);
    // Another purpose, another organisation, the other organisation naming A, the secretariat, nobody.
    expect((await readPaths(t, w, w.memberA, w.orgA, 'inform')).seen).toBe(false);
    expect((await readPaths(t, w, w.memberB, w.orgB, 'consider')).seen).toBe(false);
    expect((await readPaths(t, w, w.memberB, w.orgA, 'consider')).statuses).toEqual([404, 404, 404]);
    expect((await readPaths(t, w, w.secretariat, w.orgA, 'consider')).seen).toBe(false);
    expect((await readPaths(t, w, undefined, w.orgA, 'consider')).statuses).toEqual([401, 401, 401]);
    // A read without a purpose is refused, not answered.
    expect((await send(t, 'GET', `/api/v1/organisations/${w.orgA}/partner-profiles`, w.memberA)).status).toBe(422);
    const shown = (await (
      await send(
        t,
        'GET',
        `/api/v1/organisations/${w.orgA}/partner-profiles/${w.profileId}?purpose=consider`,
        w.memberA,
      )
    ).json()) as Record<string, unknown>;
    expect(shown).toMatchObject({
      id: w.profileId,
      languages: ['sv', 'en', 'pl'],
      earliestStart: '2027-04',
      purpose: 'consider',
    });
    // No name, no address, no gender, no relationship: contact comes only when the partner accepts.
    expect(JSON.stringify(shown)).not.toContain(PARTNER_EMAIL);
    expect(JSON.stringify(shown)).not.toContain('Pat Partner');
  });

  it('stops being shown at once when the consent is withdrawn, and when every consent is withdrawn in one step', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    const given = (await (
      await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' })
    ).json()) as {
      profile: { consents: { id: string }[] };
    };
    const consentId = given.profile.consents[0]?.id ?? '';
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).everyPath).toBe(true);
    expect((await send(t, 'DELETE', `/api/v1/me/partner-profile/consents/${consentId}`, w.partner)).status).toBe(204);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).seen).toBe(false);

    await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' });
    await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'inform' });
    expect((await readPaths(t, w, w.memberA, w.orgA, 'inform')).everyPath).toBe(true);
    expect((await send(t, 'DELETE', '/api/v1/me/partner-profile/consents', w.partner)).status).toBe(204);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).seen).toBe(false);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'inform')).seen).toBe(false);
  });

  it('stops being shown the moment the consent expires (6 months), and is shown again once the partner renews it', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    const given = (await (
      await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' })
    ).json()) as {
      profile: { consents: { id: string; expiresAt: string }[] };
    };
    const consent = given.profile.consents[0];
    expect(consent?.expiresAt).toBe('2027-05-28T09:00:00.000Z');
    t.setNow(new Date('2027-05-28T08:59:59Z'));
    let member = await signInExisting(t, w.memberA.userId);
    expect((await readPaths(t, w, member, w.orgA, 'consider')).everyPath).toBe(true);
    t.setNow(new Date('2027-05-28T09:00:00Z'));
    expect((await readPaths(t, w, member, w.orgA, 'consider')).seen).toBe(false);

    const partner = await signInExisting(
      t,
      (await t.deps.db.selectFrom('users').select('id').where('email', '=', PARTNER_EMAIL).executeTakeFirstOrThrow())
        .id,
    );
    expect((await send(t, 'POST', `/api/v1/me/partner-profile/consents/${consent?.id}/renewal`, partner)).status).toBe(
      200,
    );
    member = await signInExisting(t, w.memberA.userId);
    expect((await readPaths(t, w, member, w.orgA, 'consider')).everyPath).toBe(true);
  });

  it('is shown, when shared with the network, to its members only, to a member that joins later, and no longer to one that leaves', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    await join(t, w.memberA, w.orgA);
    expect((await share(t, w, { recipient: 'network', purpose: 'consider' })).status).toBe(201);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).everyPath).toBe(true);
    expect((await readPaths(t, w, w.memberB, w.orgB, 'consider')).seen).toBe(false);
    await join(t, w.memberB, w.orgB);
    expect((await readPaths(t, w, w.memberB, w.orgB, 'consider')).everyPath).toBe(true);
    expect((await send(t, 'DELETE', `/api/v1/organisations/${w.orgA}/network`, w.memberA)).status).toBe(204);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).seen).toBe(false);
    expect((await readPaths(t, w, w.memberB, w.orgB, 'inform')).seen).toBe(false);
  });

  it('shows the partner every view: who, from which organisation, when and for which purpose', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' });
    await readPaths(t, w, w.memberA, w.orgA, 'consider');
    await readPaths(t, w, w.memberB, w.orgB, 'consider');
    const mine = (await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()) as {
      profile: {
        accessLog: { at: string; organisation: { id: string } | null; viewer: string | null; purpose: string }[];
      };
    };
    // The list, the one profile and the CSV: three views by A, none by B.
    expect(mine.profile.accessLog).toHaveLength(3);
    for (const entry of mine.profile.accessLog) {
      expect(entry).toMatchObject({
        at: '2026-11-28T09:00:00.000Z',
        organisation: { id: w.orgA },
        viewer: 'Anna Arbetsgivare',
        purpose: 'consider',
      });
    }
    expect((await views(t)).map((v) => v.actor_user_id)).toEqual([
      w.memberA.userId,
      w.memberA.userId,
      w.memberA.userId,
    ]);
  });

  it('is erased by the partner from every organisation’s view and export, keeping only the audit trail’s bare facts', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    await join(t, w.memberB, w.orgB);
    await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' });
    await share(t, w, { recipient: 'network', purpose: 'inform' });
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).everyPath).toBe(true);
    expect((await readPaths(t, w, w.memberB, w.orgB, 'inform')).everyPath).toBe(true);
    expect((await send(t, 'DELETE', '/api/v1/me/partner-profile', w.partner)).status).toBe(204);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).seen).toBe(false);
    expect((await readPaths(t, w, w.memberB, w.orgB, 'inform')).seen).toBe(false);
    expect(await t.deps.db.selectFrom('partner_profiles').select('id').execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('partner_consents').select('id').execute()).toEqual([]);
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', w.partner)).json()) as {
      partnerProfile: unknown;
    };
    expect(exported.partnerProfile).toBeNull();
    // The bare facts: which organisation viewed the profile id, when, for which purpose; nothing of the profile.
    const facts = await views(t);
    expect(facts).toHaveLength(6);
    expect(JSON.stringify(facts)).not.toContain('Byggnadsingenjör');
  });

  it('is in the partner’s export, and erasing the partner’s account erases it from every organisation’s view', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' });
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', w.partner)).json()) as {
      partnerProfile: { id: string; consents: unknown[] };
    };
    expect(exported.partnerProfile).toMatchObject({ id: w.profileId });
    expect(exported.partnerProfile.consents).toHaveLength(1);
    expect((await send(t, 'DELETE', '/api/v1/me', w.partner)).status).toBe(204);
    expect((await readPaths(t, w, w.memberA, w.orgA, 'consider')).seen).toBe(false);
    expect(await t.deps.db.selectFrom('partner_profiles').select('id').execute()).toEqual([]);
  });

  it('is held only by a partner who accepted the case, with kommuner within reach and no field for gender or relationship', async () => {
    const t = await createTestApp();
    const w = await caseWithInvitedPartner(t);
    const body = await profileBody(t);
    const recruit = await householdPerson(t, 'robin@example.se');
    expect((await send(t, 'PUT', '/api/v1/me/partner-profile', recruit, body)).status).toBe(403);
    expect((await send(t, 'PUT', '/api/v1/me/partner-profile', w.memberA, body)).status).toBe(403);
    const partner = await householdPerson(t, PARTNER_EMAIL);
    await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, partner);
    const far = await send(t, 'PUT', '/api/v1/me/partner-profile', partner, { ...body, kommuner: ['0180'] });
    expect(far.status).toBe(422);
    expect(((await far.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('kommuner');
    const saved = await send(t, 'PUT', '/api/v1/me/partner-profile', partner, {
      ...body,
      gender: 'x',
      relationship: 'y',
    });
    expect(saved.status).toBe(200);
    const row = await t.deps.db.selectFrom('partner_profiles').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row).some((k) => /gender|relation/.test(k))).toBe(false);
    expect(JSON.stringify(row)).not.toMatch(/"x"|"y"/);
    // A stale version is refused and changes nothing.
    const stale = await send(t, 'PUT', '/api/v1/me/partner-profile', partner, { ...body, about: 'ny', version: 7 });
    expect(stale.status).toBe(409);
    // Anyone signed in may ask for their own profile: none.
    expect(await (await send(t, 'GET', '/api/v1/me/partner-profile', w.memberA)).json()).toEqual({ profile: null });
    expect((await request(t.app, '/api/v1/me/partner-profile')).status).toBe(401);
    void signIn;
  });

  it('asks the partner to renew a consent 14 days before it expires, once however often the job runs, and not a withdrawn one', async () => {
    const t = await createTestApp();
    const w = await partnerWithProfile(t);
    await share(t, w, { recipient: 'organisation', organisationId: w.orgA, purpose: 'consider' });
    const withdrawn = (await (await share(t, w, { recipient: 'network', purpose: 'inform' })).json()) as {
      profile: { consents: { id: string; recipient: string }[] };
    };
    const networkConsent = withdrawn.profile.consents.find((c) => c.recipient === 'network')?.id ?? '';
    await send(t, 'DELETE', `/api/v1/me/partner-profile/consents/${networkConsent}`, w.partner);
    const run = async (at: string) => expect((await runScheduled(t.deps, new Date(at), partnerJobs)).failed).toBe(0);
    await run('2027-05-14T08:00:00Z');
    expect(await outbox(t, 'partner-consent-renewal')).toEqual([]);
    await run('2027-05-14T09:00:00Z');
    await run('2027-05-14T09:05:00Z');
    const mails = await outbox(t, 'partner-consent-renewal');
    expect(mails.map((m) => m.to)).toEqual([PARTNER_EMAIL]);
    expect(mails[0]?.text).toContain('Organisation org-a');
    expect(mails[0]?.text).not.toContain('rekryteringsnätverket');
  });
});
