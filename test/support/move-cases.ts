import { listOutbox } from '../../src/mail/mailer.ts';
import { request, type TestApp } from './app.ts';
import { type SignedInPerson, signIn } from './auth.ts';
import { answers, send, submit } from './rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from './surveys.ts';

/**
 * A world for move cases: organisation A with a submitted response whose line 1 recruits from
 * outside the region and line 2 only locally, organisation B with a line that recruits from
 * outside, their members, a relocation guide and the secretariat.
 */
export interface MoveCaseWorld {
  memberA: SignedInPerson;
  memberB: SignedInPerson;
  guide: SignedInPerson;
  otherGuide: SignedInPerson;
  secretariat: SignedInPerson;
  /** Organisation A's line that recruits from outside, the one that recruits locally, B's line. */
  lines: { outside: string; local: string; otherOrg: string };
}

let counter = 0;

export async function moveCaseWorld(t: TestApp): Promise<MoveCaseWorld> {
  const n = ++counter;
  const orgA = await createOrganisation(t, `org-a${n}`, { orgNumber: orgNumber(900 + n * 2) });
  const orgB = await createOrganisation(t, `org-b${n}`, { orgNumber: orgNumber(901 + n * 2) });
  const round = await createOpenRound(t, `round-mc${n}`);
  const memberA = await signIn(t, { name: 'Anna Arbetsgivare', memberships: [{ organisationId: orgA }] });
  const memberB = await signIn(t, { memberships: [{ organisationId: orgB }] });
  await submit(t, memberA, round, orgA, {
    organisation: answers,
    needs: [need({ strategies: ['recruit-outside'] }), need({ strategies: ['recruit-local'] })],
  });
  await submit(t, memberB, round, orgB, {
    organisation: answers,
    needs: [need({ strategies: ['relocation-family'] })],
  });
  const lineOf = async (org: string, lineNo: number) =>
    (
      await t.deps.db
        .selectFrom('need_lines')
        .select('id')
        .where('organisation_id', '=', org)
        .where('line_no', '=', lineNo)
        .executeTakeFirstOrThrow()
    ).id;
  return {
    memberA,
    memberB,
    guide: await signIn(t, { name: 'Greta Lots', roles: ['relocation-guide'] }),
    otherGuide: await signIn(t, { name: 'Gustav Lots', roles: ['relocation-guide'] }),
    secretariat: await signIn(t, { roles: ['secretariat'] }),
    lines: { outside: await lineOf(orgA, 1), local: await lineOf(orgA, 2), otherOrg: await lineOf(orgB, 1) },
  };
}

/** A move case's body: a recruit with a partner and a child, moving in March 2027. */
export function moveCaseBody(organisationId: string, needLineId: string, overrides: Record<string, unknown> = {}) {
  return {
    organisationId,
    needLineId,
    recruit: { name: 'Robin Rekryt', email: 'robin@example.se' },
    partnerComes: true,
    children: { age0to5: 1, age6to15: 0, age16to19: 0 },
    housing: { tenure: 'rent', rooms: 3, kommuner: ['1080', '1082'] },
    earliestMove: '2027-03',
    ...overrides,
  };
}

export interface OpenedCase {
  id: string;
  version: number;
  tasks: { id: string; kind: string; owner: string; dueOn: string; state: string; version: number }[];
}

export async function openCase(t: TestApp, who: SignedInPerson, body: unknown): Promise<OpenedCase> {
  const response = await send(t, 'POST', '/api/v1/move-cases', who, body);
  if (response.status !== 201) throw new Error(`case not opened: ${response.status} ${await response.text()}`);
  return (await response.json()) as OpenedCase;
}

/** Signs in through the newest mailed link to `email` (the household's invitation), as a browser would. */
export async function signInFromMail(t: TestApp, email: string): Promise<{ cookie: string; link: string }> {
  const [mail] = await listOutbox(t.deps.db, email);
  const link = mail?.links[0] ?? '';
  const token = new URL(link || 'http://x/').searchParams.get('token') ?? '';
  const session = await request(t.app, '/api/v1/auth/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (session.status !== 201) throw new Error(`not signed in: ${session.status} ${await session.text()}`);
  const cookie = /__Host-session=[^;]+/.exec(session.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { cookie, link };
}
