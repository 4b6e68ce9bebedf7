import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * A round stops taking answers at its closing time, not when the scheduled job gets round to
 * closing it (src/surveys/respond/responses.ts assertRoundOpen, src/surveys/respond/views.ts
 * roundAcceptsAnswers). Every test here moves the injected clock past `closesAt` while the round
 * row still says `open`, as it does between the closing time and the next run of the close job.
 */
const CLOSES_AT = '2027-01-31T00:00:00.000Z';
const BEFORE = new Date('2027-01-30T23:59:59.999Z');
const AT = new Date(CLOSES_AT);
const AFTER = new Date('2027-01-31T00:30:00.000Z');
const api = '/api/v1/rounds/round-1/responses/org-a';
const form = '/rounds/round-1/responses/org-a';
const CLOSED_TITLE = 'Omgången tar inte emot svar';
const CLOSED_DETAIL = 'Omgången är stängd och svaren är låsta. Inget har ändrats.';

let t: TestApp;
let anna: SignedInPerson;

beforeEach(async () => {
  // An hour before the closing time: the session signed in now is still live after it.
  t = await createTestApp({ now: new Date('2027-01-30T23:00:00Z') });
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOpenRound(t, 'round-1', CLOSES_AT);
  anna = await signIn(t, { name: 'Anna', memberships: [{ organisationId: 'org-a' }] });
});

