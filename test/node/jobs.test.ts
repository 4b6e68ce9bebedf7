import { beforeEach, describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../../src/core/job.ts';
import type { MailTransport } from '../../src/mail/mailer.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { addContact, answers, createRound, outbox, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Scheduled work (#9): every job through runScheduled with an injected clock, and each also run
 * twice at the same moment (Promise.all), which must have the effect of one run.
 */
let t: TestApp;
let admin: SignedInPerson;
const NOW = new Date('2026-11-28T09:00:00Z');
const at = (iso: string) => new Date(iso);
const twice = (now: Date) => Promise.all([runScheduled(t.deps, now), runScheduled(t.deps, now)]);

beforeEach(async () => {
  t = await createTestApp({ now: NOW });
  admin = await signInSecretariat(t);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2) });
});

const round = (id: string) => t.deps.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditCount = async (action: string) =>
  (await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

describe('runScheduled', () => {
  it('runs every job, logs one JSON line per job, and a failing job does not stop the others', async () => {
    const ran: string[] = [];
    const jobs: ScheduledJob[] = [
      {
        name: 'first',
        run: async () => {
          ran.push('first');
          return { changed: 2 };
        },
      },
      {
        name: 'broken',
        run: async () => {
          throw new Error('boom');
        },
      },
      {
        name: 'last',
        run: async () => {
          ran.push('last');
          return { changed: 0 };
        },
      },
    ];
    const summary = await runScheduled(t.deps, NOW, jobs);
    expect(ran).toEqual(['first', 'last']);
    expect(summary.failed).toBe(1);
    expect(summary.jobs.map((j) => [j.name, j.ok, j.changed])).toEqual([
      ['first', true, 2],
      ['broken', false, 0],
      ['last', true, 0],
    ]);
    const lines = t.log.lines.filter((l) => l.job !== undefined);
    expect(lines.map((l) => [l.level, l.job])).toEqual([
      ['info', 'first'],
      ['error', 'broken'],
      ['info', 'last'],
    ]);
    expect(lines[0]).toMatchObject({ message: 'job', changed: 2 });
    expect(typeof lines[0]?.durationMs).toBe('number');
    expect(lines[1]).toMatchObject({ error: 'boom' });
  });

  it('with nothing to do changes nothing, twice at once', async () => {
    const [a, b] = await twice(NOW);
    expect(a.failed + b.failed).toBe(0);
    expect([...a.jobs, ...b.jobs].every((j) => j.changed === 0)).toBe(true);
  });
});

describe('rounds open and close at their times', () => {
  it('a draft round opens at opensAt and its contacts are invited once, even by two runs at once', async () => {
    const anna = await addContact(t, 'org-a', 'Anna');
    const bo = await addContact(t, 'org-b', 'Bo');
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });

    await twice(at('2026-12-01T06:59:00Z'));
    expect((await round(id)).status).toBe('draft');
    expect(await outbox(t, 'round-invitation')).toHaveLength(0);

    await twice(at('2026-12-01T07:00:00Z'));
    const opened = await round(id);
    expect(opened.status).toBe('open');
    expect(opened.opened_at).toBe('2026-12-01T07:00:00.000Z');
    expect((await outbox(t, 'round-invitation')).map((m) => m.to).sort()).toEqual([anna, bo].sort());
    expect(await auditCount('round.opened')).toBe(1);

    await twice(at('2026-12-01T07:05:00Z'));
    expect(await outbox(t, 'round-invitation')).toHaveLength(2);
  });

  it('a contact added after opening is invited by the next run, once', async () => {
    await addContact(t, 'org-a');
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });
    await runScheduled(t.deps, at('2026-12-01T07:00:00Z'));
    const late = await addContact(t, 'org-b');
    await twice(at('2026-12-02T07:00:00Z'));
    const mails = await outbox(t, 'round-invitation');
    expect(mails).toHaveLength(2);
    expect(mails.filter((m) => m.to === late)).toHaveLength(1);
    expect((await round(id)).status).toBe('open');
  });

  it('a draft whose closing time has passed is not opened', async () => {
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-02T07:00:00Z' });
    await runScheduled(t.deps, at('2026-12-03T07:00:00Z'));
    expect((await round(id)).status).toBe('draft');
  });

  it('an open round closes at closesAt, once, and a late save is refused', async () => {
    await addContact(t, 'org-a');
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });
    await runScheduled(t.deps, at('2026-12-01T07:00:00Z'));

    await twice(at('2026-12-18T15:59:59Z'));
    expect((await round(id)).status).toBe('open');
    await twice(at('2026-12-18T16:00:00Z'));
    const closed = await round(id);
    expect(closed.status).toBe('closed');
    expect(closed.closed_at).toBe('2026-12-18T16:00:00.000Z');
    expect(await auditCount('round.closed')).toBe(1);
  });
});

