import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { api, OCC, organisationWithMember, placementBody, publish, SKILL } from '../support/placements.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(t.app, path, init);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Occupation {
  id: string;
  ssyk: string | null;
  labelSv: string;
  labelEn: string | null;
}
type List<T> = { items: T[]; nextCursor: string | null };

describe('occupation search', () => {
  it('finds an occupation group by its Swedish name', async () => {
    const body = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=mjukvaru');
    expect(body.items).toContainEqual(
      expect.objectContaining({
        id: 'DJh5_yyF_hEM',
        ssyk: '2512',
        labelSv: 'Mjukvaru- och systemutvecklare m.fl.',
        labelEn: 'Software- and system developers',
      }),
    );
  });

  it('finds an occupation group by its English name, whatever the case', async () => {
    const body = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=SOFTWARE');
    expect(body.items.map((o) => o.ssyk)).toContain('2512');
  });

  it('matches Swedish letters regardless of case', async () => {
    const lower = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=%C3%A5klagare');
    const upper = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=%C3%85klagare');
    expect(lower.items.length).toBeGreaterThan(0);
    expect(upper.items).toEqual(lower.items);
  });

  it('puts the exact SSYK code first', async () => {
    const body = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=2512');
    expect(body.items[0]?.ssyk).toBe('2512');
  });

  it('filters by an SSYK prefix', async () => {
    const body = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?ssyk=25&limit=100');
    expect(body.items.length).toBeGreaterThan(3);
    expect(body.items.every((o) => o.ssyk?.startsWith('25'))).toBe(true);
  });

  it("gives JobTech's merged manager groups the English name of their SSYK minor group", async () => {
    const body = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=1410');
    expect(body.items[0]).toMatchObject({ ssyk: '1410', labelEn: expect.stringMatching(/education/i) });
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    const body = await getJson<List<Occupation>>('/api/v1/taxonomy/occupations?q=%25');
    expect(body.items).toEqual([]);
  });

  it('pages through all 400 occupation groups with nextCursor, without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/taxonomy/occupations?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const body: List<Occupation> = await getJson<List<Occupation>>(path);
      for (const item of body.items) seen.add(item.id);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen.size).toBe(400);
  });
});

describe('skills', () => {
  it('lists the skills JobTech relates to an occupation group', async () => {
    const body = await getJson<List<{ id: string; labelSv: string }>>(
      '/api/v1/taxonomy/skills?occupation=DJh5_yyF_hEM&limit=200',
    );
    const expected = t.database.sqlite.raw
      .prepare("SELECT count(*) AS n FROM occupation_skills WHERE occupation_id = 'DJh5_yyF_hEM'")
      .get() as { n: number };
    expect(body.items.length).toBe(Math.min(expected.n, 200));
    expect(body.items.length).toBeGreaterThan(0);
  });

  it("lists an occupation's skills that open placements for it ask for first, most asked for first", async () => {
    const own = await createTestApp();
    const { org, member } = await organisationWithMember(own);
    const software = (skillIds: string[]) => placementBody(org.id, { occupationId: OCC.software, skillIds });
    await publish(own, member, software([SKILL.java]));
    await publish(own, member, software([SKILL.java, SKILL.python]));
    await publish(own, member, software([SKILL.java]));
    // Withdrawn placements and placements for another occupation do not count.
    for (let i = 0; i < 3; i++) {
      const withdrawn = await publish(own, member, software([SKILL.javascript]));
      expect((await api(own, 'DELETE', `/api/v1/placements/${withdrawn.id}`, member)).status).toBe(204);
      await publish(own, member, placementBody(org.id, { occupationId: OCC.welder, skillIds: [SKILL.cad] }));
    }
    const response = await request(own.app, `/api/v1/taxonomy/skills?occupation=${OCC.software}&limit=200`);
    const { items } = (await response.json()) as List<{ id: string; labelSv: string }>;
    expect(items.slice(0, 2).map((s) => s.id)).toEqual([SKILL.java, SKILL.python]);
    // The rest alphabetically, as before.
    const rest = items.slice(2).map((s) => s.labelSv);
    expect(rest).toEqual([...rest].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('searches skills by label', async () => {
    const body = await getJson<List<{ id: string; labelSv: string }>>('/api/v1/taxonomy/skills?q=python');
    expect(body.items.some((s) => s.labelSv.toLowerCase().includes('python'))).toBe(true);
  });

  it('puts the skills whose name begins with the query before the rest of the alphabet', async () => {
    // Alphabetically "MySQL" and "NoSQL" come first; a person typing "sql" means "SQL, frågespråk".
    const body = await getJson<List<{ id: string; labelSv: string }>>('/api/v1/taxonomy/skills?q=sql');
    const labels = body.items.map((s) => s.labelSv);
    expect(labels[0]?.toLowerCase().startsWith('sql')).toBe(true);
    const firstOther = labels.findIndex((l) => !l.toLowerCase().startsWith('sql'));
    expect(labels.slice(firstOther).every((l) => !l.toLowerCase().startsWith('sql'))).toBe(true);
    expect(labels).toContain('MySQL, databashanterare');
  });
});

describe('specialisations, municipalities and education levels', () => {
  it("lists Blekinge's three specialisations with their focus areas", async () => {
    const body = await getJson<List<{ code: string; focusAreas: { code: string }[] }>>(
      '/api/v1/taxonomy/specialisations',
    );
    expect(body.items.map((s) => s.code)).toEqual(['smart-industri', 'tech', 'missions']);
    expect(body.items[1]?.focusAreas.map((f) => f.code)).toContain('cybersakerhet');
  });

  it("lists the region's five kommuner first, and only them with scope=region", async () => {
    const all = await getJson<List<{ code: string; inRegion: boolean }>>('/api/v1/taxonomy/municipalities');
    expect(all.items).toHaveLength(290);
    expect(all.items.slice(0, 5).every((m) => m.inRegion)).toBe(true);
    const region = await getJson<List<{ code: string }>>('/api/v1/taxonomy/municipalities?scope=region');
    expect(region.items.map((m) => m.code)).toEqual(['1060', '1080', '1081', '1082', '1083']);
  });

  it('lists education levels with the SUN 2020 levels each covers, in both languages', async () => {
    const body = await getJson<
      List<{ code: string; nameSv: string; nameEn: string; sunLevels: { code: string; nameSv: string }[] }>
    >('/api/v1/taxonomy/education-levels');
    expect(body.items.map((l) => l.code)).toEqual([
      'upper-secondary',
      'post-secondary-short',
      'bachelor',
      'master',
      'doctoral',
    ]);
    expect(body.items[1]?.sunLevels).toEqual([{ code: '41', nameSv: 'Eftergymnasial utbildning, kortare än 2 år' }]);
    expect(body.items.every((l) => l.nameSv !== l.nameEn && l.nameEn.length > 0)).toBe(true);
  });
});
