import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { refreshNotices } from '../../src/recruitment/matching/run.ts';
import { DEMO_PARTNER_PROFILE_ID } from '../../src/seed/demo-partners.ts';
import { createTestApp } from '../support/app.ts';
import { signInExisting } from '../support/auth.ts';
import { send } from '../support/rounds.ts';

/** The demo partner (decision 0034): a profile shared with the network, two members, a pledge, a notice. */

describe('the demo partner', () => {
  it('is the demo household’s accepted partner, shares a software developer’s profile with the network, and gives Kodkusten a notice that the matching job keeps', async () => {
    const t = await createTestApp();
    await seedDemo(t.database, new Date('2026-11-28T09:00:00Z'));
    const maja = await signInExisting(t, 'demo-user-maja');
    const own = (await (await send(t, 'GET', '/api/v1/me/partner-profile', maja)).json()) as {
      profile: { occupations: { id: string }[]; consents: { recipient: string; purpose: string; valid: boolean }[] };
    };
    expect(own.profile.occupations.map((o) => o.id)).toEqual(['DJh5_yyF_hEM']);
    expect(own.profile.consents).toMatchObject([{ recipient: 'network', purpose: 'consider', valid: true }]);
    const kase = await send(t, 'GET', '/api/v1/move-cases/demo-move-case-1', maja);
    expect(kase.status).toBe(200);

    const network = (await (await send(t, 'GET', '/api/v1/network', undefined)).json()) as {
      members: { name: string }[];
    };
    expect(network.members).toHaveLength(2);

    const lina = await signInExisting(t, 'demo-user-lina');
    const notices = async () =>
      (
        (await (await send(t, 'GET', '/api/v1/organisations/demo-org-kodkusten/partner-notices', lina)).json()) as {
          items: { id: string; contact: unknown }[];
        }
      ).items;
    expect((await notices()).map((n) => [n.id, n.contact])).toEqual([['demo-partner-notice-1', null]]);
    // Matching this profile now keeps the notice (it matches Kodkusten's need line) and adds no other.
    expect(await refreshNotices(t.deps, DEMO_PARTNER_PROFILE_ID, t.deps.now())).toEqual({ sent: 0, removed: 0 });
    expect((await notices()).map((n) => n.id)).toEqual(['demo-partner-notice-1']);
  });
});
