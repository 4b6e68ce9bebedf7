import { describe, expect, it } from 'vitest';
import { createTestApp, request } from '../support/app.ts';
import { cookies, signInSecretariat } from '../support/auth.ts';
import { api, organisationWithMember, placementBody, profileBody, publish, student } from '../support/placements.ts';

const NAME = 'Greta Raderasdotter';
const EMAIL = 'greta.raderas@student.example.se';
const MESSAGE = 'Mitt hemliga meddelande 4711';

describe('erasing a student', () => {
  it('leaves no page, export or API response showing their name, e-mail or message', async () => {
    const t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id));
    const s = await student(t, { name: NAME, email: EMAIL });
    await api(
      t,
      'PUT',
      '/api/v1/students/me/profile',
      s,
      profileBody({ programme: 'Datateknik', visibility: 'organisations' }),
    );
    const applied = (await (
      await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, s, { message: MESSAGE })
    ).json()) as { id: string };
    await api(t, 'PATCH', `/api/v1/applications/${applied.id}`, member, { status: 'in-dialogue' });

    // Before: the student's export holds the profile and the application; the organisation sees them.
    const exported = await (await api(t, 'GET', '/api/v1/me/export', s)).text();
    expect(exported).toContain(MESSAGE);
    expect(exported).toContain('Datateknik');
    expect(await (await api(t, 'GET', '/api/v1/applications', member)).text()).toContain(NAME);

    expect((await api(t, 'DELETE', '/api/v1/students/me', s)).status).toBe(204);
    expect((await api(t, 'GET', '/api/v1/students/me/profile', s)).status).toBe(401);

    const secretariat = await signInSecretariat(t);
    const visible: string[] = [];
    const read = async (path: string, who?: { cookie: string }) => {
      const response = await request(t.app, path, { headers: who ? { cookie: cookies(who.cookie) } : {} });
      visible.push(`${path} ${response.status}\n${await response.text()}`);
    };
    await read('/api/v1/applications', member);
    await read(`/api/v1/applications?organisation=${org.id}`, secretariat);
    await read(`/organisations/${org.id}/applications`, member);
    await read(`/organisations/${org.id}/placements`, member);
    await read(`/placements/${placement.id}`);
    await read('/api/v1/me/export', member);
    await read('/admin/users', secretariat);
    await read(`/api/v1/dev/mail?to=${encodeURIComponent(EMAIL)}`);
    const all = visible.join('\n');
    expect(all).toContain('Raderad student');
    for (const secret of [NAME, 'Greta', EMAIL, MESSAGE]) expect(all).not.toContain(secret);
    const stored = await t.deps.db.selectFrom('applications').select(['message', 'status']).execute();
    expect(stored).toEqual([{ message: '', status: 'in-dialogue' }]);
    expect(await t.deps.db.selectFrom('student_profiles').selectAll().execute()).toEqual([]);
  });
});
