import { describe, expect, it } from 'vitest';
import { eraseClosedCampaigns } from '../../src/recruitment/campaigns/jobs.ts';
import { createTestApp, request, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInExisting } from '../support/auth.ts';
import {
  applicationBody,
  type CampaignWorld,
  campaignBody,
  campaignWorld,
  confirmLine,
  createCampaign,
} from '../support/campaigns.ts';
import { signInFromMail } from '../support/move-cases.ts';
import { outbox, send } from '../support/rounds.ts';

/** Joint recruitment campaigns through the JSON API (issue 19, decision 0032). The clock stands at 2026-11-28. */

interface AppJson {
  id: string;
  name: string;
  confirmedAt: string | null;
  routes: { organisation: { id: string }; status: string; version: number }[];
}

async function candidate(t: TestApp, email = 'kim@example.se'): Promise<SignedInPerson> {
  const { cookie } = await signInFromMail(t, email);
  return { userId: '', sessionId: '', email, cookie };
}

/** A campaign with A's and B's lines confirmed (3 and 2 posts) and C's invited but not answered. */
async function confirmedCampaign(t: TestApp, w: CampaignWorld) {
  const created = await createCampaign(t, w, [w.lines.a, w.lines.b, w.lines.c]);
  const lineOf = (org: string) => {
    const line = created.lines.find((l) => l.organisation.id === org);
    if (!line) throw new Error(`no line of ${org}`);
    return line;
  };
  await confirmLine(t, w.members.a, w.orgs.a, lineOf(w.orgs.a), 3);
  await confirmLine(t, w.members.b, w.orgs.b, lineOf(w.orgs.b), 2);
  return { id: created.campaign.id, lines: { a: lineOf(w.orgs.a).id, b: lineOf(w.orgs.b).id, c: lineOf(w.orgs.c) } };
}

/** Applies (signed out), confirms through the mailed link, and returns the candidate and the application. */
async function applyAndConfirm(t: TestApp, campaignId: string, orgs: string[], email = 'kim@example.se') {
  const applied = await send(
    t,
    'POST',
    `/api/v1/campaigns/${campaignId}/applications`,
    undefined,
    applicationBody(orgs, { email }),
  );
  expect(applied.status).toBe(202);
  const who = await candidate(t, email);
  const [mine] = ((await (await send(t, 'GET', '/api/v1/campaign-applications', who)).json()) as { items: AppJson[] })
    .items;
  if (!mine) throw new Error('no application');
  const viewed = await send(t, 'GET', `/api/v1/campaign-applications/${mine.id}`, who);
  const application = (await viewed.json()) as AppJson;
  return { who, application };
}

