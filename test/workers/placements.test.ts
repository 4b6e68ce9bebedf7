import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/identity/keys.ts';
import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

const ORIGIN = 'http://localhost:8787';
const AT = '2026-11-01T08:00:00.000Z';
const cookies: Record<string, string> = {};
async function session(user: string) {
  const keys = await deriveKeys(String(env.SESSION_SECRET));
  const token = await signToken(keys.session, {
    sub: user,
    jti: `s-${user}`,
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
    audience: AUDIENCE.session,
    issuer: ORIGIN,
  });
  return `${SESSION_COOKIE}=${token}`;
}
beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
  const statements = [
    `insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, version, created_at, updated_at)
     values ('org-a', 'Org A', '556036-0793', 'naringsliv', '30', '50-249', '1080', 0, 0, 1, '${AT}', '${AT}')`,
    `insert into users (id, email, name, is_demo, created_at) values ('u1', 'anna@example.se', 'Anna', 0, '${AT}')`,
    `insert into users (id, email, name, is_demo, created_at) values ('u2', 'stud@example.se', 'Stud', 0, '${AT}')`,
    `insert into user_roles (user_id, role, granted_at) values ('u2', 'student', '${AT}')`,
    `insert into memberships (user_id, organisation_id, role, created_at) values ('u1', 'org-a', 'member', '${AT}')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('s-u1', 'u1', '${AT}', '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ('s-u2', 'u2', '${AT}', '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
  ];
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  cookies.u1 = await session('u1');
  cookies.u2 = await session('u2');
});
const call = (who: string, method: string, path: string, body?: unknown) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers: { cookie: cookies[who] ?? '', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('placements in workerd over D1', () => {
  it('publishes, finds by a word, updates, ranks for a student with a reason, takes an application and erases the student', async () => {
    const created = await call('u1', 'POST', '/api/v1/placements', {
      organisationId: 'org-a',
      kind: 'lia',
      title: 'LIA Python',
      description: 'Python och CAD',
      occupationId: 'DJh5_yyF_hEM',
      skillIds: ['qfkh_ZRK_w4W', 'oaiv_GsB_AFK'],
      specialisations: [{ code: 'tech', focusAreas: ['ai'] }],
      municipalityCode: '1080',
      periodStart: '2099-03-01',
      periodEnd: '2099-05-01',
      applyBy: '2099-01-31',
    });
    expect(created.status).toBe(201);
    const p = (await created.json()) as { id: string };
    const search = (await (await call('u2', 'GET', '/api/v1/placements?q=python')).json()) as {
      items: { id: string }[];
    };
    expect(search.items.map((i) => i.id)).toEqual([p.id]);
    // An occupation's skills, those its open placements ask for first (a join on a grouped subquery);
    // CAD is not among the skills JobTech relates to software developers.
    const related = (await (
      await call('u2', 'GET', '/api/v1/taxonomy/skills?occupation=DJh5_yyF_hEM&limit=5')
    ).json()) as {
      items: { id: string }[];
    };
    expect(related.items[0]?.id).toBe('qfkh_ZRK_w4W');
    expect(
      (await call('u1', 'PATCH', `/api/v1/placements/${p.id}`, { version: 1, title: 'LIA Python 2' })).status,
    ).toBe(200);
    expect(
      (
        await call('u2', 'PUT', '/api/v1/students/me/profile', {
          programme: '',
          institution: '',
          level: null,
          expectedGraduation: null,
          skillIds: ['qfkh_ZRK_w4W'],
          occupationIds: [],
          specialisations: [],
          municipalityCodes: ['1080'],
          remoteOk: false,
          languages: ['sv'],
          visibility: 'hidden',
        })
      ).status,
    ).toBe(200);
    const rec = (await (await call('u2', 'GET', '/api/v1/placements/recommended')).json()) as {
      items: { reason: string }[];
    };
    expect(rec.items[0]?.reason).toContain('Python');
    const app = await call('u2', 'POST', `/api/v1/placements/${p.id}/applications`, { message: 'Hej' });
    expect(app.status).toBe(201);
    const a = (await app.json()) as { id: string };
    expect((await call('u1', 'PATCH', `/api/v1/applications/${a.id}`, { status: 'in-dialogue' })).status).toBe(200);
    expect((await call('u2', 'DELETE', '/api/v1/students/me')).status).toBe(204);
    const list = await (await call('u1', 'GET', '/api/v1/applications')).text();
    expect(list).not.toContain('Hej');
  });

  it('finds by word start and compound part (svets, sommar, pyth), every word, best match first, never a withdrawn one', async () => {
    const publish = async (title: string, description: string, applyBy: string, skillIds: string[] = []) => {
      const response = await call('u1', 'POST', '/api/v1/placements', {
        organisationId: 'org-a',
        kind: 'summer',
        title,
        description,
        occupationId: 'DJh5_yyF_hEM',
        skillIds,
        municipalityCode: '1080',
        periodStart: '2099-06-01',
        periodEnd: '2099-08-01',
        applyBy,
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const found = async (q: string) =>
      (
        (await (
          await call('anon', 'GET', `/api/v1/placements?${new URLSearchParams({ q, limit: '100' })}`)
        ).json()) as {
          items: { id: string }[];
        }
      ).items.map((i) => i.id);
    const inside = await publish('Rörsvetsare till verkstaden', 'Montage.', '2099-01-05');
    const summer = await publish('Sommarjobb som svetsare', 'På varvet.', '2099-01-20');
    const python = await publish('Kodare till hamnen', 'Backend.', '2099-01-25', ['qfkh_ZRK_w4W']);
    expect(await found('svets')).toEqual([summer, inside]);
    expect(await found('sommar')).toEqual([summer]);
    expect(await found('jobb')).toEqual([summer]);
    expect(await found('pyth')).toContain(python);
    expect(await found('pyth')).not.toContain(summer);
    expect(await found('sommar svets')).toEqual([summer]);
    expect(await found('sommar pyth')).toEqual([]);
    expect((await call('u1', 'DELETE', `/api/v1/placements/${summer}`)).status).toBe(204);
    expect(await found('svets')).toEqual([inside]);
    expect(await found('sommar')).toEqual([]);
  });
});
