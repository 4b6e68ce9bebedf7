import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signIn, signInExisting } from '../support/auth.ts';
import { getPage, postForm } from '../support/pages.ts';
import { send } from '../support/rounds.ts';
import { createOrganisation, orgNumber } from '../support/surveys.ts';

/**
 * The recruitment network's pages (decision 0037) through HTTP: the public page, the organisation's
 * page (join with the terms, leave, pledges, records) and the secretariat's follow-up. The clock
 * stands at 2026-11-28.
 */

const post = postForm;
const page = getPage;

async function world(t: TestApp) {
  const orgA = await createOrganisation(t, 'Hamnvarvet', { orgNumber: orgNumber(1301) });
  const orgB = await createOrganisation(t, 'Kustkraft', { orgNumber: orgNumber(1303) });
  return {
    orgA,
    orgB,
    memberA: await signIn(t, { memberships: [{ organisationId: orgA }] }),
    memberB: await signIn(t, { memberships: [{ organisationId: orgB }] }),
    secretariat: await signIn(t, { roles: ['secretariat'] }),
  };
}

const JOIN: [string, string][] = [
  ['termsVersion', '2026-12'],
  ['acceptTerms', 'true'],
];
const PLEDGE: [string, string][] = [
  ['text', 'Vi intervjuar en partner per kvartal'],
  ['kind', 'interview'],
  ['count', '1'],
  ['cadence', 'quarter'],
];

const pledgeIds = async (t: TestApp) =>
  (await t.deps.db.selectFrom('network_pledges').select(['id', 'ended_at']).orderBy('created_at').execute()).map(
    (p) => p.id,
  );

