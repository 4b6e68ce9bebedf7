import { beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../src/node/database.ts';
import { readReferenceData } from '../../src/node/reference-files.ts';
import { JOB_TITLE_ALIASES } from '../../src/taxonomy/titles/aliases.ts';
import { createTestApp, createTestDatabase, request, type TestApp } from '../support/app.ts';
import { JOB_TITLE_CASES } from '../support/job-titles.ts';

/**
 * Occupation search by job title (issue 18): JobTech's occupation names, their synonyms and our
 * aliases find the SSYK-4 group, the JSON says which title matched, and a query that finds nothing
 * gets the nearest titles.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

interface Item {
  id: string;
  ssyk: string | null;
  labelSv: string;
  labelEn: string | null;
  matchedTitle: string | null;
  matchedBy: string | null;
}
interface Body {
  items: Item[];
  nextCursor: string | null;
  didYouMean: { title: string; id: string; ssyk: string | null; labelSv: string; labelEn: string | null }[];
}

async function search(q: string, app = t.app, extra = ''): Promise<Body> {
  const response = await request(app, `/api/v1/taxonomy/occupations?q=${encodeURIComponent(q)}${extra}`);
  expect(response.status, q).toBe(200);
  return (await response.json()) as Body;
}

describe('occupation search by job title', () => {
  it('finds the group of at least 90 % of 65 everyday job titles among the first three results', async () => {
    const misses: string[] = [];
    for (const c of JOB_TITLE_CASES) {
      const top = (await search(c.title)).items.slice(0, 3).map((item) => item.labelSv);
      if (!c.groups.some((g) => top.includes(g.label))) misses.push(`${c.title}: ${top.join(' | ')}`);
    }
    const rate = 1 - misses.length / JOB_TITLE_CASES.length;
    expect(JOB_TITLE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(rate, `missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('says which job title matched: Mjukvaruutvecklare → Mjukvaru- och systemutvecklare m.fl.', async () => {
    const body = await search('mjukvaruutvecklare');
    expect(body.items[0]).toEqual({
      id: 'DJh5_yyF_hEM',
      ssyk: '2512',
      labelSv: 'Mjukvaru- och systemutvecklare m.fl.',
      labelEn: 'Software- and system developers',
      matchedTitle: 'Mjukvaruutvecklare',
      matchedBy: 'name',
    });
    expect(body.didYouMean).toEqual([]);
  });

  it('finds a part of a JobTech name split at "/": programmerare is a Systemutvecklare/Programmerare', async () => {
    const [first] = (await search('Programmerare')).items;
    expect(first).toMatchObject({ ssyk: '2512', matchedTitle: 'Systemutvecklare/Programmerare' });
  });

  it('finds words and word beginnings inside names: civilingenjör maskinteknik', async () => {
    const [first] = (await search('civilingenjör maskinteknik')).items;
    expect(first).toMatchObject({
      labelSv: 'Civilingenjörsyrken inom maskinteknik',
      matchedBy: 'group',
      matchedTitle: null,
    });
  });

  it('finds a word inside a Swedish compound: utvecklare finds Mjukvaruutvecklare', async () => {
    const body = await search('utvecklare', t.app, '&limit=100');
    expect(body.items.map((item) => item.ssyk)).toContain('2512');
    const inside = await search('svetsare');
    expect(inside.items.find((item) => item.ssyk === '8142')).toMatchObject({ matchedTitle: 'Plastsvetsare' });
  });

  it('ranks the exact name first, then names that begin with the words, then words inside compounds', async () => {
    const body = await search('svets');
    expect(body.items[0]).toMatchObject({ ssyk: '7212', matchedTitle: 'Svetsare' });
    const ssyk = body.items.map((item) => item.ssyk);
    // "Svetsoperatör" begins with the word; "Plastsvetsare" holds it inside a compound.
    expect(ssyk.indexOf('7223')).toBeLessThan(ssyk.indexOf('8142'));
    const exact = await search('svetsare');
    expect(exact.items[0]).toMatchObject({ ssyk: '7212', matchedTitle: 'Svetsare', matchedBy: 'name' });
  });

  it('ranks names before synonyms, synonyms before keywords, keywords before definitions', async () => {
    const order = ['code', 'group', 'name', 'alias', 'synonym', 'keyword', 'definition'];
    const classOf = (by: string | null) => [0, 0, 0, 0, 1, 2, 3][order.indexOf(by ?? '')] ?? -1;
    const body = await search('vård', t.app, '&limit=100');
    const classes = body.items.map((item) => classOf(item.matchedBy));
    expect(classes).toEqual(expect.arrayContaining([0, 1, 3]));
    expect(classes).toEqual([...classes].sort((a, b) => a - b));
    const turism = await search('turism', t.app, '&limit=100');
    expect(turism.items.length).toBeGreaterThan(0);
    expect(turism.items.every((item) => item.matchedBy === 'keyword' || item.matchedBy === 'definition')).toBe(true);
  });

  it('fills titles the data lacks from our own aliases: sjöingenjör is Maskinbefäl (3151)', async () => {
    const [first] = (await search('sjöingenjör')).items;
    expect(first).toMatchObject({
      ssyk: '3151',
      labelSv: 'Maskinbefäl',
      matchedTitle: 'Sjöingenjör',
      matchedBy: 'alias',
    });
  });

  it('offers the nearest titles when the words match nothing', async () => {
    const body = await search('sjukskoterska');
    expect(body.items).toEqual([]);
    expect(body.didYouMean[0]).toEqual({
      title: 'Sjuksköterska, grundutbildad',
      id: expect.any(String),
      ssyk: '2221',
      labelSv: 'Grundutbildade sjuksköterskor',
      labelEn: expect.any(String),
    });
    const typo = await search('progammerare');
    expect(typo.didYouMean.map((near) => [near.title, near.ssyk])).toEqual([['Programmerare', '2512']]);
    expect((await search('xqzwv')).didYouMean).toEqual([]);
  });

  it('keeps the SSYK filter and paging with a job title', async () => {
    const filtered = await search('sjuksköterska', t.app, '&ssyk=2221');
    expect(filtered.items.map((item) => item.ssyk)).toEqual(['2221']);
    const first = await search('sjuksköterska', t.app, '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await search('sjuksköterska', t.app, `&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.id)).not.toContain(first.items[0]?.id);
  });

  it('answers from a new seed of the reference data without a restart', async () => {
    const database = await createTestDatabase();
    const app = (await createTestApp({ database })).app;
    expect((await search('Kompetensbryggare', app)).items).toEqual([]);
    const data = readReferenceData();
    data.occupationNames.push({
      concept_id: 'test_name_01',
      preferred_label: 'Kompetensbryggare',
      ssyk4_concept_id: 'DJh5_yyF_hEM',
      ssyk_code_2012: '2512',
    });
    await seedReference(database, data);
    expect((await search('Kompetensbryggare', app)).items[0]).toMatchObject({
      ssyk: '2512',
      matchedTitle: 'Kompetensbryggare',
    });
  });
});

describe('the reference data behind the job titles', () => {
  it('agrees with every alias: the group exists and carries its SSYK code', async () => {
    for (const alias of JOB_TITLE_ALIASES) {
      const codes = await t.deps.db
        .selectFrom('occupation_names')
        .select('ssyk_code')
        .distinct()
        .where('occupation_id', '=', alias.groupId)
        .execute();
      expect(
        codes.map((c) => c.ssyk_code),
        alias.title,
      ).toEqual([alias.ssyk]);
      const names = await search(alias.title);
      expect(names.items[0], alias.title).toMatchObject({ id: alias.groupId });
    }
  });

  it('agrees with every test title: each group label exists with its SSYK code', async () => {
    for (const c of JOB_TITLE_CASES) {
      for (const group of c.groups) {
        const codes = await t.deps.db
          .selectFrom('occupations as o')
          .innerJoin('occupation_names as n', 'n.occupation_id', 'o.id')
          .select('n.ssyk_code')
          .distinct()
          .where('o.label_sv', '=', group.label)
          .execute();
        expect(
          codes.map((row) => row.ssyk_code),
          `${c.title} → ${group.label}`,
        ).toEqual([group.ssyk]);
      }
      if (c.evidence === 'alias')
        expect(JOB_TITLE_ALIASES.some((a) => a.title.toLocaleLowerCase('sv') === c.title)).toBe(true);
    }
  });
});
