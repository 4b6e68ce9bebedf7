import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signInSecretariat } from '../support/auth.ts';
import {
  api,
  KARLSKRONA,
  OCC,
  organisationWithMember,
  placementBody,
  publish,
  SKILL,
  student,
} from '../support/placements.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

/** The audit log's rows, oldest first, with the detail parsed. */
async function entries() {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id', 'target_type', 'target_id', 'detail'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
}

describe('audit entries for placement writes', () => {
  it('records a publication once, naming the actor, the placement and its organisation', async () => {
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    expect(await entries()).toEqual([
      {
        action: 'placement.published',
        actor_user_id: member.userId,
        target_type: 'placement',
        target_id: placement.id,
        detail: { organisationId: org.id, needRef: null },
      },
    ]);
  });

  it('records nothing for a publication refused with 404 or 422', async () => {
    const { org } = await organisationWithMember(t);
    const { member: outsider } = await organisationWithMember(t);
    expect((await api(t, 'POST', '/api/v1/placements', outsider, placementBody(org.id))).status).toBe(404);
    const { org: own, member } = await organisationWithMember(t);
    const bad = await api(t, 'POST', '/api/v1/placements', member, placementBody(own.id, { occupationId: 'nope' }));
    expect(bad.status).toBe(422);
    expect(await entries()).toEqual([]);
  });

  it('records a change once with the fields that changed, and nothing for a stale, invalid or foreign change', async () => {
    const { org, member } = await organisationWithMember(t);
    const { member: outsider } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const path = `/api/v1/placements/${placement.id}`;
    expect((await api(t, 'PATCH', path, member, { version: 1, title: 'Ny rubrik', places: 2 })).status).toBe(200);
    expect((await api(t, 'PATCH', path, member, { version: 1, title: 'Gammal' })).status).toBe(409);
    expect((await api(t, 'PATCH', path, member, { version: 2, occupationId: 'nope' })).status).toBe(422);
    expect((await api(t, 'PATCH', path, outsider, { version: 2, title: 'Kapad' })).status).toBe(404);
    const changes = (await entries()).filter((e) => e.action === 'placement.updated');
    expect(changes).toEqual([
      {
        action: 'placement.updated',
        actor_user_id: member.userId,
        target_type: 'placement',
        target_id: placement.id,
        // places was 2 already: only the title changed.
        detail: { organisationId: org.id, fromVersion: 1, changed: ['title'] },
      },
    ]);
  });

  it('names only the changed fields when the edit page posts the whole form', async () => {
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const csrf = await csrfPair(t.app);
    const fields: [string, string][] = [
      ['_csrf', csrf.token],
      ['version', '1'],
      ['kind', 'lia'],
      ['title', 'LIA i mjukvaruutveckling'],
      ['description', 'Du utvecklar webbtjänster i Python tillsammans med vårt team.'],
      ['occupationId', OCC.software],
      ['skillIds', SKILL.python],
      ['specialisations', 'tech'],
      ['municipalityCode', KARLSKRONA],
      ['periodStart', '2027-03-01'],
      ['periodEnd', '2027-05-31'],
      ['places', '2'],
      ['applyBy', '2027-02-15'],
      ['language', 'sv'],
      ['requirements', ''],
      ['contact', 'lia@example.se'],
    ];
    const response = await request(t.app, `/organisations/${org.id}/placements/${placement.id}/edit`, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, member.cookie), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(response.status).toBe(303);
    const changes = (await entries()).filter((e) => e.action === 'placement.updated');
    expect(changes.map((e) => e.detail?.changed)).toEqual([['applyBy']]);
  });

  it('records a withdrawal once, by the secretariat too, and nothing for a refused or repeated one', async () => {
    const { org, member } = await organisationWithMember(t);
    const { member: outsider } = await organisationWithMember(t);
    const admin = await signInSecretariat(t);
    const mine = await publish(t, member, placementBody(org.id));
    const other = await publish(t, member, placementBody(org.id, { title: 'En till' }));
    expect((await api(t, 'DELETE', `/api/v1/placements/${mine.id}`, outsider)).status).toBe(404);
    expect((await api(t, 'DELETE', `/api/v1/placements/${mine.id}`, member)).status).toBe(204);
    expect((await api(t, 'DELETE', `/api/v1/placements/${mine.id}`, member)).status).toBe(404);
    expect((await api(t, 'DELETE', `/api/v1/placements/${other.id}`, admin)).status).toBe(204);
    const withdrawals = (await entries()).filter((e) => e.action === 'placement.withdrawn');
    expect(withdrawals.map((e) => [e.target_id, e.actor_user_id, e.detail])).toEqual([
      [mine.id, member.userId, { organisationId: org.id }],
      [other.id, admin.userId, { organisationId: org.id }],
    ]);
  });
});

