import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeResponse, indicatorsResponse } from '../../src/demand/analysis/schemas.ts';
import { openDataResponse } from '../../src/demand/open-data/service.ts';
import { demandResponse } from '../../src/demand/schemas.ts';
import { csvCell } from '../../src/http/csv.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { closeUnpublished, plantRound, seedPublishedDemo } from '../support/demand.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedPublishedDemo(t);
});

interface Entry {
  cell?: string;
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface Table {
  round: { id: string; questionnaireVersion: number; closesAt: string };
  by: string[];
  protected: boolean;
  table?: string;
  publication?: { version: number; publishedAt: string };
  cells: Entry[];
  totals: Entry[];
}
interface Problem {
  status: number;
  detail: string;
  errors?: { path: string }[];
  nearestTable?: { id: string };
  organisationsAnswered?: number;
  organisationsTargeted?: number;
  closesAt?: string;
  publicationProgress?: number;
}

/** A cell's true figures, as the secretariat's raw preview keeps them beside the published ones. */
function trueCell(cell: string): { headcount: number; organisations: number; status: string } {
  return t.database.sqlite.raw
    .prepare(
      `select c.true_headcount as headcount, c.true_organisations as organisations, c.status from publication_cells c
       join publications p on p.id = c.publication_id
       where p.round_id = 'demo-round-closed' and p.status = 'published' and c.cell_id = ?`,
    )
    .get(cell) as { headcount: number; organisations: number; status: string };
}

describe('GET /api/v1/demand', () => {
  it("gives the public the latest closed round's figures as cells of its publication, naming the table and the version", async () => {
    const response = await request(t.app, '/api/v1/demand?by=specialisation,horizon');
    expect(response.status).toBe(200);
    const table = (await response.json()) as Table;
    expect(table.round).toMatchObject({ id: 'demo-round-closed', questionnaireVersion: 1 });
    expect(table.round.closesAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(table).toMatchObject({ protected: true, table: 'specialisation-horizon', publication: { version: 1 } });
    const all = [...table.cells, ...table.totals];
    expect(all.some((e) => e.suppressed)).toBe(true);
    for (const entry of all) {
      // The published value is the cell's true value; a hidden cell is one the publication hides.
      const truth = trueCell(entry.cell ?? '');
      if (entry.suppressed) {
        expect(entry).toMatchObject({ headcount: null, organisations: null, reason: truth.status });
      } else {
        expect([entry.headcount, entry.organisations, truth.status]).toEqual([
          truth.headcount,
          truth.organisations,
          'published',
        ]);
      }
    }
  });

  it('agrees with a direct count for every published cell', async () => {
    const table = (await (await request(t.app, '/api/v1/demand?by=horizon,sector')).json()) as Table;
    expect(table.table).toBe('sector-horizon');
    for (const cell of table.cells.filter((c) => !c.suppressed)) {
      const row = t.database.sqlite.raw
        .prepare(
          `select sum(nl.headcount) as hc, count(distinct nl.organisation_id) as orgs from need_lines nl
           join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
           where nl.round_id = 'demo-round-closed' and nl.horizon = ? and sr.sector = ?`,
        )
        .get(cell.key.horizon, cell.key.sector) as { hc: number; orgs: number };
      expect([cell.headcount, cell.organisations]).toEqual([row.hc, row.orgs]);
    }
  });

  it('selects the cells of one catalogue table with a filter, and names the table by `table=` too', async () => {
    const byName = (await (
      await request(t.app, '/api/v1/demand?table=specialisation-horizon&specialisation=tech')
    ).json()) as Table;
    const byBreakdown = (await (await request(t.app, '/api/v1/demand?by=horizon&specialisation=tech')).json()) as Table;
    const full = (await (await request(t.app, '/api/v1/demand?by=specialisation,horizon')).json()) as Table;
    expect(byName.by).toEqual(['horizon']);
    expect(byName.table).toBe('specialisation-horizon');
    expect(byName).toEqual(byBreakdown);
    // The selection is the table's own cells: the same ids and values, and no new total.
    const fullById = new Map([...full.cells, ...full.totals].map((e) => [e.cell, e]));
    for (const entry of [...byName.cells, ...byName.totals]) {
      expect(entry.key.specialisation).toBe('tech');
      expect(fullById.get(entry.cell)).toEqual(entry);
    }
    expect(byName.totals).toHaveLength(1);
  });

  it('never shows a cell that a single organisation makes up, in JSON or CSV', async () => {
    // Skärvakt (demo) is the only organisation with IT-security specialists (SSYK 2516).
    const json = (await (await request(t.app, '/api/v1/demand?by=occupation')).json()) as Table;
    expect(json.table).toBe('ssyk4-horizon');
    const cell = json.cells.find((c) => c.key.occupation === '2516');
    expect(cell).toMatchObject({ suppressed: true, headcount: null, reason: 'few' });
    const csv = await (await request(t.app, '/api/v1/demand.csv?by=occupation')).text();
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.occupation === '2516')).toMatchObject({
      headcount: ':c',
      organisations: ':c',
      flag: 'few',
      cell: 'occupation@4=2516',
    });
  });

  it('writes the same table as CSV with codes, names and cell ids, which parses back to the JSON', async () => {
    const json = (await (await request(t.app, '/api/v1/demand?by=specialisation,horizon')).json()) as Table;
    const response = await request(t.app, '/api/v1/demand.csv?by=specialisation,horizon');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.cells.length + json.totals.length);
    for (const entry of [...json.cells, ...json.totals]) {
      const row = rows.find((r) => r.cell === entry.cell);
      expect(row?.specialisation).toBe(entry.key.specialisation ?? 'total');
      expect(row?.horizon).toBe(entry.key.horizon ?? 'total');
      expect(row?.headcount).toBe(entry.suppressed ? ':c' : String(entry.headcount));
    }
    expect(rows.find((r) => r.specialisation === 'tech')?.specialisationName).toBe(
      'Tech – digitalisering och smartare samhällen',
    );
  });

