import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { answers, createRound, send, submit } from '../support/rounds.ts';
import { createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let admin: SignedInPerson;
let anna: SignedInPerson;
let earlier: string;
let current: string;
const path = (round: string, org = 'org-a') => `/api/v1/rounds/${round}/responses/${org}`;

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-03-01T09:00:00Z') });
  admin = await signInSecretariat(t);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2) });
  anna = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  earlier = await createRound(t, admin, {
    name: 'Våren 2026',
    opensAt: '2026-03-01T08:00:00Z',
    closesAt: '2026-04-01T08:00:00Z',
  });
  await send(t, 'POST', `/api/v1/rounds/${earlier}/open`, admin);
  await submit(t, anna, earlier, 'org-a', { organisation: answers, needs: [need()] });
  await submit(t, anna, earlier, 'org-a', {
    organisation: answers,
    needs: [need({ headcount: 7 }), need({ horizon: '3-5' })],
  });
  await send(t, 'POST', `/api/v1/rounds/${earlier}/close`, admin);
  t.setNow(new Date('2027-02-02T09:00:00Z'));
  admin = await signInSecretariat(t);
  anna = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  current = await createRound(t, admin, { opensAt: '2027-02-01T08:00:00Z', closesAt: '2027-03-01T08:00:00Z' });
  await send(t, 'POST', `/api/v1/rounds/${current}/open`, admin);
});

describe('POST /api/v1/rounds/{id}/responses/{orgId}/copy-forward', () => {
  it("starts the draft from the organisation's latest submission in the earlier round", async () => {
    const response = await send(t, 'POST', `${path(current)}/copy-forward`, anna);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      version: 1,
      copiedFrom: { roundId: earlier, roundName: 'Våren 2026', revision: 2, submittedAt: '2026-03-01T09:00:00.000Z' },
      notCopied: [],
    });
    const draft = (await (await send(t, 'GET', path(current), anna)).json()) as {
      version: number;
      status: string;
      organisation: unknown;
      needs: { headcount: number; horizon: string }[];
    };
    expect(draft).toMatchObject({ version: 1, status: 'draft', organisation: answers });
    expect(draft.needs.map((n) => [n.headcount, n.horizon])).toEqual([
      [7, '1-3'],
      [3, '3-5'],
    ]);
    expect(
      await t.deps.db.selectFrom('response_revisions').select('id').where('round_id', '=', current).execute(),
    ).toEqual([]);
  });

  it('refuses with 409 when a draft exists, and the draft stays as it was', async () => {
    await send(t, 'PUT', path(current), anna, { version: 0, organisation: {}, needs: [need({ headcount: 99 })] });
    const response = await send(t, 'POST', `${path(current)}/copy-forward`, anna);
    expect(response.status).toBe(409);
    const draft = (await (await send(t, 'GET', path(current), anna)).json()) as {
      version: number;
      needs: { headcount: number }[];
    };
    expect(draft.version).toBe(1);
    expect(draft.needs.map((n) => n.headcount)).toEqual([99]);
  });

  it('answers 404 when the organisation has no earlier answer', async () => {
    const response = await send(t, 'POST', `${path(current, 'org-b')}/copy-forward`, admin);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toContain('tidigare omgång');
    expect(await t.deps.db.selectFrom('responses').selectAll().where('round_id', '=', current).execute()).toEqual([]);
  });

  it('lets the secretariat copy forward for an organisation, and no one from another organisation', async () => {
    const bertil = await signIn(t, { memberships: [{ organisationId: 'org-b' }] });
    expect((await send(t, 'POST', `${path(current)}/copy-forward`, bertil)).status).toBe(404);
    expect((await send(t, 'POST', `${path(current)}/copy-forward`, admin)).status).toBe(201);
  });

  it('refuses a round that is closed', async () => {
    await send(t, 'POST', `/api/v1/rounds/${current}/close`, admin);
    expect((await send(t, 'POST', `${path(current)}/copy-forward`, anna)).status).toBe(409);
  });
});
