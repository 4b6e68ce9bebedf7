import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/identity/keys.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * The secretariat's side of a round on D1: opening claims and mails with UPDATE … RETURNING and
 * one json_each insert of link rows, reminders claim once, response rates and the CSV export
 * (a stream) read it back, the import is one fixed-size json_each batch, and copy forward.
 */
const ORIGIN = 'http://localhost:8787';
const AT = '2026-11-01T08:00:00.000Z';
const CSRF = 'workers-csrf-token-of-at-least-thirty-two-characters';
let cookie = '';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  const org = (id: string, orgNumber: string) =>
    `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, version, created_at, updated_at)
     values ('${id}', 'Org ${id}', '${orgNumber}', 'naringsliv', '62', '10-49', '1080', 0, 0, 1, '${AT}', '${AT}')`;
  const user = (id: string, organisation?: string) => [
    `insert into users (id, email, name, is_demo, created_at) values ('${id}', '${id}@example.se', 'Person ${id}', 0, '${AT}')`,
    ...(organisation
      ? [
          `insert into memberships (user_id, organisation_id, role, created_at) values ('${id}', '${organisation}', 'member', '${AT}')`,
        ]
      : []),
  ];
  const statements = [
    org('org-a', '556036-0793'),
    org('org-b', '202100-2114'),
    org('org-c', '212000-0142'),
    ...user('admin'),
    `insert into user_roles (user_id, role, granted_at) values ('admin', 'secretariat', '${AT}')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('s1', 'admin', '${AT}', '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
    ...user('anna', 'org-a'),
    ...user('bo', 'org-b'),
    ...user('bea', 'org-b'),
  ];
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  const keys = await deriveKeys(String(env.SESSION_SECRET));
  const token = await signToken(keys.session, {
    sub: 'admin',
    jti: 's1',
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
    audience: AUDIENCE.session,
    issuer: ORIGIN,
  });
  cookie = `${SESSION_COOKIE}=${token}; __Host-csrf=${CSRF}`;
});

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n;
const call = (method: string, path: string, body?: string, type = 'application/json') =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers: { cookie, 'content-type': type, 'x-csrf-token': CSRF },
    ...(body === undefined ? {} : { body }),
  });

let roundId = '';
const CSV = [
  'orgNumber,employeesNow,occupationId,specialisations,focusAreas,headcount,horizon,educationLevel,difficulty,strategies,comment',
  '556036-0793,40,DJh5_yyF_hEM,tech,ai|big-data,3,1-3,bachelor,4,recruit-local|remote,=1+1',
  '556036-0793,,ek9W_qqp_XpF,missions,,1,3-5,master,2,train-staff,',
].join('\r\n');

describe('the secretariat’s side of a round in workerd over D1', () => {
  it('opens a round and invites every contact, then reminds each once', async () => {
    const closesAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const created = await call('POST', '/api/v1/rounds', JSON.stringify({ name: 'Runda', opensAt: AT, closesAt }));
    roundId = ((await created.json()) as { id: string }).id;
    const opened = await call('POST', `/api/v1/rounds/${roundId}/open`);
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { invitations: unknown }).invitations).toMatchObject({
      sent: 3,
      organisations: 2,
      unreachable: [{ id: 'org-c' }],
    });
    expect(await count(`select count(*) as n from sign_in_tokens where expires_at = '${closesAt}'`)).toBe(3);
    expect(await count(`select count(*) as n from outbox where kind = 'round-invitation'`)).toBe(3);
    const reminders = await Promise.all([1, 2].map(() => call('POST', `/api/v1/rounds/${roundId}/reminders`)));
    const sent = (await Promise.all(reminders.map((r) => r.json() as Promise<{ sent: number }>))).map((b) => b.sent);
    expect(sent.sort()).toEqual([0, 3]);
  });

  it('imports a file in one batch, counts it in the rates and exports it neutralised', async () => {
    const imported = await call('POST', `/api/v1/rounds/${roundId}/responses/import`, CSV, 'text/csv');
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ imported: 1, unchanged: 0 });
    expect(await count('select count(*) as n from need_lines')).toBe(2);
    expect(await count('select count(*) as n from need_line_focus')).toBe(3);
    const again = await call('POST', `/api/v1/rounds/${roundId}/responses/import`, CSV, 'text/csv');
    expect(await again.json()).toEqual({ imported: 0, unchanged: 1 });
    const rates = (await (await call('GET', `/api/v1/rounds/${roundId}/response-rates`)).json()) as {
      overall: unknown;
    };
    expect(rates.overall).toEqual({ targeted: 3, submitted: 1 });
    const csv = await (await call('GET', `/api/v1/rounds/${roundId}/responses.csv`)).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    // Read by column name: later questionnaire versions append columns after the comment.
    const [header = [], ...rows] = csv
      .split('\r\n')
      .filter(Boolean)
      .map((row) => row.split(','));
    const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
    // The comment, neutralised; partnerNeedsWork empty for a version 1 answer without the strategy.
    expect(column('comment')).toContain("'=1+1");
    expect(column('partnerNeedsWork')).toEqual(['', '']);
  });

  it('copies an earlier answer forward into a new round', async () => {
    await call('POST', `/api/v1/rounds/${roundId}/close`);
    const closesAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const next = await call(
      'POST',
      '/api/v1/rounds',
      JSON.stringify({ name: 'Nästa', opensAt: new Date().toISOString(), closesAt }),
    );
    const nextId = ((await next.json()) as { id: string }).id;
    await call('POST', `/api/v1/rounds/${nextId}/open`);
    const copied = await call('POST', `/api/v1/rounds/${nextId}/responses/org-a/copy-forward`);
    expect(copied.status).toBe(201);
    expect(((await copied.json()) as { copiedFrom: { roundId: string } }).copiedFrom.roundId).toBe(roundId);
    expect((await call('POST', `/api/v1/rounds/${nextId}/responses/org-a/copy-forward`)).status).toBe(409);
  });
});
