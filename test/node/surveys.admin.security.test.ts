import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { addContact, createRound, send } from '../support/rounds.ts';
import { createOrganisation, orgNumber } from '../support/surveys.ts';

/**
 * Every secretariat route of survey rounds, walked from the route table: a member of an
 * organisation (even one in the round) gets 403 or 404, sees none of the round's content, and
 * nothing changes — no round opened or closed, no mail, no response, no audit entry of raw data.
 */
let t: TestApp;
let member: SignedInPerson;
let roundId: string;

beforeEach(async () => {
  t = await createTestApp();
  const admin = await signInSecretariat(t);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await addContact(t, 'org-a');
  member = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  roundId = await createRound(t, admin, { name: 'Hemlig runda' });
  await send(t, 'POST', `/api/v1/rounds/${roundId}/open`, admin);
});

async function snapshot() {
  const { db } = t.deps;
  return {
    rounds: await db.selectFrom('rounds').select(['id', 'status']).execute(),
    targets: await db.selectFrom('round_targets').selectAll().execute(),
    responses: await db.selectFrom('responses').selectAll().execute(),
    outbox: await db.selectFrom('outbox').select('id').execute(),
    audit: await db.selectFrom('audit_log').select(['action']).where('action', '!=', 'sign-in').execute(),
  };
}

describe('the secretariat routes of survey rounds', () => {
  it('refuse a member of an organisation with 403 or 404 and change nothing', async () => {
    const routes = t.app.routeTable.filter((s) => s.path.includes('rounds') && s.access.kind === 'secretariat');
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const csrf = await csrfPair(t.app);
    const before = await snapshot();
    const failures: string[] = [];
    for (const spec of routes) {
      const path = spec.path.replace(':id', roundId);
      const headers: Record<string, string> = { cookie: cookies(member.cookie, csrf.cookie) };
      const init: RequestInit = { method: spec.method.toUpperCase(), headers };
      if (spec.method === 'post') {
        headers['content-type'] = spec.kind === 'page' ? 'application/x-www-form-urlencoded' : 'application/json';
        init.body = spec.kind === 'page' ? `_csrf=${csrf.token}&name=X` : '{}';
      }
      const response = await request(t.app, path, init);
      const body = await response.text();
      if (![403, 404].includes(response.status) || body.includes('Hemlig runda')) {
        failures.push(`${spec.method.toUpperCase()} ${spec.path}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
