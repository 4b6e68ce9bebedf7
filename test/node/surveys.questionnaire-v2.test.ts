import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { QUESTIONNAIRES } from '../../src/surveys/questionnaire.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { plantRound, publishClosedRounds } from '../support/demand.ts';
import { createPlanThroughApi, type PlanBody } from '../support/plans.ts';
import { answers, send, submit } from '../support/rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Questionnaire version 2 (issue 18): the headcount counts the people to recruit or train, and "a
 * partner moving with the recruit also needs work" is a yes/no question of its own instead of a
 * strategy. Version 1 rounds keep version 1; everything that counts the partner fact reads both.
 */
let t: TestApp;
let anna: SignedInPerson;
const V1 = 'round-v1';
const V2 = 'round-v2';
const api = (round: string, org = 'org-a') => `/api/v1/rounds/${round}/responses/${org}`;
const form = (round: string) => `/rounds/${round}/responses/org-a`;

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOpenRound(t, V1, undefined, 1);
  await createOpenRound(t, V2, undefined, 2);
  anna = await signIn(t, { name: 'Anna', memberships: [{ organisationId: 'org-a' }] });
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

async function formHtml(round: string, lang?: 'en') {
  const response = await request(t.app, form(round), {
    headers: { cookie: cookies(anna.cookie, lang ? 'lang=en' : '') },
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** A form with one need line, as opened with "Lägg till behov" (no JavaScript). */
async function formWithLine(round: string) {
  const csrf = await csrfPair(t.app);
  const html = await formHtml(round);
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  const post = (fields: [string, string][]) =>
    request(t.app, form(round), {
      method: 'POST',
      headers: {
        cookie: cookies(csrf.cookie, anna.cookie),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['_csrf', csrf.token],
        ['version', hidden('version')],
        ['submissionId', hidden('submissionId')],
        ['needs.0.line', '1'],
        ...fields,
      ]).toString(),
    });
  return post;
}

describe('the need line of a version 2 round', () => {
  it("asks the partner's work as its own yes/no question beside the strategies, the headcount in its new words, and offers no relocation-family strategy", async () => {
    // A new response opens with one empty line.
    const html = await formHtml(V2);
    const words = text(html);
    expect(words).toContain('Behöver en medflyttande partner också arbete i regionen?');
    expect(html).toContain('name="needs.0.partnerNeedsWork" value="yes"');
    expect(html).toContain('name="needs.0.partnerNeedsWork" value="no"');
    expect(words).toContain('Antal personer att rekrytera eller utbilda');
    expect(words).toContain('Räkna med ersättare för dem som går i pension eller slutar');
    expect(html).not.toContain('value="relocation-family"');
    expect(words).toContain('Anlita konsulter');
    // The condition follows the strategies in the line.
    expect(html.indexOf('needs.0.partnerNeedsWork')).toBeGreaterThan(html.indexOf('needs.0.strategies'));
  });

  it('is worded in English too', async () => {
    await send(t, 'PUT', api(V2), anna, { version: 0, organisation: {}, needs: [need()] });
    const words = text(await formHtml(V2, 'en'));
    expect(words).toContain('Does a partner moving with the recruit also need work in the region?');
    expect(words).toContain('Number of people to recruit or train');
    expect(words).toContain('Include replacements for people who retire or leave');
  });

  it('keeps version 1 in a version 1 round: the old headcount words and relocation-family among the strategies, no separate question', async () => {
    await send(t, 'PUT', api(V1), anna, { version: 0, organisation: {}, needs: [need()] });
    const html = await formHtml(V1);
    const words = text(html);
    expect(words).toContain('Hur många personer med den här kompetensen behöver ni?');
    expect(words).not.toContain('Antal personer att rekrytera eller utbilda');
    expect(html).toContain('name="needs.0.strategies" value="relocation-family"');
    expect(words).toContain('Familj eller partner behöver också arbete');
    expect(html).not.toContain('partnerNeedsWork');
  });

  it('stores the answer posted with the form and shows it again', async () => {
    const post = await formWithLine(V2);
    const saved = await post([
      ['needs.0.headcount', '4'],
      ['needs.0.partnerNeedsWork', 'yes'],
      ['action', 'save'],
    ]);
    expect(saved.status).toBe(303);
    const stored = (await (await send(t, 'GET', api(V2), anna)).json()) as { needs: { partnerNeedsWork: unknown }[] };
    expect(stored.needs[0]?.partnerNeedsWork).toBe(true);
    expect(await formHtml(V2)).toMatch(/value="yes" checked/);
  });

  it('shows a posted answer that is neither yes nor no as an error at the question, and stores nothing', async () => {
    const post = await formWithLine(V2);
    const refused = await post([
      ['needs.0.partnerNeedsWork', 'kanske'],
      ['action', 'save'],
    ]);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('href="#field-needs.0.partnerNeedsWork"');
    expect(text(html)).toContain('Svara ja eller nej.');
    expect((await (await send(t, 'GET', api(V2), anna)).json()) as { version: number }).toMatchObject({ version: 0 });
  });
});

describe('partnerNeedsWork in the API', () => {
  it('is stored and returned on a need line of a version 2 round, unanswered as null', async () => {
    const saved = await send(t, 'PUT', api(V2), anna, {
      version: 0,
      organisation: {},
      needs: [need({ partnerNeedsWork: true }), need({ partnerNeedsWork: false }), need()],
    });
    expect(saved.status).toBe(200);
    const stored = (await (await send(t, 'GET', api(V2), anna)).json()) as { needs: { partnerNeedsWork: unknown }[] };
    expect(stored.needs.map((n) => n.partnerNeedsWork)).toEqual([true, false, null]);
  });

  it('takes the strategy relocation-family sent to a version 2 round as the same fact, so an older client loses nothing', async () => {
    await send(t, 'PUT', api(V2), anna, {
      version: 0,
      organisation: {},
      needs: [need({ strategies: ['recruit-outside', 'relocation-family'] })],
    });
    const stored = (await (await send(t, 'GET', api(V2), anna)).json()) as {
      needs: { strategies: string[]; partnerNeedsWork: unknown }[];
    };
    expect(stored.needs[0]).toMatchObject({ strategies: ['recruit-outside'], partnerNeedsWork: true });
  });

  it('stores a version 1 round in version 1 form: partnerNeedsWork true becomes the strategy', async () => {
    await send(t, 'PUT', api(V1), anna, { version: 0, organisation: {}, needs: [need({ partnerNeedsWork: true })] });
    const stored = (await (await send(t, 'GET', api(V1), anna)).json()) as { needs: Record<string, unknown>[] };
    expect(stored.needs[0]?.strategies).toEqual(['recruit-local', 'remote', 'relocation-family']);
    expect(stored.needs[0]).not.toHaveProperty('partnerNeedsWork');
  });

  it('refuses a value that is not true, false or null with 422 naming the field, and a contradiction with the strategy too', async () => {
    for (const value of ['yes', 1, {}]) {
      const refused = await send(t, 'PUT', api(V2), anna, {
        version: 0,
        organisation: {},
        needs: [need({ partnerNeedsWork: value })],
      });
      expect(refused.status).toBe(422);
      const problem = (await refused.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toContainEqual({ path: 'needs.0.partnerNeedsWork', message: 'Svara ja eller nej.' });
    }
    const contradiction = await send(t, 'PUT', api(V2), anna, {
      version: 0,
      organisation: {},
      needs: [need({ strategies: ['relocation-family'], partnerNeedsWork: false })],
    });
    expect(contradiction.status).toBe(422);
    expect(((await contradiction.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'needs.0.partnerNeedsWork',
    );
    expect(((await (await send(t, 'GET', api(V2), anna)).json()) as { version: number }).version).toBe(0);
  });

  it('marks the need line of a submission with the fact in either version', async () => {
    await submit(t, anna, V1, 'org-a', {
      organisation: answers,
      needs: [need({ strategies: ['relocation-family'] }), need()],
    });
    await submit(t, anna, V2, 'org-a', {
      organisation: answers,
      needs: [need({ partnerNeedsWork: true }), need({ partnerNeedsWork: false })],
    });
    const lines = await t.deps.db
      .selectFrom('need_lines')
      .select(['round_id', 'line_no', 'relocation_family'])
      .orderBy('round_id')
      .orderBy('line_no')
      .execute();
    expect(lines.map((l) => [l.round_id, l.relocation_family])).toEqual([
      [V1, 1],
      [V1, 0],
      [V2, 1],
      [V2, 0],
    ]);
  });
});

describe('copy forward from a version 1 answer into a version 2 round', () => {
  it('turns the strategy relocation-family into the question, and leaves the headcount, whose meaning changed, to be given anew', async () => {
    await t.deps.db.updateTable('rounds').set({ opens_at: '2025-11-01T08:00:00.000Z' }).where('id', '=', V1).execute();
    await submit(t, anna, V1, 'org-a', {
      organisation: answers,
      needs: [need({ strategies: ['recruit-outside', 'relocation-family'], headcount: 7 }), need()],
    });
    const copied = await send(t, 'POST', `${api(V2)}/copy-forward`, anna);
    expect(copied.status).toBe(201);
    expect(await copied.json()).toMatchObject({ copiedFrom: { roundId: V1 }, notCopied: ['headcount'] });
    const draft = (await (await send(t, 'GET', api(V2), anna)).json()) as {
      needs: { strategies: string[]; partnerNeedsWork: unknown; headcount: unknown; horizon: string }[];
    };
    expect(draft.needs.map((n) => [n.strategies, n.partnerNeedsWork, n.headcount, n.horizon])).toEqual([
      [['recruit-outside'], true, null, '1-3'],
      [['recruit-local', 'remote'], null, null, '1-3'],
    ]);
  });
});

describe('the stored questionnaire', () => {
  it('is version 3 for a new round; version 2 is written by its migration exactly as the code defines it', async () => {
    const admin = await signInSecretariat(t);
    const created = await send(t, 'POST', '/api/v1/rounds', admin, {
      name: 'Ny runda',
      opensAt: '2026-12-01T08:00:00Z',
      closesAt: '2026-12-20T08:00:00Z',
    });
    // Version 3 (flexible posts, decision 0035) is the current one; its own test is recruitment.flexible.test.ts.
    expect(((await created.json()) as { questionnaireVersion: number }).questionnaireVersion).toBe(3);
    const sql = readFileSync(new URL('../../migrations/0017_questionnaire_v2.sql', import.meta.url), 'utf8');
    const definition = /VALUES \(2, '(.*)', '/.exec(sql)?.[1];
    expect(definition).toBe(JSON.stringify(QUESTIONNAIRES[2]));
    const stored = await t.deps.db
      .selectFrom('questionnaires')
      .select('definition')
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.definition)).toEqual(JSON.parse(JSON.stringify(QUESTIONNAIRES[2])));
  });
});

/** Four organisations answer a round; three of them say a partner moving with the recruit needs work. */
async function answeredRound(round: string, fact: (yes: boolean) => Record<string, unknown>) {
  const admin = await signInSecretariat(t);
  for (const [i, org] of ['org-a', 'org-b', 'org-c', 'org-d'].entries()) {
    if (
      org !== 'org-a' &&
      !(await t.deps.db.selectFrom('organisations').select('id').where('id', '=', org).executeTakeFirst())
    ) {
      await createOrganisation(t, org, { orgNumber: orgNumber(i + 1) });
    }
    const member = await signIn(t, { memberships: [{ organisationId: org }] });
    await submit(t, member, round, org, { organisation: {}, needs: [need({ headcount: 5, ...fact(i < 3) })] });
  }
  expect((await send(t, 'POST', `/api/v1/rounds/${round}/close`, admin)).status).toBe(200);
  await publishClosedRounds(t);
  return admin;
}

describe('the indicators count the fact from either version', () => {
  it.each([
    [1, V1, (yes: boolean) => ({ strategies: yes ? ['recruit-local', 'relocation-family'] : ['recruit-local'] })],
    [2, V2, (yes: boolean) => ({ strategies: ['recruit-local'], partnerNeedsWork: yes })],
  ] as const)(
    'in a version %i round: the demand indicator and the plan measure relocation-family',
    async (_version, round, fact) => {
      const admin = await answeredRound(round, fact);
      const indicators = (await (await request(t.app, `/api/v1/demand/indicators?round=${round}`)).json()) as {
        strategies: { code: string; headcount: number | null; share: number | null }[];
      };
      expect(indicators.strategies.find((s) => s.code === 'relocation-family')).toMatchObject({
        headcount: 15,
        share: 0.75,
      });
      const plan: PlanBody = await createPlanThroughApi(t, admin.cookie, { roundId: round, specialisation: 'tech' });
      const rows = plan.tables.find((tb) => tb.key === 'demand-indicators')?.rows ?? [];
      const share = rows.find((r) => r.key === 'relocation-family-share');
      expect(share?.cells[0]?.value).toBe(0.75);
    },
  );
});

describe('change between a version 1 and a version 2 round', () => {
  const ORGS = ['ca', 'cb', 'cc', 'cd'].map((id) => ({ id }));
  beforeEach(async () => {
    const lines = (headcount: number) => ORGS.map((o, i) => ({ org: o.id, headcount: headcount + i }));
    await plantRound(t, { id: 'c-v1a', opensAt: '2024-03-01T00:00:00.000Z', name: 'Våren 2024' }, ORGS, lines(4));
    await plantRound(t, { id: 'c-v1b', opensAt: '2025-03-01T00:00:00.000Z', name: 'Våren 2025' }, ORGS, lines(5));
    await plantRound(
      t,
      { id: 'c-v2', opensAt: '2026-03-01T00:00:00.000Z', name: 'Våren 2026', questionnaireVersion: 2 },
      ORGS,
      lines(6),
    );
  });

  interface Change {
    comparable: boolean;
    notComparable: { question: string; reason: string }[];
    cells: {
      from: number | null;
      to: number | null;
      change: number | null;
      comparable: boolean;
      organisations: { from: number | null; to: number | null; change: number | null };
    }[];
  }

  it('reports headcount as not comparable, shows both figures and no change, and still compares the organisations', async () => {
    const response = await request(t.app, '/api/v1/demand/change?from=c-v1b&to=c-v2&by=horizon');
    expect(response.status).toBe(200);
    const change = (await response.json()) as Change;
    expect(change.comparable).toBe(false);
    expect(change.notComparable).toEqual([{ question: 'headcount', reason: 'meaning-changed' }]);
    expect(change.cells).toEqual([
      {
        cell: expect.any(String),
        key: { horizon: '1-3' },
        from: 26,
        to: 30,
        change: null,
        suppressed: false,
        comparable: false,
        organisations: { from: 4, to: 4, change: 0 },
      },
    ]);
  });

  it('compares two version 1 rounds as before', async () => {
    const change = (await (
      await request(t.app, '/api/v1/demand/change?from=c-v1a&to=c-v1b&by=horizon')
    ).json()) as Change;
    expect(change.comparable).toBe(true);
    expect(change.notComparable).toEqual([]);
    expect(change.cells[0]).toMatchObject({ from: 22, to: 26, change: 4, comparable: true });
  });

  it('says plainly on the demand page that the question changed instead of showing a change', async () => {
    const html = await (await request(t.app, '/demand?round=c-v2&compare=c-v1b&table=sector-horizon')).text();
    expect(text(html)).toContain(
      'Inte jämförbart: frågan har ändrats. Frågan ”Antal personer” betyder inte samma sak i Våren 2025 som i Våren 2026',
    );
    expect(html).not.toContain('id="chart-change"');
    const english = await (
      await request(t.app, '/demand?round=c-v2&compare=c-v1b&table=sector-horizon', {
        headers: { cookie: 'lang=en' },
      })
    ).text();
    expect(text(english)).toContain('Not comparable: the question changed.');
  });

  it("says it in a plan's change table too, with no rows", async () => {
    const admin = await signInSecretariat(t);
    const plan = await createPlanThroughApi(t, admin.cookie, { roundId: 'c-v2', specialisation: 'tech' });
    const table = plan.tables.find((tb) => tb.key === 'demand-change');
    expect(table?.rows).toEqual([]);
    expect(table?.note?.sv).toContain('Inte jämförbart: frågan har ändrats.');
  });
});