  it('refuses a breakdown no catalogue table holds with 422 naming the nearest table, in JSON and CSV', async () => {
    for (const path of ['/api/v1/demand?by=occupation,municipality', '/api/v1/demand.csv?by=occupation,municipality']) {
      const response = await request(t.app, path);
      expect(response.status, path).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as Problem;
      expect(problem.nearestTable?.id).toBe('municipality-horizon');
      expect(problem.detail).toContain('Närmaste publicerade tabell: Kommun och tidshorisont');
      expect(problem.errors?.[0]?.path).toBe('by');
    }
    const english = await request(t.app, '/api/v1/demand?by=horizon,sector&specialisation=tech', {
      headers: { 'accept-language': 'en' },
    });
    expect(english.status).toBe(422);
    expect(((await english.json()) as Problem).detail).toContain('Nearest published table:');
  });

  it('answers an open round with 409: no figures, how many have answered and when it closes', async () => {
    const response = await request(t.app, '/api/v1/demand?round=demo-round-open&by=horizon');
    expect(response.status).toBe(409);
    const problem = (await response.json()) as Problem;
    const answered = t.database.sqlite.raw
      .prepare("select count(*) as n from responses where round_id = 'demo-round-open' and status = 'submitted'")
      .get() as { n: number };
    expect(problem).toMatchObject({ organisationsAnswered: answered.n });
    expect(problem.organisationsTargeted).toBeGreaterThanOrEqual(answered.n);
    expect(problem.closesAt).toMatch(/^\d{4}-/);
    expect(problem.detail).toContain(`Hittills har ${answered.n} av ${problem.organisationsTargeted} organisationer`);
    expect(JSON.stringify(problem)).not.toMatch(/"headcount"/);
  });

  it('answers a closed round whose publication is being computed with 409 and Retry-After', async () => {
    const app = await createTestApp();
    await plantRound(app, { id: 'computing', status: 'open' }, [{ id: 'c1' }], [{ org: 'c1', headcount: 4 }]);
    await closeUnpublished(app, 'computing');
    const response = await request(app.app, '/api/v1/demand?round=computing&by=horizon');
    expect(response.status).toBe(409);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(((await response.json()) as Problem).publicationProgress).toBe(0);
  });

