import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sharedPostJob } from '../../src/recruitment/flexible/jobs.ts';
import { QUESTIONNAIRES } from '../../src/surveys/questionnaire.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { answers, outbox, send, submit } from '../support/rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Flexible posts (issue 19; decision 0035): a version 3 need line's work form, and shared-post
 * proposals between organisations that declared part-time needs for the same occupation group
 * (SSYK 4) and said they are open to sharing — only those are named; the others are counts.
 */
let t: TestApp;
let admin: SignedInPerson;
const people: Record<string, SignedInPerson> = {};
const ROUND = 'round-v3';
const DEVELOPER = 'DJh5_yyF_hEM'; // SSYK 2512
const DOCTOR = 'ek9W_qqp_XpF'; // SSYK 2213

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  const orgs = [
    ['org-a', 'naringsliv'],
    ['org-b', 'naringsliv'],
    ['org-c', 'naringsliv'],
    ['org-d', 'naringsliv'],
  ] as const;
  for (const [i, [id, sector]] of orgs.entries()) {
    await createOrganisation(t, id, { orgNumber: orgNumber(i + 1), sector });
    people[id] = await signIn(t, { name: `Person ${id}`, memberships: [{ organisationId: id }] });
  }
  await createOpenRound(t, ROUND, undefined, 3);
  admin = await signInSecretariat(t);
});

const partTime = (overrides: Record<string, unknown> = {}) =>
  need({ extent: 'part-time', workPlace: 'on-site', openToSharing: true, ...overrides });

async function answer(org: string, needs: unknown[]) {
  const who = people[org];
  if (!who) throw new Error(org);
  await submit(t, who, ROUND, org, { organisation: answers, needs });
}

const runJob = () => sharedPostJob.run(t.deps, t.deps.now());

type Proposal = {
  id: string;
  occupationGroup: { ssyk: string };
  organisations: { id: string; name: string; answer: string }[];
  ways: string[];
  teleworkNote: string[];
};

async function proposalsOf(org: string): Promise<Proposal[]> {
  const response = await send(t, 'GET', `/api/v1/organisations/${org}/shared-posts`, people[org]);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Proposal[] }).items;
}

