import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/identity/keys.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * Saving and submitting a response on D1: the conditional statements (INSERT … SELECT … WHERE,
 * UPDATE … WHERE version = ?, INSERT … SELECT … FROM (VALUES …) WHERE …) and the batch that turns a
 * submission into need lines, within D1's 100-parameter limit.
 */
const ORIGIN = 'http://localhost:8787';
const AT = '2026-11-01T08:00:00.000Z';
let cookie = '';
let secretariatCookie = '';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  const statements = [
    `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, version, created_at, updated_at)
     values ('org-a', 'Org A', '556036-0793', 'naringsliv', '30', '50-249', '1080', 0, 0, 1, '${AT}', '${AT}')`,
    `insert into users (id, email, name, is_demo, created_at) values ('u1', 'anna@example.se', 'Anna', 0, '${AT}')`,
    `insert into memberships (user_id, organisation_id, role, created_at) values ('u1', 'org-a', 'member', '${AT}')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('s1', 'u1', '${AT}', '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
    `insert into users (id, email, name, is_demo, created_at) values ('u2', 'sekretariatet@example.se', 'Sekretariatet', 0, '${AT}')`,
    `insert into user_roles (user_id, role, granted_at) values ('u2', 'secretariat', '${AT}')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('s2', 'u2', '${AT}', '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
    `insert into rounds (id, name, period, opens_at, closes_at, status, questionnaire_version, target, created_at, opened_at)
     values ('r1', 'Runda', '2026', '${AT}', '2099-01-01T00:00:00.000Z', 'open', 1, '{}', '${AT}', '${AT}')`,
  ];
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  const keys = await deriveKeys(String(env.SESSION_SECRET));
  const session = (sub: string, jti: string) =>
    signToken(keys.session, {
      sub,
      jti,
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
      audience: AUDIENCE.session,
      issuer: 'http://localhost:8787',
    });
  cookie = `${SESSION_COOKIE}=${await session('u1', 's1')}`;
  secretariatCookie = `${SESSION_COOKIE}=${await session('u2', 's2')}`;
});

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n;
const call = (method: string, path: string, body?: unknown, as = cookie) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers: { cookie: as, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const need = (i: number) => ({
  occupationId: i % 2 ? 'DJh5_yyF_hEM' : 'ek9W_qqp_XpF',
  skillIds: [],
  specialisations: [
    { code: 'tech', focusAreas: ['ai', 'big-data'] },
    { code: 'smart-industri', focusAreas: [] },
  ],
  headcount: i + 1,
  horizon: (['0-1', '1-3', '3-5'] as const)[i % 3],
  educationLevel: 'master',
  difficulty: (i % 5) + 1,
  strategies: ['recruit-outside', 'relocation-family'],
  placementOffer: i % 3 === 0 ? { kinds: ['trainee'], count: 1 } : null,
  comment: `Behov ${i}`,
});

describe('survey responses in workerd over D1', () => {
  it('saves a draft, refuses a stale save, and submits ten need lines once', async () => {
    const path = '/api/v1/rounds/r1/responses/org-a';
    const body = {
      version: 0,
      organisation: { employeesNow: 120, obstacles: ['housing'] },
      needs: Array.from({ length: 10 }, (_, i) => need(i)),
    };
    const saved = await call('PUT', path, body);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ version: 1 });
    expect((await call('PUT', path, body)).status).toBe(409);
    // The form page lists each need line's offered skills (a windowed query over the placements).
    const form = await call('GET', '/rounds/r1/responses/org-a');
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/type="checkbox" name="needs\.1\.skillIds"/);

    const first = await call('POST', `${path}/submit`, { submissionId: 'workers-submit-1' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'submitted', revision: 1 });
    const again = await call('POST', `${path}/submit`, { submissionId: 'workers-submit-1' });
    expect(await again.json()).toEqual({ status: 'submitted', revision: 1 });

    expect(await count('select count(*) as n from response_revisions')).toBe(1);
    expect(await count('select count(*) as n from need_lines')).toBe(10);
    expect(await count('select sum(headcount) as n from need_lines')).toBe(55);
    expect(await count('select count(*) as n from need_line_focus')).toBe(30);
    expect(await count(`select count(*) as n from submitted_responses where sni_section = 'C'`)).toBe(1);
    expect(await count(`select count(*) as n from audit_log where action = 'response.submitted'`)).toBe(1);
  });

  it("publishes no figure of the open round, and aggregates the secretariat's raw view over D1 with every margin", async () => {
    // An open round gives the public how many have answered, no figures.
    const open = await call('GET', '/api/v1/demand?round=r1&by=specialisation,horizon,sector');
    expect(open.status).toBe(409);
    expect(await open.json()).toMatchObject({ organisationsAnswered: 1 });
    expect((await call('GET', '/api/v1/demand/indicators?round=r1')).status).toBe(409);
    // Eight subsets of three dimensions: more than D1's five terms in one compound SELECT, which
    // src/db/queries.ts nests.
    const table = await call(
      'GET',
      '/api/v1/demand?round=r1&by=specialisation,horizon,sector',
      undefined,
      secretariatCookie,
    );
    expect(table.status).toBe(200);
    const body = (await table.json()) as {
      protected: boolean;
      cells: unknown[];
      totals: { key: object; headcount: number }[];
    };
    expect(body.protected).toBe(false);
    expect(body.cells.length).toBe(6);
    expect(body.totals.find((e) => Object.keys(e.key).length === 0)).toMatchObject({ headcount: 55 });
    expect(
      await count(`select count(*) as n from cache_entries where namespace = 'demand-figures' and key like 'r1/%'`),
    ).toBeGreaterThanOrEqual(1);
  });

  it('refuses a save after the round closes and keeps the stored answer', async () => {
    await env.DB.prepare(`update rounds set status = 'closed' where id = 'r1'`).run();
    const response = await call('PUT', '/api/v1/rounds/r1/responses/org-a', {
      version: 1,
      organisation: {},
      needs: [],
    });
    expect(response.status).toBe(409);
    expect(await count('select version as n from responses')).toBe(1);
    expect(await count('select count(*) as n from need_lines')).toBe(10);
  });
});
