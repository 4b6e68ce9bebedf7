import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker, { type Env } from '../../src/worker.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * The Worker's `scheduled` handler (the Cron Trigger in wrangler.toml) on D1: a draft round whose
 * opening time has passed opens and its contact is invited once, even when the trigger fires
 * twice at the same moment; GET /readyz knows the migrations from the build.
 */
const ORIGIN = 'http://localhost:8787';
const AT = '2026-11-01T08:00:00.000Z';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  const statements = [
    `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, version, created_at, updated_at)
     values ('org-a', 'Org A', '556036-0793', 'naringsliv', '62', '10-49', '1080', 0, 0, 1, '${AT}', '${AT}')`,
    `insert into users (id, email, name, is_demo, created_at) values ('anna', 'anna@example.se', 'Anna', 0, '${AT}')`,
    `insert into memberships (user_id, organisation_id, role, created_at) values ('anna', 'org-a', 'member', '${AT}')`,
    `insert into rounds (id, name, period, opens_at, closes_at, status, questionnaire_version, target, created_at)
     values ('r1', 'Runda', '2026', '2026-11-02T07:00:00.000Z', '2099-01-01T00:00:00.000Z', 'draft', 1, '{"sectors":[],"sizeClasses":[],"municipalities":[],"sniSections":[]}', '${AT}')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('old', 'anna', '${AT}', '${AT}', '2026-11-01T09:00:00.000Z')`,
  ];
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
});

describe('the scheduled handler', () => {
  it('runs the jobs: the due round opens and its contact is invited once, with two triggers at once', async () => {
    const scheduledTime = new Date('2026-11-02T07:00:00.000Z');
    const trigger = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env as Env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await Promise.all([trigger(), trigger()]);
    const round = await env.DB.prepare("select status, opened_at from rounds where id = 'r1'").first();
    expect(round).toEqual({ status: 'open', opened_at: '2026-11-02T07:00:00.000Z' });
    const mails = await env.DB.prepare("select to_address from outbox where kind = 'round-invitation'").all();
    expect(mails.results).toEqual([{ to_address: 'anna@example.se' }]);
    const audits = await env.DB.prepare("select count(*) as n from audit_log where action = 'round.opened'").first();
    expect(audits?.n).toBe(1);
    const expired = await env.DB.prepare("select count(*) as n from sessions where id = 'old'").first();
    expect(expired?.n).toBe(0);
  });

  it('GET /readyz answers 200 once every migration of the build is applied', async () => {
    const response = await SELF.fetch(`${ORIGIN}/readyz`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('ready');
  });
});
