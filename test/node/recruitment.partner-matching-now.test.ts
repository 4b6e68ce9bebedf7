import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { SignedInPerson } from '../support/auth.ts';
import { caseWithInvitedPartner, householdPerson, PARTNER_EMAIL } from '../support/partners.ts';
import { send } from '../support/rounds.ts';

/**
 * Matching runs for a profile as soon as the partner writes it (decision 0031): a saved profile, a
 * consent given or renewed makes the organisation's anonymous notice appear without the daily job,
 * and a withdrawn consent takes an unanswered notice away at once.
 */

const profile = {
  occupationIds: ['DJh5_yyF_hEM'], // the software developers organisation A recruits from outside
  skillIds: [],
  languages: ['sv'],
  earliestStart: null,
  kommuner: ['1080', '1081', '1082', '1083', '1060'],
  workModes: ['on-site', 'hybrid', 'remote'],
  about: '',
};

async function noticeIds(t: TestApp, org: string, who: SignedInPerson): Promise<string[]> {
  const response = await send(t, 'GET', `/api/v1/organisations/${org}/partner-notices`, who);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items.map((n) => n.id);
}

async function world(t: TestApp) {
  const w = await caseWithInvitedPartner(t);
  const partner = await householdPerson(t, PARTNER_EMAIL);
  await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, partner);
  return { ...w, partner };
}

describe('matching after the partner’s own write', () => {
  it('shows the organisation a notice at once when the partner shares the profile with it to be considered', async () => {
    const t = await createTestApp();
    const w = await world(t);
    expect((await send(t, 'PUT', '/api/v1/me/partner-profile', w.partner, profile)).status).toBe(200);
    expect(await noticeIds(t, w.orgA, w.memberA)).toEqual([]);
    const shared = await send(t, 'POST', '/api/v1/me/partner-profile/consents', w.partner, {
      recipient: 'organisation',
      organisationId: w.orgA,
      purpose: 'consider',
      months: 6,
    });
    expect(shared.status).toBe(201);
    expect(await noticeIds(t, w.orgA, w.memberA)).toHaveLength(1);
    // Only for "consider": sharing with B to inform the partner sends B nothing.
    await send(t, 'POST', '/api/v1/me/partner-profile/consents', w.partner, {
      recipient: 'organisation',
      organisationId: w.orgB,
      purpose: 'inform',
      months: 6,
    });
    expect(await noticeIds(t, w.orgB, w.memberB)).toEqual([]);
  });

  it('takes an unanswered notice away at once when every consent is withdrawn', async () => {
    const t = await createTestApp();
    const w = await world(t);
    await send(t, 'PUT', '/api/v1/me/partner-profile', w.partner, profile);
    await send(t, 'POST', '/api/v1/me/partner-profile/consents', w.partner, {
      recipient: 'organisation',
      organisationId: w.orgA,
      purpose: 'consider',
      months: 12,
    });
    expect(await noticeIds(t, w.orgA, w.memberA)).toHaveLength(1);
    expect((await send(t, 'DELETE', '/api/v1/me/partner-profile/consents', w.partner)).status).toBe(204);
    expect(await noticeIds(t, w.orgA, w.memberA)).toEqual([]);
  });

  it('renews the notice when a profile that matched nothing is saved so that it matches', async () => {
    const t = await createTestApp();
    const w = await world(t);
    const welder = { ...profile, occupationIds: ['wQ1E_Bzk_ZyA'] };
    await send(t, 'PUT', '/api/v1/me/partner-profile', w.partner, welder);
    await send(t, 'POST', '/api/v1/me/partner-profile/consents', w.partner, {
      recipient: 'organisation',
      organisationId: w.orgA,
      purpose: 'consider',
      months: 6,
    });
    expect(await noticeIds(t, w.orgA, w.memberA)).toEqual([]);
    expect((await send(t, 'PUT', '/api/v1/me/partner-profile', w.partner, profile)).status).toBe(200);
    expect(await noticeIds(t, w.orgA, w.memberA)).toHaveLength(1);
  });
});
