import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { closeUnpublished, plantRound, SECURITY, SOFTWARE, seedPublishedDemo } from '../support/demand.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedPublishedDemo(t);
});

const decode = (text: string) =>
  text
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
const page = async (path: string, headers: Record<string, string> = {}, app = t) => {
  const response = await request(app.app, path, { headers });
  return { status: response.status, html: await response.text() };
};
interface ShownCell {
  text: string;
  cell: string | undefined;
  reason: string | undefined;
  coarser: string | undefined;
  own: string | undefined;
}
/** The page's table cells by entry key (e.g. "horizon=1-3;sector=offentlig"): shown text, reason, coarser figure, own figure. */
function cellsOf(html: string) {
  const cells = new Map<string, ShownCell>();
  const pattern =
    /data-key="([^"]*)"(?: data-cell="([^"]*)")?>\s*<span class="cell-value">([^<]*)<\/span>\s*(?:<span class="cell-reason">([^<]*)<\/span>)?\s*(?:<span class="cell-coarser">([^<]*)<\/span>)?\s*(?:<span class="cell-own">([^<]*)<\/span>)?/g;
  for (const m of html.matchAll(pattern)) {
    const key = decode(m[1] ?? '');
    if (cells.has(key)) continue;
    cells.set(key, {
      cell: m[2] === undefined ? undefined : decode(m[2]),
      text: m[3] ?? '',
      reason: m[4],
      coarser: m[5],
      own: m[6],
    });
  }
  return cells;
}
const hrefOf = (html: string, label: string) =>
  decode(new RegExp(`href="([^"]+)"[^>]*>${label}<`).exec(html)?.[1] ?? '');
const number = (text: string) => Number(text.replace(/\s/g, ''));
const REASONS = ['för få svar', 'några få står för nästan allt', 'skyddar en annan siffra'];

interface Entry {
  cell: string;
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
}
interface Table {
  table: string;
  cells: Entry[];
  totals: Entry[];
}