describe('the recruitment network’s pages', () => {
  it('tell anyone what the network is and why, list the members and show only the total of pledges kept, in Swedish and English', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, JOIN);
    const shown = await page(t, '/network');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(sv['network.lead']);
    expect(shown.html).toContain(sv['network.page.why']);
    expect(shown.html).toContain('Organisation Hamnvarvet');
    expect(shown.html).not.toContain('Organisation Kustkraft');
    expect(shown.html).toContain(sv['network.page.kept.none'].replace('{pledges}', '0'));
    // Nobody signed in: no organisation to join for.
    expect(shown.html).not.toContain(`/organisations/${w.orgA}/network`);
    const english = await page(t, '/network', undefined, 'en');
    expect(english.html).toContain(en['network.lead']);
    expect(english.html).toContain(en['network.page.why.title']);
  });

  it('link an organisation’s member from the public page to joining, or to the pledges once a member', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, JOIN);
    const forA = await page(t, '/network', w.memberA);
    expect(forA.html).toContain(`href="/organisations/${w.orgA}/network"`);
    expect(forA.html).toContain(sv['network.page.yours.member'].replace('{organisation}', 'Organisation Hamnvarvet'));
    const forB = await page(t, '/network', w.memberB);
    expect(forB.html).toContain(`href="/organisations/${w.orgB}/network"`);
    expect(forB.html).toContain(sv['network.page.yours.join'].replace('{organisation}', 'Organisation Kustkraft'));
  });

  it('show the joint-controller terms in full, refuse joining without the tick and re-render the page with the error, then join with it', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const before = await page(t, `/organisations/${w.orgA}/network`, w.memberA);
    expect(before.status).toBe(200);
    for (const key of [
      'network.terms.intro',
      'network.terms.member.1',
      'network.terms.member.2',
      'network.terms.member.3',
      'network.terms.member.4',
      'network.terms.region.1',
      'network.terms.region.2',
      'network.terms.region.3',
      'network.terms.rights',
      'network.terms.publicName',
    ] as const)
      expect(before.html).toContain(sv[key]);
    expect(before.html).toContain(`action="/organisations/${w.orgA}/network/join"`);

    const unticked = await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, [['termsVersion', '2026-12']]);
    expect(unticked.status).toBe(422);
    const html = await unticked.text();
    expect(html).toContain(sv['network.validation.terms']);
    expect(html).toContain('href="#field-acceptTerms"');
    expect(html).toContain(sv['network.terms.member.1']);
    expect(await t.deps.db.selectFrom('network_members').select('id').execute()).toEqual([]);

    const old = await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, [
      ['termsVersion', '2020-01'],
      ['acceptTerms', 'true'],
    ]);
    expect(old.status).toBe(422);
    expect(await old.text()).toContain(sv['network.validation.termsOld']);

    const joined = await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, JOIN);
    expect(joined.status).toBe(303);
    expect(joined.headers.get('location')).toBe(`/organisations/${w.orgA}/network?notice=joined`);
    const after = await page(t, `/organisations/${w.orgA}/network?notice=joined`, w.memberA);
    expect(after.html).toContain(sv['network.join.done']);
    expect(after.html).not.toContain('/network/join"');
    expect(after.html).toContain(sv['network.pledges.add']);
    const english = await page(t, `/organisations/${w.orgA}/network`, w.memberA, 'en');
    expect(english.html).toContain(en['network.pledges.add']);
    expect(english.html).toContain(en['network.leave.title']);
  });

  it('make a pledge from the form (errors re-rendered in place), record an interview against it and end it', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, JOIN);
    const wrong = await post(t, `/organisations/${w.orgA}/network/pledges`, w.memberA, [
      ['text', 'Vi hör av oss'],
      ['kind', 'contact'],
      ['count', '0'],
      ['cadence', 'quarter'],
    ]);
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain(sv['network.validation.pledgeCount']);
    expect(wrongHtml).toContain('value="Vi hör av oss"');
    expect(wrongHtml).toMatch(/value="contact" checked/);
    expect(await pledgeIds(t)).toEqual([]);

    const made = await post(t, `/organisations/${w.orgA}/network/pledges`, w.memberA, PLEDGE);
    expect(made.headers.get('location')).toBe(`/organisations/${w.orgA}/network?notice=made`);
    const [pledgeId = ''] = await pledgeIds(t);
    const listed = await page(t, `/organisations/${w.orgA}/network`, w.memberA);
    expect(listed.html).toContain('Vi intervjuar en partner per kvartal');
    expect(listed.html).toContain(sv['network.pledges.progress'].replace('{done}', '0').replace('{count}', '1'));
    expect(listed.html).toContain(`href="/organisations/${w.orgA}/network/pledges/${pledgeId}"`);

    const form = await page(t, `/organisations/${w.orgA}/network/pledges/${pledgeId}`, w.memberA);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="2026-11-28"');
    const future = await post(t, `/organisations/${w.orgA}/network/pledges/${pledgeId}`, w.memberA, [
      ['kind', 'interview'],
      ['doneOn', '2026-12-24'],
      ['note', 'Bra samtal'],
    ]);
    expect(future.status).toBe(422);
    const futureHtml = await future.text();
    expect(futureHtml).toContain(sv['network.validation.doneOnFuture']);
    expect(futureHtml).toContain('Bra samtal');
    const recorded = await post(t, `/organisations/${w.orgA}/network/pledges/${pledgeId}`, w.memberA, [
      ['kind', 'interview'],
      ['doneOn', '2026-11-20'],
      ['note', 'Bra samtal'],
    ]);
    expect(recorded.headers.get('location')).toBe(`/organisations/${w.orgA}/network?notice=recorded`);
    expect((await page(t, `/organisations/${w.orgA}/network`, w.memberA)).html).toContain(
      sv['network.pledges.progress'].replace('{done}', '1').replace('{count}', '1'),
    );
    // Another organisation's member neither sees nor records against it.
    expect((await page(t, `/organisations/${w.orgA}/network/pledges/${pledgeId}`, w.memberB)).status).toBe(404);

    const ended = await post(t, `/organisations/${w.orgA}/network/pledges/${pledgeId}/end`, w.memberA, []);
    expect(ended.headers.get('location')).toBe(`/organisations/${w.orgA}/network?notice=ended`);
    const row = await t.deps.db.selectFrom('network_pledges').select('ended_at').executeTakeFirstOrThrow();
    expect(row.ended_at).toBe('2026-11-28T09:00:00.000Z');
    expect((await page(t, `/organisations/${w.orgA}/network`, w.memberA)).html).toContain(sv['network.pledges.empty']);
  });

  it('leave the network only with the confirmation ticked, which ends the pledges and takes the organisation off the public list', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, JOIN);
    await post(t, `/organisations/${w.orgA}/network/pledges`, w.memberA, PLEDGE);
    const unticked = await post(t, `/organisations/${w.orgA}/network/leave`, w.memberA, []);
    expect(unticked.status).toBe(422);
    expect(await unticked.text()).toContain(sv['network.validation.leaveConfirm']);
    expect((await page(t, '/network')).html).toContain('Organisation Hamnvarvet');

    const left = await post(t, `/organisations/${w.orgA}/network/leave`, w.memberA, [['confirm', 'true']]);
    expect(left.headers.get('location')).toBe(`/organisations/${w.orgA}/network?notice=left`);
    expect((await page(t, '/network')).html).not.toContain('Organisation Hamnvarvet');
    const pledge = await t.deps.db.selectFrom('network_pledges').select('ended_at').executeTakeFirstOrThrow();
    expect(pledge.ended_at).not.toBeNull();
    const after = await page(t, `/organisations/${w.orgA}/network?notice=left`, w.memberA);
    expect(after.html).toContain(sv['network.leave.done']);
    expect(after.html).toContain(sv['network.org.notMember']);
  });

  it('give the secretariat every member’s pledges this and last period with the overdue flagged, linked from the admin page; a member gets 403', async () => {
    const t = await createTestApp({ now: new Date('2026-09-15T09:00:00Z') });
    const w = await world(t);
    await post(t, `/organisations/${w.orgA}/network/join`, w.memberA, JOIN);
    await post(t, `/organisations/${w.orgB}/network/join`, w.memberB, JOIN);
    await post(t, `/organisations/${w.orgA}/network/pledges`, w.memberA, PLEDGE);
    await post(t, `/organisations/${w.orgB}/network/pledges`, w.memberB, [
      ['text', 'Vi tar kontakt med två partner per kvartal'],
      ['kind', 'contact'],
      ['count', '2'],
      ['cadence', 'quarter'],
    ]);
    const [pledgeA = '', pledgeB = ''] = await pledgeIds(t);
    t.setNow(new Date('2026-11-20T09:00:00Z'));
    w.memberA = await signInExisting(t, w.memberA.userId);
    w.memberB = await signInExisting(t, w.memberB.userId);
    await post(t, `/organisations/${w.orgA}/network/pledges/${pledgeA}`, w.memberA, [
      ['kind', 'interview'],
      ['doneOn', '2026-11-19'],
    ]);
    await post(t, `/organisations/${w.orgB}/network/pledges/${pledgeB}`, w.memberB, [
      ['kind', 'contact'],
      ['doneOn', '2026-10-02'],
    ]);
    // In the first quarter of 2027 the fourth quarter is judged: A kept its pledge, B did not.
    t.setNow(new Date('2027-01-10T09:00:00Z'));
    const secretariat = await signInExisting(t, w.secretariat.userId);
    const memberA = await signInExisting(t, w.memberA.userId);

    const admin = await page(t, '/admin', secretariat);
    expect(admin.html).toContain('href="/admin/network"');
    const followUp = await page(t, '/admin/network', secretariat);
    expect(followUp.status).toBe(200);
    expect(followUp.html).toContain('Organisation Hamnvarvet');
    expect(followUp.html).toContain('Vi tar kontakt med två partner per kvartal');
    expect(followUp.html).toContain(sv['network.pledges.previous'].replace('{done}', '1').replace('{count}', '1'));
    expect(followUp.html).toContain(sv['network.pledges.previous'].replace('{done}', '1').replace('{count}', '2'));
    // One overdue pledge (B's), flagged once.
    expect(followUp.html.split(sv['network.pledges.overdue']).length - 1).toBe(1);
    expect((await page(t, '/admin/network', secretariat, 'en')).html).toContain(en['network.followUp.lead']);
    // The public page shows the total only: one of two kept.
    const open = await page(t, '/network');
    expect(open.html).toContain(
      sv['network.page.kept'].replace('{pledges}', '2').replace('{judged}', '2').replace('{kept}', '1'),
    );
    expect(open.html).not.toContain('Vi tar kontakt med två partner per kvartal');

    expect((await page(t, '/admin/network', memberA)).status).toBe(403);
    // The secretariat reads an organisation's page but does not act for it.
    const readOnly = await page(t, `/organisations/${w.orgA}/network`, secretariat);
    expect(readOnly.status).toBe(200);
    expect(readOnly.html).toContain(sv['network.page.readOnly']);
    expect(readOnly.html).not.toContain('/network/leave"');
    expect((await post(t, `/organisations/${w.orgA}/network/pledges/${pledgeA}/end`, secretariat, [])).status).toBe(
      403,
    );
  });

  it('link the network page from the organisation’s member page', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const org = await page(t, `/organisations/${w.orgA}`, w.memberA);
    expect(org.html).toContain(`href="/organisations/${w.orgA}/network"`);
    expect((await send(t, 'GET', `/organisations/${w.orgA}/network`, w.memberB)).status).toBe(404);
  });
});
