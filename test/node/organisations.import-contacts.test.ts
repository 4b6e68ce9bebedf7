import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { nextOrgNumber } from '../support/organisations.ts';
import { createRound, outbox, send } from '../support/rounds.ts';

/**
 * Issue 15, item 8: the organisations CSV takes an optional contact person per row (contactName,
 * contactEmail, contactRole), who becomes a member of the organisation and so is mailed the
 * personal link when a round is opened to it. A bad contact refuses the whole file like any bad field.
 */
let t: TestApp;
let admin: SignedInPerson;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  admin = await signInSecretariat(t);
});

const HEADER =
  'name;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider;contactName;contactEmail;contactRole';

async function importCsv(body: string) {
  const csrf = await csrfPair(t.app);
  return request(t.app, '/api/v1/organisations/import', {
    method: 'POST',
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      cookie: cookies(admin.cookie, csrf.cookie),
      'x-csrf-token': csrf.token,
    },
    body,
  });
}

const idOf = async (name: string) =>
  (await t.deps.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const membersOf = async (name: string) =>
  (await (await send(t, 'GET', `/api/v1/organisations/${await idOf(name)}/members`, admin)).json()).items.map(
    (m: { name: string; email: string; role: string }) => [m.name, m.email, m.role],
  );
const count = async (table: 'organisations' | 'users' | 'memberships') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  );

describe('contacts in the organisations CSV import', () => {
  it('makes each contact a member of its organisation, mails nobody at import, and opening a round invites them', async () => {
    const known = await signIn(t, { email: 'karin@kommun.example', name: 'Karin Känd' });
    const csv = [
      HEADER,
      `Varvet AB;${nextOrgNumber()};naringsliv;30;50-249;1080;nej;Eva Ek;Eva.Ek@Varvet.example;`,
      `Utan kontakt AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;;;`,
      `Skolan;${nextOrgNumber()};akademi;85;50-249;1080;ja;Per Pedagog;per@skolan.example;provider`,
      `Kommunen;${nextOrgNumber()};offentlig;84;250+;1080;nej;Karin K;karin@kommun.example;member`,
      `Bolaget AB;${nextOrgNumber()};naringsliv;62;10-49;1081;nej;;bo@bolaget.example;`,
    ].join('\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ imported: 5 });

    expect(await membersOf('Varvet AB')).toEqual([['Eva Ek', 'eva.ek@varvet.example', 'member']]);
    expect(await membersOf('Utan kontakt AB')).toEqual([]);
    expect(await membersOf('Skolan')).toEqual([['Per Pedagog', 'per@skolan.example', 'provider']]);
    // An address that already has an account: that person becomes the member, name unchanged.
    expect(await membersOf('Kommunen')).toEqual([['Karin Känd', 'karin@kommun.example', 'member']]);
    expect(
      await t.deps.db.selectFrom('users').select('id').where('email', '=', 'karin@kommun.example').execute(),
    ).toEqual([{ id: known.userId }]);
    // No name: the address's local part, as for a person who accepts an invitation.
    expect(await membersOf('Bolaget AB')).toEqual([['bo', 'bo@bolaget.example', 'member']]);
    expect(await outbox(t)).toEqual([]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'organisation.imported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}').contacts).toHaveLength(4);

    // A round for Karlskrona (1080): its members are mailed; the organisation without a contact is unreachable.
    const roundId = await createRound(t, admin, { target: { municipalities: ['1080'] } });
    const opened = await send(t, 'POST', `/api/v1/rounds/${roundId}/open`, admin);
    expect(opened.status).toBe(200);
    const { invitations } = await opened.json();
    expect(invitations.unreachable.map((o: { name: string }) => o.name)).toEqual(['Utan kontakt AB']);
    const mails = await outbox(t, 'round-invitation');
    expect(mails.map((m) => m.to).sort()).toEqual([
      'eva.ek@varvet.example',
      'karin@kommun.example',
      'per@skolan.example',
    ]);

    // Eva follows her link: signed in, she reads and saves her organisation's response.
    const eva = mails.find((m) => m.to === 'eva.ek@varvet.example');
    expect(eva?.text).toContain('Varvet AB är inbjuden att svara');
    const link = new URL(eva?.links[0] ?? '');
    const varvet = await idOf('Varvet AB');
    expect(link.searchParams.get('next')).toBe(`/rounds/${roundId}/responses/${varvet}`);
    const session = await request(t.app, '/api/v1/auth/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link.searchParams.get('token') }),
    });
    expect(session.status).toBe(201);
    const cookie = /(__Host-session=[^;]+)/.exec(session.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const response2 = await request(t.app, `/api/v1/rounds/${roundId}/responses/${varvet}`, { headers: { cookie } });
    expect(response2.status).toBe(200);
    const saved = await request(t.app, `/api/v1/rounds/${roundId}/responses/${varvet}`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 0, organisation: { employeesNow: 120 }, needs: [] }),
    });
    expect(saved.status).toBe(200);
  });

  it('imports nothing when one row has a bad contact e-mail, and names that row and contactEmail', async () => {
    const before = { organisations: await count('organisations'), users: await count('users') };
    const csv = [
      HEADER,
      `Bra AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;Anna A;anna@bra.example;member`,
      `Trasig AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;Bo B;bo-at-trasig.example;member`,
      `Också bra AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;;;`,
    ].join('\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.errors.map((e: { row: number; field: string; path: string }) => [e.row, e.field, e.path])).toEqual([
      [3, 'contactEmail', 'rows.3.contactEmail'],
    ]);
    expect(body.errors[0].message).toBe('Ange en e-postadress i formatet namn@exempel.se.');
    expect({ organisations: await count('organisations'), users: await count('users') }).toEqual(before);
    expect(await count('memberships')).toBe(0);
  });

  it('requires the e-mail once another contact column is filled in, and refuses a role other than member or provider', async () => {
    const csv = [
      HEADER,
      `Namn utan adress AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;Cilla C;;`,
      `Roll utan adress AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;;;provider`,
      `Fel roll AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;Dan D;dan@fel.example;chef`,
      `Fel org AB;${nextOrgNumber()};naringsliv;00;1-9;1080;nej;Eva E;not-an-address;member`,
    ].join('\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(422);
    const problems = (await response.json()).errors.map((e: { row: number; field: string }) => [e.row, e.field]);
    expect(problems).toEqual([
      [2, 'contactEmail'],
      [3, 'contactEmail'],
      [4, 'contactRole'],
      [5, 'sniDivision'],
      [5, 'contactEmail'],
    ]);
    expect(await count('memberships')).toBe(0);
  });

  it('reads the 7-column file of before, with no contacts', async () => {
    const csv = [
      'name;orgNumber;sector;sniDivision;sizeClass;municipalityCode;isEducationProvider',
      `Gammalt format AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej`,
    ].join('\n');
    expect((await importCsv(csv)).status).toBe(201);
    expect(await membersOf('Gammalt format AB')).toEqual([]);
  });
});

