import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { createRound, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let admin: SignedInPerson;
let csrf: { cookie: string; token: string };
let roundId: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = await signInSecretariat(t);
  csrf = await csrfPair(t.app);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2) });
  roundId = await createRound(t, admin);
  await send(t, 'POST', `/api/v1/rounds/${roundId}/open`, admin);
});

function importCsv(csv: string, round = roundId, who = admin) {
  return request(t.app, `/api/v1/rounds/${round}/responses/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: cookies(who.cookie, csrf.cookie), 'x-csrf-token': csrf.token },
    body: csv,
  });
}

const HEADER =
  'orgNumber,employeesNow,expectedChange1y,obstacles,providerInterest,contactConsent,occupationId,skillIds,specialisations,focusAreas,headcount,horizon,educationLevel,difficulty,strategies,placementKinds,placementCount,comment';
const A = orgNumber(1);
const B = orgNumber(2);
const good = [
  HEADER,
  `${A},40,-3,few-applicants|housing,yes,ja,DJh5_yyF_hEM,,tech,mjukvaruutveckling,3,1-3,bachelor,4,recruit-local|remote,lia|exjobb,2,`,
  `${A},,,,,,ek9W_qqp_XpF,,missions|tech,ai|big-data,1,3-5,master,2,train-staff,,,"Gärna ""AI"", tack"`,
  `${B.replace('-', '')},12,,,no,nej,DJh5_yyF_hEM,,tech,,5,0-1,post-secondary-short,5,consultants,,,`,
];
const withRow = (index: number, row: string) => good.map((line, i) => (i === index ? row : line)).join('\r\n');

const count = async (table: 'responses' | 'response_revisions' | 'need_lines' | 'submitted_responses') =>
  (await t.deps.db.selectFrom(table).selectAll().execute()).length;

interface Report {
  errors: { row: number; field: string; path: string; message: string }[];
}

describe('POST /api/v1/rounds/{id}/responses/import', () => {
  it('refuses a file with one bad row, names the row and the field, and stores nothing', async () => {
    const response = await importCsv(withRow(2, good[2]?.replace(',1,3-5,', ',ten,3-5,') ?? ''));
    expect(response.status).toBe(422);
    const report = (await response.json()) as Report;
    expect(report.errors.map(({ row, field, path }) => ({ row, field, path }))).toEqual([
      { row: 3, field: 'headcount', path: 'rows.3.headcount' },
    ]);
    expect(report.errors[0]?.message).toContain('heltal');
    for (const table of ['responses', 'response_revisions', 'need_lines', 'submitted_responses'] as const) {
      expect(await count(table)).toBe(0);
    }
  });

  it('imports the corrected file whole: every response entered on behalf and submitted', async () => {
    expect((await importCsv(withRow(2, good[2]?.replace(',1,3-5,', ',ten,3-5,') ?? ''))).status).toBe(422);
    const response = await importCsv(good.join('\r\n'));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ imported: 2, unchanged: 0 });
    const a = (await (await send(t, 'GET', `/api/v1/rounds/${roundId}/responses/org-a`, admin)).json()) as {
      status: string;
      organisation: unknown;
      needs: { comment: string; specialisations: unknown }[];
    };
    expect(a.status).toBe('submitted');
    expect(a.organisation).toEqual({
      employeesNow: 40,
      expectedChange1y: -3,
      obstacles: ['few-applicants', 'housing'],
      providerInterest: 'yes',
      contactConsent: true,
    });
    expect(a.needs).toHaveLength(2);
    expect(a.needs[1]?.comment).toBe('Gärna "AI", tack');
    expect(a.needs[1]?.specialisations).toEqual([
      { code: 'missions', focusAreas: [] },
      { code: 'tech', focusAreas: ['ai', 'big-data'] },
    ]);
    const revisions = await t.deps.db.selectFrom('response_revisions').selectAll().orderBy('organisation_id').execute();
    expect(revisions.map((r) => [r.organisation_id, r.revision, r.on_behalf, r.submitted_by])).toEqual([
      ['org-a', 1, 1, admin.userId],
      ['org-b', 1, 1, admin.userId],
    ]);
    expect(await count('need_lines')).toBe(3);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'responses.imported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('writes the same rows for insights as a submission through the form does', async () => {
    await importCsv(good.join('\r\n'));
    const imported = (await (await send(t, 'GET', `/api/v1/rounds/${roundId}/responses/org-a`, admin)).json()) as {
      organisation: unknown;
      needs: unknown[];
    };
    const other = await createRound(t, admin, { name: 'Jämförelse' });
    await send(t, 'POST', `/api/v1/rounds/${other}/open`, admin);
    await submit(t, admin, other, 'org-a', { organisation: imported.organisation, needs: imported.needs });
    const rowsOf = async (round: string) => ({
      snapshot: await t.deps.db
        .selectFrom('submitted_responses')
        .selectAll()
        .where('round_id', '=', round)
        .where('organisation_id', '=', 'org-a')
        .executeTakeFirstOrThrow()
        .then(({ round_id: _r, submitted_at: _s, ...rest }) => rest),
      lines: await t.deps.db
        .selectFrom('need_lines as n')
        .leftJoin('need_line_focus as f', 'f.need_line_id', 'n.id')
        .leftJoin('need_line_skills as s', 's.need_line_id', 'n.id')
        .select(['n.line_no', 'n.occupation_id', 'n.ssyk_code', 'n.headcount', 'n.horizon', 'n.education_level'])
        .select(['n.difficulty', 'n.recruit_local', 'n.recruit_outside', 'n.relocation_family', 'n.train_staff'])
        .select(['n.remote', 'n.consultants', 'n.placement_kinds', 'n.placement_count', 'n.comment'])
        .select(['f.specialisation_code', 'f.focus_area_code', 's.skill_id'])
        .where('n.round_id', '=', round)
        .where('n.organisation_id', '=', 'org-a')
        .orderBy('n.line_no')
        .orderBy('f.specialisation_code')
        .orderBy('f.focus_area_code')
        .execute(),
    });
    const viaImport = await rowsOf(roundId);
    expect(viaImport.lines.length).toBeGreaterThan(2);
    expect(viaImport).toEqual(await rowsOf(other));
  });

  it('stores nothing new when the same file comes again', async () => {
    expect((await importCsv(good.join('\r\n'))).status).toBe(201);
    const again = await importCsv(good.join('\n'));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ imported: 0, unchanged: 2 });
    expect(await count('response_revisions')).toBe(2);
  });

  it('never overwrites a response that exists already, and then stores nothing at all', async () => {
    const member = await signIn(t, { memberships: [{ organisationId: 'org-b' }] });
    await send(t, 'PUT', `/api/v1/rounds/${roundId}/responses/org-b`, member, {
      version: 0,
      organisation: {},
      needs: [need()],
    });
    const response = await importCsv(good.join('\r\n'));
    expect(response.status).toBe(422);
    const report = (await response.json()) as Report;
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([[4, 'orgNumber']]);
    expect(report.errors[0]?.message).toContain('utkast');
    expect(await count('response_revisions')).toBe(0);
    expect(await count('responses')).toBe(1);
  });

  const problems: [string, string, [number, string][]][] = [
    ['an unknown occupation', withRow(1, good[1]?.replace('DJh5_yyF_hEM', 'NOPE_nope_1') ?? ''), [[2, 'occupationId']]],
    ['an unknown org number', withRow(3, good[3]?.replace(/^\d+/, '5560360793') ?? ''), [[4, 'orgNumber']]],
    ['a bad org number', withRow(3, good[3]?.replace(/^\d+/, '5560360792') ?? ''), [[4, 'orgNumber']]],
    ['a horizon outside the list', withRow(1, good[1]?.replace(',1-3,', ',5-10,') ?? ''), [[2, 'horizon']]],
    [
      'a focus area of another specialisation',
      withRow(1, good[1]?.replace('mjukvaruutveckling', 'friska-hav') ?? ''),
      [[2, 'focusAreas']],
    ],
    ['a placement count without kinds', withRow(1, good[1]?.replace('lia|exjobb', '') ?? ''), [[2, 'placementKinds']]],
    [
      'answers that differ between rows of one organisation',
      withRow(2, good[2]?.replace(`${A},,`, `${A},41,`) ?? ''),
      [[3, 'employeesNow']],
    ],
    ['an unknown column', [good[0]?.replace('comment', 'kommentar'), ...good.slice(1)].join('\n'), [[1, 'kommentar']]],
    ['an empty file', HEADER, [[1, '']]],
  ];
  for (const [what, csv, expected] of problems) {
    it(`refuses ${what}, naming the row and the field`, async () => {
      const response = await importCsv(csv);
      expect(response.status).toBe(422);
      const report = (await response.json()) as Report;
      expect(report.errors.map((e) => [e.row, e.field])).toEqual(expected);
      expect(report.errors.every((e) => e.message.length > 10)).toBe(true);
      expect(await count('responses')).toBe(0);
    });
  }

  it('refuses a file for a closed round with 409', async () => {
    await send(t, 'POST', `/api/v1/rounds/${roundId}/close`, admin);
    expect((await importCsv(good.join('\r\n'))).status).toBe(409);
    expect(await count('responses')).toBe(0);
  });

  it('takes back what the export gives, into another round', async () => {
    await importCsv(good.join('\r\n'));
    const exported = await (
      await request(t.app, `/api/v1/rounds/${roundId}/responses.csv`, { headers: { cookie: admin.cookie } })
    ).text();
    const next = await createRound(t, admin, { name: 'Nästa' });
    await send(t, 'POST', `/api/v1/rounds/${next}/open`, admin);
    const response = await importCsv(exported, next);
    expect(response.status).toBe(201);
    for (const org of ['org-a', 'org-b']) {
      const read = async (round: string) => {
        const body = (await (await send(t, 'GET', `/api/v1/rounds/${round}/responses/${org}`, admin)).json()) as {
          organisation: unknown;
          needs: unknown;
        };
        return { organisation: body.organisation, needs: body.needs };
      };
      expect(await read(next)).toEqual(await read(roundId));
    }
  });

  it('is for the secretariat only', async () => {
    const member = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
    expect((await importCsv(good.join('\r\n'), roundId, member)).status).toBe(403);
    expect(await count('responses')).toBe(0);
  });
});
