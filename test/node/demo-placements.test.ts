import { beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { seedDemo } from '../../src/node/database.ts';
import { DEMO_PLACEMENTS } from '../../src/seed/demo-placements.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';

/**
 * The demo's placements (src/seed/demo-placements.ts): a newcomer finds them at /placements, by a
 * word of an occupation's or a skill's name as with any published placement, and they are built
 * from real concepts that JobTech relates to each other.
 */
let t: TestApp;
const SEEDED = new Date('2026-11-28T10:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-29T09:00:00Z') });
  await seedDemo(t.database, SEEDED);
});

const count = (query: string) => (t.database.sqlite.raw.prepare(query).get() as { n: number }).n;

interface Listed {
  id: string;
  title: string;
  organisationId: string;
  applyBy: string;
}

async function search(q = '') {
  const response = await request(t.app, `/api/v1/placements?${new URLSearchParams({ q, limit: '100' })}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Listed[] }).items;
}

describe('the demo placements', () => {
  it('are open to anyone, one for each definition, from demo organisations, with deadlines after the seeding day', async () => {
    const items = await search();
    expect(items).toHaveLength(DEMO_PLACEMENTS.length);
    expect(items.every((p) => p.organisationId.startsWith('demo-org-'))).toBe(true);
    expect(items.every((p) => p.applyBy > '2026-11-28')).toBe(true);
    const page = await request(t.app, '/placements', { headers: { cookie: 'lang=sv' } });
    expect(await page.text()).toContain('Traineeprogram för ingenjörer inom marin teknik');
  });

  it('are found by a word of their skills and occupation names, as a placement published through the API is', async () => {
    // "frågespråk" is only in the skill's name ("SQL, frågespråk"), "gasskärare" only in the occupation's.
    expect((await search('frågespråk')).map((p) => p.title)).toEqual(['Examensarbete: maskininlärning på AIS-data']);
    expect((await search('gasskärare')).map((p) => p.title)).toEqual(['Sommarjobb som svetsare på varvet']);
  });

  it('use real occupations, skills that JobTech relates to them, and real focus areas and kommuner', () => {
    expect(
      count(`SELECT count(*) AS n FROM placement_skills s JOIN placements p ON p.id = s.placement_id
             WHERE NOT EXISTS (SELECT 1 FROM occupation_skills os WHERE os.occupation_id = p.occupation_id AND os.skill_id = s.skill_id)`),
    ).toBe(0);
    expect(count('SELECT count(*) AS n FROM placement_skills')).toBe(DEMO_PLACEMENTS.flatMap((p) => p.skills).length);
    expect(
      count(`SELECT count(*) AS n FROM placement_focus f WHERE NOT EXISTS
             (SELECT 1 FROM focus_areas a WHERE a.code = f.focus_area_code AND a.specialisation_code = f.specialisation_code)`),
    ).toBe(0);
    expect(
      count(`SELECT count(*) AS n FROM placements WHERE municipality_code NOT IN
             (SELECT code FROM municipalities WHERE county_code = '10')`),
    ).toBe(0);
  });

  it('rank for the demo student Samir at once, after signing in, with the reason for each', async () => {
    const email = 'samir.student@kompetensbron.example';
    const json = { 'content-type': 'application/json' };
    const asked = await request(t.app, '/api/v1/auth/sign-in-links', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email }),
    });
    expect(asked.status).toBe(202);
    const [mail] = await listOutbox(t.deps.db, email);
    const token = new URL(mail?.links[0] ?? 'http://x').searchParams.get('token') ?? '';
    const session = await request(t.app, '/api/v1/auth/sessions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token }),
    });
    expect(session.status).toBe(201);
    const cookie = /__Host-session=[^;]+/.exec(session.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const response = await request(t.app, '/api/v1/placements/recommended', { headers: { cookie } });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { title: string; reason: string }[] };
    expect(items[0]?.title).toBe('LIA: webbutveckling med Python och JavaScript');
    expect(items[0]?.reason).toContain('Python');
    expect(items[0]?.reason).toContain('Karlskrona');
    // The welding summer job shares nothing with a software developer's profile.
    expect(items.map((i) => i.title)).not.toContain('Sommarjobb som svetsare på varvet');
  });

  it('are left as they are when the demo is seeded again later, search words and all', async () => {
    const before = {
      placements: t.database.sqlite.raw.prepare('SELECT * FROM placements ORDER BY id').all(),
      terms: count('SELECT count(*) AS n FROM placement_terms'),
      catalogue: count("SELECT version AS n FROM data_versions WHERE name = 'placements'"),
    };
    const again = await seedDemo(t.database, new Date('2027-01-15T10:00:00Z'));
    expect(again.changes).toBe(0);
    expect(t.database.sqlite.raw.prepare('SELECT * FROM placements ORDER BY id').all()).toEqual(before.placements);
    expect(count('SELECT count(*) AS n FROM placement_terms')).toBe(before.terms);
    expect(count("SELECT version AS n FROM data_versions WHERE name = 'placements'")).toBe(before.catalogue);
  });
});
