import { beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import type { SignedInPerson } from '../support/auth.ts';
import { api, OCC, organisationWithMember, placementBody, publish, SKILL } from '../support/placements.ts';

/**
 * Placement search by the start of a word and by a part of a Swedish compound, ranked
 * (issue 18; docs/decisions/0025-placement-text-search.md).
 */
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

const ids = async (query: string) => {
  const response = await api(t, 'GET', `/api/v1/placements?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items.map((i) => i.id);
};
const found = (q: string) => ids(new URLSearchParams({ q }).toString());

/** A placement whose words are only those of its title and description and of a software developer. */
const plain = (orgId: string, title: string, description: string, applyBy = '2027-01-31') =>
  placementBody(orgId, { title, description, occupationId: OCC.software, skillIds: [], applyBy });

async function welderAndPython(member: SignedInPerson, orgId: string) {
  const welder = await publish(t, member, plain(orgId, 'Sommarjobb som svetsare', 'Du arbetar på varvet.'));
  const python = await publish(
    t,
    member,
    placementBody(orgId, {
      title: 'LIA i mjukvaruutveckling',
      description: 'Du bygger webbtjänster.',
      skillIds: [SKILL.python],
    }),
  );
  return { welder: welder.id, python: python.id };
}

describe('placement search by word start and compound part', () => {
  it('finds "Sommarjobb som svetsare" by svets and sommar, a Python placement by pyth, and a compound by its last part', async () => {
    const { org, member } = await organisationWithMember(t);
    const { welder, python } = await welderAndPython(member, org.id);
    expect(await found('svets')).toEqual([welder]);
    expect(await found('sommar')).toEqual([welder]);
    expect(await found('SOMMAR')).toEqual([welder]);
    expect(await found('pyth')).toEqual([python]);
    expect(await found('jobb')).toEqual([welder]);
    expect(await found('utveckling')).toEqual([python]);
    expect(await found('svetsare')).toEqual([welder]);
    // Three letters or fewer match the start of a word only: "are" is not a part of "svetsare".
    expect(await found('are')).toEqual([]);
    expect(await found('sv')).toEqual([welder]);
    expect(await found('svetsarna')).toEqual([]);
  });

  it('requires every word of the query, each as a start or a part of some word', async () => {
    const { org, member } = await organisationWithMember(t);
    const { welder, python } = await welderAndPython(member, org.id);
    expect(await found('sommar svets')).toEqual([welder]);
    expect(await found('jobb varv')).toEqual([welder]);
    expect(await found('pyth mjukvaru')).toEqual([python]);
    expect(await found('sommar pyth')).toEqual([]);
  });

  it('leaves out words like "och" and "på" when the query has others, and searches them when it has not', async () => {
    const { org, member } = await organisationWithMember(t);
    const { welder, python } = await welderAndPython(member, org.id);
    // The Python placement holds no "på" and no "och": the other words decide.
    expect(await found('pyth på')).toEqual([python]);
    expect(await found('sommarjobb och svetsare')).toEqual([welder]);
    expect(await found('python for')).toEqual([python]);
    // Alone, such a word is what the person asks for: the welder's description says "på varvet".
    expect(await found('på')).toEqual([welder]);
  });

  it('ranks a word start above a compound part and the title above the description, before the deadline', async () => {
    const { org, member } = await organisationWithMember(t);
    const inside = await publish(t, member, plain(org.id, 'Rörsvetsare till verkstaden', 'Montage.', '2027-01-05'));
    const described = await publish(t, member, plain(org.id, 'Montör', 'Du svetsar ibland.', '2027-01-10'));
    const titled = await publish(t, member, plain(org.id, 'Svetsare sökes', 'Verkstad.', '2027-01-20'));
    const whole = await publish(t, member, plain(org.id, 'Lagerarbete', 'Svets och montage.', '2027-01-25'));
    // The whole word, then word starts (title first), then the part inside a compound.
    expect(await found('svets')).toEqual([whole.id, titled.id, described.id, inside.id]);
    // Without words the list stays in deadline order.
    expect(await ids('')).toEqual([inside.id, described.id, titled.id, whole.id]);
    // Pages follow the ranking.
    const first = (await (await api(t, 'GET', '/api/v1/placements?q=svets&limit=3')).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    expect(first.items.map((i) => i.id)).toEqual([whole.id, titled.id, described.id]);
    expect(await ids(`q=svets&limit=3&cursor=${first.nextCursor}`)).toEqual([inside.id]);
  });

  it('never finds a withdrawn placement, and finds an edited one by its new words only', async () => {
    const { org, member } = await organisationWithMember(t);
    const { welder, python } = await welderAndPython(member, org.id);
    const edited = await api(t, 'PATCH', `/api/v1/placements/${welder}`, member, {
      version: 1,
      title: 'Vinterjobb som svetsare',
    });
    expect(edited.status).toBe(200);
    expect(await found('sommar')).toEqual([]);
    expect(await found('vinter')).toEqual([welder]);
    expect((await api(t, 'DELETE', `/api/v1/placements/${python}`, member)).status).toBe(204);
    expect(await found('pyth')).toEqual([]);
    expect(await found('utveckling')).toEqual([]);
    expect((await api(t, 'DELETE', `/api/v1/placements/${welder}`, member)).status).toBe(204);
    expect(await found('svets')).toEqual([]);
    expect(await found('jobb')).toEqual([]);
  });

  it("finds the demo's summer welding job by svets and sommar and a Python placement by pyth, on the page too", async () => {
    await seedDemo(t.database, new Date('2026-11-28T08:00:00Z'));
    const titles = async (q: string) => {
      const response = await request(t.app, `/api/v1/placements?${new URLSearchParams({ q, limit: '100' })}`);
      return ((await response.json()) as { items: { title: string }[] }).items.map((i) => i.title);
    };
    expect((await titles('svets'))[0]).toBe('Sommarjobb som svetsare på varvet');
    expect(await titles('sommar')).toContain('Sommarjobb som svetsare på varvet');
    expect(await titles('pyth')).toContain('LIA: webbutveckling med Python och JavaScript');
    const page = await request(t.app, '/placements?q=svets', { headers: { cookie: 'lang=sv' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sommarjobb som svetsare på varvet');
  });
});
