import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, new Date('2026-11-28T10:00:00Z'));
});

const decode = (text: string) =>
  text
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await request(t.app, path, { headers });
  return { status: response.status, html: await response.text() };
};
/** The page's table cells by entry key (e.g. "horizon=1-3;sector=offentlig") → shown text, and own figure. */
function cellsOf(html: string) {
  const cells = new Map<string, { text: string; own: string | undefined; reason: string | undefined }>();
  const pattern =
    /data-key="([^"]*)">\s*<span class="cell-value">([^<]*)<\/span>\s*(?:<span class="cell-reason">([^<]*)<\/span>)?\s*(?:<span class="cell-own">([^<]*)<\/span>)?/g;
  for (const m of html.matchAll(pattern))
    if (!cells.has(decode(m[1] ?? ''))) cells.set(decode(m[1] ?? ''), { text: m[2] ?? '', reason: m[3], own: m[4] });
  return cells;
}
const hrefOf = (html: string, label: string) =>
  decode(new RegExp(`href="([^"]+)"[^>]*>${label}<`).exec(html)?.[1] ?? '');
const number = (text: string) => Number(text.replace(/\s/g, ''));

interface Table {
  cells: { key: Record<string, string>; headcount: number | null; suppressed: boolean }[];
  totals: { key: Record<string, string>; headcount: number | null; suppressed: boolean }[];
}

