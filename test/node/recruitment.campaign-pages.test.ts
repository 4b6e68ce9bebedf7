import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { DEMO_CAMPAIGN_ID } from '../../src/seed/demo-campaigns.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signInExisting } from '../support/auth.ts';
import { campaignWorld, confirmLine, createCampaign } from '../support/campaigns.ts';
import { signInFromMail } from '../support/move-cases.ts';
import { getPage, postForm } from '../support/pages.ts';
import { send } from '../support/rounds.ts';

/** The campaign pages (decision 0032): public, the candidate's, the organisation's and the secretariat's. */

const post = postForm;
const page = getPage;

async function world(t: TestApp) {
  const w = await campaignWorld(t);
  const created = await createCampaign(t, w, [w.lines.a, w.lines.b, w.lines.c]);
  const line = (org: string) => created.lines.find((l) => l.organisation.id === org) ?? { id: '', version: 1 };
  await confirmLine(t, w.members.a, w.orgs.a, line(w.orgs.a), 3);
  await confirmLine(t, w.members.b, w.orgs.b, line(w.orgs.b), 2);
  return { w, id: created.campaign.id, cLine: line(w.orgs.c) };
}

describe('campaign pages', () => {
  it('show each chosen organisation only its own copy on its pages, and a third organisation none', async () => {
    const t = await createTestApp();
    const { w, id, cLine } = await world(t);
    await confirmLine(t, w.members.c, w.orgs.c, cLine, 1);
    const form: [string, string][] = [
      ['name', 'Kim Kandidat'],
      ['email', 'kim@example.se'],
      ['organisationIds', w.orgs.a],
      ['organisationIds', w.orgs.b],
      ['letter', 'Jag vill flytta hit.'],
      ['cv', 'https://example.se/kim'],
      ['earliestStart', '2027-03-01'],
      ['partnerNeedsWork', 'yes'],
    ];
    const applied = await post(t, `/campaigns/${id}/apply`, undefined, form);
    expect(applied.status).toBe(303);
    expect(applied.headers.get('location')).toBe(`/campaigns/${id}/apply?notice=sent`);
    const { cookie, link } = await signInFromMail(t, 'kim@example.se');
    const next = new URL(link).searchParams.get('next') ?? '';
    const mine = await page(t, next, { userId: '', sessionId: '', email: 'kim@example.se', cookie });
    expect(mine.html).toContain(`Organisation ${w.orgs.a}`);
    expect(mine.html).toContain(`Organisation ${w.orgs.b}`);
    const applicationId = next.split('/').pop() ?? '';

    for (const [org, member, other] of [
      [w.orgs.a, w.members.a, w.orgs.b],
      [w.orgs.b, w.members.b, w.orgs.a],
    ] as const) {
      const list = await page(t, `/organisations/${org}/campaigns`, member);
      expect(list.html).toContain('Kim Kandidat');
      const detail = await page(t, `/organisations/${org}/campaign-applications/${applicationId}`, member);
      expect(detail.status).toBe(200);
      expect(detail.html).toContain('https://example.se/kim');
      for (const html of [list.html, detail.html]) {
        expect(html).not.toContain(`Organisation ${other}`);
        expect(html).not.toContain(`Organisation ${w.orgs.c}`);
      }
    }
    const third = await page(t, `/organisations/${w.orgs.c}/campaigns`, w.members.c);
    expect(third.html).not.toContain('Kim Kandidat');
    expect(
      (await page(t, `/organisations/${w.orgs.c}/campaign-applications/${applicationId}`, w.members.c)).status,
    ).toBe(404);
  });

  it('re-render the application form with every error and the values kept when it is incomplete (422)', async () => {
    const t = await createTestApp();
    const { id } = await world(t);
    const response = await post(t, `/campaigns/${id}/apply`, undefined, [
      ['name', 'Kim'],
      ['email', 'inte-en-adress'],
      ['letter', ''],
      ['cv', 'text'],
      ['earliestStart', '2027-13-01'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const field of ['email', 'organisationIds', 'letter', 'earliestStart', 'partnerNeedsWork'])
      expect(html).toContain(`href="#field-${field}"`);
    expect(html).toContain('value="Kim"');
    expect(await t.deps.db.selectFrom('campaign_applications').select('id').execute()).toEqual([]);
  });

  it('re-render the application form with the limit named at the address (429) past the sign-in links’ limit, and store nothing more', async () => {
    const t = await createTestApp();
    const { w, id } = await world(t);
    const form: [string, string][] = [
      ['name', 'Kim Kandidat'],
      ['email', 'kim@example.se'],
      ['organisationIds', w.orgs.a],
      ['letter', 'Jag vill flytta hit.'],
      ['cv', 'https://example.se/kim'],
      ['earliestStart', '2027-03-01'],
      ['partnerNeedsWork', 'no'],
    ];
    for (let i = 0; i < 5; i++) expect((await post(t, `/campaigns/${id}/apply`, undefined, form)).status).toBe(303);
    const refused = await post(t, `/campaigns/${id}/apply`, undefined, form);
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain('href="#field-email"');
    expect(html).toContain('value="Kim Kandidat"');
    expect(await t.deps.db.selectFrom('campaign_applications').select('id').execute()).toHaveLength(5);
  });

  it('show in public only the organisations that confirmed, with their posts, in Swedish and English', async () => {
    const t = await createTestApp();
    const { w, id } = await world(t);
    const sv = await page(t, `/campaigns/${id}`);
    const en = await page(t, `/campaigns/${id}`, undefined, 'en');
    expect(sv.html).toContain('12 roller inom inbyggda system');
    expect(en.html).toContain('12 embedded and cybersecurity roles');
    for (const { html } of [sv, en]) {
      expect(html).toContain(`Organisation ${w.orgs.a}`);
      expect(html).toContain(`Organisation ${w.orgs.b}`);
      expect(html).not.toContain(`Organisation ${w.orgs.c}`);
    }
    const list = await page(t, '/campaigns');
    expect(list.html).toContain(`/campaigns/${id}`);
    expect(list.html).toContain('5 tjänster hos 2 arbetsgivare');
  });

  it('let an organisation confirm or decline a line from its page, and re-render with the error when posts are missing', async () => {
    const t = await createTestApp();
    const { w, cLine } = await world(t);
    const missing = await post(t, `/organisations/${w.orgs.c}/campaign-lines/${cLine.id}`, w.members.c, [
      ['version', '1'],
      ['decision', 'confirm'],
      ['posts', ''],
    ]);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Skriv hur många tjänster ni annonserar');
    const declined = await post(t, `/organisations/${w.orgs.c}/campaign-lines/${cLine.id}`, w.members.c, [
      ['version', '1'],
      ['decision', 'decline'],
    ]);
    expect(declined.status).toBe(303);
    const line = await t.deps.db
      .selectFrom('campaign_lines')
      .select('status')
      .where('id', '=', cLine.id)
      .executeTakeFirst();
    expect(line?.status).toBe('declined');
  });

  it('let the secretariat bundle proposed lines into a campaign through the form and see its figures, marked internal', async () => {
    const t = await createTestApp();
    const w = await campaignWorld(t);
    const form = await page(t, '/admin/campaigns/new', w.secretariat);
    expect(form.html).toContain(`value="${w.lines.a}"`);
    expect(form.html).not.toContain(`value="${w.lines.aTrain}"`);
    const created = await post(t, '/admin/campaigns/new', w.secretariat, [
      ['lineIds', w.lines.a],
      ['lineIds', w.lines.c],
      ['titleSv', 'Utvecklare i Karlskrona'],
      ['titleEn', 'Developers in Karlskrona'],
      ['descriptionSv', 'Två arbetsgivare söker utvecklare.'],
      ['descriptionEn', 'Two employers are looking for developers.'],
      ['occupations', '2512'],
      ['kommuner', '1080'],
      ['opensOn', '2026-12-01'],
      ['closesOn', '2027-02-28'],
    ]);
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    const tracking = await page(t, location.split('?')[0] ?? '', w.secretariat);
    expect(tracking.html).toContain('Internt');
    expect(tracking.html).toContain(`Organisation ${w.orgs.c}`);
    const bad = await post(t, '/admin/campaigns/new', w.secretariat, [['titleSv', '']]);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('href="#field-lineIds"');
  });

  it('sign a visitor up for a visit day from the campaign page', async () => {
    const t = await createTestApp();
    const { w, id } = await world(t);
    const added = await send(t, 'POST', `/api/v1/campaigns/${id}/visit-days`, w.secretariat, {
      date: '2027-01-14',
      place: 'Campus Gräsvik',
      limit: 10,
    });
    const dayId = ((await added.json()) as { visitDays: { id: string }[] }).visitDays[0]?.id ?? '';
    const response = await post(t, `/campaigns/${id}/visit-days`, undefined, [
      ['dayId', dayId],
      ['name', 'Vera Besökare'],
      ['email', 'vera@example.se'],
    ]);
    expect(response.status).toBe(303);
    expect((await page(t, `/campaigns/${id}?notice=signedUp`)).html).toContain('1 av 10 platser bokade');
  });

  it('give a newcomer one demo campaign with two confirmed organisations, a visit day and one application routed to both', async () => {
    const t = await createTestApp();
    await seedDemo(t.database, new Date('2026-11-28T09:00:00Z'));
    const list = await page(t, '/campaigns');
    expect(list.html).toContain(`/campaigns/${DEMO_CAMPAIGN_ID}`);
    const campaign = await page(t, `/campaigns/${DEMO_CAMPAIGN_ID}`);
    expect(campaign.html).toContain('Hamnvarvet, Karlskrona');
    expect(campaign.html).toContain('0 av 25 platser bokade');
    for (const [org, member] of [
      ['demo-org-hamnvarvet', 'demo-user-anna'],
      ['demo-org-kodkusten', 'demo-user-lina'],
    ] as const) {
      const html = (await page(t, `/organisations/${org}/campaigns`, await signInExisting(t, member))).html;
      expect(html).toContain('Klara Kandidat (demo)');
    }
  });
});
