import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/identity/keys.ts';
import { completeOrgNumber } from '../../src/organisations/org-number.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * Organisations on the runtime we deploy to: the CSV parser (csv-parse's browser build) inside
 * workerd, and the conditional batches (audit only if the write happens) on a real D1.
 */
const ORIGIN = 'http://localhost:8787';
const SECRET = 'kb_workers_test_token_with_enough_characters';
const auth = { authorization: `Bearer ${SECRET}` };

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  await env.DB.prepare(
    `insert into api_tokens (id, name, token_hash, scopes, created_at) values ('t1', 'test', ?, ?, '2026-11-28T09:00:00Z')`,
  )
    .bind(await sha256Hex(SECRET), JSON.stringify(['organisations:read', 'organisations:write']))
    .run();
});

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n;

const CSV =
  '\uFEFFname;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider\r\n' +
  'Saab Kockums AB;556036-0793;naringsliv;30;250+;1080;nej\r\n' +
  'Blekinge Tekniska Högskola;202100-2114;akademi;85;250+;1080;ja\r\n';

describe('organisations in workerd over D1', () => {
  it('imports a CSV file in one batch, and refuses the same file again with a report naming the rows', async () => {
    const post = () =>
      SELF.fetch(`${ORIGIN}/api/v1/organisations/import`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: CSV,
      });
    const first = await post();
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ imported: 2 });

    const again = await post();
    expect(again.status).toBe(422);
    const report = (await again.json()) as { errors: { row: number; field: string }[] };
    expect(report.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:orgNumber', '3:orgNumber']);
    expect(await count('select count(*) as n from organisations')).toBe(2);
    expect(await count(`select count(*) as n from audit_log where action = 'organisation.imported'`)).toBe(1);
  });

  it('imports a file larger than one statement can bind (D1 takes at most 100 parameters)', async () => {
    const header = 'name,orgNumber,sector,sniDivision,sizeClass,municipalityCode,isEducationProvider';
    const rows = Array.from({ length: 30 }, (_, i) => {
      const nine = `5591${String(i).padStart(5, '0')}`;
      return `Bolag ${i} AB,${completeOrgNumber(nine)},naringsliv,62,1-9,1082,nej`;
    });
    const response = await SELF.fetch(`${ORIGIN}/api/v1/organisations/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: [header, ...rows].join('\n'),
    });
    expect(response.status).toBe(201);
    expect(await count(`select count(*) as n from organisations where municipality_code = '1082'`)).toBe(30);
  });

  it('imports contact persons as members in the same batch, on D1', async () => {
    const header =
      'name,orgNumber,sector,sniDivision,sizeClass,municipalityCode,isEducationProvider,contactName,contactEmail,contactRole';
    const rows = Array.from({ length: 30 }, (_, i) => {
      const nine = `5592${String(i).padStart(5, '0')}`;
      // Every other row has a contact; the organisations 2 and 4 share one (one account, two memberships).
      const email = i === 2 || i === 4 ? 'delad@kontakt.example' : `kontakt${i}@kontakt.example`;
      const contact = i % 2 === 0 ? `Kontakt ${i},${email},${i === 4 ? 'provider' : ''}` : ',,';
      return `Kontaktbolag ${i} AB,${completeOrgNumber(nine)},naringsliv,62,1-9,1083,nej,${contact}`;
    });
    const response = await SELF.fetch(`${ORIGIN}/api/v1/organisations/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: [header, ...rows].join('\n'),
    });
    expect(response.status).toBe(201);
    expect(
      await count(`select count(*) as n from memberships m join organisations o on o.id = m.organisation_id
      where o.municipality_code = '1083'`),
    ).toBe(15);
    expect(await count(`select count(*) as n from users where email like '%@kontakt.example'`)).toBe(14);
    expect(await count(`select count(*) as n from memberships where role = 'provider'`)).toBe(1);
  });

  it('answers 409 for a duplicate org number and a stale version, leaving no audit entry for either', async () => {
    const body = {
      name: 'Ny AB',
      orgNumber: '5560360793',
      sector: 'naringsliv',
      sniDivision: '62',
      sizeClass: '1-9',
      municipalityCode: '1081',
      isEducationProvider: false,
    };
    const json = { ...auth, 'content-type': 'application/json' };
    const duplicate = await SELF.fetch(`${ORIGIN}/api/v1/organisations`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(body),
    });
    expect(duplicate.status).toBe(409);
    expect(await count(`select count(*) as n from audit_log where action = 'organisation.created'`)).toBe(0);

    const created = await SELF.fetch(`${ORIGIN}/api/v1/organisations`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...body, orgNumber: '556016-0680' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const change = (version: number) =>
      SELF.fetch(`${ORIGIN}/api/v1/organisations/${id}`, {
        method: 'PATCH',
        headers: json,
        body: JSON.stringify({ version, name: `Version ${version}` }),
      });
    expect((await change(1)).status).toBe(200);
    expect((await change(1)).status).toBe(409);
    expect(await count(`select count(*) as n from audit_log where action = 'organisation.updated'`)).toBe(1);
  });
});