describe('/demand', () => {
  it("shows the latest closed round's table of its publication, with totals, hidden cells as dold with the reason in words", async () => {
    const { status, html } = await page('/demand');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Efterfrågan på kompetens</h1>');
    expect(html).toMatch(/<option value="demo-round-closed" selected>/);
    expect(html).toMatch(/<option value="specialisation-horizon" selected>Specialiseringsområde och tidshorisont</);
    expect(html).toMatch(/omgångens publicering, version 1, publicerad \d+ \w+ 20\d\d/);
    const cells = cellsOf(html);
    expect(cells.get('')?.text).toBe('66');
    const hidden = [...cells.values()].filter((c) => c.text === 'dold');
    expect(hidden.length).toBeGreaterThan(0);
    for (const cell of hidden) expect(REASONS).toContain(cell.reason);
    expect(html).not.toContain(':c');
    expect(html).toContain('href="/data/dictionary#disclosure"');
    expect(html).toContain('färre än 3 organisationer');
  });

  it('agrees, as a provider sees it, with its CSV and JSON download and with a direct SQL count for every published cell', async () => {
    const provider = await signIn(t, {
      memberships: [{ organisationId: demoOrganisationId('hogskolan'), role: 'provider' }],
    });
    const headers = { cookie: provider.cookie };
    const { html } = await page('/demand?table=sector-horizon&sector=naringsliv', headers);
    const cells = cellsOf(html);
    const json = (await (await request(t.app, hrefOf(html, 'Tabellen som JSON'), { headers })).json()) as Table;
    const csv = parse(await (await request(t.app, hrefOf(html, 'Ladda ner tabellen som CSV'), { headers })).text(), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    const entries = [...json.cells, ...json.totals];
    expect(json.table).toBe('sector-horizon');
    expect(csv).toHaveLength(entries.length);
    for (const entry of entries) {
      const key = Object.entries(entry.key)
        .sort()
        .map(([d, v]) => `${d}=${v}`)
        .join(';');
      const shown = cells.get(key);
      const row = csv.find((r) => r.cell === entry.cell);
      expect(shown?.cell).toBe(entry.cell);
      if (entry.suppressed) {
        expect([shown?.text, row?.headcount], key).toEqual(['dold', ':c']);
        continue;
      }
      const direct = t.database.sqlite.raw
        .prepare(
          `select coalesce(sum(nl.headcount), 0) as hc from need_lines nl
           join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
           where nl.round_id = 'demo-round-closed' and coalesce(?, nl.horizon) = nl.horizon and sr.sector = 'naringsliv'`,
        )
        .get(entry.key.horizon ?? null) as { hc: number };
      expect([number(shown?.text ?? ''), Number(row?.headcount), entry.headcount], key).toEqual([
        direct.hc,
        direct.hc,
        direct.hc,
      ]);
    }
  });

  it('keeps every choice in a bookmarkable GET address, and the downloads ask for exactly that table', async () => {
    const { html } = await page('/demand?round=demo-round-closed&table=municipality-horizon&municipality=1080');
    expect(html).toMatch(
      /<select id="field-table" name="table">[\s\S]*?<option value="municipality-horizon" selected>/,
    );
    expect(html).toMatch(/<option value="1080" selected>Karlskrona<\/option>/);
    // A table without specialisations offers no specialisation to select.
    expect(html).not.toContain('id="field-specialisation"');
    expect(hrefOf(html, 'Ladda ner tabellen som CSV')).toBe(
      '/api/v1/demand.csv?round=demo-round-closed&table=municipality-horizon&municipality=1080',
    );
    expect([...cellsOf(html).keys()].every((k) => k.includes('municipality=1080'))).toBe(true);
    // An address of the earlier breakdown form leads to the table that holds it.
    const earlier = await page('/demand?round=demo-round-closed&by=occupation&by=horizon&by=&ssykLevel=1');
    expect(earlier.status).toBe(200);
    expect(earlier.html).toMatch(/<option value="ssyk1-horizon" selected>/);
    expect(
      [...cellsOf(earlier.html).keys()]
        .filter((k) => k.includes('occupation='))
        .every((k) => /occupation=\d($|;)/.test(k)),
    ).toBe(true);
  });

  it('shows one cross table per value of the third dimension, with the rows that have figures, and one over all of them', async () => {
    const { html } = await page('/demand?table=specialisation-ssyk1-horizon');
    const captions = [...html.matchAll(/<caption>([^<]*)<\/caption>/g)].map((m) => m[1] ?? '');
    const main = captions.filter((c) =>
      c.startsWith('Antal efterfrågade personer: Specialiseringsområde, yrkesområde (SSYK 1) och tidshorisont'),
    );
    expect(main).toHaveLength(4);
    expect(main.at(-1)).toContain('Specialiseringsområde: Totalt');
  });

  it('answers a combination no table holds (an earlier address) with 422, the reason and a link to the nearest table', async () => {
    for (const [lang, words] of [
      ['sv', ['Den kombinationen publiceras inte', 'Visa tabellen ”Kommun och tidshorisont”']],
      ['en', ['That combination is not published', 'Show the table “Kommun and horizon”']],
    ] as const) {
      const { status, html } = await page('/demand?by=occupation&by=municipality', { 'accept-language': lang });
      expect(status).toBe(422);
      for (const word of words) expect(html).toContain(word);
      expect(decode(html)).toContain('href="/demand?round=demo-round-closed&table=municipality-horizon"');
      expect(html).not.toContain('class="data-table demand-table"');
    }
  });

  it('says so at the table choice when an earlier address names the same breakdown twice (422)', async () => {
    const { status, html } = await page('/demand?by=horizon&by=horizon');
    expect(status).toBe(422);
    expect(html).toContain('href="#field-table"');
    expect(html).toContain('Välj olika saker för rader, kolumner och uppdelning.');
    expect(html).toContain('aria-invalid="true"');
  });

  it('says so at the field for a filter value no select offers (422), in Swedish and English', async () => {
    const { status, html } = await page('/demand?table=municipality-horizon&horizon=10-20&municipality=Karlskrona');
    expect(status).toBe(422);
    expect(html).toContain('href="#field-horizon"');
    expect(html).toContain('href="#field-municipality"');
    expect(html).toMatch(
      /<p class="field-error" id="error-horizon">[\s\S]*?Okänt värde\. Välj bland alternativen i listan\./,
    );
    expect(html).toContain('<select id="field-municipality" name="municipality" aria-invalid="true"');
    const english = await page('/demand?table=sector-horizon&sector=private', { cookie: 'lang=en' });
    expect(english.status).toBe(422);
    expect(english.html).toContain('Unknown value. Choose one of the options in the list.');
    // A well-formed kommun code outside the region is no error: nobody there has a need.
    expect((await page('/demand?table=municipality-horizon&municipality=0180')).status).toBe(200);
  });

  it('answers 404 for a round that does not exist', async () => {
    expect((await page('/demand?round=no-such-round')).status).toBe(404);
  });

  it("draws the shown table's published cells as an SVG image; hidden values draw no bar", async () => {
    const { html } = await page('/demand?table=sector-horizon');
    const svg = /<svg [^>]*id="chart-demand"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/<title id="chart-demand-title">Antal efterfrågade personer: Sektor och tidshorisont/);
    expect(svg).toMatch(/<desc id="chart-demand-desc">/);
    const tableHtml = html.slice(html.indexOf('id="table-heading"'), html.indexOf('id="chart-heading"'));
    const figures = [...cellsOf(tableHtml)].filter(([k]) => k.includes('horizon=') && k.includes('sector='));
    const published = figures.filter(([, c]) => c.text !== 'dold' && c.text !== '–');
    const hidden = figures.filter(([, c]) => c.text === 'dold');
    expect(published.length).toBeGreaterThan(0);
    expect([...svg.matchAll(/<rect [^>]*><title>/g)]).toHaveLength(published.filter(([, c]) => c.text !== '0').length);
    expect(svg.match(/class="chart-hidden"/g) ?? []).toHaveLength(hidden.length);
    for (const [, cell] of published)
      expect(decode(svg)).toContain(`class="chart-value" data-cell="${cell.cell}">${cell.text}<`);
    expect(html).toContain(`Här är ${hidden.length} dolda`);
  });

  it('gives the secretariat the raw figures marked internal, with what the publication hides, a switch, and an audit entry', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const before = t.database.sqlite.raw
      .prepare("select count(*) as n from audit_log where action = 'raw-answers.read'")
      .get() as { n: number };
    const raw = await page('/demand?by=occupation', { cookie: admin.cookie });
    expect(raw.html).toContain('Internt – får inte publiceras.');
    const cells = cellsOf(raw.html);
    // Skärvakt (demo) alone needs IT-security specialists (SSYK 2516).
    const direct = t.database.sqlite.raw
      .prepare(
        "select sum(headcount) as hc from need_lines where round_id = 'demo-round-closed' and ssyk_code = '2516'",
      )
      .get() as { hc: number };
    expect(cells.get('occupation=2516')).toMatchObject({
      text: String(direct.hc),
      reason: 'döljs i publiceringen: för få svar',
    });
    expect(raw.html).toContain('Visningen loggas.');
    const after = t.database.sqlite.raw
      .prepare("select count(*) as n from audit_log where action = 'raw-answers.read'")
      .get() as { n: number };
    expect(after.n).toBe(before.n + 1);
    const switchHref = hrefOf(raw.html, 'Visa skyddad vy');
    expect(switchHref).toBe('/demand?by=occupation&view=protected');
    const protectedView = await page(switchHref, { cookie: admin.cookie });
    expect(protectedView.html).not.toContain('Internt – får inte publiceras.');
    expect(cellsOf(protectedView.html).get('occupation=2516')).toMatchObject({ text: 'dold', reason: 'för få svar' });
    expect(hrefOf(protectedView.html, 'Tabellen som JSON')).toContain('view=protected');
  });

  it("shows a signed-in member their organisation's own submitted figures beside the published regional ones", async () => {
    const organisationId = demoOrganisationId('hamnvarvet');
    const member = await signIn(t, { memberships: [{ organisationId }] });
    const { html } = await page('/demand?table=horizon', { cookie: member.cookie });
    expect(html).toContain('vad Hamnvarvet');
    expect(html).not.toMatch(/\)s egna/);
    const own = t.database.sqlite.raw
      .prepare(
        `select horizon, sum(headcount) as hc from need_lines where round_id = 'demo-round-closed' and organisation_id = ? group by horizon`,
      )
      .all(organisationId) as { horizon: string; hc: number }[];
    expect(own.length).toBeGreaterThan(0);
    const cells = cellsOf(html);
    for (const row of own) expect(cells.get(`horizon=${row.horizon}`)?.own).toBe(`egna: ${row.hc}`);
    expect(cells.get('')?.own).toBe(`egna: ${own.reduce((sum, r) => sum + r.hc, 0)}`);
    // An anonymous reader sees no own figures.
    expect([...cellsOf((await page('/demand?table=horizon')).html).values()].every((c) => c.own === undefined)).toBe(
      true,
    );
  });

  it('is in English for an English reader, and the nav links to it for everyone', async () => {
    const { html } = await page('/demand', { 'accept-language': 'en' });
    expect(html).toContain('<h1>Demand for skills</h1>');
    expect(html).toContain('Read more about the protection in the data dictionary');
    expect(html).toContain('>hidden<');
    expect(decode(html)).toMatch(/the round's publication, version 1, published/);
    expect(html).not.toMatch(/\b(demand|publication)\.[a-zA-Z]+\.[a-zA-Z]/);
    expect((await page('/')).html).toMatch(/<a href="\/demand">Efterfrågan<\/a>/);
  });
});

