import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, signIn, signInSecretariat } from '../support/auth.ts';
import { createPlanThroughApi, json, type PlanBody, plantPlanRound, writeProse } from '../support/plans.ts';

let t: TestApp;
let admin: string;
let planId: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = (await signInSecretariat(t, { name: 'Sekreterare Svensson' })).cookie;
  await plantPlanRound(t);
  planId = (await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' })).id;
});

const status = (body: Record<string, unknown>, cookie = admin) =>
  request(t.app, `/api/v1/plans/${planId}/status`, json(cookie, 'POST', body));

const stored = async () =>
  t.deps.db
    .selectFrom('plans')
    .select(['status', 'version', 'published', 'review_skipped_reason'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();

async function sendForReview() {
  const response = await status({ status: 'review' });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** An invited reviewer (account made by the invitation) who comments on the current version. */
async function reviewerComments(body: string) {
  const email = 'granskare@example.se';
  const invited = await request(t.app, `/api/v1/plans/${planId}/reviewers`, json(admin, 'POST', { email }));
  expect(invited.status).toBe(204);
  await t.deps.db.deleteFrom('users').where('email', '=', email).execute();
  const reviewer = (await signIn(t, { email, roles: ['reviewer'] })).cookie;
  const plan = (await (
    await request(t.app, `/api/v1/plans/${planId}`, { headers: { cookie: admin } })
  ).json()) as PlanBody;
  const comment = await request(
    t.app,
    `/api/v1/plans/${planId}/comments`,
    json(reviewer, 'POST', { version: plan.version, body }),
  );
  expect(comment.status).toBe(201);
}

describe('adopting a plan through the API', () => {
  it('refuses with 409 while template placeholder text remains, naming the sections, and stores nothing', async () => {
    const draft = (await (
      await request(t.app, `/api/v1/plans/${planId}`, { headers: { cookie: admin } })
    ).json()) as PlanBody;
    expect(draft.sections.find((s) => s.key === 'summary')?.markdown).toContain('[Att skriva:');
    await sendForReview();
    const before = await stored();
    const response = await status({ status: 'adopted', confirm: true, reviewSkippedReason: 'Möte 3 mars.' });
    expect(response.status).toBe(409);
    const problem = (await response.json()) as { detail: string; placeholderSections: string[] };
    expect(problem.placeholderSections).toEqual(['summary', 'demand', 'education-gap', 'measures']);
    expect(problem.detail).toContain('platshållartext');
    expect(await stored()).toEqual(before);

    // Writing only some of them is not enough.
    const plan = (await (
      await request(t.app, `/api/v1/plans/${planId}`, { headers: { cookie: admin } })
    ).json()) as PlanBody;
    const partly = await request(
      t.app,
      `/api/v1/plans/${planId}`,
      json(admin, 'PATCH', { version: plan.version, sections: [{ key: 'summary', markdown: 'Vår sammanfattning.' }] }),
    );
    expect(partly.status).toBe(200);
    const again = await status({ status: 'adopted', confirm: true, reviewSkippedReason: 'Möte 3 mars.' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { placeholderSections: string[] }).placeholderSections).toEqual([
      'demand',
      'education-gap',
      'measures',
    ]);
  });

  it('refuses with 409 when no invited reviewer has commented and no reason for skipping the review is given', async () => {
    await writeProse(t, admin, planId);
    await sendForReview();
    const before = await stored();
    for (const body of [
      { status: 'adopted', confirm: true },
      { status: 'adopted', confirm: true, reviewSkippedReason: '   ' },
    ]) {
      const response = await status(body);
      expect(response.status).toBe(409);
      const problem = (await response.json()) as { detail: string; errors: { path: string }[] };
      expect(problem.detail).toContain('Ingen inbjuden granskare har kommenterat planen');
      expect(problem.errors[0]?.path).toBe('reviewSkippedReason');
    }
    expect(await stored()).toEqual(before);
    // The secretariat's own comment is no review.
    const plan = (await (
      await request(t.app, `/api/v1/plans/${planId}`, { headers: { cookie: admin } })
    ).json()) as PlanBody;
    await request(
      t.app,
      `/api/v1/plans/${planId}/comments`,
      json(admin, 'POST', { version: plan.version, body: 'OK' }),
    );
    expect((await status({ status: 'adopted', confirm: true })).status).toBe(409);
  });

  it('adopts with a recorded reason for skipping the review: stored, in the history and in the audit log', async () => {
    await writeProse(t, admin, planId);
    await sendForReview();
    const reason = 'Referensgruppen gick igenom planen muntligt den 3 mars.';
    const response = await status({ status: 'adopted', confirm: true, reviewSkippedReason: reason });
    expect(response.status, await response.clone().text()).toBe(200);
    const plan = (await response.json()) as PlanBody;
    expect(plan.status).toBe('adopted');
    expect(plan.reviewSkippedReason).toBe(reason);
    expect((await stored()).review_skipped_reason).toBe(reason);

    const versions = (await (
      await request(t.app, `/api/v1/plans/${planId}/versions`, { headers: { cookie: admin } })
    ).json()) as { items: { version: number; kind: string; status: string; note: string | null; author: string }[] };
    expect(versions.items[0]).toMatchObject({ kind: 'status', status: 'adopted', note: reason });
    expect(versions.items[1]).toMatchObject({ kind: 'status', status: 'review', note: null });
    const history = await (await request(t.app, `/plans/${planId}/versions`, { headers: { cookie: admin } })).text();
    expect(history).toContain(`Antagen utan remisskommentarer. Skäl: ${reason}`);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_type', '=', 'plan')
      .where('target_id', '=', planId)
      .where('action', '=', 'plan.adopted')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      from: 'review',
      to: 'adopted',
      reviewSkippedReason: reason,
    });
  });

  it('adopts without a reason once an invited reviewer has commented, and records none', async () => {
    await writeProse(t, admin, planId);
    await sendForReview();
    await reviewerComments('Bra underlag, inga invändningar.');
    const response = await status({ status: 'adopted', confirm: true });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(((await response.json()) as PlanBody).reviewSkippedReason).toBeNull();
    expect((await stored()).review_skipped_reason).toBeNull();
  });

  it('needs confirm: true to adopt (422 naming confirm), and stores nothing without it', async () => {
    await writeProse(t, admin, planId);
    await sendForReview();
    const before = await stored();
    for (const body of [
      { status: 'adopted', reviewSkippedReason: 'Möte 3 mars.' },
      { status: 'adopted', confirm: false, reviewSkippedReason: 'Möte 3 mars.' },
    ]) {
      const response = await status(body);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([{ path: 'confirm', message: 'Bekräfta att planen ska antas och publiceras.' }]);
    }
    expect(await stored()).toEqual(before);
    expect(before.published).toBeNull();
  });

  it('refuses a reason longer than 2,000 characters with 422', async () => {
    await writeProse(t, admin, planId);
    await sendForReview();
    const response = await status({ status: 'adopted', confirm: true, reviewSkippedReason: 'x'.repeat(2001) });
    expect(response.status).toBe(422);
    expect((await stored()).status).toBe('review');
  });
});

describe('adopting a plan on its page', () => {
  const form = async (path: string, fields: Record<string, string>) => {
    const csrf = await csrfPair(t.app);
    return request(t.app, path, {
      method: 'POST',
      headers: { cookie: cookies(csrf.cookie, admin), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    });
  };
  const version = async () => (await stored()).version;

  it('leads the adopt button to a confirmation page that says what will be published and what stands in the way', async () => {
    await sendForReview();
    const page = await (await request(t.app, `/plans/${planId}`, { headers: { cookie: admin } })).text();
    expect(page).toContain(`href="/plans/${planId}/adopt"`);
    // The old one-click form, posted without the confirmation step, is sent to it, even ticked.
    const oneClick = await form(`/plans/${planId}/status`, {
      status: 'adopted',
      version: String(await version()),
      confirm: 'true',
    });
    expect(oneClick.status).toBe(303);
    expect(oneClick.headers.get('location')).toBe(`/plans/${planId}/adopt`);
    expect((await stored()).status).toBe('review');

    const confirm = await request(t.app, `/plans/${planId}/adopt`, { headers: { cookie: admin } });
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Det här publiceras');
    expect(html).toContain(`Texten och åtgärderna i version ${await version()}`);
    expect(html).toContain('Inga oskyddade siffror publiceras');
    expect(html).toContain(`href="/plans/${planId}/print?view=protected"`);
    expect(html).toContain(`href="/plans/${planId}/edit#field-section-summary"`);
    expect(html).toContain('name="reviewSkippedReason"');
    expect(html).toContain('name="confirm"');
  });

  it('re-renders the confirmation page with the refusal: 409 for placeholder text, 422 without the box ticked, then adopts', async () => {
    await sendForReview();
    const placeholders = await form(`/plans/${planId}/status`, {
      status: 'adopted',
      version: String(await version()),
      confirm: 'true',
      reviewSkippedReason: 'Möte 3 mars.',
      step: 'confirm',
    });
    expect(placeholders.status).toBe(409);
    const first = await placeholders.text();
    expect(first).toContain('href="#field-sections"');
    expect(first).toContain('Mallens platshållartext');
    expect(first).toContain('Möte 3 mars.');

    await writeProse(t, admin, planId);
    const unticked = await form(`/plans/${planId}/status`, {
      status: 'adopted',
      version: String(await version()),
      reviewSkippedReason: 'Möte 3 mars.',
      step: 'confirm',
    });
    expect(unticked.status).toBe(422);
    const second = await unticked.text();
    expect(second).toContain('href="#field-confirm"');
    expect(second).toContain('Bekräfta att planen ska antas och publiceras.');

    const noReason = await form(`/plans/${planId}/status`, {
      status: 'adopted',
      version: String(await version()),
      confirm: 'true',
      reviewSkippedReason: '',
      step: 'confirm',
    });
    expect(noReason.status).toBe(409);
    expect(await noReason.text()).toContain('href="#field-reviewSkippedReason"');
    expect((await stored()).status).toBe('review');

    const adopted = await form(`/plans/${planId}/status`, {
      status: 'adopted',
      version: String(await version()),
      confirm: 'true',
      reviewSkippedReason: 'Möte 3 mars.',
      step: 'confirm',
    });
    expect(adopted.status).toBe(303);
    expect(await stored()).toMatchObject({ status: 'adopted', review_skipped_reason: 'Möte 3 mars.' });
  });
});
