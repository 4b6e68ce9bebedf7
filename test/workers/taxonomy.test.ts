import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_TITLE_CASES } from '../support/job-titles.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * Occupation search by job title in workerd over D1 (issue 18): the same titles find the same
 * groups as on Node (test/node/taxonomy.job-titles.test.ts), from the index the Worker builds
 * from D1's reference tables.
 */
const ORIGIN = 'http://localhost:8787';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
});

interface Body {
  items: { id: string; ssyk: string | null; labelSv: string; matchedTitle: string | null; matchedBy: string | null }[];
  didYouMean: { title: string; ssyk: string | null; labelSv: string }[];
}

async function search(q: string): Promise<Body> {
  const response = await SELF.fetch(`${ORIGIN}/api/v1/taxonomy/occupations?q=${encodeURIComponent(q)}`);
  expect(response.status, q).toBe(200);
  return (await response.json()) as Body;
}

describe('occupation search by job title in workerd', () => {
  it('finds the group of at least 90 % of 65 everyday job titles among the first three results', async () => {
    const misses: string[] = [];
    for (const c of JOB_TITLE_CASES) {
      const top = (await search(c.title)).items.slice(0, 3).map((item) => item.labelSv);
      if (!c.groups.some((g) => top.includes(g.label))) misses.push(`${c.title}: ${top.join(' | ')}`);
    }
    expect(JOB_TITLE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(1 - misses.length / JOB_TITLE_CASES.length, `missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('says which job title matched, as on Node: Mjukvaruutvecklare and the alias Sjöingenjör', async () => {
    expect((await search('mjukvaruutvecklare')).items[0]).toMatchObject({
      id: 'DJh5_yyF_hEM',
      ssyk: '2512',
      matchedTitle: 'Mjukvaruutvecklare',
      matchedBy: 'name',
    });
    expect((await search('sjöingenjör')).items[0]).toMatchObject({ ssyk: '3151', matchedBy: 'alias' });
    expect((await search('svetsare')).items.find((item) => item.ssyk === '8142')).toMatchObject({
      matchedTitle: 'Plastsvetsare',
    });
  });

  it('offers the nearest titles when the words match nothing, as on Node', async () => {
    const body = await search('sjukskoterska');
    expect(body.items).toEqual([]);
    expect(body.didYouMean[0]).toMatchObject({ title: 'Sjuksköterska, grundutbildad', ssyk: '2221' });
    expect((await search('progammerare')).didYouMean.map((near) => [near.title, near.ssyk])).toEqual([
      ['Programmerare', '2512'],
    ]);
  });
});
