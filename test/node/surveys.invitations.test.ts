import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { addContact, answers, createRound, outbox, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let admin: SignedInPerson;
const NOW = new Date('2026-11-28T09:00:00Z');

beforeEach(async () => {
  t = await createTestApp({ now: NOW });
  admin = await signInSecretariat(t);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2) });
  await createOrganisation(t, 'org-c', { orgNumber: orgNumber(3) });
  await createOrganisation(t, 'org-x', { orgNumber: orgNumber(4), municipality: '1082' });
});

const targets = (roundId: string) =>
  t.deps.db
    .selectFrom('round_targets')
    .select(['organisation_id', 'invited_at', 'reminded_at', 'reminders'])
    .where('round_id', '=', roundId)
    .orderBy('organisation_id')
    .execute();

async function openRound(options: Parameters<typeof createRound>[2] = {}) {
  const id = await createRound(t, admin, { target: { municipalities: ['1080'] }, ...options });
  const response = await send(t, 'POST', `/api/v1/rounds/${id}/open`, admin);
  expect(response.status).toBe(200);
  return { id, body: (await response.json()) as { status: string; invitations: Record<string, unknown> } };
}

describe('opening a round', () => {
  it("mails every target organisation's contacts a personal link to the response, in Swedish and English", async () => {
    const anna = await addContact(t, 'org-a', 'Anna');
    const bo = await addContact(t, 'org-a', 'Bo');
    const cilla = await addContact(t, 'org-b', 'Cilla');
    await addContact(t, 'org-x');
    const { id, body } = await openRound();
    expect(body.status).toBe('open');
    expect(body.invitations).toEqual({
      sent: 3,
      organisations: 2,
      remaining: 0,
      unreachable: [{ id: 'org-c', name: 'Organisation org-c', orgNumber: orgNumber(3) }],
    });
    const mails = await outbox(t, 'round-invitation');
    expect(mails.map((m) => m.to).sort()).toEqual([anna, bo, cilla].sort());
    const toAnna = mails.find((m) => m.to === anna);
    expect(toAnna?.subject).toBe('Inbjudan: Kompetensbehov 2027 / Invitation: Kompetensbehov 2027');
    expect(toAnna?.text).toMatch(/^Hej!\n\n/);
    expect(toAnna?.text).toContain('\n\nHello,\n\n');
    expect(toAnna?.text).toContain('18 december 2026 kl. 17:00');
    expect(toAnna?.text).toContain('18 December 2026 at 17:00');
    const link = new URL(toAnna?.links[0] ?? '');
    expect(link.pathname).toBe('/sign-in/verify');
    expect(link.searchParams.get('next')).toBe(`/rounds/${id}/responses/org-a`);
    expect(toAnna?.text).toContain(toAnna?.links[0]);
    const invited = await targets(id);
    expect(invited.map((r) => [r.organisation_id, r.invited_at !== null])).toEqual([
      ['org-a', true],
      ['org-b', true],
      ['org-c', false],
    ]);
  });

  it('gives a link that still signs in days later, until the round closes, and only once', async () => {
    const anna = await addContact(t, 'org-a', 'Anna');
    await openRound({ closesAt: '2026-12-18T16:00:00Z' });
    const token = new URL((await outbox(t, 'round-invitation'))[0]?.links[0] ?? '').searchParams.get('token');
    const row = await t.deps.db.selectFrom('sign_in_tokens').selectAll().where('email', '=', anna).executeTakeFirst();
    expect(row?.expires_at).toBe('2026-12-18T16:00:00.000Z');
    t.setNow(new Date('2026-12-10T09:00:00Z'));
    const json = (body: unknown) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect((await request(t.app, '/api/v1/auth/sessions', json({ token }))).status).toBe(201);
    expect((await request(t.app, '/api/v1/auth/sessions', json({ token }))).status).toBe(400);
  });

  it('caps the link at 30 days when the round closes later', async () => {
    const anna = await addContact(t, 'org-a');
    await openRound({ closesAt: '2027-06-30T16:00:00Z' });
    const row = await t.deps.db.selectFrom('sign_in_tokens').selectAll().where('email', '=', anna).executeTakeFirst();
    expect(row?.expires_at).toBe('2026-12-28T09:00:00.000Z');
  });

  it('invites later the targets that got a contact after opening, and nobody twice', async () => {
    await addContact(t, 'org-a');
    const { id } = await openRound();
    const email = await addContact(t, 'org-c');
    const response = await send(t, 'POST', `/api/v1/rounds/${id}/invitations`, admin);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      sent: 1,
      organisations: 1,
      unreachable: [{ id: 'org-b', name: 'Organisation org-b', orgNumber: orgNumber(2) }],
    });
    expect((await outbox(t, 'round-invitation')).map((m) => m.to)).toContain(email);
    expect(await (await send(t, 'POST', `/api/v1/rounds/${id}/invitations`, admin)).json()).toMatchObject({ sent: 0 });
    expect(await outbox(t, 'round-invitation')).toHaveLength(2);
  });
});

