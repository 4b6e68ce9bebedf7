import type { Database as Sqlite } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { listOutbox } from '../../src/mail/mailer.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signInSecretariat } from '../support/auth.ts';
import { api, organisationWithMember, placementBody, profileBody, publish, student } from '../support/placements.ts';

const NAME = 'Greta Raderasdotter';
const EMAIL = 'greta.raderas@student.example.se';
const MESSAGE = 'Mitt hemliga meddelande 4711';

describe('erasing a student', () => {
  it('leaves no page, export or API response showing their name, e-mail or message', async () => {
    const t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const s = await student(t, { name: NAME, email: EMAIL });
    await api(
      t,
      'PUT',
      '/api/v1/students/me/profile',
      s,
      profileBody({ programme: 'Datateknik', visibility: 'organisations' }),
    );
    const applied = (await (
      await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, s, { message: MESSAGE })
    ).json()) as { id: string };
    await api(t, 'PATCH', `/api/v1/applications/${applied.id}`, member, { status: 'in-dialogue' });

    // Before: the student's export holds the profile and the application; the organisation sees them.
    const exported = await (await api(t, 'GET', '/api/v1/me/export', s)).text();
    expect(exported).toContain(MESSAGE);
    expect(exported).toContain('Datateknik');
    expect(await (await api(t, 'GET', '/api/v1/applications', member)).text()).toContain(NAME);

    expect((await api(t, 'DELETE', '/api/v1/students/me', s)).status).toBe(204);
    expect((await api(t, 'GET', '/api/v1/students/me/profile', s)).status).toBe(401);

    const secretariat = await signInSecretariat(t);
    const visible: string[] = [];
    const read = async (path: string, who?: { cookie: string }) => {
      const response = await request(t.app, path, { headers: who ? { cookie: cookies(who.cookie) } : {} });
      visible.push(`${path} ${response.status}\n${await response.text()}`);
    };
    await read('/api/v1/applications', member);
    await read(`/api/v1/applications?organisation=${org.id}`, secretariat);
    await read(`/organisations/${org.id}/applications`, member);
    await read(`/organisations/${org.id}/placements`, member);
    await read(`/placements/${placement.id}`);
    await read('/api/v1/me/export', member);
    await read('/admin/users', secretariat);
    await read(`/api/v1/dev/mail?to=${encodeURIComponent(EMAIL)}`);
    const all = visible.join('\n');
    expect(all).toContain('Raderad student');
    for (const secret of [NAME, 'Greta', EMAIL, MESSAGE]) expect(all).not.toContain(secret);
    const stored = await t.deps.db.selectFrom('applications').select(['message', 'status']).execute();
    expect(stored).toEqual([{ message: '', status: 'in-dialogue' }]);
    expect(await t.deps.db.selectFrom('student_profiles').selectAll().execute()).toEqual([]);
  });
});

/**
 * Every text of every table (reference data included) that holds one of `needles`, compared
 * case-insensitively: `table.column: value` for each hit.
 */
function findInEveryTable(raw: Sqlite, needles: string[]): string[] {
  const hits: string[] = [];
  const tables = raw.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
  expect(tables.length).toBeGreaterThan(30);
  for (const table of tables) {
    const columns = raw.prepare('select name from pragma_table_info(?)').pluck().all(table) as string[];
    for (const column of columns) {
      const q = `"${column.replace(/"/g, '""')}"`;
      const find = raw.prepare(
        `select cast(${q} as text) from "${table.replace(/"/g, '""')}" where instr(lower(cast(${q} as text)), lower(?)) > 0`,
      );
      for (const needle of needles)
        for (const value of find.pluck().all(needle)) hits.push(`${table}.${column}: ${String(value)}`);
    }
  }
  return hits;
}

describe('erasing a student, in storage', () => {
  const NAME = 'Selma Utraderasdotter';
  const EMAIL = 'selma.utraderas@student.example.se';
  const PERSONAL = {
    programme: 'Havsteknik Utraderas',
    institution: 'Utraderasinstitutet',
    message: 'Jag heter Selma Utraderasdotter och vill gora LIA 8112',
    userAgent: 'UtraderasBrowser/4.2',
    ip: '198.51.100.77',
  };
  const NEEDLES = [
    NAME,
    'Utraderasdotter',
    EMAIL,
    'selma.utraderas',
    PERSONAL.programme,
    PERSONAL.institution,
    PERSONAL.message,
    PERSONAL.userAgent,
    PERSONAL.ip,
  ];

  /** Registers through the API as a student does, and signs in with the mailed link. */
  async function register(t: TestApp): Promise<SignedInPerson> {
    const headers = {
      'content-type': 'application/json',
      'user-agent': PERSONAL.userAgent,
      'x-test-peer': PERSONAL.ip,
    };
    const registered = await request(t.app, '/api/v1/students', {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: EMAIL, name: NAME }),
    });
    expect(registered.status).toBe(202);
    const [mail] = await listOutbox(t.deps.db, EMAIL);
    const token = new URL(mail?.links[0] ?? 'http://x/').searchParams.get('token');
    const session = await request(t.app, '/api/v1/auth/sessions', {
      method: 'POST',
      headers,
      body: JSON.stringify({ token }),
    });
    expect(session.status).toBe(201);
    const cookie = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(session.headers.get('set-cookie') ?? '')?.[1];
    const user = await t.deps.db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    return { userId: user.id, sessionId: '', email: EMAIL, cookie: `${SESSION_COOKIE}=${cookie}` };
  }

  it('leaves their name, e-mail and every personal field in no table of the database', async () => {
    const t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const s = await register(t);
    const profile = await api(
      t,
      'PUT',
      '/api/v1/students/me/profile',
      s,
      profileBody({ programme: PERSONAL.programme, institution: PERSONAL.institution, visibility: 'organisations' }),
    );
    expect(profile.status).toBe(200);
    const applied = await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, s, {
      message: PERSONAL.message,
    });
    expect(applied.status).toBe(201);
    const { id: applicationId } = (await applied.json()) as { id: string };
    expect(
      (await api(t, 'PATCH', `/api/v1/applications/${applicationId}`, member, { status: 'in-dialogue' })).status,
    ).toBe(200);
    expect((await api(t, 'GET', '/api/v1/me/export', s)).status).toBe(200);
    // The scan finds what is there: before erasure, each of these is stored somewhere.
    const before = findInEveryTable(t.database.sqlite.raw, NEEDLES).join('\n');
    for (const needle of [NAME, EMAIL, ...Object.values(PERSONAL)]) expect(before, needle).toContain(needle);

    expect((await api(t, 'DELETE', '/api/v1/students/me', s)).status).toBe(204);

    const left = findInEveryTable(t.database.sqlite.raw, NEEDLES);
    // One exception, on purpose: the sign-in counter of the client address belongs to the address
    // (everyone behind it counts there), lives for its 15-minute window until the cleanup job
    // removes it (src/identity/jobs.ts), and erasing an account must not reset it.
    expect(left.filter((hit) => hit !== `rate_limits.key: sign-in:client:${PERSONAL.ip}`)).toEqual([]);
    // The application stays, for the organisation's record, without a trace of the person.
    const stored = await t.deps.db.selectFrom('applications').select(['id', 'message', 'status']).execute();
    expect(stored).toEqual([{ id: applicationId, message: '', status: 'in-dialogue' }]);
  });
});
