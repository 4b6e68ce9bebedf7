import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { DEMO_DOMAIN } from '../../src/seed/demo.ts';
import { DEMO_FLEX_ROUND_ID, demoFlexRound } from '../../src/seed/demo-flexible.ts';
import { DEMO_CLOSED_ROUND_ID, DEMO_OPEN_ROUND_ID, type DemoRound, demoRounds } from '../../src/seed/demo-rounds.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies } from '../support/auth.ts';

/**
 * The README's "What to try with the demo data", step by step through HTTP, on a database seeded
 * long after the code was written (issue 15, item 6: the demo's open round used to close on a
 * fixed date, after which "answer the open round" failed). People sign in as a newcomer does: ask
 * for a link at /sign-in, open it from the development outbox at /dev/mail, confirm.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name}`);
  return match[1] ?? '';
}

/** Handlebars escapes `=` and `&` in attributes; a browser reads them back. */
const unescapeHtml = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&amp;/g, '&');

/** A newcomer at work: sign-in form, development outbox, the link's confirmation; the session cookie. */
async function signInThroughOutbox(t: TestApp, email: string, next: string): Promise<string> {
  const csrf = await csrfPair(t.app);
  const form = (path: string, fields: Record<string, string>) =>
    request(t.app, path, {
      method: 'POST',
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    });
  expect((await form('/sign-in', { email, next })).status).toBe(303);
  const outbox = await (await request(t.app, `/dev/mail?to=${encodeURIComponent(email)}`)).text();
  const href = unescapeHtml(/href="(http[^"]*\/sign-in\/verify\?[^"]*)"/.exec(outbox)?.[1] ?? '');
  if (!href) throw new Error(`no sign-in link for ${email} in the outbox`);
  const link = new URL(href);
  const page = await (await request(t.app, `${link.pathname}${link.search}`)).text();
  // The confirmation's own form (the language switch has a `next` of its own).
  const confirm = page.slice(page.indexOf('action="/sign-in/verify"'));
  const verified = await form('/sign-in/verify', { token: hidden(confirm, 'token'), next: hidden(confirm, 'next') });
  expect(verified.status).toBe(303);
  expect(verified.headers.get('location')).toBe(next);
  const session = /(__Host-session=[^;]+)/.exec(verified.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`no session for ${email}`);
  return session;
}

const pageOf = (t: TestApp) => async (path: string, session?: string) => {
  const response = await request(t.app, path, { headers: { cookie: cookies(session, 'lang=sv') } });
  expect(response.status, path).toBe(200);
  return response.text();
};

/**
 * "Sign in as Anna, then /surveys: answer the open round — autosave, submit, the give-back
 * summary", and the secretariat sees the answer in the round's response rates.
 */
