import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { moveCaseBody, openCase } from '../support/move-cases.ts';
import { caseWithInvitedPartner, householdPerson, organisationOfLine, PARTNER_EMAIL } from '../support/partners.ts';
import { outbox, send } from '../support/rounds.ts';

/** The partner's own household row on a move case (issue 19, decision 0030). */

interface CaseJson {
  relation: string;
  partner: { name: string; email: string; acceptedAt: string | null } | null;
  recruit: { email: string } | null;
}

describe('the partner of a move case', () => {
  it('is invited by the organisation by name and address, and mailed a sign-in link of their own to the case', async () => {
    const t = await createTestApp();
    const w = await caseWithInvitedPartner(t);
    const mails = (await outbox(t, 'move-case')).filter((m) => m.to === PARTNER_EMAIL);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.links[0]).toContain(`next=%2Fmove-cases%2F${w.kase.id}`);
    const kase = (await (await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, w.memberA)).json()) as CaseJson;
    expect(kase.partner).toEqual({ name: 'Pat Partner', email: PARTNER_EMAIL, acceptedAt: null });
  });

  it('accepts on their own: the recruit’s view leaves the partner unaccepted, the partner’s own view accepts', async () => {
    const t = await createTestApp();
    const w = await caseWithInvitedPartner(t);
    const recruit = await householdPerson(t, 'robin@example.se');
    const byRecruit = (await (await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, recruit)).json()) as CaseJson;
    expect(byRecruit.partner?.acceptedAt).toBeNull();
    const partner = await householdPerson(t, PARTNER_EMAIL);
    const byPartner = (await (await send(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, partner)).json()) as CaseJson;
    expect(byPartner.relation).toBe('household');
    expect(byPartner.recruit?.email).toBe('robin@example.se');
    expect(byPartner.partner?.acceptedAt).toBe('2026-11-28T09:00:00.000Z');
  });

  it('cannot be invited by the recruit (403), twice (409), with the recruit’s address (422), or when no partner comes (422)', async () => {
    const t = await createTestApp();
    const w = await caseWithInvitedPartner(t);
    const recruit = await householdPerson(t, 'robin@example.se');
    const path = `/api/v1/move-cases/${w.kase.id}/partner`;
    const body = { name: 'Kim', email: 'kim@example.se' };
    expect((await send(t, 'POST', path, recruit, body)).status).toBe(403);
    expect((await send(t, 'POST', path, w.memberA, body)).status).toBe(409);

    const alone = await openCase(
      t,
      w.memberA,
      moveCaseBody(w.orgA, w.lines.outside, { recruit: { name: 'Sam', email: 'sam@example.se' }, partnerComes: false }),
    );
    const noPartner = await send(t, 'POST', `/api/v1/move-cases/${alone.id}/partner`, w.memberA, body);
    expect(noPartner.status).toBe(422);
    const second = await openCase(
      t,
      w.memberA,
      moveCaseBody(w.orgA, w.lines.outside, { recruit: { name: 'Alex', email: 'alex@example.se' } }),
    );
    const same = await send(t, 'POST', `/api/v1/move-cases/${second.id}/partner`, w.memberA, {
      name: 'Alex',
      email: 'ALEX@example.se',
    });
    expect(same.status).toBe(422);
    expect(((await same.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('email');
    // Another organisation's member does not learn the case exists.
    expect((await send(t, 'POST', path, w.memberB, body)).status).toBe(404);
    expect(await organisationOfLine(t, w.lines.outside)).toBe(w.orgA);
  });

  it('is invited by the case’s guide too', async () => {
    const t = await createTestApp();
    const w = await caseWithInvitedPartner(t);
    const other = await openCase(
      t,
      w.memberA,
      moveCaseBody(w.orgA, w.lines.outside, { recruit: { name: 'Sam', email: 'sam@example.se' } }),
    );
    expect((await send(t, 'POST', `/api/v1/move-cases/${other.id}/assignment`, w.guide)).status).toBe(200);
    const invited = await send(t, 'POST', `/api/v1/move-cases/${other.id}/partner`, w.guide, {
      name: 'Kim',
      email: 'kim@example.se',
    });
    expect(invited.status).toBe(201);
  });

  it('finds their address in their own export, and erasing their account removes only their row, not the recruit’s case', async () => {
    const t = await createTestApp();
    const w = await caseWithInvitedPartner(t);
    const partner = await householdPerson(t, PARTNER_EMAIL);
    const exported = (await (await send(t, 'GET', '/api/v1/me/export', partner)).json()) as {
      moveCases: CaseJson[];
    };
    expect(exported.moveCases.map((c) => c.partner?.email)).toEqual([PARTNER_EMAIL]);
    expect((await send(t, 'DELETE', '/api/v1/me', partner)).status).toBe(204);
    const people = await t.deps.db.selectFrom('move_case_people').select(['person', 'email']).execute();
    expect(people).toEqual([{ person: 'recruit', email: 'robin@example.se' }]);
    const kase = await t.deps.db
      .selectFrom('move_cases')
      .select(['status', 'erased_at'])
      .where('id', '=', w.kase.id)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ status: 'open', erased_at: null });
  });
});