describe('reminders', () => {
  it('go only to target organisations without a submitted response, and set when and how often', async () => {
    const anna = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
    const cilla = await addContact(t, 'org-b');
    const { id } = await openRound();
    await submit(t, anna, id, 'org-a', { organisation: answers, needs: [need()] });
    const response = await send(t, 'POST', `/api/v1/rounds/${id}/reminders`, admin);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      sent: 1,
      organisations: 1,
      remaining: 0,
      skipped: 0,
      unreachable: [{ id: 'org-c', name: 'Organisation org-c', orgNumber: orgNumber(3) }],
    });
    const reminders = await outbox(t, 'round-reminder');
    expect(reminders.map((m) => m.to)).toEqual([cilla]);
    expect(reminders[0]?.text).toContain('Organisation org-b');
    const rows = await targets(id);
    expect(rows.map((r) => [r.organisation_id, r.reminders, r.reminded_at])).toEqual([
      ['org-a', 0, null],
      ['org-b', 1, NOW.toISOString()],
      ['org-c', 0, null],
    ]);
  });

  it('are sent once when two calls come at the same time, and again only after 20 hours', async () => {
    await addContact(t, 'org-a');
    await addContact(t, 'org-b');
    await addContact(t, 'org-b');
    const { id } = await openRound();
    const calls = await Promise.all([1, 2].map(() => send(t, 'POST', `/api/v1/rounds/${id}/reminders`, admin)));
    const bodies = (await Promise.all(calls.map((r) => r.json()))) as { sent: number; skipped: number }[];
    expect(bodies.map((b) => b.sent).sort()).toEqual([0, 3]);
    expect(await outbox(t, 'round-reminder')).toHaveLength(3);
    t.setNow(new Date(NOW.getTime() + 19 * 3_600_000));
    admin = await signInSecretariat(t);
    expect(await (await send(t, 'POST', `/api/v1/rounds/${id}/reminders`, admin)).json()).toMatchObject({
      sent: 0,
      skipped: 2,
    });
    t.setNow(new Date(NOW.getTime() + 21 * 3_600_000));
    admin = await signInSecretariat(t);
    expect(await (await send(t, 'POST', `/api/v1/rounds/${id}/reminders`, admin)).json()).toMatchObject({ sent: 3 });
    expect((await targets(id)).map((r) => r.reminders)).toEqual([2, 2, 0]);
  });

  it('are refused in a round that is not open, and nothing is sent', async () => {
    await addContact(t, 'org-a');
    const draft = await createRound(t, admin);
    const response = await send(t, 'POST', `/api/v1/rounds/${draft}/reminders`, admin);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { detail: string }).detail).toContain('utkast');
    expect(await outbox(t)).toEqual([]);
  });

  it('are refused once the closing time has passed, even before the round is closed', async () => {
    await addContact(t, 'org-a');
    const { id } = await openRound({ closesAt: '2026-12-18T16:00:00Z' });
    t.setNow(new Date('2026-12-18T16:00:00Z'));
    admin = await signInSecretariat(t);
    const response = await send(t, 'POST', `/api/v1/rounds/${id}/reminders`, admin);
    expect(response.status).toBe(409);
    expect(await outbox(t, 'round-reminder')).toEqual([]);
  });

  it('are for the secretariat only', async () => {
    const member = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
    await addContact(t, 'org-b');
    const { id } = await openRound();
    const before = (await outbox(t)).length;
    expect((await send(t, 'POST', `/api/v1/rounds/${id}/reminders`, member)).status).toBe(403);
    expect((await send(t, 'POST', `/api/v1/rounds/${id}/invitations`, member)).status).toBe(403);
    expect(await outbox(t)).toHaveLength(before);
  });
});
