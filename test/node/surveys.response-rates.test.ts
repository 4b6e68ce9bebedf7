import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { addContact, answers, createRound, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Sixty organisations with random attributes (a seeded generator, so a failure can be replayed),
 * some of which submit and some only save a draft; the API's figures must equal a direct count.
 */
let t: TestApp;
let admin: SignedInPerson;
let roundId: string;
const SECTORS = ['naringsliv', 'offentlig', 'akademi', 'civilsamhalle'];
const SIZES = ['0', '1-9', '10-49', '50-249', '250+'];
const MUNICIPALITIES = ['1060', '1080', '1081', '1082', '1083'];
const DIVISIONS = ['62', '30', '85', '10', '41', '86'];
interface Generated {
  id: string;
  sector: string;
  sizeClass: string;
  municipality: string;
  sni: string;
  state: 'none' | 'draft' | 'submitted';
  contacts: string[];
  /** Had a contact when the round opened, so was invited. */
  invited?: boolean;
}
const generated: Generated[] = [];

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInSecretariat(t);
  const next = random(2027);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  for (let i = 0; i < 60; i++) {
    const org: Generated = {
      id: `org-${String(i).padStart(2, '0')}`,
      sector: pick(SECTORS),
      sizeClass: pick(SIZES),
      municipality: pick(MUNICIPALITIES),
      sni: pick(DIVISIONS),
      state: pick(['none', 'draft', 'submitted', 'submitted'] as const),
      contacts: [],
    };
    await createOrganisation(t, org.id, {
      orgNumber: orgNumber(500 + i),
      sector: org.sector,
      sizeClass: org.sizeClass,
      municipality: org.municipality,
      sni: org.sni,
    });
    if (next() < 0.8) org.contacts.push(await addContact(t, org.id));
    generated.push(org);
  }
  roundId = await createRound(t, admin);
  await send(t, 'POST', `/api/v1/rounds/${roundId}/open`, admin);
  for (const org of generated) org.invited = org.contacts.length > 0;
  for (const org of generated.filter((o) => o.state !== 'none')) {
    const member = await signIn(t, { memberships: [{ organisationId: org.id }] });
    org.contacts = [...org.contacts, member.email].sort();
    const document = { organisation: answers, needs: [need()] };
    if (org.state === 'submitted') await submit(t, member, roundId, org.id, document);
    else await send(t, 'PUT', `/api/v1/rounds/${roundId}/responses/${org.id}`, member, { version: 0, ...document });
  }
});

function directCount(key: (o: Generated) => string) {
  const cells = new Map<string, { targeted: number; submitted: number }>();
  for (const org of generated) {
    const cell = cells.get(key(org)) ?? { targeted: 0, submitted: 0 };
    cell.targeted++;
    if (org.state === 'submitted') cell.submitted++;
    cells.set(key(org), cell);
  }
  return [...cells.entries()].map(([k, v]) => ({ key: k, ...v })).sort((a, b) => a.key.localeCompare(b.key));
}

describe('response rates', () => {
  it('equal a direct count of the generated organisations, overall and by every dimension', async () => {
    const sections = new Map(
      (await t.deps.db.selectFrom('sni').select(['code', 'parent_code']).where('code', 'in', DIVISIONS).execute()).map(
        (s) => [s.code, s.parent_code ?? ''],
      ),
    );
    const response = await send(t, 'GET', `/api/v1/rounds/${roundId}/response-rates`, admin);
    expect(response.status).toBe(200);
    const rates = (await response.json()) as {
      overall: { targeted: number; submitted: number };
      by: Record<string, { key: string; targeted: number; submitted: number }[]>;
    };
    expect(rates.overall).toEqual({
      targeted: 60,
      submitted: generated.filter((o) => o.state === 'submitted').length,
    });
    const strip = (cells: { key: string; targeted: number; submitted: number }[] | undefined) =>
      (cells ?? []).map(({ key, targeted, submitted }) => ({ key, targeted, submitted }));
    expect(strip(rates.by.sector)).toEqual(directCount((o) => o.sector));
    expect(strip(rates.by.sizeClass)).toEqual(directCount((o) => o.sizeClass));
    expect(strip(rates.by.municipality)).toEqual(directCount((o) => o.municipality));
    expect(strip(rates.by.sniSection)).toEqual(directCount((o) => sections.get(o.sni) ?? ''));
    expect(rates.by.municipality?.find((c) => c.key === '1080')).toMatchObject({ name: 'Karlskrona' });
  });

  it('list the non-responders with their contacts, a draft told from nothing saved', async () => {
    const response = await send(t, 'GET', `/api/v1/rounds/${roundId}/non-responders?limit=1000`, admin);
    const body = (await response.json()) as {
      items: { organisationId: string; status: string; contacts: { email: string }[]; invitedAt: string | null }[];
      nextCursor: string | null;
    };
    const expected = generated.filter((o) => o.state !== 'submitted');
    expect(body.items.map((i) => i.organisationId).sort()).toEqual(expected.map((o) => o.id).sort());
    for (const item of body.items) {
      const org = generated.find((o) => o.id === item.organisationId);
      expect(item.status).toBe(org?.state === 'draft' ? 'draft' : 'not-started');
      expect(item.contacts.map((c) => c.email)).toEqual(org?.contacts);
      expect(item.invitedAt !== null).toBe(org?.invited);
    }
    expect(body.nextCursor).toBeNull();
  });

  it('page through the non-responders with a cursor', async () => {
    const first = (await (await send(t, 'GET', `/api/v1/rounds/${roundId}/non-responders?limit=5`, admin)).json()) as {
      items: { organisationId: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(5);
    const second = (await (
      await send(t, 'GET', `/api/v1/rounds/${roundId}/non-responders?limit=5&cursor=${first.nextCursor}`, admin)
    ).json()) as { items: { organisationId: string }[] };
    expect(second.items[0]?.organisationId).not.toBe(first.items[0]?.organisationId);
    expect(new Set([...first.items, ...second.items].map((i) => i.organisationId)).size).toBe(10);
  });

  it('are for the secretariat only', async () => {
    const member = await signIn(t, { memberships: [{ organisationId: 'org-01' }] });
    expect((await send(t, 'GET', `/api/v1/rounds/${roundId}/response-rates`, member)).status).toBe(403);
    expect((await send(t, 'GET', `/api/v1/rounds/${roundId}/non-responders`, member)).status).toBe(403);
    expect((await send(t, 'GET', '/api/v1/rounds/nope/response-rates', admin)).status).toBe(404);
  });
});
