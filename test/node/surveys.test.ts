import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let anna: SignedInPerson;
let erik: SignedInPerson;
let admin: SignedInPerson;
const base = '/api/v1/rounds/round-1/responses/org-a';

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOrganisation(t, 'org-b', { orgNumber: orgNumber(2), municipality: '1082' });
  await createOpenRound(t);
  anna = await signIn(t, { name: 'Anna', memberships: [{ organisationId: 'org-a' }] });
  erik = await signIn(t, { name: 'Erik', memberships: [{ organisationId: 'org-a' }] });
  admin = await signIn(t, { roles: ['secretariat'] });
});

function send(method: string, path: string, who: SignedInPerson, body?: unknown) {
  return request(t.app, path, {
    method,
    headers: { cookie: who.cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const document = (version: number, needs = [need()]) => ({
  version,
  organisation: {
    employeesNow: 40,
    expectedChange1y: 3,
    expectedChange3y: 8,
    obstacles: ['few-applicants', 'housing'],
    providerInterest: 'yes',
    contactConsent: true,
  },
  needs,
});

describe('rounds', () => {
  it('are created as drafts, opened with their targets fixed, and closed, by the secretariat', async () => {
    const created = await send('POST', '/api/v1/rounds', admin, {
      name: 'Kompetensbehov 2027',
      opensAt: '2027-02-01T08:00:00+01:00',
      closesAt: '2027-03-15T17:00:00+01:00',
      target: { municipalities: ['1080'] },
    });
    expect(created.status).toBe(201);
    const round = (await created.json()) as { id: string; status: string; questionnaireVersion: number };
    expect(round).toMatchObject({ status: 'draft', questionnaireVersion: 3 });
    const opened = await send('POST', `/api/v1/rounds/${round.id}/open`, admin);
    expect(((await opened.json()) as { status: string }).status).toBe('open');
    const targets = await t.deps.db
      .selectFrom('round_targets')
      .select('organisation_id')
      .where('round_id', '=', round.id)
      .execute();
    expect(targets.map((r) => r.organisation_id)).toEqual(['org-a']);
    expect((await send('POST', `/api/v1/rounds/${round.id}/open`, admin)).status).toBe(409);
    expect(
      ((await (await send('POST', `/api/v1/rounds/${round.id}/close`, admin)).json()) as { status: string }).status,
    ).toBe('closed');
  });

  it('refuse a round that closes before it opens, naming the field', async () => {
    const response = await send('POST', '/api/v1/rounds', admin, {
      name: 'X',
      opensAt: '2027-02-01T08:00:00Z',
      closesAt: '2027-01-01T08:00:00Z',
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('closesAt');
  });
});

describe('a shared draft', () => {
  it('starts empty at version 0 and is saved and read back by a colleague', async () => {
    expect(await (await send('GET', base, anna)).json()).toMatchObject({
      version: 0,
      status: 'draft',
      organisation: {},
      needs: [],
    });
    const saved = await send('PUT', base, anna, document(0));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ version: 1 });
    const read = (await (await send('GET', base, erik)).json()) as {
      version: number;
      needs: unknown[];
      updatedBy: string;
    };
    expect(read).toMatchObject({ version: 1, updatedBy: 'Anna' });
    expect(read.needs).toHaveLength(1);
  });

  it('never lets two colleagues overwrite each other silently: the second gets 409 with the stored version', async () => {
    await send('PUT', base, anna, document(0));
    expect((await send('PUT', base, anna, document(1, [need({ headcount: 5 })]))).status).toBe(200);
    const conflict = await send('PUT', base, erik, document(1, [need({ headcount: 9 })]));
    expect(conflict.status).toBe(409);
    const body = (await conflict.json()) as {
      detail: string;
      current: { version: number; needs: { headcount: number }[] };
    };
    expect(body.detail).toContain('Anna');
    expect(body.current.version).toBe(2);
    expect(body.current.needs[0]?.headcount).toBe(5);
    const stored = (await (await send('GET', base, anna)).json()) as { needs: { headcount: number }[] };
    expect(stored.needs[0]?.headcount).toBe(5);
  });

  it('lets only one of two first saves through', async () => {
    const [a, b] = await Promise.all([send('PUT', base, anna, document(0)), send('PUT', base, erik, document(0))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });
});

describe('submission', () => {
  it('stores one revision for the same submission id posted twice', async () => {
    await send('PUT', base, anna, document(0));
    const first = await send('POST', `${base}/submit`, anna, { submissionId: 'sub-0001-abcd' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'submitted', revision: 1 });
    const again = await send('POST', `${base}/submit`, erik, { submissionId: 'sub-0001-abcd' });
    expect(await again.json()).toEqual({ status: 'submitted', revision: 1 });
    const revisions = await t.deps.db.selectFrom('response_revisions').selectAll().execute();
    expect(revisions).toHaveLength(1);
  });

  it('turns the submitted needs into rows for aggregation, with the organisation as it was', async () => {
    await send(
      'PUT',
      base,
      anna,
      document(0, [
        need(),
        need({
          occupationId: 'ek9W_qqp_XpF',
          headcount: 1,
          specialisations: [
            { code: 'missions', focusAreas: [] },
            { code: 'tech', focusAreas: ['ai', 'big-data'] },
          ],
        }),
      ]),
    );
    await send('POST', `${base}/submit`, anna, { submissionId: 'sub-0002-abcd' });
    const lines = await t.deps.db
      .selectFrom('need_lines')
      .select(['line_no', 'ssyk_code', 'headcount', 'recruit_local', 'remote', 'placement_count'])
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { line_no: 1, ssyk_code: '2512', headcount: 3, recruit_local: 1, remote: 1, placement_count: 2 },
      { line_no: 2, ssyk_code: '2213', headcount: 1, recruit_local: 1, remote: 1, placement_count: 2 },
    ]);
    const focus = await t.deps.db
      .selectFrom('need_line_focus')
      .select(['specialisation_code', 'focus_area_code'])
      .orderBy('specialisation_code')
      .orderBy('focus_area_code')
      .execute();
    expect(focus).toHaveLength(4);
    const snapshot = await t.deps.db.selectFrom('submitted_responses').selectAll().executeTakeFirstOrThrow();
    expect(snapshot).toMatchObject({
      municipality_code: '1080',
      sni_section: 'J',
      employees_now: 40,
      contact_consent: 1,
    });
  });

  it('can be amended until the round closes, each submission kept as a revision with what changed', async () => {
    await send('PUT', base, anna, document(0));
    await send('POST', `${base}/submit`, anna, { submissionId: 'sub-0003-abcd' });
    expect(
      ((await (await send('GET', base, anna)).json()) as { hasUnsubmittedChanges: boolean }).hasUnsubmittedChanges,
    ).toBe(false);
    await send('PUT', base, erik, document(1, [need({ headcount: 6 }), need({ horizon: '3-5' })]));
    expect(
      ((await (await send('GET', base, anna)).json()) as { hasUnsubmittedChanges: boolean }).hasUnsubmittedChanges,
    ).toBe(true);
    expect(await (await send('POST', `${base}/submit`, erik, { submissionId: 'sub-0004-abcd' })).json()).toEqual({
      status: 'submitted',
      revision: 2,
    });
    const revisions = (await (await send('GET', `${base}/revisions`, anna)).json()) as {
      items: { revision: number; submittedBy: string; changes: { needsAdded: number; needsChanged: number } }[];
    };
    expect(revisions.items.map((r) => [r.revision, r.submittedBy])).toEqual([
      [2, 'Erik'],
      [1, 'Anna'],
    ]);
    expect(revisions.items[0]?.changes).toMatchObject({ needsAdded: 1, needsChanged: 1 });
    expect(await t.deps.db.selectFrom('need_lines').select('id').execute()).toHaveLength(2);
  });

  it('names every missing field of an incomplete draft', async () => {
    await send('PUT', base, anna, document(0, [{ occupationId: 'DJh5_yyF_hEM' } as never]));
    const response = await send('POST', `${base}/submit`, anna, { submissionId: 'sub-0005-abcd' });
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual([
      'needs.0.difficulty',
      'needs.0.educationLevel',
      'needs.0.headcount',
      'needs.0.horizon',
      'needs.0.specialisations',
    ]);
  });

  it('lands 20 parallel submissions from different organisations', async () => {
    const people: SignedInPerson[] = [];
    for (let i = 0; i < 20; i++) {
      await createOrganisation(t, `org-p${i}`, { orgNumber: orgNumber(100 + i) });
      people.push(await signIn(t, { memberships: [{ organisationId: `org-p${i}` }] }));
    }
    await Promise.all(people.map((p, i) => send('PUT', `/api/v1/rounds/round-1/responses/org-p${i}`, p, document(0))));
    const results = await Promise.all(
      people.map((p, i) =>
        send('POST', `/api/v1/rounds/round-1/responses/org-p${i}/submit`, p, { submissionId: `parallel-${i}-xxxx` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await t.deps.db.selectFrom('submitted_responses').select('organisation_id').execute()).toHaveLength(20);
  });
});

describe('bad input gets a precise 4xx and changes nothing', () => {
  const cases: [string, unknown, string][] = [
    ['an unknown occupation id', document(0, [need({ occupationId: 'NOPE_nope_123' })]), 'needs.0.occupationId'],
    ['a headcount of 0', document(0, [need({ headcount: 0 })]), 'needs.0.headcount'],
    ['a headcount of 100000', document(0, [need({ headcount: 100000 })]), 'needs.0.headcount'],
    ['a headcount of "ten"', document(0, [need({ headcount: 'ten' })]), 'needs.0.headcount'],
    ['a horizon outside the list', document(0, [need({ horizon: '5-10' })]), 'needs.0.horizon'],
    [
      'a focus area of another specialisation',
      document(0, [need({ specialisations: [{ code: 'tech', focusAreas: ['friska-hav'] }] })]),
      'needs.0.specialisations.0.focusAreas.0',
    ],
    ['an unknown question', { ...document(0), organisation: { shoeSize: 42 } }, 'organisation'],
  ];
  for (const [what, body, path] of cases) {
    it(`refuses ${what}`, async () => {
      const response = await send('PUT', base, anna, body);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors.map((e) => e.path)).toContain(path);
      expect(problem.errors.every((e) => e.message.length > 5)).toBe(true);
      expect(await t.deps.db.selectFrom('responses').selectAll().execute()).toEqual([]);
    });
  }

  it("refuses another organisation's response with 404", async () => {
    const response = await send('PUT', '/api/v1/rounds/round-1/responses/org-b', anna, document(0));
    expect(response.status).toBe(404);
    expect((await send('GET', '/api/v1/rounds/round-1/responses/org-b', anna)).status).toBe(404);
  });

  it('refuses a save after the round closed, and the stored answer stays as it was', async () => {
    await send('PUT', base, anna, document(0));
    await send('POST', '/api/v1/rounds/round-1/close', admin);
    const response = await send('PUT', base, anna, document(1, [need({ headcount: 99 })]));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { detail: string }).detail).toContain('stängd');
    expect((await send('POST', `${base}/submit`, anna, { submissionId: 'sub-late-0001' })).status).toBe(409);
    const stored = (await (await send('GET', base, anna)).json()) as {
      version: number;
      needs: { headcount: number }[];
    };
    expect(stored.version).toBe(1);
    expect(stored.needs[0]?.headcount).toBe(3);
  });

  for (const part of ['needs', 'organisation'] as const) {
    it(`refuses a save without ${part} with 422 naming it, in Swedish and English, and the stored draft stays`, async () => {
      expect((await send('PUT', base, anna, document(0, [need(), need({ headcount: 7 })]))).status).toBe(200);
      const before = await (await send('GET', base, erik)).json();
      const { [part]: _left, ...partial } = document(1, [need({ headcount: 99 })]);
      for (const [language, words] of [
        ['sv', /saknas.*Inget har ändrats/],
        ['en', /missing.*Nothing was changed/],
      ] as const) {
        const response = await request(t.app, base, {
          method: 'PUT',
          headers: { cookie: anna.cookie, 'content-type': 'application/json', 'accept-language': language },
          body: JSON.stringify(partial),
        });
        expect(response.status).toBe(422);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        const problem = (await response.json()) as { errors: { path: string; message: string }[] };
        expect(problem.errors).toEqual([{ path: part, message: expect.stringMatching(words) }]);
      }
      const after = (await (await send('GET', base, erik)).json()) as { version: number; needs: unknown[] };
      expect(after).toEqual(before);
      expect(after.version).toBe(1);
      expect(after.needs).toHaveLength(2);
    });
  }

  it('takes an empty list as "no needs" when a client says so', async () => {
    await send('PUT', base, anna, document(0));
    expect((await send('PUT', base, anna, { ...document(1), needs: [] })).status).toBe(200);
    expect(((await (await send('GET', base, anna)).json()) as { needs: unknown[] }).needs).toEqual([]);
  });

  it('refuses a 2 MB body with 413', async () => {
    const response = await send(
      'PUT',
      base,
      anna,
      JSON.stringify({ ...document(0), padding: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(response.status).toBe(413);
  });
});

describe('the secretariat', () => {
  it('reads any response, and the read of raw answers is audited', async () => {
    await send('PUT', base, anna, document(0));
    expect((await send('GET', base, admin)).status).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'raw-answers.read')
      .execute();
    expect(audit).toEqual([{ action: 'raw-answers.read', target_id: 'round-1/org-a' }]);
  });

  it("enters a response on an organisation's behalf, recorded as such", async () => {
    await send('PUT', base, admin, document(0));
    await send('POST', `${base}/submit`, admin, { submissionId: 'phone-0001-abcd' });
    const revisions = (await (await send('GET', `${base}/revisions`, anna)).json()) as {
      items: { onBehalf: boolean }[];
    };
    expect(revisions.items[0]?.onBehalf).toBe(true);
  });
});