describe('the work form of a version 3 need line', () => {
  it('is stored and returned through the API, and a version 2 round keeps none of it', async () => {
    await answer('org-a', [partTime({ workPlace: 'hybrid' })]);
    const read = (await (await send(t, 'GET', `/api/v1/rounds/${ROUND}/responses/org-a`, people['org-a'])).json()) as {
      needs: Record<string, unknown>[];
    };
    expect(read.needs[0]).toMatchObject({ workPlace: 'hybrid', extent: 'part-time', openToSharing: true });
    const line = await t.deps.db
      .selectFrom('need_lines')
      .select(['work_place', 'extent', 'open_to_sharing'])
      .where('organisation_id', '=', 'org-a')
      .executeTakeFirstOrThrow();
    expect(line).toEqual({ work_place: 'hybrid', extent: 'part-time', open_to_sharing: 1 });

    await createOpenRound(t, 'round-v2', undefined, 2);
    const base = '/api/v1/rounds/round-v2/responses/org-a';
    const saved = await send(t, 'PUT', base, people['org-a'], { version: 0, organisation: {}, needs: [partTime()] });
    expect(saved.status).toBe(200);
    const v2 = (await (await send(t, 'GET', base, people['org-a'])).json()) as { needs: Record<string, unknown>[] };
    expect(v2.needs[0]).not.toHaveProperty('workPlace');
    expect(v2.needs[0]).not.toHaveProperty('openToSharing');
  });

  it('refuses a work place or extent outside the options with 422 naming the field', async () => {
    const base = `/api/v1/rounds/${ROUND}/responses/org-a`;
    const bad = await send(t, 'PUT', base, people['org-a'], {
      version: 0,
      organisation: {},
      needs: [need({ workPlace: 'moon', extent: 'sometimes' })],
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { errors: { path: string; message: string }[] };
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['needs.0.workPlace', 'needs.0.extent']));
    expect(body.errors.find((e) => e.path === 'needs.0.extent')?.message).toBe('Välj heltid eller deltid.');
  });

  it('is asked in the form in one fieldset, stored from a post, and said in the finished line’s summary', async () => {
    const html = await (
      await request(t.app, `/rounds/${ROUND}/responses/org-a`, { headers: { cookie: people['org-a']?.cookie ?? '' } })
    ).text();
    expect(html).toContain('name="needs.0.workPlace" value="hybrid"');
    expect(html).toContain('name="needs.0.extent" value="part-time"');
    expect(html).toContain('name="needs.0.openToSharing"');
    expect(html).toContain('Vi kan tänka oss att dela en tjänst med en annan organisation');
    const csrf = await csrfPair(t.app);
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const posted = await request(t.app, `/rounds/${ROUND}/responses/org-a`, {
      method: 'POST',
      headers: {
        cookie: cookies(csrf.cookie, people['org-a']?.cookie),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['_csrf', csrf.token],
        ['version', hidden('version')],
        ['submissionId', hidden('submissionId')],
        ['needs.0.line', '1'],
        ['needs.0.occupationId', DEVELOPER],
        ['needs.0.specialisations', 'tech'],
        ['needs.0.headcount', '1'],
        ['needs.0.horizon', '0-1'],
        ['needs.0.educationLevel', 'bachelor'],
        ['needs.0.difficulty', '3'],
        ['needs.0.workPlace', 'remote'],
        ['needs.0.extent', 'part-time'],
        ['needs.0.openToSharing', 'true'],
        ['action', 'save'],
      ]).toString(),
    });
    expect(posted.status).toBeLessThan(400);
    const read = (await (await send(t, 'GET', `/api/v1/rounds/${ROUND}/responses/org-a`, people['org-a'])).json()) as {
      needs: Record<string, unknown>[];
    };
    expect(read.needs[0]).toMatchObject({ workPlace: 'remote', extent: 'part-time', openToSharing: true });
    const again = await (
      await request(t.app, `/rounds/${ROUND}/responses/org-a`, { headers: { cookie: people['org-a']?.cookie ?? '' } })
    ).text();
    expect(again).toMatch(/data-need-facts>[^<]*Deltid · På distans · kan delas</);
  });

  it('goes out in the CSV export as the last three columns', async () => {
    await answer('org-a', [partTime({ workPlace: 'hybrid' })]);
    const csv = await (await send(t, 'GET', `/api/v1/rounds/${ROUND}/responses.csv`, admin)).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header?.split(',').slice(-3)).toEqual(['workPlace', 'extent', 'openToSharing']);
    expect(row?.split(',').slice(-3)).toEqual(['hybrid', 'part-time', 'true']);
  });
});