async function answerTheOpenRound(t: TestApp, open: DemoRound) {
  const page = pageOf(t);
  const csrf = await csrfPair(t.app);
  const anna = await signInThroughOutbox(t, `anna@hamnvarvet.${DEMO_DOMAIN}`, '/surveys');
  const form = `/rounds/${open.id}/responses/demo-org-hamnvarvet`;
  const surveys = await page('/surveys', anna);
  expect(surveys).toContain(open.name);
  expect(surveys).toContain(`href="${form}"`);
  const draft = await page(form, anna);
  expect(draft).toContain('id="response-form"');
  const post = (fields: [string, string][]) =>
    request(t.app, form, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, anna), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', csrf.token], ...fields]).toString(),
    });
  const answers = (version: string, submissionId: string, action: string): [string, string][] => [
    ['version', version],
    ['submissionId', submissionId],
    ['employeesNow', '80'],
    ['expectedChange1y', '4'],
    ['expectedChange3y', '6'],
    ['obstacles', 'few-applicants'],
    ['providerInterest', 'yes'],
    ['contactConsent', 'true'],
    ['needs.0.line', '1'],
    ['needs.0.occupationId', 'wQ1E_Bzk_ZyA'],
    ['needs.0.focusAreas', 'smart-industri/marin-teknik'],
    ['needs.0.headcount', '7'],
    ['needs.0.horizon', '0-1'],
    ['needs.0.educationLevel', 'upper-secondary'],
    ['needs.0.difficulty', '4'],
    ['needs.0.strategies', 'recruit-local'],
    ['action', action],
  ];
  const saved = await post(answers(hidden(draft, 'version'), hidden(draft, 'submissionId'), 'save'));
  expect(saved.status).toBe(303);
  expect(saved.headers.get('location')).toBe(`${form}?saved=1`);
  const again = await page(`${form}?saved=1`, anna);
  expect(text(again)).toContain('Sparat.');
  const submitted = await post(answers(hidden(again, 'version'), hidden(again, 'submissionId'), 'submit'));
  expect(submitted.status).toBe(303);
  expect(submitted.headers.get('location')).toBe(`${form}/summary?submitted=1`);
  expect(text(await page(`${form}/summary?submitted=1`, anna))).toContain('Ert svar är inskickat');

  const secretariat = await signInThroughOutbox(t, `sekretariatet@${DEMO_DOMAIN}`, '/admin');
  expect(await page('/admin/rounds', secretariat)).toContain(open.name);
  await page(`/admin/rounds/${open.id}`, secretariat);
  const rates = await (
    await request(t.app, `/api/v1/rounds/${open.id}/response-rates`, { headers: { cookie: secretariat } })
  ).json();
  // Four demo organisations had submitted when the demo was seeded; Anna's makes five.
  expect(rates.overall).toMatchObject({ targeted: 12, submitted: 5 });
}

/** The closed round's published figures, the open round answered, plans, gaps and placements. */
async function walkThroughTheReadme(t: TestApp, seeded: Date) {
  const { closed, open } = demoRounds(seeded);
  const page = pageOf(t);

  // /demand: the demo's closed round, its publication (hidden figures read "dold"); /data/dictionary explains it.
  const demand = await page('/demand');
  expect(demand).toContain(closed.name);
  expect(text(demand)).toContain('dold');
  expect(text(demand)).not.toContain(':c');
  const api = await (await request(t.app, '/api/v1/demand?by=specialisation,horizon')).json();
  expect(api.round.id).toBe(DEMO_CLOSED_ROUND_ID);
  // Ten organisations: nearly every specialisation × horizon cell is hidden, but the margins a
  // visitor falls back on (all specialisations by horizon, the whole round) are published.
  expect([...api.cells, ...api.totals].some((c: { suppressed: boolean }) => !c.suppressed)).toBe(true);
  await page('/data/dictionary');

  // Anna answers the open round: /surveys, the form, save, submit, the give-back summary.
  await answerTheOpenRound(t, open);

  // The secretariat: /admin, both rounds.
  const csrf = await csrfPair(t.app);
  const secretariat = await signInThroughOutbox(t, `sekretariatet@${DEMO_DOMAIN}`, '/admin');
  await page('/admin', secretariat);
  const rounds = await page('/admin/rounds', secretariat);
  expect(rounds).toContain(closed.name);
  expect(rounds).toContain(open.name);
  await page(`/admin/rounds/${DEMO_CLOSED_ROUND_ID}`, secretariat);

  // /plans: a draft plan for Tech from the closed round.
  const plan = await request(t.app, '/plans', {
    method: 'POST',
    headers: { cookie: cookies(csrf.cookie, secretariat), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf.token, roundId: DEMO_CLOSED_ROUND_ID, specialisation: 'tech' }).toString(),
  });
  expect(plan.status).toBe(303);
  expect(await page(plan.headers.get('location') ?? '', secretariat)).toContain(closed.name);

  // /education/gaps, and provider staff's /education/my-demand.
  const gaps = await page('/education/gaps');
  expect(gaps).toContain(closed.name);
  expect(gaps).toContain('(demo)');
  const jonas = await signInThroughOutbox(t, `jonas@yhsydost.${DEMO_DOMAIN}`, '/education/my-demand');
  await page('/education/my-demand', jonas);

  // /placements: the demo's open places, and Samir's ranked list.
  const placements = await (await request(t.app, '/api/v1/placements?limit=100')).json();
  expect(placements.items.length).toBeGreaterThan(0);
  expect(placements.items.every((p: { applyBy: string }) => p.applyBy > seeded.toISOString().slice(0, 10))).toBe(true);
  const samir = await signInThroughOutbox(t, `samir.student@${DEMO_DOMAIN}`, '/placements/recommended');
  expect(await page('/placements/recommended', samir)).toContain('LIA: webbutveckling med Python och JavaScript');
}