describe('/demand for a round without published figures', () => {
  it('shows no figures for an open round: how many have answered and when the figures are published, in Swedish and English', async () => {
    const answered = t.database.sqlite.raw
      .prepare("select count(*) as n from responses where round_id = 'demo-round-open' and status = 'submitted'")
      .get() as { n: number };
    const targeted = t.database.sqlite.raw
      .prepare("select count(*) as n from round_targets where round_id = 'demo-round-open'")
      .get() as { n: number };
    expect(answered.n).toBeGreaterThan(0);
    for (const [lang, words] of [
      [
        'sv',
        [
          `Hittills har ${answered.n} av ${targeted.n} tillfrågade organisationer svarat.`,
          'publiceras när omgången stänger 31 maj',
        ],
      ],
      [
        'en',
        [
          `So far ${answered.n} of the ${targeted.n} organisations asked have answered.`,
          'published when the round closes on 31 May',
        ],
      ],
    ] as const) {
      const { status, html } = await page('/demand?round=demo-round-open', { 'accept-language': lang });
      expect(status).toBe(200);
      for (const word of words) expect(html).toContain(word);
      expect(html).not.toContain('class="data-table demand-table"');
      expect(html).not.toContain('id="chart-demand"');
      expect(html).not.toContain('cell-value');
    }
  });

  it('shows a closed round whose figures are being computed as a notice with its progress and a reload link, never a timed refresh (WCAG 2.2.1) nor inline script', async () => {
    const app = await createTestApp();
    await plantRound(app, { id: 'computing', status: 'open' }, [{ id: 'c1' }], [{ org: 'c1', headcount: 4 }]);
    await closeUnpublished(app, 'computing');
    for (const [lang, words] of [
      ['sv', [/siffrorna räknas fram \(0\s%\sklart\)/, /Ladda om sidan/]],
      ['en', [/its figures are being computed \(0% done\)/, /Reload the page/]],
    ] as const) {
      const { status, html } = await page('/demand?round=computing', { 'accept-language': lang }, app);
      expect(status).toBe(200);
      for (const word of words) expect(html).toMatch(word);
      expect(html).not.toContain('http-equiv="refresh"');
      expect(decode(html)).toContain('href="/demand?round=computing"');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toContain('cell-value');
    }
  });
});

