import { beforeEach, describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { createOrganisation, json, type TestOrganisation } from '../support/organisations.ts';

let t: TestApp;
let org: TestOrganisation;
let colleague: SignedInPerson;
beforeEach(async () => {
  t = await createTestApp();
  org = await createOrganisation(t, { name: 'Varvet AB' });
  colleague = await signIn(t, { name: 'Karin Kollega', memberships: [{ organisationId: org.id }] });
});

const invite = (body: unknown, person = colleague, headers: Record<string, string> = {}) =>
  request(t.app, `/api/v1/organisations/${org.id}/invitations`, {
    method: 'POST',
    ...json(body, { cookie: person.cookie, ...headers }),
  });
const pending = async (person = colleague) =>
  (
    await (
      await request(t.app, `/api/v1/organisations/${org.id}/invitations`, { headers: { cookie: person.cookie } })
    ).json()
  ).items as { id: string; email: string }[];
const mailTo = async (to: string) =>
  (await request(t.app, `/api/v1/dev/mail?to=${encodeURIComponent(to)}`)).json() as Promise<{
    items: { subject: string; text: string; links: string[] }[];
  }>;
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const useLink = (token: string) => request(t.app, '/api/v1/auth/sessions', { method: 'POST', ...json({ token }) });

describe('POST /api/v1/organisations/{id}/invitations', () => {
  it('lets a colleague invite: 201, a pending invitation for 14 days, an audit entry and a mail with the link', async () => {
    const response = await invite({ email: 'Ny.Person@Example.se', role: 'member' });
    expect(response.status).toBe(201);
    const invitation = await response.json();
    expect(invitation).toMatchObject({
      organisationId: org.id,
      email: 'ny.person@example.se',
      role: 'member',
      invitedBy: colleague.userId,
      invitedByName: 'Karin Kollega',
      expiresAt: '2026-12-12T09:00:00.000Z',
    });
    expect((await pending()).map((i) => i.email)).toEqual(['ny.person@example.se']);
    const [audit] = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'invitation.created')
      .execute();
    expect(audit).toMatchObject({ actor_user_id: colleague.userId, target_id: invitation.id });
    const token = await t.deps.db
      .selectFrom('sign_in_tokens')
      .selectAll()
      .where('invitation_id', '=', invitation.id)
      .executeTakeFirst();
    expect(token).toMatchObject({ purpose: 'invitation', email: 'ny.person@example.se', consumed_at: null });

    const [mail] = (await mailTo('ny.person@example.se')).items;
    expect(mail?.subject).toBe(sv['invitation.mail.subject'].replace('{organisation}', 'Varvet AB'));
    expect(mail?.text).toContain('Karin Kollega');
    expect(mail?.links).toHaveLength(1);
    expect(mail?.text).toContain(mail?.links[0]);
  });

  it("writes the mail in the inviter's language", async () => {
    await invite({ email: 'guest@example.com' }, colleague, { 'accept-language': 'en' });
    const [mail] = (await mailTo('guest@example.com')).items;
    expect(mail?.subject).toBe(en['invitation.mail.subject'].replace('{organisation}', 'Varvet AB'));
  });

  it('gives a link that signs the invitee in once and makes them a member', async () => {
    await invite({ email: 'ny@example.se', role: 'provider' });
    const [mail] = (await mailTo('ny@example.se')).items;
    const token = tokenOf(mail?.links[0] ?? '');
    expect((await useLink(token)).status).toBe(201);
    const membership = await t.deps.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.role'])
      .where('u.email', '=', 'ny@example.se')
      .where('m.organisation_id', '=', org.id)
      .executeTakeFirst();
    expect(membership?.role).toBe('provider');
    expect(await pending()).toEqual([]);
    expect((await useLink(token)).status).toBe(400);
  });

  it('lets the secretariat invite to any organisation', async () => {
    const admin = await signInSecretariat(t);
    expect((await invite({ email: 'a@example.se' }, admin)).status).toBe(201);
  });

  it('replaces a pending invitation to the same address, so that only the newest link works', async () => {
    await invite({ email: 'twice@example.se' });
    await invite({ email: 'twice@example.se' });
    expect(await pending()).toHaveLength(1);
    const [newest, oldest] = (await mailTo('twice@example.se')).items;
    expect((await useLink(tokenOf(oldest?.links[0] ?? ''))).status).toBe(400);
    expect((await useLink(tokenOf(newest?.links[0] ?? ''))).status).toBe(201);
  });

  it('answers 409 when the person already acts for the organisation, and mails nothing', async () => {
    const response = await invite({ email: colleague.email.toUpperCase() });
    expect(response.status).toBe(409);
    expect((await response.json()).errors[0].path).toBe('email');
    expect((await mailTo(colleague.email)).items).toEqual([]);
  });

  it.each([
    [{ email: 'not-an-address' }, 'email', 'validation.email.invalid'],
    [{ email: '' }, 'email', 'validation.inviteeEmail.required'],
    [{}, 'email', 'validation.inviteeEmail.required'],
    [{ email: 'a@example.se', role: 'owner' }, 'role', 'validation.invitationRole.invalid'],
  ] as const)('refuses %j with 422 on %s', async (body, path, key) => {
    const response = await invite(body);
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toContainEqual({ path, message: sv[key] });
  });
});

describe('DELETE /api/v1/organisations/{id}/invitations/{invitationId}', () => {
  const revoke = (id: string, person = colleague) =>
    request(t.app, `/api/v1/organisations/${org.id}/invitations/${id}`, {
      method: 'DELETE',
      headers: { cookie: person.cookie },
    });

  it('revokes a pending invitation: gone from the list, its link refused, audited', async () => {
    const invitation = await (await invite({ email: 'bort@example.se' })).json();
    expect((await revoke(invitation.id)).status).toBe(204);
    expect(await pending()).toEqual([]);
    const token = await t.deps.db
      .selectFrom('sign_in_tokens')
      .select('consumed_at')
      .where('invitation_id', '=', invitation.id)
      .executeTakeFirst();
    expect(token?.consumed_at).not.toBeNull();
    const [mail] = (await mailTo('bort@example.se')).items;
    expect((await useLink(tokenOf(mail?.links[0] ?? ''))).status).toBe(400);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'invitation.revoked')
      .execute();
    expect(audit).toEqual([{ target_id: invitation.id }]);
  });

  it('answers 404 for an invitation that is not pending or not this organisation’s, and audits nothing', async () => {
    const invitation = await (await invite({ email: 'bort@example.se' })).json();
    await revoke(invitation.id);
    expect((await revoke(invitation.id)).status).toBe(404);
    expect((await revoke('no-such-invitation')).status).toBe(404);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'invitation.revoked')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
