import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { plantRound, seedPublishedDemo } from '../support/demand.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedPublishedDemo(t);
});

/**
 * The promise of docs/api.md ("Open data"): these names, in this order. The first thirteen columns
 * and six tables are the ones open data has always had; later ones are added at the end.
 */
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
  'sector',
  'sizeClass',
  'difficulty',
  'strategy',
  'reason',
  'cell',
  'publicationVersion',
  'questionnaireVersion',
];
const DIMENSION_COLUMNS = [...COLUMNS.slice(4, 10), ...COLUMNS.slice(13, 17)];
const FIRST_TABLES = [
  'specialisation-horizon',
  'focus-area-horizon',
  'ssyk4-horizon',
  'ssyk1-horizon',
  'municipality-horizon',
  'education-level-horizon',
];
/** The catalogue's demand tables, which GET /api/v1/demand also serves (the indicators' two it does not). */
const DEMAND_TABLES = [
  ...FIRST_TABLES,
  'ssyk3-horizon',
  'ssyk2-horizon',
  'specialisation-ssyk4-horizon',
  'specialisation-ssyk3-horizon',
  'specialisation-ssyk2-horizon',
  'specialisation-ssyk1-horizon',
  'specialisation-municipality-horizon',
  'sector-horizon',
  'size-class-horizon',
];

type Row = Record<string, string | number | null>;
/** Whether a table has a dimension: some row of it carries a code there. */
const rowHas = (rows: Row[], d: string) => rows.some((r) => r[d] !== null);
interface OpenData {
  round: { id: string; name: string; period: string };
  publication: { version: number; publishedAt: string };
  columns: string[];
  tables: string[];
  rows: Row[];
}
const openData = async (query = '') =>
  (await (await request(t.app, `/api/v1/open-data/demand${query}`)).json()) as OpenData;

describe('GET /api/v1/open-data/demand', () => {
  it("publishes every table of the latest closed round's publication with the documented columns, in order, and its version", async () => {
    const data = await openData();
    expect(data.round).toMatchObject({ id: 'demo-round-closed', period: '2026' });
    expect(data.publication).toMatchObject({ version: 1 });
    expect(data.columns).toEqual(COLUMNS);
    expect(data.tables.slice(0, 6)).toEqual(FIRST_TABLES);
    expect([...data.tables].sort()).toEqual(
      [...DEMAND_TABLES, 'difficulty-specialisation', 'strategy-specialisation'].sort(),
    );
    for (const row of data.rows) expect(Object.keys(row)).toEqual(COLUMNS);
    for (const row of data.rows) expect(row.publicationVersion).toBe(1);
    expect(new Set(data.rows.map((r) => r.table))).toEqual(new Set(data.tables));
  });

  it('gives every cell its published value, which is its true value, or :c where the publication hides it', async () => {
    const data = await openData();
    const truth = new Map(
      (
        t.database.sqlite.raw
          .prepare(
            `select c.cell_id, c.true_headcount, c.status from publication_cells c join publications p on p.id = c.publication_id
             where p.round_id = 'demo-round-closed' and p.status = 'published'`,
          )
          .all() as { cell_id: string; true_headcount: number; status: string }[]
      ).map((r) => [r.cell_id, r]),
    );
    for (const row of data.rows) {
      const cell = truth.get(String(row.cell));
      expect(cell, String(row.cell)).toBeDefined();
      if (cell?.status === 'published') expect(row).toMatchObject({ headcount: cell.true_headcount, flag: '' });
      else expect(row).toMatchObject({ headcount: null, organisations: null, flag: ':c', reason: cell?.status });
    }
  });

  it('agrees with the demand API table by table, margins included', async () => {
    const data = await openData();
    for (const table of DEMAND_TABLES) {
      const api = (await (await request(t.app, `/api/v1/demand?table=${table}`)).json()) as {
        cells: Row[];
        totals: Row[];
      };
      const rows = data.rows.filter((r) => r.table === table);
      const entries = [...api.cells, ...api.totals] as unknown as {
        cell: string;
        key: Record<string, string>;
        headcount: number | null;
        organisations: number | null;
        suppressed: boolean;
      }[];
      expect(rows, table).toHaveLength(entries.length);
      for (const entry of entries) {
        const row = rows.find((r) => r.cell === entry.cell);
        expect(row, `${table} ${entry.cell}`).toMatchObject({
          headcount: entry.headcount,
          organisations: entry.organisations,
          flag: entry.suppressed ? ':c' : '',
        });
        for (const d of DIMENSION_COLUMNS)
          expect(row?.[d], `${table} ${d}`).toBe(
            entry.key[d] ?? (Object.keys(entry.key).includes(d) || rowHas(rows, d) ? 'total' : null),
          );
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

  it('agrees with a direct SQL count for every published SSYK-1 and SSYK-2 figure', async () => {
    const data = await openData();
    const published = data.rows.filter(
      (r) => (r.table === 'ssyk1-horizon' || r.table === 'ssyk2-horizon') && r.flag === '' && r.occupation !== 'total',
    );
    // The demo is ten organisations: its published occupation figures are few, but there are some.
    expect(published.length).toBeGreaterThan(0);
    for (const row of published) {
      const digits = row.table === 'ssyk1-horizon' ? 1 : 2;
      const allHorizons = row.horizon === 'total';
      const direct = t.database.sqlite.raw
        .prepare(
          `select sum(headcount) as hc, count(distinct organisation_id) as orgs from need_lines
           where round_id = 'demo-round-closed' and substr(ssyk_code, 1, ?) = ? and (? or horizon = ?)`,
        )
        .get(digits, row.occupation, allHorizons ? 1 : 0, row.horizon) as { hc: number; orgs: number };
      expect([row.headcount, row.organisations], `${row.table} ${row.occupation} ${row.horizon}`).toEqual([
        direct.hc,
        direct.orgs,
      ]);
    }
  });

  it('publishes closed rounds only: an open round is not found, and nothing but a round is asked', async () => {
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
          'Så skyddar vi enskilda organisationers svar',
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
          'How we protect single organisations',
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
      for (const table of [...DEMAND_TABLES, 'difficulty-specialisation', 'strategy-specialisation'])
        expect(html).toContain(`<code>${table}</code>`);
      for (const word of words) expect(html, word).toContain(word);
      expect(html).not.toMatch(/\b(dictionary|demand)\.[a-zA-Z-]+\.[a-zA-Z]/);
    }
  });
});
