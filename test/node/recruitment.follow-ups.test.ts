import { describe, expect, it } from 'vitest';
import { followUpJob } from '../../src/recruitment/follow-ups/jobs.ts';
import { recruitmentJobs } from '../../src/recruitment/move-cases/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { moveCaseBody, moveCaseWorld, openCase, signInFromMail } from '../support/move-cases.ts';
import { outbox, send } from '../support/rounds.ts';

/**
 * "Did they stay?" (decision 0029): the dates a case closes with, follow-ups 3, 12 and 24 months
 * after the move-in for each adult, declining, and how retention waits for them. The clock starts
 * at 2026-11-28.
 */

const orgOf = async (t: TestApp, lineId: string) =>
  (
    await t.deps.db
      .selectFrom('need_lines')
      .select('organisation_id')
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow()
  ).organisation_id;

async function takenCase(t: TestApp) {
  const w = await moveCaseWorld(t);
  const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
  await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, w.guide);
  const version = async () =>
    ((await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.guide)).json()) as { version: number }).version;
  return { w, id: kase.id, version };
}

/** Closes the case as moved in on 2026-11-20 (offer accepted 2026-09-01), to Karlskrona. */
async function movedIn(t: TestApp) {
  const c = await takenCase(t);
  const closed = await send(t, 'POST', `/api/v1/move-cases/${c.id}/closure`, c.w.guide, {
    version: await c.version(),
    outcome: 'moved-in',
    movedInOn: '2026-11-20',
    movedToKommun: '1080',
    offerAcceptedOn: '2026-09-01',
  });
  expect(closed.status, await closed.clone().text()).toBe(200);
  return c;
}

async function addPartner(t: TestApp, caseId: string, email = 'kim@example.se') {
  await t.deps.db
    .insertInto('move_case_people')
    .values({ case_id: caseId, person: 'partner', name: 'Kim Partner', email, invited_at: '2026-11-28T09:00:00Z' })
    .execute();
}

/** Runs the follow-up job at `at` with the app's clock there too, so mailed links can be used. */
async function runFollowUps(t: TestApp, at: string) {
  t.setNow(new Date(at));
  const summary = await runScheduled(t.deps, new Date(at), [followUpJob]);
  expect(summary.failed).toBe(0);
}

async function person(t: TestApp, email: string): Promise<SignedInPerson & { link: string }> {
  const { cookie, link } = await signInFromMail(t, email);
  return { userId: '', sessionId: '', email, cookie, link };
}

const followUpId = (link: string) =>
  decodeURIComponent(/move-follow-ups%2F([^&]+)|move-follow-ups\/([^?&]+)/.exec(link)?.slice(1).find(Boolean) ?? '');

const answer = { inRegion: true, kommun: '1080', inWork: true, recommend: 'yes' };

describe('closing a case as moved in', () => {
  it('keeps the day the offer was accepted and the days from it to the move-in', async () => {
    const t = await createTestApp();
    const { w, id } = await movedIn(t);
    const kase = (await (await send(t, 'GET', `/api/v1/move-cases/${id}`, w.guide)).json()) as Record<string, unknown>;
    expect(kase).toMatchObject({ offerAcceptedOn: '2026-09-01', movedInOn: '2026-11-20', outcome: 'moved-in' });
    const row = await t.deps.db
      .selectFrom('move_cases')
      .select('offer_to_move_days')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.offer_to_move_days).toBe(80);
  });

  it('refuses a move-in without an accepted offer, before the offer, or more than a week ahead, and an offer in the future', async () => {
    const t = await createTestApp();
    const c = await takenCase(t);
    const close = async (body: Record<string, unknown>) => {
      const r = await send(t, 'POST', `/api/v1/move-cases/${c.id}/closure`, c.w.guide, {
        version: await c.version(),
        outcome: 'moved-in',
        movedToKommun: '1080',
        ...body,
      });
      return {
        status: r.status,
        paths: ((await r.json()) as { errors?: { path: string }[] }).errors?.map((e) => e.path),
      };
    };
    expect(await close({ movedInOn: '2026-11-20' })).toEqual({ status: 422, paths: ['offerAcceptedOn'] });
    expect(await close({ movedInOn: '2026-08-20', offerAcceptedOn: '2026-09-01' })).toEqual({
      status: 422,
      paths: ['movedInOn'],
    });
    expect(await close({ movedInOn: '2026-12-10', offerAcceptedOn: '2026-09-01' })).toEqual({
      status: 422,
      paths: ['movedInOn'],
    });
    expect(await close({ movedInOn: '2026-11-20', offerAcceptedOn: '2026-12-01' })).toEqual({
      status: 422,
      paths: ['offerAcceptedOn'],
    });
    // The organisation may record the offer on the open case; then the closing needs no date.
    const patched = await send(t, 'PATCH', `/api/v1/move-cases/${c.id}`, c.w.memberA, {
      version: await c.version(),
      offerAcceptedOn: '2026-10-01',
    });
    expect(patched.status).toBe(200);
    expect((await close({ movedInOn: '2026-12-05' })).status).toBe(200);
  });
});

