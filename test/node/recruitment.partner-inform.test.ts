import { describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { informPartners, refreshPartnerNotices } from '../../src/recruitment/matching/jobs.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { caseWithInvitedPartner, householdPerson, PARTNER_EMAIL } from '../support/partners.ts';
import { placementBody, publish } from '../support/placements.ts';
import { send } from '../support/rounds.ts';

/**
 * The purpose "to tell me about openings" (decision 0031): a partner who shares the profile with an
 * organisation for `inform` is shown, and mailed at most weekly, the openings there that fit; the
 * organisation is told nothing and sees nothing of the partner.
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

interface MatchesJson {
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

describe('openings for a partner who asked to be told about them', () => {
  it('shows the partner the need lines and placements that fit at the organisation, with its name and how to go on', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const mine = await matches(t, w.partner);
    const byKind = new Map(mine.openings.map((o) => [o.source, o]));
    expect(byKind.get('need')).toMatchObject({
      organisation: { code: w.orgA },
      reasons: expect.arrayContaining(['same-occupation', 'timing']),
      howToApply: { kind: 'share-to-be-considered', href: '/partner/sharing#give' },
    });
    expect(byKind.get('placement')).toMatchObject({
      id: w.post.id,
      title: 'Trainee i mjukvaruutveckling',
      howToApply: { kind: 'placement-page', href: `/placements/${w.post.id}` },
    });
    // The post is listed once, as an opening at the organisation, not again among public posts.
    expect(mine.placements.map((p) => p.id)).not.toContain(w.post.id);

    const page = await send(t, 'GET', '/partner/matches', w.partner);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Lediga jobb som passar dig');
    expect(html).toContain(byKind.get('need')?.organisation.name);
    expect(html).toContain(`href="/placements/${w.post.id}"`);
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
