import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker, { type Env } from '../../src/worker.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/**
 * Move cases' scheduled work on D1 (decision 0028): with two triggers at once, a stalled task reaches
 * each escalation level once (UPDATE … RETURNING claims it), and a closed case past the retention
 * period loses its personal details in one batch.
 */
const AT = '2026-11-01T08:00:00.000Z';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  const caseRow = (id: string, status: string, closedAt: string | null) =>
    `insert into move_cases (id, organisation_id, occupation_id, ssyk_code, partner_comes, children_0_5, children_6_15, children_16_19,
       housing_tenure, housing_rooms, housing_kommuner, earliest_move, status, outcome, moved_in_on, moved_to_kommun, guide_user_id,
       opened_by, created_at, updated_at, closed_at)
     values ('${id}', 'org-a', 'DJh5_yyF_hEM', '2512', 1, 0, 1, 0, 'rent', 3, '["1080"]', '2027-01', '${status}',
       ${closedAt ? "'moved-in'" : 'null'}, ${closedAt ? "'2024-08-01'" : 'null'}, ${closedAt ? "'1080'" : 'null'}, 'lots', 'anna', '${AT}', '${AT}',
       ${closedAt ? `'${closedAt}'` : 'null'})`;
  const statements = [
    `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, version, created_at, updated_at)
     values ('org-a', 'Org A', '556036-0793', 'naringsliv', '62', '10-49', '1080', 0, 0, 1, '${AT}', '${AT}')`,
    `insert into users (id, email, name, is_demo, created_at) values ('anna', 'anna@example.se', 'Anna', 0, '${AT}')`,
    `insert into users (id, email, name, is_demo, created_at) values ('lots', 'lots@example.se', 'Lots', 0, '${AT}')`,
    `insert into user_roles (user_id, role, granted_at) values ('lots', 'relocation-guide', '${AT}')`,
    caseRow('open-case', 'open', null),
    caseRow('old-case', 'closed', '2024-10-15T10:00:00.000Z'),
    `insert into move_case_people (case_id, person, name, email, invited_at) values ('open-case', 'recruit', 'Robin', 'robin@example.se', '${AT}')`,
    `insert into move_case_people (case_id, person, name, email, invited_at) values ('old-case', 'recruit', 'Kim', 'kim@example.se', '${AT}')`,
    `insert into move_case_tasks (id, case_id, kind, owner, due_on, position, created_at, updated_at)
     values ('stalled', 'open-case', 'healthcare', 'household', '2026-11-10', 0, '${AT}', '${AT}')`,
  ];
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
});

describe('move cases on D1', () => {
  it('escalate a stalled task once per level and erase a closed case past retention, with two triggers at once', async () => {
    const scheduledTime = new Date('2026-11-25T08:00:00.000Z');
    const trigger = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env as Env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await Promise.all([trigger(), trigger()]);
    const task = await env.DB.prepare("select escalation from move_case_tasks where id = 'stalled'").first();
    expect(task?.escalation).toBe(3);
    const levels = await env.DB.prepare(
      "select json_extract(detail, '$.level') as level, count(*) as n from audit_log where action = 'move-task.escalated' group by level order by level",
    ).all();
    expect(levels.results).toEqual([
      { level: 1, n: 1 },
      { level: 2, n: 1 },
      { level: 3, n: 1 },
    ]);
    const mails = await env.DB.prepare(
      "select to_address from outbox where kind = 'move-case-escalation' order by to_address",
    ).all();
    expect(mails.results.map((m) => m.to_address)).toEqual([
      'lots@example.se',
      'robin@example.se',
      'sekretariatet@kompetensbron.example',
    ]);
    const old = await env.DB.prepare(
      "select organisation_id, outcome, moved_in_on, moved_to_kommun, erased_at from move_cases where id = 'old-case'",
    ).first();
    expect(old).toMatchObject({
      organisation_id: null,
      outcome: 'moved-in',
      moved_in_on: '2024-08',
      moved_to_kommun: '1080',
    });
    expect(old?.erased_at).not.toBeNull();
    const people = await env.DB.prepare('select case_id from move_case_people order by case_id').all();
    expect(people.results).toEqual([{ case_id: 'open-case' }]);
    // Its follow-ups (3, 12 and 24 months after a move-in in August 2024) were past answering and
    // lapsed, so retention did not wait for them (decision 0029).
    const followUps = await env.DB.prepare(
      "select state, count(*) as n from move_case_follow_ups where case_id = 'old-case' group by state",
    ).all();
    expect(followUps.results).toEqual([{ state: 'lapsed', n: 3 }]);
  });
});