describe('a hidden cell', () => {
  it('offers the nearest published coarser figure and says which it is', async () => {
    const app = await createTestApp();
    // Three organisations, each alone in its SSYK-4 group under 251: every SSYK-4 cell is hidden
    // (too few answers), while their SSYK-3 group 251 has all three.
    const ANALYST = { id: 'UXKZ_3zZ_ipB', ssyk: '2511' };
    await plantRound(
      app,
      { id: 'coarse' },
      [{ id: 'k1' }, { id: 'k2' }, { id: 'k3' }],
      [
        { org: 'k1', headcount: 4, occupation: SOFTWARE },
        { org: 'k2', headcount: 5, occupation: SECURITY },
        { org: 'k3', headcount: 6, occupation: ANALYST },
      ],
    );
    const group = (await (await request(app.app, '/api/v1/demand?round=coarse&table=ssyk3-horizon')).json()) as Table;
    const published = [...group.cells, ...group.totals].find((e) => e.cell === 'horizon=1-3|occupation@3=251');
    expect(published).toMatchObject({ suppressed: false, headcount: 15 });
    for (const [lang, expected] of [
      ['sv', 'Närmaste publicerade siffra: Yrkesgrupp 251: 15'],
      ['en', 'Nearest published figure: Minor group 251: 15'],
    ] as const) {
      const { html } = await page('/demand?round=coarse&table=ssyk4-horizon', { 'accept-language': lang }, app);
      const cell = cellsOf(html).get('horizon=1-3;occupation=2512');
      expect(cell?.text).toBe(lang === 'sv' ? 'dold' : 'hidden');
      expect(cell?.coarser).toBe(expected);
      // Its row total (all horizons) is hidden too; its figure is the group's, for all horizons.
      expect(cellsOf(html).get('occupation=2512')?.coarser).toBe(
        lang === 'sv'
          ? 'Närmaste publicerade siffra: Yrkesgrupp 251: 15'
          : 'Nearest published figure: Minor group 251: 15',
      );
    }
  });
});

