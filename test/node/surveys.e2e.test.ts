import { describe, expect, it } from 'vitest';
import { createTestApp, request } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * One round from beginning to end through the JSON API: created and opened by the secretariat,
 * answered by two colleagues of one organisation (their conflict detected, nothing lost), submitted,
 * amended, closed; a save after closing is refused and changes nothing.
 */
describe('a survey round end to end', () => {
  it('runs from creation to closing with two colleagues, a conflict, an amendment and a refused late save', async () => {
    const t = await createTestApp({ now: new Date('2027-02-10T09:00:00Z') });
    await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1), municipality: '1081' });
    const admin = await signIn(t, { roles: ['secretariat'] });
    const anna = await signIn(t, { name: 'Anna', memberships: [{ organisationId: 'org-a' }] });
    const erik = await signIn(t, { name: 'Erik', memberships: [{ organisationId: 'org-a' }] });
    const call = async (who: SignedInPerson, method: string, path: string, body?: unknown) => {
      const response = await request(t.app, path, {
        method,
        headers: { cookie: who.cookie, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return {
        status: response.status,
        body: (await response.json().catch(() => null)) as Record<string, unknown> | null,
      };
    };

    const created = await call(admin, 'POST', '/api/v1/rounds', {
      name: 'Kompetensbehov 2027',
      opensAt: '2027-02-01T08:00:00+01:00',
      closesAt: '2027-03-15T17:00:00+01:00',
    });
    expect(created.status).toBe(201);
    const id = String(created.body?.id);
    expect((await call(admin, 'POST', `/api/v1/rounds/${id}/open`)).body?.status).toBe('open');
    const path = `/api/v1/rounds/${id}/responses/org-a`;

    // Both colleagues open the empty response; Anna saves first.
    expect((await call(anna, 'GET', path)).body?.version).toBe(0);
    expect((await call(erik, 'GET', path)).body?.version).toBe(0);
    expect(
      (await call(anna, 'PUT', path, { version: 0, organisation: { employeesNow: 30 }, needs: [need()] })).status,
    ).toBe(200);
    // Erik saves from the version he loaded: a conflict, with Anna's version to compare; nothing of hers is lost.
    const conflict = await call(erik, 'PUT', path, {
      version: 0,
      organisation: { employeesNow: 31 },
      needs: [need({ headcount: 7 })],
    });
    expect(conflict.status).toBe(409);
    const current = conflict.body?.current as { organisation: { employeesNow: number } } | undefined;
    expect(current?.organisation.employeesNow).toBe(30);
    // Erik merges onto the stored version and saves.
    expect(
      (
        await call(erik, 'PUT', path, {
          version: 1,
          organisation: { employeesNow: 30 },
          needs: [need(), need({ headcount: 7, horizon: '3-5' })],
        })
      ).status,
    ).toBe(200);

    expect((await call(anna, 'POST', `${path}/submit`, { submissionId: 'e2e-first-submit' })).body).toEqual({
      status: 'submitted',
      revision: 1,
    });
    expect(
      (await call(anna, 'PUT', path, { version: 2, organisation: { employeesNow: 32 }, needs: [need()] })).status,
    ).toBe(200);
    expect((await call(erik, 'POST', `${path}/submit`, { submissionId: 'e2e-amendment-1' })).body).toEqual({
      status: 'submitted',
      revision: 2,
    });
    const revisions = (await call(anna, 'GET', `${path}/revisions`)).body?.items as {
      revision: number;
      submittedBy: string;
    }[];
    expect(revisions.map((r) => [r.revision, r.submittedBy])).toEqual([
      [2, 'Erik'],
      [1, 'Anna'],
    ]);

    expect((await call(admin, 'POST', `/api/v1/rounds/${id}/close`)).body?.status).toBe('closed');
    const late = await call(anna, 'PUT', path, { version: 3, organisation: { employeesNow: 99 }, needs: [] });
    expect(late.status).toBe(409);
    const stored = (await call(anna, 'GET', path)).body as {
      version: number;
      organisation: { employeesNow: number };
      needs: unknown[];
    };
    expect([stored.version, stored.organisation.employeesNow, stored.needs.length]).toEqual([3, 32, 1]);
    const lines = await t.deps.db.selectFrom('need_lines').select('headcount').where('round_id', '=', id).execute();
    expect(lines).toEqual([{ headcount: 3 }]);
  });
});