describe('/demand', () => {
  it('shows the latest closed round by specialisation and horizon, with totals, hidden cells as :c with the reason', async () => {
    const { status, html } = await page('/demand');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Efterfrågan på kompetens</h1>');
    expect(html).toMatch(/<option value="demo-round-closed" selected>/);
    const cells = cellsOf(html);
    expect(cells.get('')?.text).toBe('66');
    const hidden = [...cells.values()].filter((c) => c.text === ':c');
    expect(hidden.length).toBeGreaterThan(0);
    for (const cell of hidden) expect(['för få', 'dominans', 'följddöljning']).toContain(cell.reason);
    expect(html).toContain('href="/data/dictionary#disclosure"');
    expect(html).toContain('färre än 3 organisationer');
  });

  it('agrees, as a provider sees it, with its CSV and JSON download and with a direct SQL count for every published cell', async () => {
    const provider = await signIn(t, {
      memberships: [{ organisationId: demoOrganisationId('hogskolan'), role: 'provider' }],
    });
    const headers = { cookie: provider.cookie };
    const { html } = await page('/demand?by=horizon&by=sector&specialisation=tech', headers);
    const cells = cellsOf(html);
    const json = (await (await request(t.app, hrefOf(html, 'Tabellen som JSON'), { headers })).json()) as Table;
    const csv = parse(await (await request(t.app, hrefOf(html, 'Ladda ner tabellen som CSV'), { headers })).text(), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    const entries = [...json.cells, ...json.totals];
    expect(csv).toHaveLength(entries.length);
    expect(entries.some((e) => e.suppressed)).toBe(true);
    for (const entry of entries) {
      const key = Object.entries(entry.key)
        .sort()
        .map(([d, v]) => `${d}=${v}`)
        .join(';');
      const shown = cells.get(key)?.text;
      const row = csv.find(
        (r) => r.horizon === (entry.key.horizon ?? 'total') && r.sector === (entry.key.sector ?? 'total'),
      );
      if (entry.suppressed) {
        expect([shown, row?.headcount], key).toEqual([':c', ':c']);
        continue;
      }
      const direct = t.database.sqlite.raw
        .prepare(
          `select coalesce(sum(nl.headcount), 0) as hc from need_lines nl
           join submitted_responses sr on sr.round_id = nl.round_id and sr.organisation_id = nl.organisation_id
           where nl.round_id = 'demo-round-closed' and coalesce(?, nl.horizon) = nl.horizon and coalesce(?, sr.sector) = sr.sector
             and exists (select 1 from need_line_focus f where f.need_line_id = nl.id and f.specialisation_code = 'tech')`,
        )
        .get(entry.key.horizon ?? null, entry.key.sector ?? null) as { hc: number };
      expect([number(shown ?? ''), Number(row?.headcount), entry.headcount], key).toEqual([
        direct.hc,
        direct.hc,
        direct.hc,
      ]);
    }
  });

  it('keeps every choice in a bookmarkable GET address, and the downloads ask for exactly that table', async () => {
    const { html } = await page(
      '/demand?round=demo-round-closed&by=occupation&by=horizon&by=&ssykLevel=1&municipality=1080',
    );
    expect(html).toMatch(/<select id="field-by" name="by">[\s\S]*?<option value="occupation" selected>/);
    expect(html).toMatch(/<select id="field-by-2" name="by">[\s\S]*?<option value="horizon" selected>/);
    expect(html).toMatch(/<option value="1" selected>SSYK-nivå 1<\/option>/);
    expect(html).toMatch(/<option value="1080" selected>Karlskrona<\/option>/);
    expect(hrefOf(html, 'Ladda ner tabellen som CSV')).toBe(
      '/api/v1/demand.csv?round=demo-round-closed&by=occupation%2Chorizon&ssykLevel=1&municipality=1080',
    );
    expect(
      [...cellsOf(html).keys()]
        .filter((k) => k.startsWith('horizon=') && k.includes('occupation='))
        .every((k) => /occupation=\d($|;)/.test(k)),
    ).toBe(true);
  });

  it('shows one cross table per value of the third dimension, and one over all of them', async () => {
    const { html } = await page('/demand?by=horizon&by=sector&by=specialisation');
    const captions = [...html.matchAll(/<caption>([^<]*)<\/caption>/g)].map((m) => m[1] ?? '');
    const main = captions.filter((c) =>
      c.startsWith('Antal efterfrågade personer efter Tidshorisont × Sektor × Specialiseringsområde'),
    );
    expect(main).toHaveLength(4);
    expect(main.at(-1)).toContain('Specialiseringsområde: Totalt');
  });

  it('says so at the field when the same breakdown is chosen twice (422)', async () => {
    const { status, html } = await page('/demand?by=horizon&by=horizon');
    expect(status).toBe(422);
    expect(html).toContain('href="#field-by"');
    expect(html).toContain('Välj olika saker för rader, kolumner och uppdelning.');
    expect(html).toContain('aria-invalid="true"');
  });

  it('says so at the field for a filter value no select offers (422), in Swedish and English', async () => {
    const { status, html } = await page('/demand?horizon=10-20&municipality=Karlskrona');
    expect(status).toBe(422);
    expect(html).toContain('href="#field-horizon"');
    expect(html).toContain('href="#field-municipality"');
    expect(html).toMatch(
      /<p class="field-error" id="error-horizon">[\s\S]*?Okänt värde\. Välj bland alternativen i listan\./,
    );
    expect(html).toContain('<select id="field-municipality" name="municipality" aria-invalid="true"');
    const english = await page('/demand?sector=private', { cookie: 'lang=en' });
    expect(english.status).toBe(422);
    expect(english.html).toContain('Unknown value. Choose one of the options in the list.');
    // A well-formed kommun code outside the region is no error: nobody there has a need, so the table is empty.
    expect((await page('/demand?municipality=0180')).status).toBe(200);
  });

  it('answers 404 for a round that does not exist', async () => {
    expect((await page('/demand?round=no-such-round')).status).toBe(404);
  });

  it('draws the charts as SVG images, each followed by its figures; hidden values draw no bar', async () => {
    const { html } = await page('/demand?compare=demo-round-open');
    const svg = /<svg [^>]*id="chart-demand"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/<title id="chart-demand-title">/);
    expect(svg).toMatch(/<desc id="chart-demand-desc">/);
    const after = html.slice(html.indexOf('id="chart-demand"'));
    const table = after.slice(0, after.indexOf('</table>'));
    const figures = [...cellsOf(table)].filter(([k]) => k.includes('horizon=') && k.includes('specialisation='));
    const published = figures.filter(([, c]) => c.text !== ':c' && c.text !== '–').length;
    const hidden = figures.filter(([, c]) => c.text === ':c').length;
    expect(published).toBeGreaterThan(0);
    expect([...svg.matchAll(/<rect [^>]*><title>/g)]).toHaveLength(published);
    expect(svg.match(/class="chart-hidden"/g) ?? []).toHaveLength(hidden);
    expect(html).toContain(`här är ${hidden} dolda`);
    expect(html).toMatch(/<svg [^>]*id="chart-change"/);
  });

  it('gives the secretariat the raw figures with the cells that would be hidden marked, a switch, and an audit entry', async () => {
    const admin = await signIn(t, { roles: ['secretariat'] });
    const before = t.database.sqlite.raw
      .prepare("select count(*) as n from audit_log where action = 'raw-answers.read'")
      .get() as { n: number };
    const raw = await page('/demand?by=occupation', { cookie: admin.cookie });
    const cells = cellsOf(raw.html);
    // Skärvakt (demo) alone needs IT-security specialists (SSYK 2516).
    const direct = t.database.sqlite.raw
      .prepare(
        "select sum(headcount) as hc from need_lines where round_id = 'demo-round-closed' and ssyk_code = '2516'",
      )
      .get() as { hc: number };
    expect(cells.get('occupation=2516')).toMatchObject({ text: String(direct.hc), reason: ':c för få' });
    expect(raw.html).toContain('Visningen loggas.');
    const after = t.database.sqlite.raw
      .prepare("select count(*) as n from audit_log where action = 'raw-answers.read'")
      .get() as { n: number };
    expect(after.n).toBe(before.n + 1);
    const switchHref = hrefOf(raw.html, 'Visa skyddad vy');
    expect(switchHref).toBe('/demand?by=occupation&view=protected');
    const protectedView = await page(switchHref, { cookie: admin.cookie });
    expect(cellsOf(protectedView.html).get('occupation=2516')).toMatchObject({ text: ':c', reason: 'för få' });
    expect(hrefOf(protectedView.html, 'Tabellen som JSON')).toContain('view=protected');
  });

  it("shows a signed-in member their organisation's own submitted figures beside the protected regional ones", async () => {
    const organisationId = demoOrganisationId('hamnvarvet');
    const member = await signIn(t, { memberships: [{ organisationId }] });
    const { html } = await page('/demand?by=horizon', { cookie: member.cookie });
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
    expect([...cellsOf((await page('/demand?by=horizon')).html).values()].every((c) => c.own === undefined)).toBe(true);
  });

  it('is in English for an English reader, and the nav links to it for everyone', async () => {
    const { html } = await page('/demand', { 'accept-language': 'en' });
    expect(html).toContain('<h1>Demand for skills</h1>');
    expect(html).toContain('Read more about the protection in the data dictionary');
    expect(html).not.toMatch(/\bdemand\.[a-zA-Z]+\.[a-zA-Z]/);
    expect((await page('/')).html).toMatch(/<a href="\/demand">Efterfrågan<\/a>/);
  });
});
