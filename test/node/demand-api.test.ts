import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/http/csv.ts';
import { seedDemo } from '../../src/node/database.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, new Date('2026-11-28T10:00:00Z'));
});

interface Entry {
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: string | null;
}
interface Table {
  round: { id: string };
  protected: boolean;
  cells: Entry[];
  totals: Entry[];
}

describe('GET /api/v1/demand', () => {
  it('gives the public a protected table of the latest closed round', async () => {
    const response = await request(t.app, '/api/v1/demand?by=specialisation,horizon');
    expect(response.status).toBe(200);
    const table = (await response.json()) as Table;
    expect(table.round.id).toBe('demo-round-closed');
    expect(table.protected).toBe(true);
    const all = [...table.cells, ...table.totals];
    expect(all.some((e) => e.suppressed)).toBe(true);
    for (const entry of all) {
      if (entry.suppressed) expect(entry).toMatchObject({ headcount: null, organisations: null });
      else expect(entry.organisations).toBeGreaterThanOrEqual(3);
    }
  });

  it('agrees with a direct count for every published cell', async () => {
    const table = (await (await request(t.app, '/api/v1/demand?by=horizon,sector')).json()) as Table;
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

  it('never shows a cell that a single organisation makes up, in JSON or CSV', async () => {
    // Skärvakt (demo) is the only organisation with IT-security specialists (SSYK 2516).
    const json = (await (await request(t.app, '/api/v1/demand?by=occupation')).json()) as Table;
    const cell = json.cells.find((c) => c.key.occupation === '2516');
    expect(cell).toMatchObject({ suppressed: true, headcount: null });
    const csv = await (await request(t.app, '/api/v1/demand.csv?by=occupation')).text();
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.occupation === '2516')).toMatchObject({ headcount: ':c', organisations: ':c' });
  });

  it('writes the same table as CSV with codes and names, which parses back to the JSON', async () => {
    const json = (await (await request(t.app, '/api/v1/demand?by=specialisation,horizon')).json()) as Table;
    const response = await request(t.app, '/api/v1/demand.csv?by=specialisation,horizon');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.cells.length + json.totals.length);
    for (const entry of [...json.cells, ...json.totals]) {
      const row = rows.find(
        (r) =>
          r.specialisation === (entry.key.specialisation ?? 'total') && r.horizon === (entry.key.horizon ?? 'total'),
      );
      expect(row?.headcount).toBe(entry.suppressed ? ':c' : String(entry.headcount));
    }
    expect(rows.find((r) => r.specialisation === 'tech')?.specialisationName).toBe(
      'Tech – digitalisering och smartare samhällen',
    );
  });

  it('gives the secretariat the raw figures with a preview of what would be hidden, and audits it', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const table = (await (
      await request(t.app, '/api/v1/demand?by=occupation', { headers: { cookie: admin.cookie } })
    ).json()) as Table;
    expect(table.protected).toBe(false);
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

  it('refuses an unknown dimension or more than three with a clear 422', async () => {
    for (const by of ['shoeSize', 'horizon,sector,sizeClass,municipality', '']) {
      const response = await request(t.app, `/api/v1/demand?by=${by}`);
      expect(response.status, by).toBe(422);
      expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toMatch(/^by/);
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

describe('computed tables', () => {
  it('are kept per round and query, and a submission to the round clears them', async () => {
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
    await send('PUT', '/api/v1/rounds/round-cache/responses/org-cache', {
      version: 0,
      organisation: {},
      needs: [need()],
    });
    await send('POST', '/api/v1/rounds/round-cache/responses/org-cache/submit', { submissionId: 'cache-test-1' });
    const before = (await (await request(t.app, '/api/v1/demand?round=round-cache&by=horizon')).json()) as Table;
    expect(before.totals[0]).toMatchObject({ suppressed: true, reason: 'few' });
    const cached = t.database.sqlite.raw
      .prepare("select count(*) as n from demand_cache where round_id = 'round-cache'")
      .get() as { n: number };
    // The figures, and their protected form (secondary suppression is kept beside them).
    expect(cached.n).toBe(2);
    await send('PUT', '/api/v1/rounds/round-cache/responses/org-cache', {
      version: 1,
      organisation: {},
      needs: [need(), need({ horizon: '3-5' })],
    });
    await send('POST', '/api/v1/rounds/round-cache/responses/org-cache/submit', { submissionId: 'cache-test-2' });
    const after = t.database.sqlite.raw
      .prepare("select count(*) as n from demand_cache where round_id = 'round-cache'")
      .get() as { n: number };
    expect(after.n).toBe(0);
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    const raw = (await (
      await request(t.app, '/api/v1/demand?round=round-cache&by=horizon', { headers: { cookie: secretariat.cookie } })
    ).json()) as Table;
    expect(raw.cells.map((c) => c.key.horizon).sort()).toEqual(['1-3', '3-5']);
  });
});