function send(method: string, path: string, body?: unknown) {
  return request(t.app, path, {
    method,
    headers: { cookie: anna.cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const document = (version: number, headcount = 3) => ({
  version,
  organisation: { employeesNow: 40, providerInterest: 'yes', contactConsent: true },
  needs: [need({ headcount })],
});

/** What the round holds for organisation A, straight from the tables. */
async function stored() {
  const { db } = t.deps;
  const [round, response, revisions, submitted, lines] = await Promise.all([
    db.selectFrom('rounds').select('status').where('id', '=', 'round-1').executeTakeFirstOrThrow(),
    db.selectFrom('responses').select(['version', 'status', 'draft', 'revision']).executeTakeFirst(),
    db.selectFrom('response_revisions').select('id').execute(),
    db.selectFrom('submitted_responses').select('organisation_id').execute(),
    db.selectFrom('need_lines').select('id').execute(),
  ]);
  return {
    roundStatus: round.status,
    response,
    revisions: revisions.length,
    submitted: submitted.length,
    lines: lines.length,
  };
}

async function expectClosedProblem(response: Response) {
  expect(response.status).toBe(409);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await response.json()).toMatchObject({ status: 409, title: CLOSED_TITLE, detail: CLOSED_DETAIL });
}

describe('the closing time of a round that the close job has not yet closed, through the API', () => {
  it('takes a save and a submission up to the last millisecond before the closing time', async () => {
    t.setNow(BEFORE);
    expect((await send('PUT', api, document(0))).status).toBe(200);
    expect((await send('POST', `${api}/submit`, { submissionId: 'sub-in-time-0001' })).status).toBe(200);
    expect(await stored()).toMatchObject({ roundStatus: 'open', revisions: 1, submitted: 1, lines: 1 });
  });

  for (const [when, clock] of [
    ['at the closing time', AT],
    ['after the closing time', AFTER],
  ] as const) {
    it(`refuses a first save ${when} as closed, storing nothing`, async () => {
      t.setNow(clock);
      await expectClosedProblem(await send('PUT', api, document(0)));
      expect(await stored()).toEqual({
        roundStatus: 'open',
        response: undefined,
        revisions: 0,
        submitted: 0,
        lines: 0,
      });
    });

    it(`refuses a save over the draft ${when} as closed, and the draft stays as it was`, async () => {
      expect((await send('PUT', api, document(0, 3))).status).toBe(200);
      const before = await stored();
      t.setNow(clock);
      await expectClosedProblem(await send('PUT', api, document(1, 99)));
      expect(await stored()).toEqual(before);
      expect(before.response).toMatchObject({ version: 1, status: 'draft' });
    });

    it(`refuses to submit the saved draft ${when} as closed: no revision, no figures, still a draft`, async () => {
      expect((await send('PUT', api, document(0))).status).toBe(200);
      const before = await stored();
      t.setNow(clock);
      await expectClosedProblem(await send('POST', `${api}/submit`, { submissionId: 'sub-too-late-0001' }));
      expect(await stored()).toEqual(before);
      expect(before).toMatchObject({ revisions: 0, submitted: 0, lines: 0, response: { status: 'draft' } });
    });

    it(`refuses an amendment of a submitted response ${when} as closed, and the submitted revision stands`, async () => {
      expect((await send('PUT', api, document(0, 3))).status).toBe(200);
      expect((await send('POST', `${api}/submit`, { submissionId: 'sub-first-0001' })).status).toBe(200);
      const before = await stored();
      t.setNow(clock);
      await expectClosedProblem(await send('PUT', api, document(1, 99)));
      await expectClosedProblem(await send('POST', `${api}/submit`, { submissionId: 'sub-second-0001' }));
      expect(await stored()).toEqual(before);
      expect(before).toMatchObject({ revisions: 1, submitted: 1, response: { status: 'submitted', revision: 1 } });
    });
  }
});

describe('the closing time of a round that the close job has not yet closed, in the HTML form', () => {
  let csrf: { cookie: string; token: string };
  beforeEach(async () => {
    csrf = await csrfPair(t.app);
  });

  const page = () => request(t.app, form, { headers: { cookie: anna.cookie } });
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  function hidden(html: string, name: string): string {
    const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
    if (!match?.[1]) throw new Error(`no hidden ${name}`);
    return match[1];
  }
  /** The form as a browser posts it: one complete need line, the CSRF token. */
  function post(version: string, submissionId: string, action: 'save' | 'submit', headcount = '3') {
    const body = new URLSearchParams([
      ['_csrf', csrf.token],
      ['version', version],
      ['submissionId', submissionId],
      ['employeesNow', '40'],
      ['providerInterest', 'yes'],
      ['contactConsent', 'true'],
      ['needs.0.line', '1'],
      ['needs.0.occupationId', 'DJh5_yyF_hEM'],
      ['needs.0.focusAreas', 'tech/mjukvaruutveckling'],
      ['needs.0.headcount', headcount],
      ['needs.0.horizon', '1-3'],
      ['needs.0.educationLevel', 'bachelor'],
      ['needs.0.difficulty', '4'],
      ['needs.0.strategies', 'recruit-local'],
      ['action', action],
    ]);
    return request(t.app, form, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, anna.cookie), 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  it('takes a save and a submission from the form up to the last millisecond before the closing time', async () => {
    const html = await (await page()).text();
    t.setNow(BEFORE);
    const saved = await post('0', hidden(html, 'submissionId'), 'submit');
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${form}/summary?submitted=1`);
    expect(await stored()).toMatchObject({ roundStatus: 'open', revisions: 1, submitted: 1 });
  });

  for (const [when, clock] of [
    ['at the closing time', AT],
    ['after the closing time', AFTER],
  ] as const) {
    it(`shows the form read-only ${when} and refuses a save and a submission from it, changing nothing`, async () => {
      const open = await (await page()).text();
      expect(open).toContain('id="response-form"');
      const submissionId = hidden(open, 'submissionId');
      expect((await post('0', submissionId, 'save')).status).toBe(303);
      const before = await stored();
      t.setNow(clock);

      const closed = await (await page()).text();
      expect(closed).not.toContain('id="response-form"');
      expect(text(closed)).toContain(CLOSED_TITLE);

      for (const action of ['save', 'submit'] as const) {
        const late = await post('1', submissionId, action, '99');
        expect(late.status, action).toBe(409);
        const body = text(await late.text());
        expect(body, action).toContain(CLOSED_DETAIL);
        expect(body, action).not.toContain('sparat under tiden');
      }
      expect(await stored()).toEqual(before);
      expect(before).toMatchObject({ roundStatus: 'open', revisions: 0, response: { version: 1, status: 'draft' } });
    });
  }
});