describe('follow-ups after the move', () => {
  it('mails the recruit and the partner separately three months after the move-in, once, with a link to their own form', async () => {
    const t = await createTestApp();
    const { id } = await movedIn(t);
    await addPartner(t, id);
    await runFollowUps(t, '2027-02-19T08:00:00Z');
    expect(await outbox(t, 'move-follow-up')).toHaveLength(0);
    await runFollowUps(t, '2027-02-20T08:00:00Z');
    await runFollowUps(t, '2027-02-20T08:05:00Z');
    const mails = await outbox(t, 'move-follow-up');
    expect(mails.map((m) => m.to).sort()).toEqual(['kim@example.se', 'robin@example.se']);
    expect(mails[0]?.subject).toContain('Hur har det gått sedan flytten?');

    const robin = await person(t, 'robin@example.se');
    const kim = await person(t, 'kim@example.se');
    const robinsId = followUpId(robin.link);
    const kimsId = followUpId(kim.link);
    expect(robinsId).toBe(`${id}-recruit-3`);
    // Each sees only their own.
    expect((await send(t, 'GET', `/api/v1/move-follow-ups/${kimsId}`, robin)).status).toBe(404);
    const listed = await send(t, 'GET', '/api/v1/move-follow-ups', kim);
    const mine = (await listed.json()) as { items: { id: string }[] };
    expect(
      mine.items.map((f) => f.id),
      JSON.stringify(mine),
    ).toEqual([kimsId]);
  });

  it('takes one answer per person and follow-up, and asks the partner since when they work', async () => {
    const t = await createTestApp();
    const { id } = await movedIn(t);
    await addPartner(t, id);
    await runFollowUps(t, '2027-02-20T08:00:00Z');
    const kim = await person(t, 'kim@example.se');
    const kimsId = followUpId(kim.link);
    const missing = await send(t, 'POST', `/api/v1/move-follow-ups/${kimsId}/answer`, kim, answer);
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['workSince']);
    const ok = await send(t, 'POST', `/api/v1/move-follow-ups/${kimsId}/answer`, kim, {
      ...answer,
      workSince: '2027-01',
      occupationGroup: '3',
      networkEmployer: 'yes',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      state: 'answered',
      answer: { inRegion: true, kommun: '1080', inWork: true, workSince: '2027-01', networkEmployer: 'yes' },
    });
    expect((await send(t, 'POST', `/api/v1/move-follow-ups/${kimsId}/answer`, kim, answer)).status).toBe(409);
    // The answer is the household's own data: its case and its export show it.
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', kim)).json()) as {
      moveCases: { followUps: { person: string; wave: number; state: string; workSince: string | null }[] }[];
    };
    expect(exported.moveCases[0]?.followUps).toContainEqual(
      expect.objectContaining({ person: 'partner', wave: 3, state: 'answered', workSince: '2027-01' }),
    );
    // Neither a guide nor the secretariat can read or answer it.
    const guide = await signIn(t, { roles: ['relocation-guide'] });
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    expect((await send(t, 'GET', `/api/v1/move-follow-ups/${kimsId}`, guide)).status).toBe(404);
    expect((await send(t, 'GET', `/api/v1/move-follow-ups/${kimsId}`, secretariat)).status).toBe(404);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'move-follow-up.answered')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('reminds once seven days after the mail, and not someone who answered', async () => {
    const t = await createTestApp();
    const { id } = await movedIn(t);
    await addPartner(t, id);
    await runFollowUps(t, '2027-02-20T08:00:00Z');
    const robin = await person(t, 'robin@example.se');
    expect(
      (await send(t, 'POST', `/api/v1/move-follow-ups/${followUpId(robin.link)}/answer`, robin, answer)).status,
    ).toBe(200);
    await runFollowUps(t, '2027-02-26T08:00:00Z');
    expect(await outbox(t, 'move-follow-up')).toHaveLength(2);
    await runFollowUps(t, '2027-02-27T08:00:00Z');
    await runFollowUps(t, '2027-03-10T08:00:00Z');
    const reminders = (await outbox(t, 'move-follow-up')).filter((m) => m.subject.startsWith('Påminnelse'));
    expect(reminders.map((m) => m.to)).toEqual(['kim@example.se']);
  });

  it('stops every later follow-up of a person who declines, in one step, and keeps the other adult’s', async () => {
    const t = await createTestApp();
    const { id } = await movedIn(t);
    await addPartner(t, id);
    await runFollowUps(t, '2027-02-20T08:00:00Z');
    const kim = await person(t, 'kim@example.se');
    const declined = await send(t, 'POST', `/api/v1/move-follow-ups/${followUpId(kim.link)}/decline`, kim);
    expect(declined.status).toBe(200);
    expect(await declined.json()).toMatchObject({ state: 'declined' });
    await runFollowUps(t, '2027-11-20T08:00:00Z');
    const twelve = (await outbox(t, 'move-follow-up')).filter((m) => m.text.includes('12 månader'));
    expect(twelve.map((m) => m.to)).toEqual(['robin@example.se']);
  });
});

