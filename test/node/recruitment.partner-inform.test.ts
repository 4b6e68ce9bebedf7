import { describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { informPartners, refreshPartnerNotices } from '../../src/recruitment/matching/jobs.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type CampaignJson, campaignBody, confirmLine } from '../support/campaigns.ts';
import { postForm } from '../support/pages.ts';
import { caseWithInvitedPartner, householdPerson, PARTNER_EMAIL } from '../support/partners.ts';
import { placementBody, publish } from '../support/placements.ts';
import { send } from '../support/rounds.ts';

/**
 * The purpose "to tell me about openings" (decision 0031): a partner who shares the profile with an
 * organisation for `inform` is shown, and mailed at most weekly, the openings there that fit and
 * that the organisation has made public itself (open placements, lines confirmed in a campaign); a
 * need line that is only a confidential survey answer reaches the partner only when the
 * organisation tells of it ("Tell about an opening"). Matching itself tells the organisation nothing.
 */

const SOFTWARE = 'DJh5_yyF_hEM'; // the software developers organisation A recruits from outside

const profile = {
  occupationIds: [SOFTWARE],
  skillIds: [],
  languages: ['sv'],
  earliestStart: null,
  kommuner: ['1080', '1081', '1082', '1083', '1060'],
  workModes: ['on-site', 'hybrid', 'remote'],
  about: '',
};

interface OpeningJson {
  source: string;
  id: string;
  organisation: { code: string; name: string };
  title: string;
  reasons: string[];
  howToApply: { kind: string; href: string };
}

interface TipJson {
  id: string;
  source: string;
  openingId: string;
  organisation: { code: string; name: string };
  note: string;
  howToApply: { kind: string; href: string };
}

interface MatchesJson {
  tips: TipJson[];
  openings: OpeningJson[];
  placements: { id: string }[];
  waiting: number;
}

/** Organisation A's need for software developers and its trainee post; the partner shares the profile with A to be told. */
async function world(t: TestApp) {
  const w = await caseWithInvitedPartner(t);
  const partner = await householdPerson(t, PARTNER_EMAIL);
  await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, partner);
  expect((await send(t, 'PUT', '/api/v1/me/partner-profile', partner, profile)).status).toBe(200);
  const post = await publish(
    t,
    w.memberA,
    placementBody(w.orgA, { kind: 'trainee', title: 'Trainee i mjukvaruutveckling', contact: 'jobb@example.se' }),
  );
  const shared = await send(t, 'POST', '/api/v1/me/partner-profile/consents', partner, {
    recipient: 'organisation',
    organisationId: w.orgA,
    purpose: 'inform',
    months: 6,
  });
  expect(shared.status).toBe(201);
  const consent = ((await shared.json()) as { profile: { consents: { id: string }[] } }).profile.consents[0];
  return { ...w, partner, post, consentId: consent?.id ?? '' };
}

async function matches(t: TestApp, who: Awaited<ReturnType<typeof world>>['partner']): Promise<MatchesJson> {
  const response = await send(t, 'GET', '/api/v1/me/partner-profile/matches', who);
  expect(response.status).toBe(200);
  return (await response.json()) as MatchesJson;
}

const digest = (t: TestApp, at: Date) => informPartners.run(t.deps, at);
const partnerMails = async (t: TestApp) =>
  (await listOutbox(t.deps.db, PARTNER_EMAIL)).filter((m) => m.kind === 'partner-openings').reverse();

