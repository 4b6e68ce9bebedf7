import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn, signInSecretariat } from '../support/auth.ts';
import {
  adoptThroughApi,
  createPlanThroughApi,
  json,
  PLANTED,
  type PlanBody,
  plantPlanRound,
} from '../support/plans.ts';

let t: TestApp;
let admin: string;
let planId: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = (await signInSecretariat(t)).cookie;
  await plantPlanRound(t);
  planId = (await createPlanThroughApi(t, admin, { roundId: 'round-p1', specialisation: 'tech' })).id;
});

async function inviteReviewer(email: string) {
  const response = await request(t.app, `/api/v1/plans/${planId}/reviewers`, json(admin, 'POST', { email }));
  expect(response.status).toBe(204);
}

describe('who sees a plan before it is adopted', () => {
  it('gives a signed-in person who was not invited nothing but 404, on every read and on commenting', async () => {
    const stranger = (await signIn(t, { roles: ['reviewer'] })).cookie;
    for (const path of ['', '/versions', '/comments', '/diff?from=1&to=1']) {
      expect((await request(t.app, `/api/v1/plans/${planId}${path}`, { headers: { cookie: stranger } })).status).toBe(
        404,
      );
    }
    for (const path of ['', '/print', '/plan.md', '/tables.csv', '/versions']) {
      expect((await request(t.app, `/plans/${planId}${path}`, { headers: { cookie: stranger } })).status).toBe(404);
    }
    const comment = await request(
      t.app,
      `/api/v1/plans/${planId}/comments`,
      json(stranger, 'POST', { version: 1, body: 'Jag är inte inbjuden' }),
    );
    expect(comment.status).toBe(404);
  });

  it('mails an invited reviewer a sign-in link to the plan and shows them protected figures only', async () => {
    await inviteReviewer('Granskare@Example.se');
    const mail = await t.deps.db
      .selectFrom('outbox')
      .select(['to_address', 'links', 'kind'])
      .where('to_address', '=', 'granskare@example.se')
      .executeTakeFirstOrThrow();
    expect(mail.kind).toBe('plan-review');
    const [link] = JSON.parse(mail.links) as string[];
    expect(new URL(link ?? '').searchParams.get('next')).toBe(`/plans/${planId}`);
    const roles = await t.deps.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('r.role')
      .where('u.email', '=', 'granskare@example.se')
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['reviewer']);

    // The invitee's account now exists; sign them in as the link would.
    const user = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'granskare@example.se')
      .executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('users').where('id', '=', user.id).execute();
    const reviewer = (await signIn(t, { email: 'granskare@example.se', roles: ['reviewer'] })).cookie;
    const plan = (await (
      await request(t.app, `/api/v1/plans/${planId}?view=raw`, { headers: { cookie: reviewer } })
    ).json()) as PlanBody;
    expect(plan.figures).toBe('protected');
    expect(JSON.stringify(plan)).not.toContain(String(PLANTED));
    const raw = (await (
      await request(t.app, `/api/v1/plans/${planId}`, { headers: { cookie: admin } })
    ).json()) as PlanBody;
    expect(plan.source.figuresHash).not.toBe(raw.source.figuresHash);
    const page = await (await request(t.app, `/plans/${planId}`, { headers: { cookie: reviewer } })).text();
    expect(page).not.toContain('4\u00a0711');
    expect(page).not.toContain('4 711');

    const comment = await request(
      t.app,
      `/api/v1/plans/${planId}/comments`,
      json(reviewer, 'POST', { version: 1, sectionKey: 'demand', body: 'Bra underlag.' }),
    );
    expect(comment.status).toBe(201);
    const noSuch = await request(
      t.app,
      `/api/v1/plans/${planId}/comments`,
      json(reviewer, 'POST', { version: 9, body: 'Om en version som inte finns' }),
    );
    expect(noSuch.status).toBe(422);
    // A reviewer may not edit, change the status or invite.
    expect(
      (await request(t.app, `/api/v1/plans/${planId}`, json(reviewer, 'PATCH', { version: 1, sections: [] }))).status,
    ).toBe(403);
    expect(
      (await request(t.app, `/api/v1/plans/${planId}/status`, json(reviewer, 'POST', { status: 'review' }))).status,
    ).toBe(403);
    const diff = (await (
      await request(t.app, `/api/v1/plans/${planId}/diff?from=1&to=1`, { headers: { cookie: reviewer } })
    ).json()) as {
      figures: unknown[];
    };
    expect(diff.figures).toEqual([]);

    await adoptThroughApi(t, admin, planId);
    const late = await request(
      t.app,
      `/api/v1/plans/${planId}/comments`,
      json(reviewer, 'POST', { version: 1, body: 'Sent' }),
    );
    expect(late.status).toBe(409);
    const comments = (await (
      await request(t.app, `/api/v1/plans/${planId}/comments`, { headers: { cookie: reviewer } })
    ).json()) as {
      items: { body: string; version: number; sectionKey: string }[];
    };
    expect(comments.items).toMatchObject([{ body: 'Bra underlag.', version: 1, sectionKey: 'demand' }]);
  });
});

describe('the exports of an adopted plan', () => {
  it('writes the tables as CSV with hidden figures as :c, and the plan as Markdown with its headings and evidence links', async () => {
    await adoptThroughApi(t, admin, planId);
    const csv = await request(t.app, `/plans/${planId}/tables.csv`, { headers: { 'accept-language': 'en' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await csv.text(), { bom: true, columns: true }) as Record<string, string>[];
    const hidden = rows.find((r) => r.table === 'demand-horizon' && r.row === '3-5' && r.column === 'People');
    expect(hidden?.value).toBe(':c');
    const total = rows.find((r) => r.table === 'demand-horizon' && r.row === 'total' && r.column === 'People');
    expect(total?.value).toBe(String(3000 + 2500 + 2000 + 1500 + 1400 + 1000 + PLANTED));

    const md = await (
      await request(t.app, `/plans/${planId}/plan.md`, { headers: { 'accept-language': 'en' } })
    ).text();
    expect(md).toMatch(/^# Competence plan: Tech/);
    expect(md).toContain('## Demand for competence');
    expect(md).toContain('### Demand by horizon');
    expect(md).toContain('| In 3–5 years | hidden | hidden |');
    expect(md).toContain('Evidence: <http://localhost:8787/demand?round=round-p1&by=horizon&specialisation=tech>');
  });
});