describe('a shared-post proposal', () => {
  it('names only the organisations with a part-time need of the same SSYK 4 that are open to sharing, and mails them', async () => {
    await answer('org-a', [partTime()]);
    await answer('org-b', [partTime({ headcount: 1 })]);
    // Part-time, same group, but not open to sharing: counted, never named.
    await answer('org-c', [partTime({ openToSharing: false })]);
    // Open to sharing, but another occupation group.
    await answer('org-d', [partTime({ occupationId: DOCTOR })]);
    expect(await runJob()).toEqual({ changed: 2 });

    const [proposal, ...more] = await proposalsOf('org-a');
    expect(more).toEqual([]);
    expect(proposal?.occupationGroup.ssyk).toBe('2512');
    expect(proposal?.organisations.map((o) => o.id).sort()).toEqual(['org-a', 'org-b']);
    expect(proposal?.ways).toEqual(['two-part-time-contracts', 'intermediary']);
    expect(proposal?.teleworkNote).toEqual([]);
    expect((await proposalsOf('org-b')).map((p) => p.id)).toEqual([proposal?.id]);
    expect(await proposalsOf('org-c')).toEqual([]);
    expect(await proposalsOf('org-d')).toEqual([]);

    const mails = await outbox(t, 'shared-post-proposal');
    expect(mails.map((m) => m.to).sort()).toEqual([people['org-a']?.email, people['org-b']?.email].sort() as string[]);
    expect(mails[0]?.subject).toContain('Förslag om en delad tjänst');
    expect(mails[0]?.text).toContain('See the proposal and the ways to share a post');
    expect(mails[0]?.links[0]).toMatch(/\/organisations\/org-[ab]\/shared-posts$/);
    // A second run names nobody again and mails nobody again.
    expect(await runJob()).toEqual({ changed: 0 });
    expect(await outbox(t, 'shared-post-proposal')).toHaveLength(2);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'shared-post.proposed')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('is not made from full-time needs, nor from one organisation alone', async () => {
    await answer('org-a', [partTime()]);
    await answer('org-b', [partTime({ extent: 'full-time' })]);
    expect(await runJob()).toEqual({ changed: 0 });
    expect(await proposalsOf('org-a')).toEqual([]);
    const all = await send(t, 'GET', '/api/v1/shared-posts', admin);
    expect(((await all.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('carries the cross-border telework note where the post is remote or hybrid, or a kommun is a border kommun by setting', async () => {
    await answer('org-a', [partTime({ workPlace: 'hybrid' })]);
    await answer('org-b', [partTime()]);
    await runJob();
    expect((await proposalsOf('org-a'))[0]?.teleworkNote).toEqual(['remote-or-hybrid']);

    const border = await createTestApp({ config: { CROSS_BORDER_KOMMUNER: '1080' }, database: t.database });
    const response = await send(border, 'GET', '/api/v1/organisations/org-b/shared-posts', people['org-b']);
    const [proposal] = ((await response.json()) as { items: Proposal[] }).items;
    expect(proposal?.teleworkNote).toEqual(['remote-or-hybrid', 'border-kommun']);
  });

  it('drops an organisation that takes its consent back, and is no proposal with one left', async () => {
    await answer('org-a', [partTime()]);
    await answer('org-b', [partTime()]);
    await runJob();
    expect(await proposalsOf('org-a')).toHaveLength(1);
    await answer('org-b', [partTime({ openToSharing: false })]);
    expect(await proposalsOf('org-a')).toEqual([]);
    expect(await proposalsOf('org-b')).toEqual([]);
  });

  it('is accepted or declined by a member of a named organisation, each answer audited, and shown to the others', async () => {
    await answer('org-a', [partTime()]);
    await answer('org-b', [partTime()]);
    await runJob();
    const [proposal] = await proposalsOf('org-a');
    const path = (org: string) => `/api/v1/organisations/${org}/shared-posts/${proposal?.id}/answer`;
    const accepted = await send(t, 'POST', path('org-a'), people['org-a'], { answer: 'accept' });
    expect(accepted.status).toBe(200);
    const declined = await send(t, 'POST', path('org-b'), people['org-b'], { answer: 'decline' });
    expect(declined.status).toBe(200);
    const seen = (await proposalsOf('org-b'))[0]?.organisations.map((o) => [o.id, o.answer]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['org-a', 'accepted'],
        ['org-b', 'declined'],
      ]),
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', 'in', ['shared-post.accepted', 'shared-post.declined'])
      .orderBy('action')
      .execute();
    expect(audit).toEqual([
      { action: 'shared-post.accepted', target_id: proposal?.id },
      { action: 'shared-post.declined', target_id: proposal?.id },
    ]);
  });

  it('answers bad input with 4xx: an unknown answer 422, a proposal not naming the organisation 404, another organisation 404', async () => {
    await answer('org-a', [partTime()]);
    await answer('org-b', [partTime()]);
    await runJob();
    const [proposal] = await proposalsOf('org-a');
    const path = (org: string, id = proposal?.id) => `/api/v1/organisations/${org}/shared-posts/${id}/answer`;
    const bad = await send(t, 'POST', path('org-a'), people['org-a'], { answer: 'maybe' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('answer');
    expect((await send(t, 'POST', path('org-a'), people['org-a'], {})).status).toBe(422);
    expect((await send(t, 'POST', path('org-a', 'nope'), people['org-a'], { answer: 'accept' })).status).toBe(404);
    // org-c is not named: its member gets 404 for the proposal, and nobody answers for another organisation.
    expect((await send(t, 'POST', path('org-c'), people['org-c'], { answer: 'accept' })).status).toBe(404);
    expect((await send(t, 'POST', path('org-b'), people['org-a'], { answer: 'accept' })).status).toBe(404);
    expect((await send(t, 'GET', '/api/v1/organisations/org-b/shared-posts', people['org-a'])).status).toBe(404);
  });
});

describe("the secretariat's view", () => {
  it('lists the proposals, and counts part-time needs per SSYK 4 without names', async () => {
    await answer('org-a', [partTime()]);
    await answer('org-b', [partTime()]);
    await answer('org-c', [partTime({ openToSharing: false })]);
    await runJob();
    const all = (await (await send(t, 'GET', '/api/v1/shared-posts', admin)).json()) as { items: Proposal[] };
    expect(all.items).toHaveLength(1);
    expect(all.items[0]?.organisations.map((o) => o.id).sort()).toEqual(['org-a', 'org-b']);
    const counts = await send(t, 'GET', `/api/v1/rounds/${ROUND}/part-time-needs`, admin);
    expect(counts.status).toBe(200);
    const body = await counts.json();
    expect(body).toMatchObject({ roundId: ROUND, items: [{ ssyk: '2512', organisations: 3, openToSharing: 2 }] });
    expect(JSON.stringify(body)).not.toContain('org-');
    expect((await send(t, 'GET', '/api/v1/rounds/nope/part-time-needs', admin)).status).toBe(404);
    expect((await send(t, 'GET', `/api/v1/rounds/${ROUND}/part-time-needs`, people['org-a'])).status).toBe(403);
    expect((await send(t, 'GET', '/api/v1/shared-posts', people['org-a'])).status).toBe(403);
  });
});

describe('the organisation’s page', () => {
  it('shows the proposal with the ways and takes an answer by form', async () => {
    await answer('org-a', [partTime({ workPlace: 'remote' })]);
    await answer('org-b', [partTime()]);
    await runJob();
    const cookie = people['org-a']?.cookie ?? '';
    const html = await (await request(t.app, '/organisations/org-a/shared-posts', { headers: { cookie } })).text();
    expect(html).toContain('Organisation org-b');
    expect(html).toContain('Två deltidsanställningar');
    expect(html).toContain('arbetsgivarring');
    expect(html).toContain('EU:s ramavtal om gränsöverskridande distansarbete');
    const [proposal] = await proposalsOf('org-a');
    const csrf = await csrfPair(t.app);
    const posted = await request(t.app, `/organisations/org-a/shared-posts/${proposal?.id}/answer`, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, cookie), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['_csrf', csrf.token],
        ['answer', 'accept'],
      ]).toString(),
    });
    expect(posted.status).toBe(303);
    expect((await proposalsOf('org-a'))[0]?.organisations.find((o) => o.id === 'org-a')?.answer).toBe('accepted');
  });
});

describe('the stored questionnaire version 3', () => {
  it('is written by its migration exactly as the code defines it', async () => {
    const sql = readFileSync(new URL('../../migrations/0024_flexible_posts.sql', import.meta.url), 'utf8');
    const definition = /VALUES \(3, '(.*)', '/.exec(sql)?.[1];
    expect(definition).toBe(JSON.stringify(QUESTIONNAIRES[3]));
    const stored = await t.deps.db
      .selectFrom('questionnaires')
      .select('definition')
      .where('version', '=', 3)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.definition)).toEqual(JSON.parse(JSON.stringify(QUESTIONNAIRES[3])));
  });
});
