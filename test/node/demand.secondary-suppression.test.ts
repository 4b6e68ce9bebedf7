import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { plantRound } from '../support/demand.ts';
import { createOrganisation, orgNumber } from '../support/surveys.ts';

/**
 * Secondary suppression seen from outside: in the published table, a hidden figure must not be
 * recoverable by subtracting the published figures of its line from the line's published total.
 * So a row (or column, or margin line) never has exactly one hidden entry, counting its total.
 * Written against the public table, not against src/demand/protect-table.ts, so that it holds
 * whatever the protection is computed by.
 */
interface Entry {
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
}
interface Table {
  cells: Entry[];
  totals: Entry[];
}

const BY = ['horizon', 'sector'] as const;
let t: TestApp;
let provider: SignedInPerson;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  const organisations = [
    ...['n1', 'n2', 'n3', 'n4'].map((id) => ({ id, sector: 'naringsliv' })),
    ...['o1', 'o2', 'o3'].map((id) => ({ id, sector: 'offentlig' })),
  ];
  // Horizon 1–3: three companies of equal size (published), and one public body alone (hidden:
  // too few). The row's total, four organisations of similar size, would be published, and with
  // it the lone public body's 2 people as 11 − 9. Horizon 0–1: nothing to hide on its own.
  await plantRound(t, { id: 'closed-1', status: 'closed' }, organisations, [
    { org: 'n1', headcount: 3, horizon: '1-3' },
    { org: 'n2', headcount: 3, horizon: '1-3' },
    { org: 'n3', headcount: 3, horizon: '1-3' },
    { org: 'o1', headcount: 2, horizon: '1-3' },
    ...['n1', 'n2', 'n3', 'n4'].map((org) => ({ org, headcount: 2, horizon: '0-1' as const })),
    ...['o1', 'o2', 'o3'].map((org) => ({ org, headcount: 3, horizon: '0-1' as const })),
  ]);
  await createOrganisation(t, 'provider-x', { orgNumber: orgNumber(990) });
  await t.deps.db
    .updateTable('organisations')
    .set({ is_education_provider: 1 })
    .where('id', '=', 'provider-x')
    .execute();
  provider = await signIn(t, { memberships: [{ organisationId: 'provider-x', role: 'provider' }] });
});

/**
 * The table's lines: for each dimension, the entries that differ only in it, with the entry that
 * sums over it (a cell's row and column, a margin's line, each with its total).
 */
function lines(entries: Entry[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const d of BY) {
      const id = `${d}|${BY.map((x) => (x === d ? '#' : (entry.key[x] ?? '*'))).join('|')}`;
      out.set(id, [...(out.get(id) ?? []), entry]);
    }
  }
  // A line needs entries that carry the dimension; an entry alone on its "line" is not one.
  return new Map([...out].filter(([id, members]) => members.some((m) => m.key[id.split('|')[0] ?? ''] !== undefined)));
}

async function publicTable(who?: { cookie: string }): Promise<Table> {
  const response = await request(t.app, `/api/v1/demand?round=closed-1&by=${BY.join(',')}`, {
    headers: who ? { cookie: cookies(who.cookie) } : {},
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Table;
}

const isRow13 = (e: Entry) => e.key.horizon === '1-3';

describe('the published demand table', () => {
  it('hides a cell that one organisation makes up (the primary rule), with its row total published', async () => {
    const table = await publicTable();
    const lone = table.cells.find((c) => c.key.horizon === '1-3' && c.key.sector === 'offentlig');
    expect(lone).toMatchObject({ suppressed: true, headcount: null, organisations: null });
    // The row's total alone is safe to publish: four organisations, none dominant.
    const rowTotal = table.totals.find((e) => isRow13(e) && e.key.sector === undefined);
    expect(rowTotal).toMatchObject({ suppressed: false, headcount: 11, organisations: 4 });
  });

  for (const [who, caller] of [
    ['an anonymous reader', () => undefined],
    ['an education provider', () => provider],
  ] as const) {
    it(`shows ${who} a second hidden entry in the row of a cell hidden by the primary rule`, async () => {
      const table = await publicTable(caller());
      const row = [...table.cells, ...table.totals].filter(isRow13);
      expect(row).toHaveLength(3); // naringsliv, offentlig, the row total
      expect(row.filter((e) => e.suppressed).length).toBeGreaterThanOrEqual(2);
      // Nothing in the row gives the lone cell back by subtraction.
      const published = row.filter((e) => !e.suppressed);
      const total = published.find((e) => e.key.sector === undefined);
      if (total) expect(published.filter((e) => e !== total)).toHaveLength(0);
    });

    it(`shows ${who} no row, column or margin line with exactly one hidden entry`, async () => {
      const table = await publicTable(caller());
      const all = [...table.cells, ...table.totals];
      expect(all.some((e) => e.suppressed)).toBe(true);
      const recoverable = [...lines(all)]
        .filter(([, members]) => members.filter((m) => m.suppressed).length === 1)
        .map(([id]) => id);
      expect(recoverable).toEqual([]);
      for (const entry of all.filter((e) => e.suppressed))
        expect(entry).toMatchObject({ headcount: null, organisations: null });
    });
  }

  it('writes the same two hidden entries of that row as :c in the CSV', async () => {
    const csv = await (await request(t.app, `/api/v1/demand.csv?round=closed-1&by=${BY.join(',')}`)).text();
    const rows = (parse(csv, { columns: true, bom: true }) as Record<string, string>[]).filter(
      (r) => r.horizon === '1-3',
    );
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.headcount === ':c').length).toBeGreaterThanOrEqual(2);
  });
});