describe('joint recruitment campaigns', () => {
  it('routes one application to the two organisations chosen: each lists and reads only its own copy, a third sees nothing', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    // C confirms too, so that it takes part but is not chosen.
    const orgCampaigns = (await (
      await send(t, 'GET', `/api/v1/organisations/${w.orgs.c}/campaigns`, w.members.c)
    ).json()) as { items: { lines: { id: string; version: number }[] }[] };
    const cLine = orgCampaigns.items[0]?.lines[0];
    if (!cLine) throw new Error('C has no invitation');
    await confirmLine(t, w.members.c, w.orgs.c, cLine, 1);

    const { application } = await applyAndConfirm(t, campaign.id, [w.orgs.a, w.orgs.b]);
    expect(application.confirmedAt).not.toBeNull();
    expect(application.routes.map((r) => r.organisation.id).sort()).toEqual([w.orgs.a, w.orgs.b].sort());

    for (const [org, member, other] of [
      [w.orgs.a, w.members.a, w.orgs.b],
      [w.orgs.b, w.members.b, w.orgs.a],
    ] as const) {
      const list = await send(t, 'GET', `/api/v1/organisations/${org}/campaign-applications`, member);
      expect(list.status).toBe(200);
      const listText = await list.text();
      const items = (JSON.parse(listText) as { items: { id: string; name: string }[] }).items;
      expect(items.map((i) => [i.id, i.name])).toEqual([[application.id, 'Kim Kandidat']]);
      const detail = await send(
        t,
        'GET',
        `/api/v1/organisations/${org}/campaign-applications/${application.id}`,
        member,
      );
      expect(detail.status).toBe(200);
      const detailText = await detail.text();
      // Neither the other chosen organisation nor the unchosen one is named in this organisation's copy.
      for (const text of [listText, detailText]) {
        expect(text).not.toContain(other);
        expect(text).not.toContain(w.orgs.c);
        expect(text).not.toContain(`Organisation ${other}`);
      }
      // Another organisation's path gives a member nothing (the access rule: 404).
      expect(
        (await send(t, 'GET', `/api/v1/organisations/${other}/campaign-applications/${application.id}`, member)).status,
      ).toBe(404);
    }

    const third = await send(t, 'GET', `/api/v1/organisations/${w.orgs.c}/campaign-applications`, w.members.c);
    expect(((await third.json()) as { items: unknown[] }).items).toEqual([]);
    expect(
      (await send(t, 'GET', `/api/v1/organisations/${w.orgs.c}/campaign-applications/${application.id}`, w.members.c))
        .status,
    ).toBe(404);
    // The secretariat sees the figures, never the candidate.
    expect(
      (await send(t, 'GET', `/api/v1/organisations/${w.orgs.a}/campaign-applications/${application.id}`, w.secretariat))
        .status,
    ).toBe(404);
  });

  it('sends an application to no organisation until the candidate confirms the address through the mailed link', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const applied = await send(
      t,
      'POST',
      `/api/v1/campaigns/${campaign.id}/applications`,
      undefined,
      applicationBody([w.orgs.a]),
    );
    expect(applied.status).toBe(202);
    const [mail] = await outbox(t, 'campaign-application');
    expect(mail?.to).toBe('kim@example.se');
    expect(mail?.links[0]).toContain('next=%2Fcampaign-applications%2F');
    const before = await send(t, 'GET', `/api/v1/organisations/${w.orgs.a}/campaign-applications`, w.members.a);
    expect(((await before.json()) as { items: unknown[] }).items).toEqual([]);
    await applyAndConfirm(t, campaign.id, [w.orgs.a], 'other@example.se');
    const who = await candidate(t, 'kim@example.se');
    const id = new URL(mail?.links[0] ?? '').searchParams.get('next')?.split('/').pop() ?? '';
    expect((await send(t, 'GET', `/api/v1/campaign-applications/${id}`, who)).status).toBe(200);
    const after = await send(t, 'GET', `/api/v1/organisations/${w.orgs.a}/campaign-applications`, w.members.a);
    expect(((await after.json()) as { items: { name: string }[] }).items).toHaveLength(2);
  });

  it('mails the members of each organisation chosen once the candidate confirms, with a link to its own copy and no name, and mails none before or again', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const applied = await send(
      t,
      'POST',
      `/api/v1/campaigns/${campaign.id}/applications`,
      undefined,
      applicationBody([w.orgs.a, w.orgs.b]),
    );
    expect(applied.status).toBe(202);
    expect(await outbox(t, 'campaign-routed')).toEqual([]);
    const who = await candidate(t);
    const [mine] = ((await (await send(t, 'GET', '/api/v1/campaign-applications', who)).json()) as { items: AppJson[] })
      .items;
    const id = mine?.id ?? '';
    // The list does not confirm; the first view of the application does, and only the first mails.
    expect(await outbox(t, 'campaign-routed')).toEqual([]);
    expect((await send(t, 'GET', `/api/v1/campaign-applications/${id}`, who)).status).toBe(200);
    expect((await send(t, 'GET', `/api/v1/campaign-applications/${id}`, who)).status).toBe(200);
    const mails = await outbox(t, 'campaign-routed');
    expect(mails.map((m) => m.to).sort()).toEqual([w.members.a.email, w.members.b.email].sort());
    const toA = mails.find((m) => m.to === w.members.a.email);
    expect(toA?.links).toEqual([`${TEST_ORIGIN}/organisations/${w.orgs.a}/campaign-applications/${id}`]);
    expect(toA?.text).not.toContain('Kim Kandidat');
    expect(mails.find((m) => m.to === w.members.b.email)?.links[0]).toContain(`/organisations/${w.orgs.b}/`);
    // C takes part but was not chosen: no mail.
    expect(mails.some((m) => m.to === w.members.c.email)).toBe(false);
  });

  it('mails the organisations at once when a signed-in candidate applies with the own address', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const who = await signIn(t, { email: 'signed.in@example.se', name: 'Sigrid Inloggad' });
    const applied = await send(
      t,
      'POST',
      `/api/v1/campaigns/${campaign.id}/applications`,
      who,
      applicationBody([w.orgs.b], { email: 'signed.in@example.se' }),
    );
    expect(applied.status).toBe(201);
    expect((await outbox(t, 'campaign-routed')).map((m) => m.to)).toEqual([w.members.b.email]);
  });

  it('limits the mailed confirmations as sign-in links are limited: the sixth to one address within a quarter of an hour is 429 with Retry-After and stores nothing', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const apply = () =>
      send(t, 'POST', `/api/v1/campaigns/${campaign.id}/applications`, undefined, applicationBody([w.orgs.a]));
    for (let i = 0; i < 5; i++) expect((await apply()).status).toBe(202);
    const refused = await apply();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await outbox(t, 'campaign-application')).toHaveLength(5);
    const stored = await t.deps.db.selectFrom('campaign_applications').select('id').execute();
    expect(stored).toHaveLength(5);
  });

  it('gives the time to fill as a hand count: days from opening to each hire against days from the round’s close to each post filled alone', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w); // opens 2026-11-01
    const first = await applyAndConfirm(t, campaign.id, [w.orgs.a, w.orgs.b], 'first@example.se');
    const second = await applyAndConfirm(t, campaign.id, [w.orgs.a], 'second@example.se');
    const third = await applyAndConfirm(t, campaign.id, [w.orgs.b], 'third@example.se');
    // The round closed on 30 September (Swedish time); A and C fill posts of lines outside the campaign.
    await t.deps.db
      .updateTable('rounds')
      .set({ status: 'closed', opens_at: '2026-09-01T08:00:00.000Z', closes_at: '2026-09-30T10:00:00.000Z' })
      .where('id', '=', w.round)
      .execute();
    t.setNow(new Date('2027-01-20T10:00:00Z'));
    // Sessions of November have expired by January: everyone signs in again.
    for (const key of ['a', 'b', 'c'] as const) w.members[key] = await signInExisting(t, w.members[key].userId);
    w.secretariat = await signInExisting(t, w.secretariat.userId);
    const patch = async (org: string, who: SignedInPerson, id: string, body: Record<string, unknown>) => {
      const current = (await (
        await send(t, 'GET', `/api/v1/organisations/${org}/campaign-applications/${id}`, who)
      ).json()) as { route: { version: number } };
      const response = await send(t, 'PATCH', `/api/v1/organisations/${org}/campaign-applications/${id}`, who, {
        version: current.route.version,
        ...body,
      });
      expect(response.status, await response.clone().text()).toBe(200);
    };
    await patch(w.orgs.a, w.members.a, first.application.id, { status: 'interview', on: '2026-12-01' });
    await patch(w.orgs.a, w.members.a, first.application.id, {
      status: 'hired',
      on: '2026-12-10',
      lineId: campaign.lines.a,
    });
    await patch(w.orgs.b, w.members.b, first.application.id, { status: 'not-hired', on: '2026-12-11' });
    await patch(w.orgs.a, w.members.a, second.application.id, {
      status: 'hired',
      on: '2027-01-05',
      lineId: campaign.lines.a,
    });
    await patch(w.orgs.b, w.members.b, third.application.id, { status: 'offer', on: '2026-12-20' });
    await patch(w.orgs.b, w.members.b, third.application.id, {
      status: 'hired',
      on: '2027-01-15',
      lineId: campaign.lines.b,
    });
    for (const [org, who, line, day] of [
      [w.orgs.a, w.members.a, w.lines.a2, '2026-10-20'],
      [w.orgs.a, w.members.a, w.lines.a2, '2026-11-09'],
      [w.orgs.c, w.members.c, w.lines.c, '2026-12-29'],
    ] as const) {
      const fill = await send(t, 'POST', `/api/v1/organisations/${org}/need-line-fills`, who, {
        needLineId: line,
        filledOn: day,
      });
      expect(fill.status, await fill.clone().text()).toBe(201);
    }
    const tracking = (await (
      await send(t, 'GET', `/api/v1/campaigns/${campaign.id}/tracking`, w.secretariat)
    ).json()) as {
      totals: Record<string, number>;
      organisations: { organisation: { id: string }; applications: number; interviews: number; hires: number }[];
      timeToFill: {
        campaign: { count: number; medianDays: number; organisations: number; belowDisclosure: boolean };
        alone: { count: number; medianDays: number; organisations: number };
      };
    };
    // By hand: hires on 10 Dec (39 days after 1 Nov), 5 Jan (65) and 15 Jan (75): median 65.
    // Filled alone: 20 Oct (20 days after 30 Sep), 9 Nov (40), 29 Dec (90): median 40.
    expect(tracking.timeToFill.campaign).toEqual({ count: 3, medianDays: 65, organisations: 2, belowDisclosure: true });
    expect(tracking.timeToFill.alone).toEqual({ count: 3, medianDays: 40, organisations: 2, belowDisclosure: true });
    expect(tracking.totals).toMatchObject({ applications: 3, routes: 4, interviews: 1, offers: 1, hires: 3, posts: 5 });
    const a = tracking.organisations.find((o) => o.organisation.id === w.orgs.a);
    expect(a).toMatchObject({ applications: 2, interviews: 1, hires: 2 });
  });

  it('refuses a fourth hire on a line with three posts, a fill of a line that is in the campaign, and a hire dated in the future', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const { application } = await applyAndConfirm(t, campaign.id, [w.orgs.b]);
    const bad = await send(
      t,
      'PATCH',
      `/api/v1/organisations/${w.orgs.b}/campaign-applications/${application.id}`,
      w.members.b,
      {
        version: 1,
        status: 'hired',
        on: '2026-12-24',
        lineId: campaign.lines.b,
      },
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['on']);
    const otherOrgsLine = await send(
      t,
      'PATCH',
      `/api/v1/organisations/${w.orgs.b}/campaign-applications/${application.id}`,
      w.members.b,
      {
        version: 1,
        status: 'hired',
        on: '2026-11-28',
        lineId: campaign.lines.a,
      },
    );
    expect(otherOrgsLine.status).toBe(422);
    const fill = await send(t, 'POST', `/api/v1/organisations/${w.orgs.a}/need-line-fills`, w.members.a, {
      needLineId: w.lines.a,
      filledOn: '2026-11-28',
    });
    expect(fill.status).toBe(422);
    expect(await t.deps.db.selectFrom('need_line_fills').select('id').execute()).toEqual([]);
  });

  it('never shows a line its organisation has not confirmed: the public list, page and API name only confirmed organisations and posts', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const created = await createCampaign(t, w, [w.lines.a, w.lines.b, w.lines.c]);
    const lineOf = (org: string) => created.lines.find((l) => l.organisation.id === org) ?? { id: '', version: 1 };
    await confirmLine(t, w.members.a, w.orgs.a, lineOf(w.orgs.a), 3);
    const decline = await send(
      t,
      'POST',
      `/api/v1/organisations/${w.orgs.b}/campaign-lines/${lineOf(w.orgs.b).id}`,
      w.members.b,
      {
        version: 1,
        confirm: false,
      },
    );
    expect(decline.status).toBe(200);
    const id = created.campaign.id;
    const api = await (await request(t.app, `/api/v1/campaigns/${id}`)).text();
    const list = await (await request(t.app, '/api/v1/campaigns')).text();
    for (const text of [api, list]) {
      expect(text).toContain(`Organisation ${w.orgs.a}`);
      expect(text).not.toContain(w.orgs.b);
      expect(text).not.toContain(w.orgs.c);
      // The line's own headcount (4) is confidential: only the posts A confirmed (3) show.
      expect(text).toContain('"totalPosts":3');
      expect(text).not.toContain('headcount');
    }
    const body = JSON.parse(api) as { organisations: { id: string; totalPosts: number }[] };
    expect(body.organisations.map((o) => [o.id, o.totalPosts])).toEqual([[w.orgs.a, 3]]);
    // Applying to an organisation that has not confirmed is refused, as if it were not there.
    const applied = await send(
      t,
      'POST',
      `/api/v1/campaigns/${id}/applications`,
      undefined,
      applicationBody([w.orgs.c]),
    );
    expect(applied.status).toBe(422);
  });

  it('keeps a campaign out of public view before its opening day, and shows it to the secretariat', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const created = await createCampaign(t, w, [w.lines.a], { opensOn: '2027-01-10' });
    expect((await request(t.app, `/api/v1/campaigns/${created.campaign.id}`)).status).toBe(404);
    expect(((await (await request(t.app, '/api/v1/campaigns')).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await send(t, 'GET', `/api/v1/campaigns/${created.campaign.id}`, w.secretariat)).status).toBe(200);
  });

  it('proposes the lines that recruit, grouped by occupation group and kommun, and leaves out a line that trains staff', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const response = await send(t, 'GET', '/api/v1/campaign-proposals', w.secretariat);
    const { items } = (await response.json()) as {
      items: {
        occupation: { ssyk: string };
        kommun: { code: string };
        organisations: number;
        lines: { id: string }[];
      }[];
    };
    const karlskrona = items.find((g) => g.occupation.ssyk === '2512' && g.kommun.code === '1080');
    expect(karlskrona?.organisations).toBe(2);
    expect(karlskrona?.lines.map((l) => l.id).sort()).toEqual([w.lines.a, w.lines.a2, w.lines.c].sort());
    expect(items.flatMap((g) => g.lines.map((l) => l.id))).not.toContain(w.lines.aTrain);
    const refused = await send(t, 'POST', '/api/v1/campaigns', w.secretariat, campaignBody([w.lines.aTrain]));
    expect(refused.status).toBe(422);
  });

  it('refuses bad campaign input by field (422) and stores nothing', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const response = await send(
      t,
      'POST',
      '/api/v1/campaigns',
      w.secretariat,
      campaignBody([w.lines.a], { occupations: ['25'], opensOn: '2027-02-01', closesOn: '2027-01-01', titleSv: '' }),
    );
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['closesOn', 'occupations.0', 'titleSv']);
    const unknown = await send(
      t,
      'POST',
      '/api/v1/campaigns',
      w.secretariat,
      campaignBody([w.lines.a], { occupations: ['9999'] }),
    );
    expect(unknown.status).toBe(422);
    expect(await t.deps.db.selectFrom('campaigns').select('id').execute()).toEqual([]);
  });

  it('signs people up for a visit day up to its limit, then answers 409', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const added = await send(t, 'POST', `/api/v1/campaigns/${campaign.id}/visit-days`, w.secretariat, {
      date: '2027-01-14',
      place: 'Blekinge Tekniska Högskola, Karlskrona',
      limit: 2,
    });
    expect(added.status).toBe(201);
    const dayId = ((await added.json()) as { visitDays: { id: string }[] }).visitDays[0]?.id;
    const signUp = (email: string) =>
      send(t, 'POST', `/api/v1/campaigns/${campaign.id}/visit-days/${dayId}/sign-ups`, undefined, {
        name: 'Besökare',
        email,
      });
    expect((await signUp('a@example.se')).status).toBe(201);
    const again = await signUp('a@example.se');
    expect(((await again.json()) as { signedUp: number }).signedUp).toBe(1);
    const second = await signUp('b@example.se');
    expect(await second.json()).toMatchObject({ signedUp: 2, limit: 2, full: true });
    expect((await signUp('c@example.se')).status).toBe(409);
  });

  it('lets the candidate withdraw the application from one organisation, which then sees it as withdrawn', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const { who, application } = await applyAndConfirm(t, campaign.id, [w.orgs.a, w.orgs.b]);
    const withdrawn = await send(
      t,
      'DELETE',
      `/api/v1/campaign-applications/${application.id}/routes/${w.orgs.a}`,
      who,
    );
    expect(withdrawn.status).toBe(200);
    const after = (await withdrawn.json()) as AppJson;
    expect(after.routes.map((r) => `${r.organisation.id}:${r.status}`).sort()).toEqual(
      [`${w.orgs.a}:withdrawn`, `${w.orgs.b}:received`].sort(),
    );
    // Someone else cannot withdraw it.
    expect(
      (await send(t, 'DELETE', `/api/v1/campaign-applications/${application.id}/routes/${w.orgs.b}`, w.members.b))
        .status,
    ).toBe(404);
  });

  it('logs every view of an application by an organisation, with who viewed it', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const { application } = await applyAndConfirm(t, campaign.id, [w.orgs.a]);
    await send(t, 'GET', `/api/v1/organisations/${w.orgs.a}/campaign-applications`, w.members.a);
    await send(t, 'GET', `/api/v1/organisations/${w.orgs.a}/campaign-applications/${application.id}`, w.members.a);
    const views = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target_type', 'target_id'])
      .where('action', '=', 'campaign.application-viewed')
      .execute();
    expect(views).toEqual([
      { actor_user_id: w.members.a.userId, target_type: 'organisation', target_id: w.orgs.a },
      { actor_user_id: w.members.a.userId, target_type: 'campaign-application', target_id: application.id },
    ]);
  });

  it('exports the candidate’s applications and erases them with the account: the organisation sees none, the counts stay', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w);
    const { who, application } = await applyAndConfirm(t, campaign.id, [w.orgs.a]);
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', who)).json()) as {
      campaigns: { applications: { id: string; letter: string }[] };
    };
    expect(exported.campaigns.applications.map((a) => a.id)).toEqual([application.id]);
    expect((await send(t, 'DELETE', '/api/v1/me', who)).status).toBe(204);
    const list = await send(t, 'GET', `/api/v1/organisations/${w.orgs.a}/campaign-applications`, w.members.a);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    const row = await t.deps.db
      .selectFrom('campaign_applications')
      .select(['name', 'email', 'letter', 'cv'])
      .where('id', '=', application.id)
      .executeTakeFirst();
    expect(row).toEqual({ name: '', email: '', letter: '', cv: '' });
    const tracking = (await (
      await send(t, 'GET', `/api/v1/campaigns/${campaign.id}/tracking`, w.secretariat)
    ).json()) as {
      totals: { applications: number };
    };
    expect(tracking.totals.applications).toBe(1);
  });

  it('erases applications and visit sign-ups 24 months after the campaign closed, and only then', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const campaign = await confirmedCampaign(t, w); // closes 2027-01-31
    await applyAndConfirm(t, campaign.id, [w.orgs.a]);
    const personal = () =>
      t.deps.db.selectFrom('campaign_applications').select('name').where('erased_at', 'is', null).execute();
    expect((await eraseClosedCampaigns.run(t.deps, new Date('2029-01-30T12:00:00Z'))).changed).toBe(0);
    expect(await personal()).toHaveLength(1);
    expect((await eraseClosedCampaigns.run(t.deps, new Date('2029-02-02T12:00:00Z'))).changed).toBe(1);
    expect(await personal()).toEqual([]);
    expect((await eraseClosedCampaigns.run(t.deps, new Date('2029-02-03T12:00:00Z'))).changed).toBe(0);
  });
});