  it('gives the secretariat the raw figures with what the publication hides marked, and audits it', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const table = (await (
      await request(t.app, '/api/v1/demand?by=occupation', { headers: { cookie: admin.cookie } })
    ).json()) as Table;
    expect(table.protected).toBe(false);
    expect(table.publication).toBeUndefined();
    expect(table.cells.find((c) => c.key.occupation === '2516')).toMatchObject({
      suppressed: false,
      reason: 'few',
      organisations: 1,
    });
    const audit = t.database.sqlite.raw
      .prepare("select count(*) as n from audit_log where action = 'raw-answers.read' and target_type = 'demand'")
      .get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('refuses an unknown dimension, more than three, or both table and by with a clear 422', async () => {
    for (const query of [
      'by=shoeSize',
      'by=horizon,sector,sizeClass,municipality',
      'by=',
      'table=shoe-size',
      'table=horizon&by=horizon',
      '',
    ]) {
      const response = await request(t.app, `/api/v1/demand?${query}`);
      expect(response.status, query).toBe(422);
      expect(((await response.json()) as Problem).errors?.[0]?.path, query).toMatch(/^(by|table)/);
    }
  });
});

describe('the answers of the demand API', () => {
  it('have exactly the shape their OpenAPI schemas declare: parsing them loses nothing', async () => {
    const cases = [
      [demandResponse, '/api/v1/demand?table=specialisation-horizon&specialisation=tech'],
      [indicatorsResponse, '/api/v1/demand/indicators'],
      [changeResponse, '/api/v1/demand/change?from=demo-round-closed&to=demo-round-closed&by=horizon'],
      [openDataResponse, '/api/v1/open-data/demand'],
    ] as const;
    for (const [schema, path] of cases) {
      const response = await request(t.app, path);
      expect(response.status, path).toBe(200);
      const body = await response.json();
      // zod drops what a schema does not declare: a field the schema lacks would make them differ.
      expect(schema.parse(body), path).toEqual(body);
    }
  });
});

describe('CSV cells', () => {
  it('neutralise text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+46 455 1234')).toBe("'+46 455 1234");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('an open round', () => {
  it("gives the public no figures while the secretariat's raw view follows each submission", async () => {
    const { createOpenRound, createOrganisation, need, orgNumber } = await import('../support/surveys.ts');
    await createOrganisation(t, 'org-cache', { orgNumber: orgNumber(777) });
    await createOpenRound(t, 'round-cache');
    const member = await signIn(t, { memberships: [{ organisationId: 'org-cache' }] });
    const send = (method: string, path: string, body: unknown) =>
      request(t.app, path, {
        method,
        headers: { cookie: member.cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    const raw = async () =>
      (await (
        await request(t.app, '/api/v1/demand?round=round-cache&by=horizon', { headers: { cookie: secretariat.cookie } })
      ).json()) as Table;
    await send('PUT', '/api/v1/rounds/round-cache/responses/org-cache', {
      version: 0,
      organisation: {},
      needs: [need()],
    });
    await send('POST', '/api/v1/rounds/round-cache/responses/org-cache/submit', { submissionId: 'cache-test-1' });
    const open = await request(t.app, '/api/v1/demand?round=round-cache&by=horizon');
    expect(open.status).toBe(409);
    expect(((await open.json()) as Problem).organisationsAnswered).toBe(1);
    expect((await raw()).cells.map((c) => c.key.horizon)).toEqual(['1-3']);
    await send('PUT', '/api/v1/rounds/round-cache/responses/org-cache', {
      version: 1,
      organisation: {},
      needs: [need(), need({ horizon: '3-5' })],
    });
    await send('POST', '/api/v1/rounds/round-cache/responses/org-cache/submit', { submissionId: 'cache-test-2' });
    expect((await raw()).cells.map((c) => c.key.horizon).sort()).toEqual(['1-3', '3-5']);
  });
});
