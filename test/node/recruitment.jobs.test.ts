import { describe, expect, it } from 'vitest';
import { recruitmentJobs } from '../../src/recruitment/move-cases/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { SignedInPerson } from '../support/auth.ts';
import { moveCaseBody, moveCaseWorld, openCase, signInFromMail } from '../support/move-cases.ts';
import { outbox, send } from '../support/rounds.ts';

/** Move cases' scheduled work and the household's data (decision 0028), with a fixed clock. */

const orgOf = async (t: TestApp, lineId: string) =>
  (
    await t.deps.db
      .selectFrom('need_lines')
      .select('organisation_id')
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow()
  ).organisation_id;

const escalations = async (t: TestApp) =>
  (await outbox(t, 'move-case-escalation')).map((m) => `${m.to}: ${m.subject.split(' / ')[0]}`).sort();

async function runJobs(t: TestApp, at: string) {
  const summary = await runScheduled(t.deps, new Date(at), recruitmentJobs);
  expect(summary.failed).toBe(0);
}

describe('stalled tasks', () => {
  it('are mailed to their owner the day after due, to the guide 5 days after and to the secretariat’s contact 10 days after, each level once', async () => {
    const t = await createTestApp({ config: { MOVE_CASE_ESCALATION_EMAIL: 'kontakt@region.example' } });
    const w = await moveCaseWorld(t);
    // Moving in March 2027: the partner's job (the guide's) is due 2026-12-31, housing (the
    // organisation's) 2027-01-30.
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, w.guide);

    await runJobs(t, '2026-12-31T12:00:00Z');
    expect(await escalations(t)).toEqual([]);

    await runJobs(t, '2027-01-01T09:00:00Z');
    await runJobs(t, '2027-01-01T09:05:00Z');
    expect(await escalations(t)).toEqual([`${w.guide.email}: Försenad uppgift i ett flyttärende: Jobb för partnern`]);

    await runJobs(t, '2027-01-05T09:00:00Z');
    await runJobs(t, '2027-01-10T09:00:00Z');
    await runJobs(t, '2027-01-10T09:05:00Z');
    expect(await escalations(t)).toEqual(
      [
        `${w.guide.email}: Försenad uppgift i ett flyttärende: Jobb för partnern`,
        `${w.guide.email}: Uppgift fem dagar försenad: Jobb för partnern`,
        'kontakt@region.example: Uppgift tio dagar försenad: Jobb för partnern',
      ].sort(),
    );

    // Housing is the organisation's: the member who opened the case hears of it first; school is
    // the household's, due the same day.
    await runJobs(t, '2027-01-31T09:00:00Z');
    expect(await escalations(t)).toContain(`${w.memberA.email}: Försenad uppgift i ett flyttärende: Bostad`);
    expect(await escalations(t)).toContain('robin@example.se: Försenad uppgift i ett flyttärende: Förskola och skola');

    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'move-task.escalated')
      .where('target_id', '=', kase.id)
      .execute();
    expect(audited.map((a) => (JSON.parse(a.detail ?? '{}') as { level: number }).level).sort()).toEqual([
      1, 1, 1, 2, 3,
    ]);
  });

  it('are not escalated once done, nor after the case is closed', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = await orgOf(t, w.lines.outside);
    const kase = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside));
    const partnerJob = kase.tasks.find((task) => task.kind === 'partner-job');
    await send(t, 'PATCH', `/api/v1/move-cases/${kase.id}/tasks/${partnerJob?.id}`, w.memberA, {
      version: partnerJob?.version,
      state: 'done',
    });
    const other = await openCase(
      t,
      w.memberA,
      moveCaseBody(org, w.lines.outside, { recruit: { name: 'B', email: 'b@example.se' } }),
    );
    await send(t, 'POST', `/api/v1/move-cases/${other.id}/closure`, w.secretariat, {
      version: other.version,
      outcome: 'did-not-move',
    });
    await runJobs(t, '2027-01-20T09:00:00Z');
    expect(await escalations(t)).toEqual([]);
  });
});

describe('the household’s data', () => {
  it('is in the household’s export, and erasing the account erases the case’s personal details but keeps the outcome', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const { cookie } = await signInFromMail(t, 'robin@example.se');
    const robin: SignedInPerson = { userId: '', sessionId: '', email: 'robin@example.se', cookie };
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', robin)).json()) as {
      moveCases: { id: string; recruit: { email: string }; tasks: unknown[] }[];
    };
    expect(exported.moveCases).toHaveLength(1);
    expect(exported.moveCases[0]).toMatchObject({ id: kase.id, recruit: { email: 'robin@example.se' } });
    expect(exported.moveCases[0]?.tasks).toHaveLength(6);

    expect((await send(t, 'DELETE', '/api/v1/me', robin)).status).toBe(204);
    const row = await t.deps.db
      .selectFrom('move_cases')
      .selectAll()
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'closed',
      outcome: 'withdrawn',
      organisation_id: null,
      partner_comes: null,
      children_0_5: null,
      housing_kommuner: null,
      earliest_move: null,
      opened_by: null,
      occupation_id: 'DJh5_yyF_hEM',
      closed_at: '2026-11',
    });
    expect(row.erased_at).not.toBeNull();
    expect(await t.deps.db.selectFrom('move_case_people').selectAll().execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('move_case_tasks').selectAll().execute()).toEqual([]);
    // The organisation no longer finds the person in its case.
    const seen = (await (await send(t, 'GET', `/api/v1/move-cases`, w.memberA)).json()) as { items: unknown[] };
    expect(seen.items).toEqual([]);
  });

  it('of a closed case is erased after the retention period (24 months by default), leaving kommun, month, occupation and outcome', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, w.guide);
    const current = (await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.guide)).json()) as {
      version: number;
    };
    const closed = await send(t, 'POST', `/api/v1/move-cases/${kase.id}/closure`, w.guide, {
      version: current.version,
      outcome: 'moved-in',
      movedInOn: '2026-11-20',
      movedToKommun: '1082',
      offerAcceptedOn: '2026-09-01',
    });
    expect(closed.status, await closed.clone().text()).toBe(200);

    // Closed 2026-11-28: kept until 24 months after.
    await runJobs(t, '2028-11-27T10:00:00Z');
    expect(await t.deps.db.selectFrom('move_case_people').select('case_id').execute()).toHaveLength(1);

    await runJobs(t, '2028-11-29T10:00:00Z');
    const row = await t.deps.db
      .selectFrom('move_cases')
      .selectAll()
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      outcome: 'moved-in',
      moved_to_kommun: '1082',
      moved_in_on: '2026-11',
      ssyk_code: '2512',
      organisation_id: null,
      guide_user_id: null,
      children_0_5: null,
      housing_tenure: null,
    });
    expect(await t.deps.db.selectFrom('move_case_people').select('case_id').execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('move_case_tasks').select('id').execute()).toEqual([]);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'move-case.erased')
      .execute();
    expect(audited.map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([
      { cases: 1, closedBefore: '2026-11-29T10:00:00.000Z' },
    ]);
    // Once is once: a second run changes nothing.
    const again = await runScheduled(t.deps, new Date('2028-11-30T10:00:00Z'), recruitmentJobs);
    expect(again.jobs.find((j) => j.name === 'move-case-retention')?.changed).toBe(0);
  });
});
