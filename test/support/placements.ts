import { SESSION_COOKIE } from '../../src/identity/session-cookie.ts';
import { AUDIENCE, signToken } from '../../src/identity/tokens.ts';
import type { TestApp } from './app.ts';
import { request } from './app.ts';
import { cookies, type SignedInPerson, signIn } from './auth.ts';
import { createOrganisation } from './organisations.ts';

/** Real reference ids (data/reference) used by the placement tests. */
export const OCC = { software: 'DJh5_yyF_hEM', welder: 'wQ1E_Bzk_ZyA' };
export const SKILL = {
  python: 'qfkh_ZRK_w4W',
  java: 'jCsR_WQX_CKD',
  javascript: 'DHhX_uVf_y6X',
  cad: 'oaiv_GsB_AFK',
};
export const KARLSKRONA = '1080';
export const RONNEBY = '1081';

export function placementBody(organisationId: string, overrides: Record<string, unknown> = {}) {
  return {
    organisationId,
    kind: 'lia',
    title: 'LIA i mjukvaruutveckling',
    description: 'Du utvecklar webbtjänster i Python tillsammans med vårt team.',
    occupationId: OCC.software,
    skillIds: [SKILL.python],
    specialisations: [{ code: 'tech', focusAreas: ['mjukvaruutveckling'] }],
    municipalityCode: KARLSKRONA,
    remote: false,
    periodStart: '2027-03-01',
    periodEnd: '2027-05-31',
    places: 2,
    applyBy: '2027-01-31',
    paid: false,
    language: 'sv',
    requirements: '',
    contact: 'lia@example.se',
    ...overrides,
  };
}

/** A complete PUT /api/v1/students/me/profile body (a PUT replaces the profile, so it carries every field). */
export function profileBody(overrides: Record<string, unknown> = {}) {
  return {
    programme: '',
    institution: '',
    level: null,
    expectedGraduation: null,
    skillIds: [],
    occupationIds: [],
    specialisations: [],
    municipalityCodes: [],
    remoteOk: false,
    languages: ['sv'],
    visibility: 'hidden',
    ...overrides,
  };
}

/** A JSON request as a signed-in person (or anonymous when `who` is undefined). */
export function api(t: TestApp, method: string, path: string, who?: SignedInPerson, body?: unknown) {
  return request(t.app, path, {
    method,
    headers: {
      ...(who ? { cookie: cookies(who.cookie) } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** An organisation with one signed-in member. */
export async function organisationWithMember(t: TestApp, name?: string) {
  const org = await createOrganisation(t, name ? { name } : {});
  const member = await signIn(t, { memberships: [{ organisationId: org.id }] });
  return { org, member };
}

export async function publish(t: TestApp, who: SignedInPerson, body: Record<string, unknown>) {
  const response = await api(t, 'POST', '/api/v1/placements', who, body);
  if (response.status !== 201) throw new Error(`publish failed ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; version: number } & Record<string, unknown>;
}

export function student(t: TestApp, options: { name?: string; email?: string } = {}) {
  return signIn(t, { ...options, roles: ['student'] });
}

/** A new session for an existing person (after the injected clock has moved past the old one). */
export async function newSession(t: TestApp, person: SignedInPerson): Promise<SignedInPerson> {
  const { db, keys, config, now } = t.deps;
  const sessionId = `session-again-${++sessions}`;
  const issuedAt = now();
  const expiresAt = new Date(issuedAt.getTime() + config.session.maxHours * 3_600_000);
  const at = issuedAt.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      user_id: person.userId,
      created_at: at,
      last_seen_at: at,
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  const token = await signToken(keys.session, {
    sub: person.userId,
    jti: sessionId,
    issuedAt,
    expiresAt,
    audience: AUDIENCE.session,
    issuer: config.publicUrl,
  });
  return { ...person, sessionId, cookie: `${SESSION_COOKIE}=${token}` };
}
let sessions = 0;