describe('one cell', () => {
  it('has one value on the page, in JSON, in CSV, in the chart and in open data', async () => {
    const { html } = await page('/demand?table=education-level-horizon');
    const shown = [...cellsOf(html).values()].find(
      (c) =>
        c.cell?.includes('educationLevel=') && c.cell.includes('horizon=') && /^\d+$/.test(c.text) && c.text !== '0',
    );
    if (!shown?.cell) throw new Error('no published cell of education level × horizon on the page');
    const cell = shown.cell;
    const json = (await (await request(t.app, hrefOf(html, 'Tabellen som JSON'))).json()) as Table;
    const csv = parse(await (await request(t.app, hrefOf(html, 'Ladda ner tabellen som CSV'))).text(), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    const openData = (await (await request(t.app, '/api/v1/open-data/demand')).json()) as {
      rows: { table: string; cell: string; headcount: number | null }[];
    };
    const chart = new RegExp(`class="chart-value" data-cell="${cell.replace(/[|=]/g, (m) => `\\${m}`)}">([^<]*)<`).exec(
      decode(html.slice(html.indexOf('id="chart-demand"'))),
    )?.[1];
    const values = {
      page: number(shown.text),
      json: [...json.cells, ...json.totals].find((e) => e.cell === cell)?.headcount,
      csv: Number(csv.find((r) => r.cell === cell)?.headcount),
      chart: number(chart ?? ''),
      openData: openData.rows.find((r) => r.table === 'education-level-horizon' && r.cell === cell)?.headcount,
    };
    const truth = t.database.sqlite.raw
      .prepare(
        `select c.true_headcount as hc from publication_cells c join publications p on p.id = c.publication_id
         where p.round_id = 'demo-round-closed' and p.status = 'published' and c.cell_id = ?`,
      )
      .get(cell) as { hc: number };
    expect(values).toEqual({ page: truth.hc, json: truth.hc, csv: truth.hc, chart: truth.hc, openData: truth.hc });
  });
});