describe('the organisation import page', () => {
  for (const lang of ['sv', 'en'] as const)
    it(`documents the contact columns in ${lang}`, async () => {
      const html = await (
        await request(t.app, '/admin/organisations/import', {
          headers: { cookie: cookies(admin.cookie, `lang=${lang}`) },
        })
      ).text();
      for (const column of ['contactName', 'contactEmail', 'contactRole'])
        expect(html).toContain(`<code>${column}</code>`);
      expect(html).toContain(
        lang === 'sv' ? 'Valfri. Kontaktpersonens e-postadress' : 'The person becomes a member of the organisation',
      );
      expect(html).not.toMatch(/import\.(column|format)\.[a-zA-Z]+/);
    });

  it('uploads a file with contacts, and re-renders a bad contact e-mail with the row and column in the report', async () => {
    const csrf = await csrfPair(t.app);
    const upload = (csv: string) => {
      const form = new FormData();
      form.set('_csrf', csrf.token);
      form.set('file', new File([csv], 'organisationer.csv', { type: 'text/csv' }));
      return request(t.app, '/admin/organisations/import', {
        method: 'POST',
        headers: { cookie: cookies(admin.cookie, csrf.cookie) },
        body: form,
      });
    };
    const bad = await upload(
      [HEADER, `Sidan AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;Fia F;fia@@sidan;member`].join('\n'),
    );
    expect(bad.status).toBe(422);
    const report = await bad.text();
    expect(report).toMatch(/<td class="num">2<\/td><td><code>contactEmail<\/code><\/td>/);
    expect(await count('organisations')).toBe(0);
    const good = await upload(
      [HEADER, `Sidan AB;${nextOrgNumber()};naringsliv;62;1-9;1080;nej;Fia F;fia@sidan.example;member`].join('\n'),
    );
    expect(good.status).toBe(303);
    expect(await membersOf('Sidan AB')).toEqual([['Fia F', 'fia@sidan.example', 'member']]);
  });
});
