import { beforeEach, describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { createApiToken, type SignedInPerson, signInSecretariat } from '../support/auth.ts';
import { createOrganisation, nextOrgNumber } from '../support/organisations.ts';

let t: TestApp;
let authorization: string;
beforeEach(async () => {
  t = await createTestApp();
  authorization = (await createApiToken(t, ['organisations:write'])).authorization;
});

const HEADER = 'name;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider';

function importCsv(body: string, headers: Record<string, string> = { authorization }) {
  return request(t.app, '/api/v1/organisations/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', ...headers },
    body,
  });
}

interface Report {
  status: number;
  errors: { row: number; field: string; path: string; message: string }[];
}

const countOrganisations = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  );

describe('POST /api/v1/organisations/import', () => {
  it('imports a good file in one go: 201 { imported }, every row stored, one audit entry', async () => {
    const [a, b] = [nextOrgNumber(), nextOrgNumber()];
    const csv = [
      HEADER,
      `Varvet AB;${a};naringsliv;30;250+;1080;nej`,
      `"Blekinge Tekniska Högskola; BTH";${b.replace('-', '')};akademi;85;250+;1080;ja`,
    ].join('\r\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ imported: 2 });
    const stored = await t.deps.db.selectFrom('organisations').selectAll().orderBy('name').execute();
    expect(stored.map((o) => [o.name, o.org_number, o.is_education_provider])).toEqual([
      ['Blekinge Tekniska Högskola; BTH', b, 1],
      ['Varvet AB', a, 0],
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'organisation.imported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}').count).toBe(2);
  });

  it('accepts commas, a UTF-8 BOM, columns in any order and English or Swedish yes/no words', async () => {
    const csv = `\uFEFFisEducationProvider,name,orgNumber,sector,sniDivision,sizeClass,municipalityCode
true,Alfa AB,${nextOrgNumber()},naringsliv,62,1-9,1081
FALSE,Beta AB,${nextOrgNumber()},naringsliv,62,1-9,1081
Ja,Gamma AB,${nextOrgNumber()},offentlig,84,10-49,1082
,Delta AB,${nextOrgNumber()},civilsamhalle,94,0,1083
`;
    const response = await importCsv(csv);
    expect(response.status).toBe(201);
    const stored = await t.deps.db
      .selectFrom('organisations')
      .select(['name', 'is_education_provider'])
      .orderBy('name')
      .execute();
    expect(stored).toEqual([
      { name: 'Alfa AB', is_education_provider: 1 },
      { name: 'Beta AB', is_education_provider: 0 },
      { name: 'Delta AB', is_education_provider: 0 },
      { name: 'Gamma AB', is_education_provider: 1 },
    ]);
  });

  it('stores nothing when one row is bad and names that row and field; the corrected file then imports everything', async () => {
    const rows = [
      `Ett AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej`,
      `Två AB;556036-0794;naringsliv;62;1-9;1080;nej`,
      `Tre AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej`,
    ];
    const refused = await importCsv([HEADER, ...rows].join('\n'));
    expect(refused.status).toBe(422);
    const report = (await refused.json()) as Report;
    expect(report.errors).toEqual([
      { row: 3, field: 'orgNumber', path: 'rows.3.orgNumber', message: sv['validation.orgNumber.checkDigit'] },
    ]);
    expect(await countOrganisations()).toBe(0);
    expect(
      await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'organisation.imported').execute(),
    ).toEqual([]);

    rows[1] = 'Två AB;556036-0793;naringsliv;62;1-9;1080;nej';
    const accepted = await importCsv([HEADER, ...rows].join('\n'));
    expect(accepted.status).toBe(201);
    expect(await countOrganisations()).toBe(3);
  });

  it('reports every problem of every row in one pass, numbered as in a spreadsheet', async () => {
    const csv = [
      HEADER,
      `;${nextOrgNumber()};privat;62;1-9;1080;nej`,
      '',
      `Bra AB;${nextOrgNumber()};naringsliv;04;12;9999;kanske`,
    ].join('\n');
    const report = (await (await importCsv(csv)).json()) as Report;
    expect(report.errors.map((e) => `${e.row}:${e.field}`)).toEqual([
      '2:name',
      '2:sector',
      '4:sniDivision',
      '4:sizeClass',
      '4:municipalityCode',
      '4:isEducationProvider',
    ]);
    expect(report.errors[2]?.message).toBe(sv['validation.sniDivision.unknown']);
  });

  it('names both rows of a number that appears twice in the file', async () => {
    const number = nextOrgNumber();
    const csv = [
      HEADER,
      `A AB;${number};naringsliv;62;1-9;1080;nej`,
      `B AB;${number.replace('-', '')};naringsliv;62;1-9;1080;nej`,
    ].join('\n');
    const report = (await (await importCsv(csv)).json()) as Report;
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 3, field: 'orgNumber' });
    expect(report.errors[0]?.message).toContain(number);
    expect(report.errors[0]?.message).toContain('2');
  });

  it('refuses a number already in the register, naming the row and the organisation that has it', async () => {
    const existing = await createOrganisation(t, { name: 'Redan Här AB' });
    const csv = [
      HEADER,
      `Ny AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej`,
      `Dubblett AB;${existing.orgNumber};naringsliv;62;1-9;1080;nej`,
    ].join('\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(422);
    const report = (await response.json()) as Report;
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 3, field: 'orgNumber' });
    expect(report.errors[0]?.message).toContain('Redan Här AB');
    expect(await countOrganisations()).toBe(1);
  });

  it('names a missing column, an empty file and unreadable CSV', async () => {
    const missing = (await (await importCsv('name;orgNumber\nA;556036-0793')).json()) as Report;
    expect(missing.errors.map((e) => e.field)).toEqual([
      'sector',
      'sniDivision',
      'sizeClass',
      'municipalityCode',
      'isEducationProvider',
    ]);
    const empty = (await (await importCsv(`${HEADER}\n`)).json()) as Report;
    expect(empty.errors[0]?.message).toBe(sv['import.error.empty']);
    const broken = await importCsv(`${HEADER}\n"Oavslutat AB;556036-0793;naringsliv;62;1-9;1080;nej`);
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as Report).errors[0]?.field).toBe('');
  });

  it('is for the secretariat and organisations:write tokens only', async () => {
    const reader = await createApiToken(t, ['organisations:read']);
    expect((await importCsv(HEADER, { authorization: reader.authorization })).status).toBe(403);
    const csrf = 'c'.repeat(43);
    const anonymous = await importCsv(HEADER, { cookie: `__Host-csrf=${csrf}`, 'x-csrf-token': csrf });
    expect(anonymous.status).toBe(401);
  });

  it('takes a session-signed-in secretariat with the CSRF header, not without it', async () => {
    const admin: SignedInPerson = await signInSecretariat(t);
    const csv = [HEADER, `Ett AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej`].join('\n');
    expect((await importCsv(csv, { cookie: admin.cookie })).status).toBe(403);
    const csrf = 'c'.repeat(43);
    const response = await importCsv(csv, { cookie: `${admin.cookie}; __Host-csrf=${csrf}`, 'x-csrf-token': csrf });
    expect(response.status).toBe(201);
  });
});
