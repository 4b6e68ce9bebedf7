import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { plantRound } from '../support/demand.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, new Date('2026-11-28T10:00:00Z'));
});

/** The promise of docs/api.md ("Open data"): these names, in this order. */
const COLUMNS = [
  'roundId',
  'roundName',
  'roundPeriod',
  'table',
  'specialisation',
  'focusArea',
  'occupation',
  'municipality',
  'educationLevel',
  'horizon',
  'headcount',
  'organisations',
  'flag',
];
const TABLES: Record<string, { by: string[]; ssykLevel: number }> = {
  'specialisation-horizon': { by: ['specialisation', 'horizon'], ssykLevel: 4 },
  'focus-area-horizon': { by: ['focusArea', 'horizon'], ssykLevel: 4 },
  'ssyk4-horizon': { by: ['occupation', 'horizon'], ssykLevel: 4 },
  'ssyk1-horizon': { by: ['occupation', 'horizon'], ssykLevel: 1 },
  'municipality-horizon': { by: ['municipality', 'horizon'], ssykLevel: 4 },
  'education-level-horizon': { by: ['educationLevel', 'horizon'], ssykLevel: 4 },
};

type Row = Record<string, string | number | null>;
interface OpenData {
  round: { id: string; name: string; period: string };
  columns: string[];
  tables: string[];
  rows: Row[];
}
const openData = async (query = '') =>
  (await (await request(t.app, `/api/v1/open-data/demand${query}`)).json()) as OpenData;

describe('GET /api/v1/open-data/demand', () => {
  it('publishes the fixed tables of the latest closed round with the documented columns, in order', async () => {
    const data = await openData();
    expect(data.round).toMatchObject({ id: 'demo-round-closed', period: '2026' });
    expect(data.columns).toEqual(COLUMNS);
    expect(data.tables).toEqual(Object.keys(TABLES));
    for (const row of data.rows) expect(Object.keys(row)).toEqual(COLUMNS);
    expect(new Set(data.rows.map((r) => r.table))).toEqual(new Set(Object.keys(TABLES)));
  });

  it('agrees with the protected demand API table by table, margins included', async () => {
    const data = await openData();
    for (const [table, spec] of Object.entries(TABLES)) {
      const api = (await (
        await request(t.app, `/api/v1/demand?by=${spec.by.join(',')}&ssykLevel=${spec.ssykLevel}`)
      ).json()) as { cells: Row[]; totals: Row[] };
      const rows = data.rows.filter((r) => r.table === table);
      const entries = [...api.cells, ...api.totals] as unknown as {
        key: Record<string, string>;
        headcount: number | null;
        organisations: number | null;
        suppressed: boolean;
      }[];
      expect(rows, table).toHaveLength(entries.length);
      for (const entry of entries) {
        const row = rows.find((r) => spec.by.every((d) => r[d] === (entry.key[d] ?? 'total')));
        expect(row, `${table} ${JSON.stringify(entry.key)}`).toMatchObject({
          headcount: entry.headcount,
          organisations: entry.organisations,
          flag: entry.suppressed ? ':c' : '',
        });
        for (const d of COLUMNS.slice(4, 10)) if (!spec.by.includes(d)) expect(row?.[d]).toBeNull();
      }
    }
  });

  it('publishes no figure that fewer than three organisations make, and leaves hidden figures empty with :c', async () => {
    const data = await openData();
    expect(data.rows.some((r) => r.flag === ':c')).toBe(true);
    for (const row of data.rows) {
      if (row.flag === ':c') expect(row).toMatchObject({ headcount: null, organisations: null });
      else expect(row.organisations).toBeGreaterThanOrEqual(3);
    }
  });

  it('agrees with a direct SQL count for every published SSYK-1 cell', async () => {
    const data = await openData();
    const published = data.rows.filter(
      (r) => r.table === 'ssyk1-horizon' && r.flag === '' && r.horizon !== 'total' && r.occupation !== 'total',
    );
    expect(published.length).toBeGreaterThan(0);
    for (const row of published) {
      const direct = t.database.sqlite.raw
        .prepare(
          `select sum(headcount) as hc, count(distinct organisation_id) as orgs from need_lines
           where round_id = 'demo-round-closed' and substr(ssyk_code, 1, 1) = ? and horizon = ?`,
        )
        .get(row.occupation, row.horizon) as { hc: number; orgs: number };
      expect([row.headcount, row.organisations]).toEqual([direct.hc, direct.orgs]);
    }
  });

  it('publishes closed rounds only: an open round is not found', async () => {
    expect((await request(t.app, '/api/v1/open-data/demand?round=demo-round-open')).status).toBe(404);
    expect((await request(t.app, '/api/v1/open-data/demand.csv?round=demo-round-open')).status).toBe(404);
    expect((await request(t.app, '/api/v1/open-data/demand?round=demo-round-closed&by=horizon')).status).toBe(422);
  });
});

describe('GET /api/v1/open-data/demand.csv', () => {
  it('parses back with a real CSV parser to the same rows as the JSON', async () => {
    const data = await openData();
    const response = await request(t.app, '/api/v1/open-data/demand.csv');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    const [header] = parse(text, { bom: true, to: 1 }) as string[][];
    expect(header).toEqual(COLUMNS);
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toEqual(
      data.rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c] === null ? '' : String(r[c])]))),
    );
  });

  it('neutralises text that a spreadsheet would run as a formula', async () => {
    const name = '=HYPERLINK("http://evil.example","Klicka")';
    await plantRound(
      t,
      { id: 'formula-round', name, opensAt: '2024-01-01T00:00:00.000Z' },
      [{ id: 'org-f' }],
      [{ org: 'org-f', headcount: 2 }],
    );
    const text = await (await request(t.app, '/api/v1/open-data/demand.csv?round=formula-round')).text();
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows[0]?.roundName).toBe(`'${name}`);
  });
});

describe('the data dictionary', () => {
  it('describes every column, table and code list, and the disclosure rule with the configured parameters', async () => {
    const strict = await createTestApp({
      database: t.database,
      config: { DISCLOSURE_MIN_ORGS: '4', DISCLOSURE_DOMINANCE_N: '3', DISCLOSURE_DOMINANCE_K: '75' },
    });
    for (const [lang, words] of [
      [
        'sv',
        [
          'Statistisk sekretess',
          'minst 4 organisationer',
          'de 3 största',
          'högst 75 %',
          'SUN 2020',
          'SNI 2007',
          'SSYK 2012',
          'JobTech',
          'kommunkoder',
        ],
      ],
      [
        'en',
        [
          'Statistical confidentiality',
          'at least 4 organisations',
          'its 3 largest',
          'at most 75 %',
          'SUN 2020',
          'SNI 2007',
          'SSYK 2012',
          'JobTech',
          'municipality codes',
        ],
      ],
    ] as const) {
      const response = await request(strict.app, '/data/dictionary', { headers: { 'accept-language': lang } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain('id="disclosure"');
      for (const column of COLUMNS) expect(html).toContain(`<code>${column}</code>`);
      for (const table of Object.keys(TABLES)) expect(html).toContain(`<code>${table}</code>`);
      for (const word of words) expect(html, word).toContain(word);
      expect(html).not.toMatch(/\b(dictionary|demand)\.[a-zA-Z-]+\.[a-zA-Z]/);
    }
  });
});