describe('retention and follow-ups', () => {
  it('keeps a moved-in household’s details until its last follow-up is answered or lapsed, then keeps only the outcome facts', async () => {
    const t = await createTestApp();
    const { id } = await movedIn(t);
    await runFollowUps(t, '2027-02-20T08:00:00Z');
    const robin = await person(t, 'robin@example.se');
    await send(t, 'POST', `/api/v1/move-follow-ups/${followUpId(robin.link)}/answer`, robin, answer);
    const jobs = async (at: string) => {
      t.setNow(new Date(at));
      expect((await runScheduled(t.deps, new Date(at), [followUpJob, ...recruitmentJobs])).failed).toBe(0);
    };
    // Closed 2026-11-28: the retention period has passed on 2028-11-29, but the 24-month follow-up
    // (due 2028-11-20) is still open for answers.
    await jobs('2028-11-29T10:00:00Z');
    expect(await t.deps.db.selectFrom('move_case_people').select('case_id').execute()).toHaveLength(1);
    // 60 days after it was due it lapses, and the next run erases the case.
    await jobs('2029-01-20T10:00:00Z');
    await jobs('2029-01-20T10:05:00Z');
    expect(await t.deps.db.selectFrom('move_case_people').select('case_id').execute()).toEqual([]);
    const kept = await t.deps.db
      .selectFrom('move_case_follow_ups')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('wave')
      .execute();
    expect(kept[0]).toMatchObject({
      wave: 3,
      state: 'answered',
      in_region: 1,
      in_work: 1,
      kommun: null,
      recommend: null,
      answered_at: '2027-02',
    });
    const row = await t.deps.db
      .selectFrom('move_cases')
      .select(['offer_accepted_on', 'offer_to_move_days', 'workplace_kommun'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ offer_accepted_on: '2026-09', offer_to_move_days: 80, workplace_kommun: null });
  });
});
