import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/identity/keys.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import worker, { type Env } from '../../src/worker.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * The education gap and a competence plan on D1: a closed round's figures (planted as a
 * submission leaves them), an offering written through the API, the gap report, and a plan drafted,
 * from the round's publication, edited, refused when stale, sent for review and printed. Everything here reads demand tables of
 * two dimensions with margins and the indicators, which must fit D1's SQL limits.
 */
const ORIGIN = 'http://localhost:8787';
const AT = '2026-11-01T08:00:00.000Z';
let cookie = '';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  const org = (id: string, orgNumber: string, provider = 0) =>
    `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, version, created_at, updated_at)
     values ('${id}', 'Org ${id}', '${orgNumber}', '${provider ? 'offentlig' : 'naringsliv'}', '62', '10-49', '1080', ${provider}, 0, 1, '${AT}', '${AT}')`;
  const orgs = ['org-a', 'org-b', 'org-c', 'org-d'];
  const numbers = ['556036-0793', '202100-2114', '212000-0142', '556677-8899'];
  const statements = [
    ...orgs.map((id, i) => org(id, numbers[i] ?? '')),
    org('org-p', '202100-6255', 1),
    `insert into users (id, email, name, is_demo, created_at) values ('admin', 'admin@example.se', 'Admin', 0, '${AT}')`,
    `insert into user_roles (user_id, role, granted_at) values ('admin', 'secretariat', '${AT}')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('s1', 'admin', '${AT}', '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
    `insert into rounds (id, name, period, opens_at, closes_at, status, questionnaire_version, target, created_at, opened_at)
     values ('r1', 'Runda 2026', '2026', '${AT}', '2026-11-20T00:00:00.000Z', 'closed', 1, '{}', '${AT}', '${AT}')`,
    ...orgs.flatMap((id, i) => [
      `insert into responses (round_id, organisation_id, version, status, draft, updated_at, revision, submitted_version, submitted_at)
       values ('r1', '${id}', 1, 'submitted', '{}', '${AT}', 1, 1, '${AT}')`,
      `insert into submitted_responses (round_id, organisation_id, revision, sector, size_class, municipality_code, obstacles, contact_consent, submitted_at)
       values ('r1', '${id}', 1, 'naringsliv', '10-49', '1080', '[]', 0, '${AT}')`,
      `insert into need_lines (id, round_id, organisation_id, line_no, occupation_id, ssyk_code, headcount, horizon, education_level, difficulty, recruit_outside)
       values ('n-${id}', 'r1', '${id}', 1, 'DJh5_yyF_hEM', '2512', ${3 + i}, '1-3', 'bachelor', 4, 1)`,
      `insert into need_line_focus (need_line_id, specialisation_code, focus_area_code) values ('n-${id}', 'tech', 'ai')`,
    ]),
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
  cookie = `${SESSION_COOKIE}=${token}`;
});

const call = (method: string, path: string, body?: unknown) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('education gap and competence plans in workerd over D1', () => {
  it('registers an offering and reports the gap against the round demand', async () => {
    const created = await call('POST', '/api/v1/offerings', {
      name: 'Systemutvecklare',
      providerId: 'org-p',
      form: 'yh',
      sunLevel: '41',
      sunField: '481',
      occupationIds: ['DJh5_yyF_hEM'],
      skillIds: [],
      annualPlaces: 35,
      annualGraduates: 9,
      municipalityCode: '1080',
      distance: false,
      startDates: ['2027-08-23'],
      url: 'https://example.se/utbildning',
    });
    expect(created.status).toBe(201);
    const gaps = await call('GET', '/api/v1/gaps?round=r1');
    expect(gaps.status).toBe(200);
    const body = (await gaps.json()) as { items: { horizon: string; supply: number; offerings: { name: string }[] }[] };
    const row = body.items.find((i) => i.horizon === '1-3');
    expect(row?.offerings.map((o) => o.name)).toEqual(['Systemutvecklare']);
    expect(row?.supply).toBeGreaterThan(0);
  });

  it('drafts a plan from the closed round, saves a version, refuses a stale save, and prints it', async () => {
    // A plan's figures are the round's publication: the Cron Trigger computes it, in steps.
    for (let step = 0; step < 10; step++) {
      const ctx = createExecutionContext();
      const controller = createScheduledController({ scheduledTime: new Date(AT), cron: '*/5 * * * *' });
      await worker.scheduled(controller, env as Env, ctx);
      await waitOnExecutionContext(ctx);
      const done = await env.DB.prepare(
        "select 1 from publications where round_id = 'r1' and status = 'published'",
      ).first();
      if (done) break;
    }
    const created = await call('POST', '/api/v1/plans', { roundId: 'r1', specialisation: 'tech' });
    expect(created.status).toBe(201);
    const plan = (await created.json()) as { id: string; version: number };
    const saved = await call('PATCH', `/api/v1/plans/${plan.id}`, {
      version: plan.version,
      sections: [{ key: 'summary', markdown: 'Text från D1' }],
    });
    expect(saved.status).toBe(200);
    const stale = await call('PATCH', `/api/v1/plans/${plan.id}`, {
      version: plan.version,
      sections: [{ key: 'summary', markdown: 'För sent' }],
    });
    expect(stale.status).toBe(409);
    expect((await call('POST', `/api/v1/plans/${plan.id}/status`, { status: 'review' })).status).toBe(200);
    const print = await call('GET', `/plans/${plan.id}/print`);
    expect(print.status).toBe(200);
    expect(await print.text()).toContain('Text från D1');
  });
});