describe('the README demo walk-through', () => {
  // Two years past the day this was written, and a spring day: the closed round is then an autumn one.
  for (const [when, seeded] of [
    ['two years from today', new Date(Math.floor((Date.now() + 730 * DAY) / HOUR) * HOUR)],
    ['a spring day in 2029', new Date('2029-04-10T08:00:00Z')],
  ] as const)
    it(`works on a database seeded ${when} (${seeded.toISOString().slice(0, 10)})`, async () => {
      const t = await createTestApp({ now: new Date(seeded.getTime() + HOUR) });
      try {
        await seedDemo(t.database, seeded);
        // Scheduled work on that day leaves the open round open and the closed one closed.
        await runScheduled(t.deps, t.deps.now());
        const statuses = await t.deps.db.selectFrom('rounds').select(['id', 'status']).orderBy('id').execute();
        expect(statuses).toEqual([
          { id: DEMO_FLEX_ROUND_ID, status: 'open' },
          { id: DEMO_CLOSED_ROUND_ID, status: 'closed' },
          { id: DEMO_OPEN_ROUND_ID, status: 'open' },
        ]);
        await walkThroughTheReadme(t, seeded);
      } finally {
        await t.database.close();
      }
    });
});

describe('seeding the demo again on a later day', () => {
  const first = new Date('2026-11-28T10:00:00Z');

  for (const jobsRan of [true, false])
    it(`adds an open round dated from that day once the open one has passed${jobsRan ? ' and closed' : ', before scheduled work closed it'}, that Anna answers`, async () => {
      const t = await createTestApp({ now: first });
      try {
        await seedDemo(t.database, first);
        const later = new Date('2027-09-14T08:00:00Z');
        t.setNow(later);
        if (jobsRan) await runScheduled(t.deps, later);
        await seedDemo(t.database, later);
        await runScheduled(t.deps, later);
        const { reopened } = demoRounds(later);
        expect(reopened.id).toBe('demo-round-open-2027-09-14');
        const rounds = await t.deps.db.selectFrom('rounds').select(['id', 'name', 'status']).orderBy('id').execute();
        expect(rounds).toEqual([
          // The shared post's version 3 round closes with the round it was opened beside.
          { id: DEMO_FLEX_ROUND_ID, name: demoFlexRound(first).name, status: 'closed' },
          { id: DEMO_CLOSED_ROUND_ID, name: demoRounds(first).closed.name, status: 'closed' },
          { id: DEMO_OPEN_ROUND_ID, name: demoRounds(first).open.name, status: 'closed' },
          { id: reopened.id, name: reopened.name, status: 'open' },
        ]);
        // Each round has its own name: the years come from its own dates.
        expect(new Set(rounds.map((r) => r.name)).size).toBe(4);
        await answerTheOpenRound(t, reopened);

        // A third seeding on a day the new round still accepts answers adds nothing.
        const again = await seedDemo(t.database, new Date('2027-10-01T08:00:00Z'));
        expect(again.changes).toBe(0);
      } finally {
        await t.database.close();
      }
    });
});
