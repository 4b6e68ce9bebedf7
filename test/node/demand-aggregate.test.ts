import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateDemand } from '../../src/demand/aggregate.ts';
import { seedDemo } from '../../src/node/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const ROUND = 'demo-round-closed';
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, new Date('2026-11-28T10:00:00Z'));
});

const direct = (query: string, ...params: unknown[]) =>
  t.database.sqlite.raw.prepare(query).all(...params) as Record<string, unknown>[];

describe('demand aggregation', () => {
  it('gives every cell and margin of specialisation × horizon the figures a direct count gives', async () => {
    const entries = await aggregateDemand(t.deps.db, {
      roundId: ROUND,
      by: ['specialisation', 'horizon'],
      filters: {},
      ssykLevel: 4,
      dominanceN: 2,
    });
    const cells = direct(
      `select f.specialisation_code as s, nl.horizon as h, sum(nl.headcount) as hc, count(distinct nl.organisation_id) as orgs
       from need_lines nl join (select distinct need_line_id, specialisation_code from need_line_focus) f on f.need_line_id = nl.id
       where nl.round_id = ? group by 1, 2`,
      ROUND,
    );
    for (const cell of cells) {
      const entry = entries.find((e) => e.key.specialisation === cell.s && e.key.horizon === cell.h);
      expect(entry, `${cell.s} ${cell.h}`).toMatchObject({ headcount: cell.hc, organisations: cell.orgs });
    }
    const rowTotals = direct(
      `select f.specialisation_code as s, sum(nl.headcount) as hc, count(distinct nl.organisation_id) as orgs
       from need_lines nl join (select distinct need_line_id, specialisation_code from need_line_focus) f on f.need_line_id = nl.id
       where nl.round_id = ? group by 1`,
      ROUND,
    );
    for (const total of rowTotals) {
      expect(entries.find((e) => e.key.specialisation === total.s && e.key.horizon === undefined)).toMatchObject({
        headcount: total.hc,
        organisations: total.orgs,
      });
    }
    // A need that counts for two specialisations counts once in the grand total.
    const [grand] = direct(
      'select sum(headcount) as hc, count(distinct organisation_id) as orgs from need_lines where round_id = ?',
      ROUND,
    );
    expect(entries.find((e) => Object.keys(e.key).length === 0)).toMatchObject({
      headcount: grand?.hc,
      organisations: grand?.orgs,
    });
  });

  it('rolls occupations up to the SSYK level asked for, and filters', async () => {
    const entries = await aggregateDemand(t.deps.db, {
      roundId: ROUND,
      by: ['occupation'],
      filters: { municipality: ['1080'] },
      ssykLevel: 1,
      dominanceN: 2,
    });
    const expected = direct(
      `select substr(nl.ssyk_code, 1, 1) as o, sum(nl.headcount) as hc from need_lines nl
       join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
       where nl.round_id = ? and sr.municipality_code = '1080' group by 1`,
      ROUND,
    );
    expect(
      entries
        .filter((e) => e.key.occupation)
        .map((e) => [e.key.occupation, e.headcount])
        .sort(),
    ).toEqual(expected.map((r) => [r.o, r.hc]).sort());
  });

  it('computes the headcount of the two largest contributors of each entry', async () => {
    const entries = await aggregateDemand(t.deps.db, {
      roundId: ROUND,
      by: ['horizon'],
      filters: {},
      ssykLevel: 4,
      dominanceN: 2,
    });
    for (const entry of entries.filter((e) => e.key.horizon)) {
      const perOrg = direct(
        'select sum(headcount) as hc from need_lines where round_id = ? and horizon = ? group by organisation_id order by hc desc',
        ROUND,
        entry.key.horizon,
      ).map((r) => Number(r.hc));
      expect(entry.topContributors).toBe((perOrg[0] ?? 0) + (perOrg[1] ?? 0));
    }
  });
});

describe('computed tables under load', () => {
  it('are computed once when many ask for the same table at the same time', async () => {
    const { readThroughCache } = await import('../../src/demand/cache.ts');
    let computations = 0;
    const compute = async () => {
      computations++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [{ n: 1 }];
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => readThroughCache(t.deps.db, ROUND, 'single-flight-test', new Date(), compute)),
    );
    expect(computations).toBe(1);
    expect(results.every((r) => JSON.stringify(r) === '[{"n":1}]')).toBe(true);
  });
});