describe("reminders on the secretariat's schedule", () => {
  it('is set through the API, and each reminder goes once to each non-responder, even with two runs at once', async () => {
    const anna = await addContact(t, 'org-a', 'Anna');
    await addContact(t, 'org-b', 'Bo');
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });
    const set = await send(t, 'PUT', `/api/v1/rounds/${id}/reminder-schedule`, admin, {
      remindAt: ['2026-12-10T08:00:00+01:00', '2026-12-15T08:00:00Z'],
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { items: unknown[] }).items).toEqual([
      { remindAt: '2026-12-10T07:00:00.000Z', claimedAt: null, sent: null },
      { remindAt: '2026-12-15T08:00:00.000Z', claimedAt: null, sent: null },
    ]);
    await runScheduled(t.deps, at('2026-12-01T07:00:00Z'));

    // org-b answers; only org-a is reminded.
    t.setNow(at('2026-12-05T10:00:00Z'));
    const bo = await signIn(t, { memberships: [{ organisationId: 'org-b' }] });
    await submit(t, bo, id, 'org-b', { organisation: answers, needs: [need()] });

    await twice(at('2026-12-10T06:59:00Z'));
    expect(await outbox(t, 'round-reminder')).toHaveLength(0);
    await twice(at('2026-12-10T07:00:00Z'));
    let reminders = await outbox(t, 'round-reminder');
    expect(reminders.map((m) => m.to)).toEqual([anna]);
    await twice(at('2026-12-12T07:00:00Z'));
    expect(await outbox(t, 'round-reminder')).toHaveLength(1);
    await twice(at('2026-12-15T08:00:00Z'));
    reminders = await outbox(t, 'round-reminder');
    expect(reminders.map((m) => m.to)).toEqual([anna, anna]);

    t.setNow(at('2026-12-15T09:00:00Z'));
    admin = await signInSecretariat(t);
    const schedule = (await (await send(t, 'GET', `/api/v1/rounds/${id}/reminder-schedule`, admin)).json()) as {
      items: { remindAt: string; claimedAt: string | null; sent: number | null }[];
    };
    expect(schedule.items).toEqual([
      { remindAt: '2026-12-10T07:00:00.000Z', claimedAt: '2026-12-10T07:00:00.000Z', sent: 1 },
      { remindAt: '2026-12-15T08:00:00.000Z', claimedAt: '2026-12-15T08:00:00.000Z', sent: 1 },
    ]);
  });

  it('refuses a reminder time outside the round with 422, and a closed round with 409', async () => {
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });
    const outside = await send(t, 'PUT', `/api/v1/rounds/${id}/reminder-schedule`, admin, {
      remindAt: ['2026-12-19T08:00:00Z'],
    });
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('remindAt.0');
    const bad = await send(t, 'PUT', `/api/v1/rounds/${id}/reminder-schedule`, admin, { remindAt: ['next week'] });
    expect(bad.status).toBe(422);
    await addContact(t, 'org-a');
    await runScheduled(t.deps, at('2026-12-01T07:00:00Z'));
    await runScheduled(t.deps, at('2026-12-18T16:00:00Z'));
    t.setNow(at('2026-12-19T07:00:00Z'));
    admin = await signInSecretariat(t);
    const closed = await send(t, 'PUT', `/api/v1/rounds/${id}/reminder-schedule`, admin, { remindAt: [] });
    expect(closed.status).toBe(409);
  });

  it('a reminder that falls due after the round closed is never sent', async () => {
    await addContact(t, 'org-a');
    const id = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });
    await send(t, 'PUT', `/api/v1/rounds/${id}/reminder-schedule`, admin, { remindAt: ['2026-12-18T15:00:00Z'] });
    await runScheduled(t.deps, at('2026-12-01T07:00:00Z'));
    // The scheduler was down from before the reminder until after the close.
    await twice(at('2026-12-19T07:00:00Z'));
    expect(await outbox(t, 'round-reminder')).toHaveLength(0);
    expect((await round(id)).status).toBe('closed');
  });
});

