/**
 * The `survey-save-submit` scenario (issue 4): each connection saves its own organisation's
 * response with ten need lines, then submits it, and again. Before the load the harness signs in
 * as the demo secretariat through the development outbox, registers one organisation per
 * connection and opens a round, all through the public API; see bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import type { Client, Request } from 'autocannon';
import { z } from 'zod';
import { DEMO_ADMIN_EMAIL } from '../src/core/config.ts';
import { completeOrgNumber } from '../src/organisations/org-number.ts';
import type { Workload } from './scenarios.ts';

/** Real reference ids (occupation groups, skills, specialisations and their focus areas). */
const line = (occupationId: string, specialisation: string, focusAreas: string[], skillIds: string[] = []) => ({
  occupationId,
  skillIds,
  specialisations: [{ code: specialisation, focusAreas }],
});

const NEEDS = [
  line('DJh5_yyF_hEM', 'tech', ['mjukvaruutveckling'], ['qfkh_ZRK_w4W', 'DHhX_uVf_y6X']),
  line('BAeH_eg8_T2d', 'tech', ['cybersakerhet'], ['iXzD_6DF_sL4']),
  line('Q5DF_juj_8do', 'tech', ['spelindustrin']),
  line('UXKZ_3zZ_ipB', 'tech', ['ai', 'big-data']),
  line('PRQn_9yw_NJA', 'smart-industri', ['marin-teknik'], ['BEva_hvD_fyY', 'uP2s_9yi_BaC']),
  line('K8yg_U4C_gkY', 'smart-industri', ['formningsteknologi'], ['GFYD_6fX_eZS']),
  line('wQ1E_Bzk_ZyA', 'smart-industri', []),
  line('SPYW_7Z1_ShT', 'smart-industri', ['formningsteknologi'], ['SpwW_ay8_Uhm']),
  line('Pd51_xnr_KCY', 'missions', ['klimatneutrala-smarta-stader']),
  line('Rsoy_sS6_6c4', 'missions', ['friska-hav']),
].map((need, i) => ({
  ...need,
  headcount: 1 + i,
  horizon: (['0-1', '1-3', '3-5'] as const)[i % 3],
  educationLevel: i % 2 === 0 ? 'bachelor' : 'upper-secondary',
  difficulty: 1 + (i % 5),
  strategies: i % 2 === 0 ? ['recruit-local', 'train-staff'] : ['recruit-outside', 'remote'],
  placementOffer: i % 3 === 0 ? { kinds: ['lia', 'exjobb'], count: 2 } : null,
  comment: i === 0 ? 'Behovet växer med den nya produktlinjen.' : '',
}));

const DOCUMENT = {
  organisation: {
    employeesNow: 120,
    expectedChange1y: 6,
    expectedChange3y: 15,
    obstacles: ['few-applicants', 'housing'],
    providerInterest: 'yes',
    contactConsent: true,
  },
  needs: NEEDS,
};
export const NEED_LINES = NEEDS.length;

// The document without its opening brace, so that each save only prefixes its version.
const DOCUMENT_TAIL = JSON.stringify(DOCUMENT).slice(1);
export const saveBody = (version: number) => `{"version":${version},${DOCUMENT_TAIL}`;

const idResponse = z.object({ id: z.string() });
const versionResponse = z.object({ version: z.number().int() });
const responseView = z.object({ version: z.number().int(), status: z.string(), needs: z.array(z.unknown()) });
const conflictResponse = z.object({ current: z.object({ version: z.number().int() }) });
const outbox = z.object({ items: z.array(z.object({ links: z.array(z.string()) })) });

interface Api {
  baseUrl: string;
  cookie?: string;
}

