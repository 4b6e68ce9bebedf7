import { describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { refreshPartnerNotices } from '../../src/recruitment/matching/jobs.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { signInFromMail } from '../support/move-cases.ts';
import { api, placementBody, publish } from '../support/placements.ts';
import { answers, outbox, send, submit } from '../support/rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Matching a partner's profile to the openings of the organisations it is shared with (issue 19,
 * decision 0031), through the JSON API. The clock stands at 2026-11-28.
 */

const SOFTWARE = 'DJh5_yyF_hEM'; // SSYK 2512
const SYSTEMS = 'UXKZ_3zZ_ipB'; // SSYK 2511, the same SSYK 3 group (251)
const WELDER = 'wQ1E_Bzk_ZyA'; // SSYK 7212
const PARTNER = { name: 'Pia Partner', email: 'pia@example.se' };

interface NoticeJson {
  id: string;
  state: string;
  version: number;
  person: { occupations: { code: string }[]; earliestStart: string | null; kommuner: { code: string }[] };
  matches: { source: string; id: string; reasons: string[] }[];
  contact: { name: string; email: string } | null;
  hiredOn: string | null;
}

/**
 * Organisations A (Karlskrona, a network member, needs software developers within a year), B
 * (Ronneby, named by the partner's own consent, needs systems analysts), C (Karlshamn, neither),
 * D (Karlskrona, a member, needs welders); the partner, a software developer who can start in
 * March 2027 in Karlskrona or Ronneby, shared with the network and with B "to be considered".
 */
async function world(t: TestApp) {
  const orgA = await createOrganisation(t, 'hamnvarvet', { orgNumber: orgNumber(1301), municipality: '1080' });
  const orgB = await createOrganisation(t, 'kustkraft', { orgNumber: orgNumber(1303), municipality: '1081' });
  const orgC = await createOrganisation(t, 'vastkusten', { orgNumber: orgNumber(1305), municipality: '1082' });
  const orgD = await createOrganisation(t, 'svetsverket', { orgNumber: orgNumber(1307), municipality: '1080' });
  const round = await createOpenRound(t, 'round-match');
  const members = {
    a: await signIn(t, { name: 'Anna Arbetsgivare', memberships: [{ organisationId: orgA }] }),
    b: await signIn(t, { name: 'Bo Bolag', memberships: [{ organisationId: orgB }] }),
    c: await signIn(t, { memberships: [{ organisationId: orgC }] }),
    d: await signIn(t, { memberships: [{ organisationId: orgD }] }),
  };
  const needs = {
    a: need({ occupationId: SOFTWARE, horizon: '0-1', strategies: ['recruit-outside'] }),
    b: need({ occupationId: SYSTEMS, horizon: '1-3', strategies: ['recruit-local'] }),
    c: need({ occupationId: SOFTWARE, horizon: '0-1', strategies: ['recruit-local'] }),
    d: need({ occupationId: WELDER, horizon: '0-1', strategies: ['recruit-local'] }),
  };
  await submit(t, members.a, round, orgA, { organisation: answers, needs: [needs.a] });
  await submit(t, members.b, round, orgB, { organisation: answers, needs: [needs.b] });
  await submit(t, members.c, round, orgC, { organisation: answers, needs: [needs.c] });
  await submit(t, members.d, round, orgD, { organisation: answers, needs: [needs.d] });
  for (const [org, who] of [
    [orgA, members.a],
    [orgD, members.d],
  ] as const) {
    const joined = await send(t, 'PUT', `/api/v1/organisations/${org}/network`, who, {
      termsVersion: '2026-12',
      acceptTerms: true,
    });
    expect(joined.status).toBeLessThan(300);
  }
  const partner = await signIn(t, PARTNER);
  const now = t.deps.now().toISOString();
  const profileId = 'profile-pia';
  await t.deps.db
    .insertInto('partner_profiles')
    .values({
      id: profileId,
      user_id: partner.userId,
      occupation_ids: JSON.stringify([SOFTWARE]),
      skill_ids: '[]',
      languages: JSON.stringify(['sv', 'en']),
      earliest_start: '2027-03',
      kommuner: JSON.stringify(['1080', '1081']),
      work_modes: JSON.stringify(['on-site']),
      about: '',
      is_demo: 0,
      created_at: now,
      updated_at: now,
      matched_at: null,
    })
    .execute();
  const consent = (id: string, recipient: 'network' | 'organisation', organisationId: string | null) =>
    t.deps.db
      .insertInto('partner_consents')
      .values({
        id,
        profile_id: profileId,
        recipient,
        organisation_id: organisationId,
        purpose: 'consider',
        months: 12,
        given_at: now,
        expires_at: '2027-11-28T00:00:00.000Z',
        reminded_at: null,
        withdrawn_at: null,
      })
      .execute();
  await consent('consent-network', 'network', null);
  await consent('consent-b', 'organisation', orgB);
  return { orgA, orgB, orgC, orgD, members, partner, profileId };
}

const runMatching = (t: TestApp) => refreshPartnerNotices.run(t.deps, t.deps.now());

async function notices(t: TestApp, org: string, who: SignedInPerson): Promise<NoticeJson[]> {
  const response = await send(t, 'GET', `/api/v1/organisations/${org}/partner-notices`, who);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: NoticeJson[] }).items;
}

