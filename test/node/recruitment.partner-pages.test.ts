import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { getPage, postForm } from '../support/pages.ts';
import { caseWithInvitedPartner, householdPerson, PARTNER_EMAIL } from '../support/partners.ts';
import { send } from '../support/rounds.ts';

/**
 * The partner's pages (decision 0034): the job profile form, sharing (consents, withdrawal,
 * renewal, the access log, erasure) and the organisation's shared profiles, through HTTP.
 */

const post = postForm;
const page = getPage;

async function world(t: TestApp) {
  const w = await caseWithInvitedPartner(t);
  const partner = await householdPerson(t, PARTNER_EMAIL);
  await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, partner);
  return { ...w, partner };
}

const PROFILE: [string, string][] = [
  ['occupationIds', 'Mjukvaruutvecklare'],
  ['skillIds', ''],
  ['languages', 'sv'],
  ['languages', 'pl'],
  ['earliestStartMonth', '04'],
  ['earliestStartYear', '2027'],
  ['kommuner', '1080'],
  ['kommuner', '1290'],
  ['workModes', 'hybrid'],
  ['about', 'Tio år som utvecklare.'],
];

describe('the partner’s pages', () => {
  it('save the job profile from the form, with a job title resolved to its occupation group, and show it again', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const form = await page(t, '/partner/profile', w.partner);
    expect(form.status).toBe(200);
    expect(form.html).toContain(sv['partnerPage.profile.lead']);
    expect(form.html).toContain('Kommuner i Kronobergs län');
    const saved = await post(t, '/partner/profile', w.partner, PROFILE);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/partner/profile?saved');
    const stored = (await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()) as {
      profile: {
        occupations: { id: string }[];
        languages: string[];
        earliestStart: string;
        kommuner: { code: string }[];
      };
    };
    expect(stored.profile).toMatchObject({
      occupations: [{ id: 'DJh5_yyF_hEM' }],
      languages: ['sv', 'pl'],
      earliestStart: '2027-04',
      kommuner: [{ code: '1080' }, { code: '1290' }],
    });
    const again = await page(t, '/partner/profile?saved', w.partner);
    expect(again.html).toContain(sv['partnerPage.profile.saved']);
    expect(again.html).toMatch(/value="1290" checked/);
    expect(again.html).toContain('Tio år som utvecklare.');
  });

  it('re-render the form with the errors in place when a field is wrong, keeping what was typed', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const wrong = await post(t, '/partner/profile', w.partner, [
      ['occupationIds', ''],
      ['languages', 'sv'],
      ['earliestStartMonth', '04'],
      ['earliestStartYear', ''],
      ['workModes', 'remote'],
      ['about', 'Kvar'],
    ]);
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain(sv['partnerProfile.validation.occupations']);
    expect(html).toContain(sv['partnerProfile.validation.kommuner']);
    expect(html).toContain(sv['partnerPage.validation.earliestStart']);
    expect(html).toContain('Kvar');
    expect((await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).status).toBe(200);
    expect(await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()).toEqual({ profile: null });
  });

  it('tell someone who is no partner of a move case that the profile is not theirs to make', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const shown = await page(t, '/partner/profile', w.memberA);
    expect(shown.html).toContain(sv['partnerPage.profile.notPartner']);
    expect(shown.html).not.toContain('action="/partner/profile"');
  });

  it('share the profile with a named organisation for a purpose, log each view by it, and withdraw, renew and erase it', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await post(t, '/partner/profile', w.partner, PROFILE);
    const sharing = await page(t, '/partner/sharing', w.partner);
    // The case's organisation is offered by name.
    expect(sharing.html).toContain(`<option value="${w.orgA}"`);
    expect(sharing.html).toContain(sv['partnerPage.sharing.purpose.consider']);
    const missing = await post(t, '/partner/sharing', w.partner, [['months', '6']]);
    expect(missing.status).toBe(422);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain(sv['partnerConsent.validation.recipient']);
    expect(missingHtml).toContain(sv['partnerConsent.validation.purpose']);

    const given = await post(t, '/partner/sharing', w.partner, [
      ['recipient', w.orgA],
      ['purpose', 'consider'],
      ['months', '12'],
    ]);
    expect(given.status).toBe(303);
    // The organisation's page reads nothing until the member says why; then it shows and logs the profile.
    const unasked = await page(t, `/organisations/${w.orgA}/partner-profiles`, w.memberA);
    expect(unasked.html).not.toContain('Tio år som utvecklare.');
    const shown = await page(t, `/organisations/${w.orgA}/partner-profiles?purpose=consider`, w.memberA);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Tio år som utvecklare.');
    expect(shown.html).not.toContain(PARTNER_EMAIL);
    expect(shown.html).not.toContain('Pat Partner');
    expect((await page(t, `/organisations/${w.orgA}/partner-profiles?purpose=inform`, w.memberA)).html).toContain(
      sv['partnerPage.org.empty'],
    );
    expect((await page(t, `/organisations/${w.orgB}/partner-profiles?purpose=consider`, w.memberB)).html).not.toContain(
      'Tio år som utvecklare.',
    );

    const log = await page(t, '/partner/sharing', w.partner);
    expect(log.html).toContain(`Organisation ${w.orgA}`);
    expect(log.html).not.toContain(sv['partnerPage.sharing.log.empty']);
    const consentId = /action="\/partner\/sharing\/([^/"]+)\/withdrawal"/.exec(log.html)?.[1] ?? '';
    expect((await post(t, `/partner/sharing/${consentId}/renewal`, w.partner, [])).headers.get('location')).toBe(
      '/partner/sharing?notice=renewed',
    );
    expect((await post(t, `/partner/sharing/${consentId}/withdrawal`, w.partner, [])).status).toBe(303);
    expect((await page(t, `/organisations/${w.orgA}/partner-profiles?purpose=consider`, w.memberA)).html).toContain(
      sv['partnerPage.org.empty'],
    );

    // Erasing asks for the tick first, then takes the profile away in one step.
    const unticked = await post(t, '/partner/profile/erasure', w.partner, []);
    expect(unticked.status).toBe(422);
    expect(await unticked.text()).toContain(sv['partnerPage.validation.confirm']);
    expect(await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()).not.toEqual({ profile: null });
    const erased = await post(t, '/partner/profile/erasure', w.partner, [['confirm', 'true']]);
    expect(erased.headers.get('location')).toBe('/partner/sharing?notice=erased');
    expect(await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()).toEqual({ profile: null });
  });

  it('withdraw every consent in one step from the sharing page', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await post(t, '/partner/profile', w.partner, PROFILE);
    await post(t, '/partner/sharing', w.partner, [
      ['recipient', w.orgA],
      ['purpose', 'consider'],
      ['months', '6'],
    ]);
    await post(t, '/partner/sharing', w.partner, [
      ['recipient', 'network'],
      ['purpose', 'inform'],
      ['months', '6'],
    ]);
    expect((await post(t, '/partner/sharing/withdrawal', w.partner, [])).status).toBe(303);
    const profile = (await (await send(t, 'GET', '/api/v1/me/partner-profile', w.partner)).json()) as {
      profile: { consents: { valid: boolean }[] };
    };
    expect(profile.profile.consents.map((c) => c.valid)).toEqual([false, false]);
  });

  it('are in English too, and link the partner’s move case page to the profile', async () => {
    const t = await createTestApp();
    const w = await world(t);
    expect((await page(t, '/partner/profile', w.partner, 'en')).html).toContain(en['partnerPage.profile.lead']);
    expect((await page(t, '/partner/sharing', w.partner, 'en')).html).toContain(en['partnerPage.sharing.noProfile']);
    const kase = await page(t, `/move-cases/${w.kase.id}`, w.partner);
    expect(kase.html).toContain('href="/partner/profile"');
    const forOrganisation = await page(t, `/move-cases/${w.kase.id}`, w.memberA);
    expect(forOrganisation.html).not.toContain('href="/partner/profile"');
  });
});