/** One JSON request that must answer `expected`; returns the parsed body (undefined when empty). */
export async function call(api: Api, method: string, path: string, body?: unknown, expected = 200): Promise<unknown> {
  const response = await fetch(api.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(api.cookie ? { cookie: api.cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`${method} ${path}: status ${response.status}, expected ${expected}: ${text.slice(0, 400)}`);
  }
  return text === '' ? undefined : JSON.parse(text);
}

/** Signs in as the demo secretariat (an ADMIN_EMAILS address outside production) via the development outbox. */
export async function signInAsSecretariat(baseUrl: string): Promise<string> {
  const anonymous = { baseUrl };
  await call(anonymous, 'POST', '/api/v1/auth/sign-in-links', { email: DEMO_ADMIN_EMAIL }, 202);
  const mail = outbox.parse(
    await call(anonymous, 'GET', `/api/v1/dev/mail?to=${encodeURIComponent(DEMO_ADMIN_EMAIL)}`),
  );
  const link = mail.items[0]?.links.find((url) => url.includes('/sign-in/verify'));
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error('survey-save-submit: no sign-in link in the development outbox');
  const response = await fetch(`${baseUrl}/api/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  await response.arrayBuffer();
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('__Host-session='));
  if (response.status !== 201 || !cookie) {
    throw new Error(`survey-save-submit: sign-in answered ${response.status} without a session cookie`);
  }
  return cookie;
}

/**
 * One organisation per connection; their numbers (5599…) stay clear of the demo's (4699…), and
 * each call takes the next ones, so that flows in the same run (and the same server) do not collide.
 */
let registered = 0;
export async function registerOrganisations(api: Api, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const i = registered++;
    const created = await call(
      api,
      'POST',
      '/api/v1/organisations',
      {
        name: `Lasttest ${i + 1} AB`,
        orgNumber: completeOrgNumber(`5599${String(i + 1).padStart(5, '0')}`),
        sector: 'naringsliv',
        sniDivision: '62',
        sizeClass: '50-249',
        municipalityCode: '1080',
      },
      201,
    );
    ids.push(idResponse.parse(created).id);
  }
  return ids;
}

export async function openRound(api: Api): Promise<string> {
  const now = Date.now();
  const round = idResponse.parse(
    await call(
      api,
      'POST',
      '/api/v1/rounds',
      {
        name: 'Lasttest',
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + 24 * 3_600_000).toISOString(),
      },
      201,
    ),
  );
  await call(api, 'POST', `/api/v1/rounds/${round.id}/open`);
  return round.id;
}

interface Tally {
  count: number;
  totalMs: number;
}

/**
 * Sets everything up, saves and submits each organisation's response once (so a wrong body fails
 * here, not as thousands of 422s), and returns the per-connection loop.
 */
export async function prepareSurveySaveSubmit(baseUrl: string, connections: number): Promise<Workload> {
  const api = { baseUrl, cookie: await signInAsSecretariat(baseUrl) };
  const organisations = await registerOrganisations(api, connections);
  const roundId = await openRound(api);
  const responsePath = (organisationId: string) => `/api/v1/rounds/${roundId}/responses/${organisationId}`;
  for (const organisationId of organisations) {
    await call(api, 'PUT', responsePath(organisationId), JSON.parse(saveBody(0)));
    await call(api, 'POST', `${responsePath(organisationId)}/submit`, { submissionId: randomUUID() });
  }
  const first = responseView.parse(await call(api, 'GET', responsePath(organisations[0] ?? '')));
  if (first.status !== 'submitted' || first.needs.length !== NEED_LINES) {
    throw new Error(`survey-save-submit: the trial submission stored ${first.status} with ${first.needs.length} needs`);
  }

  const versions = new Map<string, number>();
  let nextConnection = 0;
  let tallies = { save: { count: 0, totalMs: 0 }, submit: { count: 0, totalMs: 0 } };

  const timed = (tally: () => Tally) => {
    let sentAt = 0;
    return {
      start: () => {
        sentAt = performance.now();
      },
      stop: () => {
        const t = tally();
        t.count++;
        t.totalMs += performance.now() - sentAt;
      },
    };
  };

  /** A connection's loop: its own organisation, so versions never collide and no save gets 409. */
  function loopFor(organisationId: string): Request[] {
    const path = responsePath(organisationId);
    const headers = { cookie: api.cookie, 'content-type': 'application/json' };
    const save = timed(() => tallies.save);
    const submit = timed(() => tallies.submit);
    return [
      {
        method: 'PUT',
        path,
        headers,
        setupRequest: (request) => {
          save.start();
          return { ...request, body: saveBody(versions.get(organisationId) ?? 0) };
        },
        onResponse: (status, body) => {
          save.stop();
          // A refused save still tells the stored version (409), so one failure does not cascade.
          const parsed = (status === 200 ? versionResponse : conflictResponse).safeParse(JSON.parse(body));
          if (parsed.success) {
            versions.set(organisationId, 'current' in parsed.data ? parsed.data.current.version : parsed.data.version);
          }
        },
      },
      {
        method: 'POST',
        path: `${path}/submit`,
        headers,
        // A fresh id each time: the same id again would be an idempotent replay that stores nothing.
        setupRequest: (request) => {
          submit.start();
          return { ...request, body: JSON.stringify({ submissionId: randomUUID() }) };
        },
        onResponse: () => submit.stop(),
      },
    ];
  }

  return {
    async beforeRun() {
      // autocannon stops mid-request: a save it never saw answered may have been stored, so the
      // versions are read back before every run (these reads are audited; they are not measured).
      for (const organisationId of organisations) {
        versions.set(organisationId, responseView.parse(await call(api, 'GET', responsePath(organisationId))).version);
      }
      nextConnection = 0;
      tallies = { save: { count: 0, totalMs: 0 }, submit: { count: 0, totalMs: 0 } };
    },
    setupClient(client: Client) {
      const organisationId = organisations[nextConnection++ % organisations.length];
      if (organisationId) client.setRequests(loopFor(organisationId));
    },
    notes(seconds: number) {
      const describe = (name: string, t: Tally) =>
        `${name} ${(t.count / seconds).toFixed(0)}/s, mean ${(t.count ? t.totalMs / t.count : 0).toFixed(1)} ms`;
      return [
        `${(tallies.submit.count / seconds).toFixed(0)} save + submit pairs/s ` +
          `(${describe('PUT save', tallies.save)}; ${describe('POST submit', tallies.submit)})`,
      ];
    },
  };
}