describe('matching a partner to openings', () => {
  it('sends one anonymous notice to each organisation the profile is shared with whose openings pass every filter, naming the filters, and none to others', async () => {
    const t = await createTestApp();
    const w = await world(t);
    expect(await runMatching(t)).toEqual({ changed: 2 });

    const [forA] = await notices(t, w.orgA, w.members.a);
    expect(forA?.matches.map((m) => [m.source, m.reasons])).toEqual([
      ['need', ['same-occupation', 'within-reach', 'timing']],
    ]);
    expect(forA?.person).toMatchObject({ earliestStart: '2027-03', occupations: [{ code: SOFTWARE }] });
    expect(forA?.contact).toBeNull();
    expect(JSON.stringify(forA)).not.toContain('Pia');
    const [forB] = await notices(t, w.orgB, w.members.b);
    expect(forB?.matches.map((m) => m.reasons)).toEqual([['related-occupation', 'within-reach', 'timing']]);
    // C is not shared with; D is a member, but welders are no match.
    expect(await notices(t, w.orgC, w.members.c)).toEqual([]);
    expect(await notices(t, w.orgD, w.members.d)).toEqual([]);

    // The members are told by mail, without anything about the person.
    const mails = await outbox(t, 'partner-notice');
    expect(mails.map((m) => m.to).sort()).toEqual([w.members.a.email, w.members.b.email].sort());
    for (const mail of mails) expect(mail.text).not.toMatch(/Pia|2027|Karlskrona/);
    // A second run sends nothing new.
    expect(await runMatching(t)).toEqual({ changed: 0 });
  });

  it('tells an organisation that joins the network at once of the profiles shared with the network that match its openings', async () => {
    const t = await createTestApp();
    await world(t);
    await runMatching(t);
    const orgE = await createOrganisation(t, 'ekokraft', { orgNumber: orgNumber(1309), municipality: '1081' });
    const memberE = await signIn(t, { memberships: [{ organisationId: orgE }] });
    const round = await createOpenRound(t, 'round-match-e');
    await submit(t, memberE, round, orgE, {
      organisation: answers,
      needs: [need({ occupationId: SOFTWARE, horizon: '0-1', strategies: ['recruit-local'] })],
    });
    expect(await notices(t, orgE, memberE)).toEqual([]);
    const joined = await send(t, 'PUT', `/api/v1/organisations/${orgE}/network`, memberE, {
      termsVersion: '2026-12',
      acceptTerms: true,
    });
    expect(joined.status).toBeLessThan(300);
    const [notice] = await notices(t, orgE, memberE);
    expect(notice?.matches.map((m) => m.reasons)).toEqual([['same-occupation', 'within-reach', 'timing']]);
    expect((await outbox(t, 'partner-notice')).map((m) => m.to)).toContain(memberE.email);
  });

  it('logs every read of a notice as a view of the person’s profile, which the person’s access log shows', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await runMatching(t);
    await notices(t, w.orgA, w.members.a);
    const views = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'detail'])
      .where('action', '=', 'partner-profile.viewed')
      .where('target_id', '=', w.profileId)
      .execute();
    expect(views).toHaveLength(1);
    expect(views[0]?.actor_user_id).toBe(w.members.a.userId);
    expect(JSON.parse(views[0]?.detail ?? '{}')).toMatchObject({ organisationId: w.orgA, via: 'notice' });
  });

  it('shows no notice, and refuses any answer, once the consent is withdrawn, has expired or the organisation has left the network', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await runMatching(t);
    const [forA] = await notices(t, w.orgA, w.members.a);
    const [forB] = await notices(t, w.orgB, w.members.b);

    await send(t, 'DELETE', `/api/v1/organisations/${w.orgA}/network`, w.members.a);
    expect(await notices(t, w.orgA, w.members.a)).toEqual([]);
    const refused = await send(
      t,
      'POST',
      `/api/v1/organisations/${w.orgA}/partner-notices/${forA?.id}/interest`,
      w.members.a,
      { interested: true, version: forA?.version },
    );
    expect(refused.status).toBe(404);

    await t.deps.db
      .updateTable('partner_consents')
      .set({ expires_at: '2026-11-27T00:00:00.000Z' })
      .where('id', '=', 'consent-b')
      .execute();
    expect(await notices(t, w.orgB, w.members.b)).toEqual([]);
    await t.deps.db
      .updateTable('partner_consents')
      .set({ expires_at: '2027-11-28T00:00:00.000Z', withdrawn_at: t.deps.now().toISOString() })
      .where('id', '=', 'consent-b')
      .execute();
    expect(await notices(t, w.orgB, w.members.b)).toEqual([]);
    expect(
      (
        await send(t, 'POST', `/api/v1/organisations/${w.orgB}/partner-notices/${forB?.id}/interest`, w.members.b, {
          interested: true,
          version: forB?.version,
        })
      ).status,
    ).toBe(404);
  });

  it('gives the name and address only to the organisation whose interest the person accepts, and records the hire', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await runMatching(t);
    const [forA] = await notices(t, w.orgA, w.members.a);
    const [forB] = await notices(t, w.orgB, w.members.b);
    for (const [org, who, notice] of [
      [w.orgA, w.members.a, forA],
      [w.orgB, w.members.b, forB],
    ] as const) {
      const interest = await send(
        t,
        'POST',
        `/api/v1/organisations/${org}/partner-notices/${notice?.id}/interest`,
        who,
        {
          interested: true,
          version: notice?.version,
        },
      );
      expect(interest.status).toBe(204);
    }
    // The person is told, and sees who is asking.
    expect((await listOutbox(t.deps.db, PARTNER.email)).filter((m) => m.kind === 'partner-notice')).toHaveLength(2);
    const mine = (await (await api(t, 'GET', '/api/v1/me/partner-profile/matches', w.partner)).json()) as {
      interested: { id: string; version: number; organisation: { name: string } }[];
      waiting: number;
    };
    expect(mine.interested.map((n) => n.organisation.name).sort()).toEqual([
      'Organisation hamnvarvet',
      'Organisation kustkraft',
    ]);
    expect(mine.waiting).toBe(0);

    const answer = (id: string | undefined, accept: boolean) => {
      const notice = mine.interested.find((n) => n.id === id);
      return api(t, 'POST', `/api/v1/me/partner-profile/notices/${id}/answer`, w.partner, {
        accept,
        version: notice?.version,
      });
    };
    expect((await answer(forA?.id, true)).status).toBe(204);
    expect((await answer(forB?.id, false)).status).toBe(204);

    const [acceptedA] = await notices(t, w.orgA, w.members.a);
    expect(acceptedA?.contact).toEqual({ name: PARTNER.name, email: PARTNER.email });
    const [declinedB] = await notices(t, w.orgB, w.members.b);
    expect(declinedB?.state).toBe('declined');
    expect(declinedB?.contact).toBeNull();
    expect(JSON.stringify(declinedB)).not.toContain(PARTNER.email);

    const hired = await send(
      t,
      'POST',
      `/api/v1/organisations/${w.orgA}/partner-notices/${forA?.id}/outcome`,
      w.members.a,
      {
        outcome: 'hired',
        hiredOn: '2027-04-01',
        version: acceptedA?.version,
      },
    );
    expect(hired.status).toBe(204);
    const [afterHire] = await notices(t, w.orgA, w.members.a);
    expect(afterHire).toMatchObject({ state: 'hired', hiredOn: '2027-04-01' });
  });

  it('refuses bad answers with a 4xx that says what was wrong, and changes nothing', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await runMatching(t);
    const [forA] = await notices(t, w.orgA, w.members.a);
    const base = `/api/v1/organisations/${w.orgA}/partner-notices/${forA?.id}`;
    // An outcome before the person has accepted contact.
    const early = await send(t, 'POST', `${base}/outcome`, w.members.a, {
      outcome: 'not-hired',
      version: forA?.version,
    });
    expect(early.status).toBe(409);
    expect((await send(t, 'POST', `${base}/interest`, w.members.a, { interested: 'ja', version: 1 })).status).toBe(422);
    const stale = await send(t, 'POST', `${base}/interest`, w.members.a, { interested: true, version: 7 });
    expect(stale.status).toBe(409);
    // Another organisation's member, and the person answering a notice nobody has asked about.
    expect((await send(t, 'POST', `${base}/interest`, w.members.b, { interested: true, version: 1 })).status).toBe(404);
    const premature = await api(t, 'POST', `/api/v1/me/partner-profile/notices/${forA?.id}/answer`, w.partner, {
      accept: true,
      version: 1,
    });
    expect(premature.status).toBe(404);
    const [unchanged] = await notices(t, w.orgA, w.members.a);
    expect(unchanged).toMatchObject({ state: 'new', version: forA?.version });

    await send(t, 'POST', `${base}/interest`, w.members.a, { interested: true, version: forA?.version });
    const [asked] = await notices(t, w.orgA, w.members.a);
    await api(t, 'POST', `/api/v1/me/partner-profile/notices/${forA?.id}/answer`, w.partner, {
      accept: true,
      version: asked?.version,
    });
    const [accepted] = await notices(t, w.orgA, w.members.a);
    const noDay = await send(t, 'POST', `${base}/outcome`, w.members.a, {
      outcome: 'hired',
      version: accepted?.version,
    });
    expect(noDay.status).toBe(422);
    const before = await send(t, 'POST', `${base}/outcome`, w.members.a, {
      outcome: 'hired',
      hiredOn: '2025-01-01',
      version: accepted?.version,
    });
    expect(before.status).toBe(422);
    expect(await before.text()).toContain('hiredOn');
  });

  it('shows the household, and nobody else, the recruit’s job beside the partner’s openings in the kommuner they chose', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const line = await t.deps.db
      .selectFrom('need_lines')
      .select('id')
      .where('organisation_id', '=', w.orgA)
      .executeTakeFirstOrThrow();
    const opened = await send(t, 'POST', '/api/v1/move-cases', w.members.a, {
      organisationId: w.orgA,
      needLineId: line.id,
      recruit: { name: 'Robin Rekryt', email: 'robin@example.se' },
      partnerComes: true,
      children: { age0to5: 0, age6to15: 0, age16to19: 0 },
      housing: { tenure: 'rent', rooms: 3, kommuner: ['1080', '1082'] },
      earliestMove: '2027-03',
    });
    expect(opened.status).toBe(201);
    const kase = (await opened.json()) as { id: string };
    const invited = await send(t, 'POST', `/api/v1/move-cases/${kase.id}/partner`, w.members.a, PARTNER);
    expect(invited.status).toBeLessThan(300);
    // A public trainee post in Karlshamn (a chosen kommun) of an organisation the profile is not shared with.
    await publish(
      t,
      w.members.c,
      placementBody(w.orgC, { kind: 'trainee', title: 'Trainee i systemutveckling', municipalityCode: '1082' }),
    );
    await runMatching(t);
    const [forA] = await notices(t, w.orgA, w.members.a);
    const [forB] = await notices(t, w.orgB, w.members.b);
    for (const [org, who, notice] of [
      [w.orgA, w.members.a, forA],
      [w.orgB, w.members.b, forB],
    ] as const)
      await send(t, 'POST', `/api/v1/organisations/${org}/partner-notices/${notice?.id}/interest`, who, {
        interested: true,
        version: notice?.version,
      });

    const { cookie } = await signInFromMail(t, 'robin@example.se');
    const recruit = { userId: '', sessionId: '', email: 'robin@example.se', cookie };
    const response = await api(t, 'GET', `/api/v1/move-cases/${kase.id}/two-job-view`, recruit);
    expect(response.status).toBe(200);
    const view = (await response.json()) as {
      recruitJob: { organisation: { name: string }; kommun: { code: string } };
      kommuner: { code: string }[];
      pairs: { partnerOpening: { source: string; organisation: { name: string }; kommun: { code: string } } }[];
      partnerProfile: boolean;
    };
    expect(view.recruitJob).toMatchObject({
      organisation: { name: 'Organisation hamnvarvet' },
      kommun: { code: '1080' },
    });
    expect(view.kommuner.map((k) => k.code)).toEqual(['1080', '1082']);
    // A's need (Karlskrona) and C's public post (Karlshamn); not B's need in Ronneby, outside the chosen kommuner.
    expect(
      view.pairs.map((p) => [
        p.partnerOpening.source,
        p.partnerOpening.organisation.name,
        p.partnerOpening.kommun.code,
      ]),
    ).toEqual([
      ['interest', 'Organisation hamnvarvet', '1080'],
      ['placement', 'Organisation vastkusten', '1082'],
    ]);
    expect(view.partnerProfile).toBe(true);
    expect((await send(t, 'GET', `/api/v1/move-cases/${kase.id}/two-job-view`, w.members.a)).status).toBe(404);
  });
});