describe('audit entries for application status changes', () => {
  it("records the organisation's moves with the statuses only, and neither refused moves nor the student's own", async () => {
    const { org, member } = await organisationWithMember(t);
    const { member: outsider } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const anna = await student(t, { email: 'anna@student.example.se' });
    const message = 'Jag vill gärna göra LIA hos er, ring mig på 0701234567.';
    const created = (await (
      await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, anna, { message })
    ).json()) as { id: string };
    const move = (who: typeof member, status: string) =>
      api(t, 'PATCH', `/api/v1/applications/${created.id}`, who, { status });
    expect((await move(member, 'offered')).status).toBe(409);
    expect((await move(outsider, 'in-dialogue')).status).toBe(404);
    expect((await move(member, 'bogus')).status).toBe(422);
    expect((await move(member, 'in-dialogue')).status).toBe(200);
    expect((await move(member, 'offered')).status).toBe(200);
    expect((await move(anna, 'accepted')).status).toBe(200);
    const moves = (await entries()).filter((e) => e.action === 'application.status-changed');
    expect(moves).toEqual([
      {
        action: 'application.status-changed',
        actor_user_id: member.userId,
        target_type: 'application',
        target_id: created.id,
        detail: { placementId: placement.id, organisationId: org.id, from: 'received', to: 'in-dialogue' },
      },
      {
        action: 'application.status-changed',
        actor_user_id: member.userId,
        target_type: 'application',
        target_id: created.id,
        detail: { placementId: placement.id, organisationId: org.id, from: 'in-dialogue', to: 'offered' },
      },
    ]);
    const log = JSON.stringify(await entries());
    expect(log).not.toContain('0701234567');
    expect(log).not.toContain('anna@student.example.se');
  });

  it('records a move made on the applicants page', async () => {
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const anna = await student(t);
    const created = (await (
      await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, anna, { message: 'Hej' })
    ).json()) as { id: string };
    const csrf = await csrfPair(t.app);
    const response = await request(t.app, `/organisations/${org.id}/applications/${created.id}/status`, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, member.cookie), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf.token, status: 'declined' }).toString(),
    });
    expect(response.status).toBe(303);
    const moves = (await entries()).filter((e) => e.action === 'application.status-changed');
    expect(moves.map((e) => e.detail)).toEqual([
      { placementId: placement.id, organisationId: org.id, from: 'received', to: 'declined' },
    ]);
  });
});

describe('the audit page', () => {
  it('filters by the new actions and names them in Swedish and English', async () => {
    const { org, member } = await organisationWithMember(t);
    await publish(t, member, placementBody(org.id));
    const admin = await signInSecretariat(t);
    for (const [lang, label] of [
      ['sv', 'Plats publicerad'],
      ['en', 'Placement published'],
    ]) {
      const response = await request(t.app, '/admin/audit?action=placement.published', {
        headers: { cookie: cookies(admin.cookie, `lang=${lang}`) },
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toMatch(new RegExp(`<option value="placement.published" selected>${label}</option>`));
      expect(html).toContain(`<td>${label}</td>`);
    }
  });
});