/** A campaign taking applications today with A's need line; confirmed by A when `confirm`. */
async function campaignWith(t: TestApp, w: Awaited<ReturnType<typeof world>>, confirm: boolean) {
  const day = (n: number) => new Date(t.deps.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const created = await send(
    t,
    'POST',
    '/api/v1/campaigns',
    w.secretariat,
    campaignBody([w.lines.outside], { opensOn: day(-1), closesOn: day(60) }),
  );
  expect(created.status, await created.clone().text()).toBe(201);
  const campaign = (await created.json()) as CampaignJson;
  const line = campaign.lines[0];
  if (confirm && line) await confirmLine(t, w.memberA, w.orgA, line, 2);
  return campaign.campaign.id;
}

const tipUrl = (w: { orgA: string }, profileId: string) =>
  `/api/v1/organisations/${w.orgA}/partner-profiles/${profileId}/tips`;

async function profileIdOf(t: TestApp) {
  return (await t.deps.db.selectFrom('partner_profiles').select('id').executeTakeFirstOrThrow()).id;
}

describe('openings for a partner who asked to be told about them', () => {
  it('shows the open placements that fit at the organisation, with its name and how to go on, and no need line it has not made public', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const mine = await matches(t, w.partner);
    // A recruits software developers (a need line in its survey answer): confidential, not shown.
    expect(mine.openings.filter((o) => o.source === 'need')).toEqual([]);
    expect(mine.openings.map((o) => o.id)).not.toContain(w.lines.outside);
    const placement = mine.openings.find((o) => o.source === 'placement');
    expect(placement).toMatchObject({
      id: w.post.id,
      organisation: { code: w.orgA },
      title: 'Trainee i mjukvaruutveckling',
      howToApply: { kind: 'placement-page', href: `/placements/${w.post.id}` },
    });
    // The post is listed once, as an opening at the organisation, not again among public posts.
    expect(mine.placements.map((p) => p.id)).not.toContain(w.post.id);

    const page = await send(t, 'GET', '/partner/matches', w.partner);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Lediga jobb som passar dig');
    expect(html).toContain(placement?.organisation.name);
    expect(html).toContain(`href="/placements/${w.post.id}"`);
    // Nor does the digest name the need line.
    await digest(t, t.deps.now());
    const [mail] = await partnerMails(t);
    expect(mail?.text).toContain('Trainee i mjukvaruutveckling');
    expect(mail?.text).not.toContain('behöver rekrytera');
  });

  it('shows a need line once the organisation has confirmed it in a campaign that takes applications, with the campaign page', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await campaignWith(t, w, false);
    // Invited to the campaign but not confirmed: still a confidential answer.
    expect((await matches(t, w.partner)).openings.filter((o) => o.source === 'need')).toEqual([]);
    const confirmed = await campaignWith(t, w, true);
    const need = (await matches(t, w.partner)).openings.filter((o) => o.source === 'need');
    expect(need).toEqual([
      expect.objectContaining({
        id: w.lines.outside,
        organisation: expect.objectContaining({ code: w.orgA }),
        howToApply: { kind: 'campaign-page', href: `/campaigns/${confirmed}` },
      }),
    ]);
    await digest(t, t.deps.now());
    const [mail] = await partnerMails(t);
    expect(mail?.text).toContain(`/campaigns/${confirmed}`);
  });

  it('tells the organisation nothing: no notice, no view of the profile, no mail', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await matches(t, w.partner);
    await refreshPartnerNotices.run(t.deps, t.deps.now());
    expect(await digest(t, t.deps.now())).toEqual({ changed: 1 });

    const notices = await send(t, 'GET', `/api/v1/organisations/${w.orgA}/partner-notices`, w.memberA);
    expect(((await notices.json()) as { items: unknown[] }).items).toEqual([]);
    const views = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'partner-profile.viewed')
      .execute();
    expect(views).toEqual([]);
    const own = (await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()) as {
      profile: { accessLog: unknown[] };
    };
    expect(own.profile.accessLog).toEqual([]);
    expect((await listOutbox(t.deps.db, w.memberA.email)).filter((m) => m.kind === 'partner-notice')).toEqual([]);
  });

  it('mails the partner the new openings at most once a week, naming each only once', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const now = t.deps.now();
    expect(await digest(t, now)).toEqual({ changed: 1 });
    const [first] = await partnerMails(t);
    expect(first?.text).toContain('Trainee i mjukvaruutveckling');
    expect(first?.text).toContain(`/placements/${w.post.id}`);
    const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
    // Nothing new: no mail, the same day or a week later.
    expect(await digest(t, now)).toEqual({ changed: 0 });
    expect(await digest(t, days(8))).toEqual({ changed: 0 });
    // A new post: not before the week is out, then only it.
    await publish(t, w.memberA, placementBody(w.orgA, { kind: 'praktik', title: 'Praktik i webbutveckling' }));
    await t.deps.db
      .updateTable('partner_profiles')
      .set({ informed_at: days(5).toISOString() })
      .execute();
    expect(await digest(t, days(9))).toEqual({ changed: 0 });
    expect(await digest(t, days(12))).toEqual({ changed: 1 });
    const mails = await partnerMails(t);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text).toContain('Praktik i webbutveckling');
    expect(mails[1]?.text).not.toContain('Trainee i mjukvaruutveckling');
    // The person's data export names what the digests told them of, and when.
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', w.partner)).json()) as {
      partnerProfile: { digested: { source: string; openingId: string; toldAt: string }[] };
    };
    expect(exported.partnerProfile.digested).toHaveLength(2);
    expect(exported.partnerProfile.digested[0]).toMatchObject({ source: 'placement', openingId: w.post.id });
    expect(exported.partnerProfile.digested.map((x) => x.toldAt)).toEqual([now.toISOString(), days(12).toISOString()]);
  });

  it('reaches every partner who is due in one run, past a first page of partners with nothing new', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const now = t.deps.now();
    const at = now.toISOString();
    const until = new Date(now.getTime() + 90 * 86_400_000).toISOString();
    // 100 partners who share "to tell me about openings" but whose occupation fits nothing: never
    // claimed, always due, and first by id and by last mail (never mailed).
    const ids = Array.from({ length: 100 }, (_, i) => `!p${String(i).padStart(3, '0')}`);
    await t.deps.db
      .insertInto('users')
      .values(
        ids.map((id) => ({ id: `u${id}`, email: `${id.slice(1)}@example.se`, name: id, is_demo: 0, created_at: at })),
      )
      .execute();
    await t.deps.db
      .insertInto('partner_profiles')
      .values(
        ids.map((id) => ({
          id,
          user_id: `u${id}`,
          occupation_ids: '[]',
          skill_ids: '[]',
          languages: '[]',
          earliest_start: null,
          kommuner: '[]',
          work_modes: '[]',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await t.deps.db
      .insertInto('partner_consents')
      .values(
        ids.map((id) => ({
          id: `c${id}`,
          profile_id: id,
          recipient: 'organisation',
          organisation_id: w.orgA,
          purpose: 'inform',
          months: 6,
          given_at: at,
          expires_at: until,
          reminded_at: null,
          withdrawn_at: null,
        })),
      )
      .execute();
    // The partner with something new was mailed a month ago: after the hundred in either order.
    await t.deps.db
      .updateTable('partner_profiles')
      .set({ informed_at: new Date(now.getTime() - 30 * 86_400_000).toISOString() })
      .where('id', 'not in', ids)
      .execute();
    expect(await digest(t, now)).toEqual({ changed: 1 });
    expect(await partnerMails(t)).toHaveLength(1);
  });

  it('stops at once when the consent is withdrawn or has expired, and erasure removes what the digests named', async () => {
    const t = await createTestApp();
    const w = await world(t);
    expect((await matches(t, w.partner)).openings.length).toBeGreaterThan(0);
    expect((await send(t, 'DELETE', `/api/v1/me/partner-profile/consents/${w.consentId}`, w.partner)).status).toBe(204);
    expect((await matches(t, w.partner)).openings).toEqual([]);
    expect(await digest(t, t.deps.now())).toEqual({ changed: 0 });

    const again = await send(t, 'POST', '/api/v1/me/partner-profile/consents', w.partner, {
      recipient: 'organisation',
      organisationId: w.orgA,
      purpose: 'inform',
      months: 6,
    });
    expect(again.status).toBe(201);
    expect(await digest(t, t.deps.now())).toEqual({ changed: 1 });
    await t.deps.db
      .updateTable('partner_consents')
      .set({ expires_at: new Date(t.deps.now().getTime() - 1000).toISOString() })
      .execute();
    expect((await matches(t, w.partner)).openings).toEqual([]);

    expect(await t.deps.db.selectFrom('partner_inform_told').select('opening_id').execute()).not.toEqual([]);
    expect((await send(t, 'DELETE', '/api/v1/me/partner-profile', w.partner)).status).toBe(204);
    expect(await t.deps.db.selectFrom('partner_inform_told').select('opening_id').execute()).toEqual([]);
  });
});

describe('an organisation tells a partner about one of its openings', () => {
  it('shows the told need line to the partner with the organisation, the note and how to follow up, and mails it', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const profileId = await profileIdOf(t);
    const told = await send(t, 'POST', tipUrl(w, profileId), w.memberA, {
      source: 'need',
      openingId: w.lines.outside,
      note: 'Vi söker två utvecklare till vårt team i Karlskrona. <b>Hör av dig!</b>',
    });
    expect(told.status, await told.clone().text()).toBe(201);
    const { tip } = (await told.json()) as { tip: TipJson };
    expect(tip).toMatchObject({
      source: 'need',
      openingId: w.lines.outside,
      organisation: { code: w.orgA },
      howToApply: { kind: 'share-to-be-considered' },
    });

    const mine = await matches(t, w.partner);
    expect(mine.tips).toEqual([
      expect.objectContaining({ id: tip.id, note: expect.stringContaining('två utvecklare') }),
    ]);
    const html = await (await send(t, 'GET', '/partner/matches', w.partner)).text();
    expect(html).toContain('Organisationer berättar för dig');
    expect(html).toContain(tip.organisation.name);
    expect(html).toContain('&lt;b&gt;Hör av dig!&lt;/b&gt;');
    expect(html).toContain('href="/partner/sharing#give"');

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'partner-inform.tipped')
      .execute();
    expect(audit).toEqual([{ action: 'partner-inform.tipped', target_id: profileId }]);

    expect(await digest(t, t.deps.now())).toEqual({ changed: 1 });
    const [mail] = await partnerMails(t);
    expect(mail?.text).toContain(`${tip.organisation.name} berättar för dig om`);
    expect(mail?.text).toContain('två utvecklare');
    // Named once: a later digest does not repeat it.
    const later = new Date(t.deps.now().getTime() + 8 * 86_400_000);
    expect(await digest(t, later)).toEqual({ changed: 0 });
  });

  it('refuses a second tip of the same opening with 409, and an opening not the organisation’s own with 422', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const profileId = await profileIdOf(t);
    const body = { source: 'placement', openingId: w.post.id };
    expect((await send(t, 'POST', tipUrl(w, profileId), w.memberA, body)).status).toBe(201);
    const again = await send(t, 'POST', tipUrl(w, profileId), w.memberA, { ...body, note: 'Igen' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('redan berättat');
    const theirs = await send(t, 'POST', tipUrl(w, profileId), w.memberA, {
      source: 'need',
      openingId: w.lines.otherOrg,
    });
    expect(theirs.status).toBe(422);
    const long = await send(t, 'POST', tipUrl(w, profileId), w.memberA, {
      source: 'need',
      openingId: w.lines.outside,
      note: 'x'.repeat(501),
    });
    expect(long.status).toBe(422);
    expect(await t.deps.db.selectFrom('partner_inform_tips').select('id').execute()).toHaveLength(1);
  });

  it('offers the form on the shared-profiles page, re-renders it with the error in place, and tells on a valid post', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const profileId = await profileIdOf(t);
    const path = `/organisations/${w.orgA}/partner-profiles`;
    const page = await send(t, 'GET', `${path}?purpose=inform`, w.memberA);
    const html = await page.text();
    expect(html).toContain('Berätta om ett ledigt jobb');
    expect(html).toContain(`value="need:${w.lines.outside}"`);
    expect(html).toContain(`value="placement:${w.post.id}"`);
    // Read for "consider", the profile is not shown at all (shared for inform only), so no form.
    expect(await (await send(t, 'GET', `${path}?purpose=consider`, w.memberA)).text()).not.toContain(
      'Berätta om ett ledigt jobb',
    );

    const bad = await postForm(t, `${path}/${profileId}/tips`, w.memberA, [
      ['opening', `need:${w.lines.outside}`],
      ['note', 'y'.repeat(501)],
    ]);
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain(`id="error-note-${profileId}"`);
    expect(badHtml).toContain('högst 500 tecken');
    expect(badHtml).toContain(`value="need:${w.lines.outside}" selected`);

    const good = await postForm(t, `${path}/${profileId}/tips`, w.memberA, [
      ['opening', `need:${w.lines.outside}`],
      ['note', 'Välkommen att höra av dig'],
    ]);
    expect(good.status).toBe(303);
    const after = await (await send(t, 'GET', good.headers.get('location') ?? '', w.memberA)).text();
    expect(after).toContain('Personen ser nu det lediga jobbet du berättade om.');
    const twice = await postForm(t, `${path}/${profileId}/tips`, w.memberA, [['opening', `need:${w.lines.outside}`]]);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('Ni har redan berättat för den här personen om det här lediga jobbet.');
    expect((await matches(t, w.partner)).tips.map((x) => x.note)).toEqual(['Välkommen att höra av dig']);
  });

  it('hides the tips once the consent is withdrawn, refuses new ones, exports them and erases them with the profile', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const profileId = await profileIdOf(t);
    expect(
      (await send(t, 'POST', tipUrl(w, profileId), w.memberA, { source: 'need', openingId: w.lines.outside })).status,
    ).toBe(201);
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', w.partner)).json()) as {
      partnerProfile: { tips: { openingId: string }[] };
    };
    expect(exported.partnerProfile.tips.map((x) => x.openingId)).toEqual([w.lines.outside]);

    expect((await send(t, 'DELETE', `/api/v1/me/partner-profile/consents/${w.consentId}`, w.partner)).status).toBe(204);
    expect((await matches(t, w.partner)).tips).toEqual([]);
    expect(await digest(t, t.deps.now())).toEqual({ changed: 0 });
    const refused = await send(t, 'POST', tipUrl(w, profileId), w.memberA, {
      source: 'placement',
      openingId: w.post.id,
    });
    expect(refused.status).toBe(404);

    expect((await send(t, 'DELETE', '/api/v1/me/partner-profile', w.partner)).status).toBe(204);
    expect(await t.deps.db.selectFrom('partner_inform_tips').select('id').execute()).toEqual([]);
  });
});