describe('expired sessions, sign-in links and rate-limit windows are removed', () => {
  it('removes what has expired and keeps what has not, twice at once', async () => {
    const { db } = t.deps;
    await db
      .insertInto('users')
      .values({ id: 'u1', email: 'u1@example.se', name: 'U', is_demo: 0, created_at: NOW.toISOString() })
      .execute();
    const session = (id: string, expires: string, revoked: string | null = null) => ({
      id,
      user_id: 'u1',
      created_at: '2026-11-01T00:00:00Z',
      last_seen_at: '2026-11-01T00:00:00Z',
      expires_at: expires,
      revoked_at: revoked,
    });
    await db
      .insertInto('sessions')
      .values([
        session('s-expired', '2026-11-28T08:00:00.000Z'),
        session('s-live', '2026-11-28T20:00:00.000Z'),
        session('s-revoked-old', '2026-11-28T20:00:00.000Z', '2026-11-26T00:00:00.000Z'),
        session('s-revoked-now', '2026-11-28T20:00:00.000Z', '2026-11-28T08:00:00.000Z'),
      ])
      .execute();
    const token = (id: string, expires: string) => ({
      id,
      email: 'u1@example.se',
      purpose: 'sign-in',
      created_at: '2026-11-01T00:00:00Z',
      expires_at: expires,
    });
    await db
      .insertInto('sign_in_tokens')
      .values([token('t-old', '2026-11-20T00:00:00.000Z'), token('t-recent', '2026-11-27T00:00:00.000Z')])
      .execute();
    await db
      .insertInto('rate_limits')
      .values([
        { key: 'old', window_start: '2026-11-28T07:00:00.000Z', count: 3 },
        { key: 'now', window_start: '2026-11-28T08:50:00.000Z', count: 3 },
      ])
      .execute();

    const [a, b] = await twice(NOW);
    const changed = (name: string) =>
      (a.jobs.find((j) => j.name === name)?.changed ?? 0) + (b.jobs.find((j) => j.name === name)?.changed ?? 0);
    expect(changed('sessions-expired')).toBe(2);
    expect(changed('sign-in-tokens-expired')).toBe(1);
    expect(changed('rate-limits-expired')).toBe(1);
    expect((await db.selectFrom('sessions').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(
      // signInSecretariat's session is live too
      expect.arrayContaining(['s-live', 's-revoked-now']),
    );
    expect((await db.selectFrom('sessions').select('id').where('id', 'like', 's-%').execute()).length).toBe(2);
    expect((await db.selectFrom('sign_in_tokens').select('id').execute()).map((r) => r.id)).toEqual(['t-recent']);
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['now']);
  });
});

describe('personal data past its retention limit is purged', () => {
  it('erases inactive people without a role, deletes old mail and old audit entries; keeps the rest', async () => {
    t = await createTestApp({
      now: NOW,
      config: { RETENTION_INACTIVE_MONTHS: '12', RETENTION_MAIL_DAYS: '30', RETENTION_AUDIT_MONTHS: '24' },
    });
    await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
    const { db } = t.deps;
    const user = (id: string, lastSignIn: string | null, created = '2024-01-01T00:00:00.000Z') => ({
      id,
      email: `${id}@example.se`,
      name: `Name ${id}`,
      is_demo: 0,
      created_at: created,
      last_sign_in_at: lastSignIn,
    });
    await db
      .insertInto('users')
      .values([
        user('gone', '2025-10-01T00:00:00.000Z'),
        user('never', null),
        user('recent', '2026-06-01T00:00:00.000Z'),
        user('member', '2025-01-01T00:00:00.000Z'),
        user('secretary', '2025-01-01T00:00:00.000Z'),
        user('new', null, '2026-11-01T00:00:00.000Z'),
      ])
      .execute();
    await db
      .insertInto('memberships')
      .values({ user_id: 'member', organisation_id: 'org-a', role: 'member', created_at: '2024-01-01T00:00:00Z' })
      .execute();
    await db
      .insertInto('user_roles')
      .values({ user_id: 'secretary', role: 'secretariat', granted_at: '2024-01-01T00:00:00Z' })
      .execute();
    const mail = (id: string, created: string, to = 'x@example.se') => ({
      id,
      to_address: to,
      subject: 's',
      body_text: 'body',
      links: '[]',
      kind: 'sign-in',
      created_at: created,
      sent_at: created,
    });
    await db
      .insertInto('outbox')
      .values([mail('m-old', '2026-10-01T00:00:00.000Z'), mail('m-new', '2026-11-20T00:00:00.000Z')])
      .execute();
    const audit = (id: string, when: string) => ({
      id,
      at: when,
      actor_user_id: null,
      actor_token_id: null,
      action: 'sign-in',
      target_type: null,
      target_id: null,
      detail: null,
      ip: null,
      user_agent: null,
      request_id: null,
    });
    await db
      .insertInto('audit_log')
      .values([audit('a-old', '2024-10-01T00:00:00.000Z'), audit('a-new', '2025-12-01T00:00:00.000Z')])
      .execute();

    await twice(NOW);

    const people = await db.selectFrom('users').select(['id', 'erased_at', 'email', 'name']).orderBy('id').execute();
    const erased = people.filter((p) => p.erased_at !== null).map((p) => p.id);
    expect(erased.sort()).toEqual(['gone', 'never']);
    const gone = people.find((p) => p.id === 'gone');
    expect(gone?.email).toBe('erased-gone@invalid');
    expect(gone?.name).toBe('');
    expect(await auditCount('account.erased')).toBe(2);
    expect((await db.selectFrom('outbox').select('id').execute()).map((r) => r.id)).toEqual(['m-new']);
    const auditIds = (await db.selectFrom('audit_log').select('id').execute()).map((r) => r.id);
    expect(auditIds).toContain('a-new');
    expect(auditIds).not.toContain('a-old');

    // Again later: nothing more.
    const [again] = await twice(NOW);
    expect(again.jobs.find((j) => j.name === 'retention-inactive-people')?.changed).toBe(0);
  });

  it('RETENTION_INACTIVE_MONTHS=0 keeps inactive people', async () => {
    t = await createTestApp({ now: NOW, config: { RETENTION_INACTIVE_MONTHS: '0' } });
    await t.deps.db
      .insertInto('users')
      .values({ id: 'old', email: 'old@example.se', name: 'Old', is_demo: 0, created_at: '2010-01-01T00:00:00Z' })
      .execute();
    await runScheduled(t.deps, NOW);
    const row = await t.deps.db.selectFrom('users').select('erased_at').where('id', '=', 'old').executeTakeFirst();
    expect(row?.erased_at).toBeNull();
  });
});

describe('failed mail is retried with backoff', () => {
  it('retries a failed message once per due time, delivers it once even with two runs at once', async () => {
    let failing = true;
    const delivered: string[] = [];
    const transport: MailTransport = {
      name: 'fake',
      async send(mail) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (failing) throw new Error('connection refused');
        delivered.push(mail.id);
      },
    };
    t = await createTestApp({ now: NOW, mailTransport: transport });
    const { sendMail } = await import('../../src/mail/mailer.ts');
    const id = await sendMail(t.deps, {
      to: 'a@example.se',
      language: 'sv',
      content: () => ({ subject: 'S', body: 'T' }),
      links: [],
      kind: 'sign-in',
    });
    const row = () => t.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await row()).attempts).toBe(1);

    // First retry at once: fails again; the next is 10 minutes later (5 × 2^1).
    await twice(at('2026-11-28T09:01:00Z'));
    expect((await row()).attempts).toBe(2);
    expect((await row()).next_attempt_at).toBe('2026-11-28T09:11:00.000Z');
    await twice(at('2026-11-28T09:10:00Z'));
    expect((await row()).attempts).toBe(2);

    failing = false;
    await twice(at('2026-11-28T09:11:00Z'));
    expect(delivered).toEqual([id]);
    const sent = await row();
    expect(sent.sent_at).toBe('2026-11-28T09:11:00.000Z');
    expect(sent.attempts).toBe(3);
    expect(sent.last_error).toBeNull();
    await twice(at('2026-11-28T12:00:00Z'));
    expect(delivered).toEqual([id]);
  });

  it('gives up after 8 attempts, and does nothing without a transport', async () => {
    const transport: MailTransport = {
      name: 'fake',
      async send() {
        throw new Error('no');
      },
    };
    t = await createTestApp({ now: NOW, mailTransport: transport });
    const { sendMail } = await import('../../src/mail/mailer.ts');
    const id = await sendMail(t.deps, {
      to: 'a@example.se',
      language: 'sv',
      content: () => ({ subject: 'S', body: 'T' }),
      links: [],
      kind: 'sign-in',
    });
    let clock = NOW.getTime();
    for (let i = 0; i < 12; i++) {
      clock += 2 * 86_400_000;
      await runScheduled(t.deps, new Date(clock));
    }
    const row = await t.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(8);
    expect(row.sent_at).toBeNull();

    const plain = await createTestApp({ now: NOW });
    await sendMail(plain.deps, {
      to: 'b@example.se',
      language: 'sv',
      content: () => ({ subject: 'S', body: 'T' }),
      links: [],
      kind: 'sign-in',
    });
    const summary = await runScheduled(plain.deps, at('2026-11-29T09:00:00Z'));
    expect(summary.jobs.find((j) => j.name === 'outbox-retry')?.changed).toBe(0);
  });
});
