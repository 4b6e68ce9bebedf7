import { listOutbox } from '../../src/mail/mailer.ts';
import { request, type TestApp } from './app.ts';
import type { SignedInPerson } from './auth.ts';

/** The secretariat's side of rounds in tests: contacts, API calls, the outbox. */
let counter = 0;

/** A contact person of the organisation: a user row and a membership, no session. */
export async function addContact(t: TestApp, organisationId: string, name?: string): Promise<string> {
  const n = ++counter;
  const email = `kontakt${n}.${organisationId}@example.se`;
  const at = t.deps.now().toISOString();
  await t.deps.db
    .insertInto('users')
    .values({ id: `contact-${n}`, email, name: name ?? `Kontakt ${n}`, is_demo: 0, created_at: at })
    .execute();
  await t.deps.db
    .insertInto('memberships')
    .values({ user_id: `contact-${n}`, organisation_id: organisationId, role: 'member', created_at: at })
    .execute();
  return email;
}

export function send(t: TestApp, method: string, path: string, who: SignedInPerson | undefined, body?: unknown) {
  return request(t.app, path, {
    method,
    headers: { 'content-type': 'application/json', ...(who ? { cookie: who.cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Creates a draft round through the API and returns its id. */
export async function createRound(
  t: TestApp,
  admin: SignedInPerson,
  options: { closesAt?: string; opensAt?: string; target?: Record<string, string[]>; name?: string } = {},
): Promise<string> {
  const response = await send(t, 'POST', '/api/v1/rounds', admin, {
    name: options.name ?? 'Kompetensbehov 2027',
    opensAt: options.opensAt ?? '2026-11-28T08:00:00Z',
    closesAt: options.closesAt ?? '2026-12-18T16:00:00Z',
    target: options.target ?? {},
  });
  if (response.status !== 201) throw new Error(`round not created: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function outbox(t: TestApp, kind?: string) {
  const mails = await listOutbox(t.deps.db, undefined, 1000);
  return kind ? mails.filter((m) => m.kind === kind) : mails;
}

/** The complete organisation answers of a response. */
export const answers = {
  employeesNow: 40,
  expectedChange1y: -3,
  expectedChange3y: 8,
  obstacles: ['few-applicants', 'housing'],
  obstaclesOther: 'Bostäder i Karlskrona',
  providerInterest: 'yes',
  contactConsent: true,
};

/** Saves and submits a response through the API as `who`. */
export async function submit(
  t: TestApp,
  who: SignedInPerson,
  roundId: string,
  organisationId: string,
  document: { organisation: unknown; needs: unknown[] },
) {
  const base = `/api/v1/rounds/${roundId}/responses/${organisationId}`;
  const current = (await (await send(t, 'GET', base, who)).json()) as { version: number };
  const saved = await send(t, 'PUT', base, who, { version: current.version, ...document });
  if (saved.status !== 200) throw new Error(`not saved: ${saved.status} ${await saved.text()}`);
  const submitted = await send(t, 'POST', `${base}/submit`, who, {
    submissionId: `sub-${++counter}-${organisationId}`,
  });
  if (submitted.status !== 200) throw new Error(`not submitted: ${submitted.status} ${await submitted.text()}`);
}
