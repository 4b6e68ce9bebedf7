import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Random request bodies never produce a 500 and never change stored data unless they are valid:
 * whatever a client sends, the answer is a clear 2xx or 4xx and a refused request leaves the
 * response exactly as it was.
 */
let t: TestApp;
let anna: SignedInPerson;
const path = '/api/v1/rounds/round-1/responses/org-a';

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOpenRound(t);
  anna = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
  const first = await send('PUT', path, { version: 0, organisation: { employeesNow: 10 }, needs: [need()] });
  expect(first.status).toBe(200);
});

function send(method: string, target: string, body: unknown) {
  return request(t.app, target, {
    method,
    headers: { cookie: anna.cookie, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function snapshot(): Promise<string> {
  const rows = await Promise.all(
    ['responses', 'response_revisions', 'submitted_responses', 'need_lines', 'need_line_skills', 'need_line_focus'].map(
      (table) =>
        t.deps.db
          .selectFrom(table as 'responses')
          .selectAll()
          .execute(),
    ),
  );
  return JSON.stringify(rows);
}

const values = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'DJh5_yyF_hEM',
    'tech',
    'ai',
    '1-3',
    'bachelor',
    'lia',
    '',
    '0',
    '<script>',
    "'; drop table responses; --",
  ),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const needKeys = Object.keys(need());
const orgKeys = [
  'employeesNow',
  'expectedChange1y',
  'expectedChange3y',
  'obstacles',
  'obstaclesOther',
  'providerInterest',
  'contactConsent',
];

/** A valid body with one to three fields replaced by random values, or an arbitrary JSON value. */
const bodies = fc.oneof(
  fc.record({
    field: fc.oneof(
      fc.constantFrom(...needKeys).map((k) => ['need', k] as const),
      fc.constantFrom(...orgKeys).map((k) => ['org', k] as const),
      fc.constantFrom('version', 'needs', 'organisation').map((k) => ['top', k] as const),
    ),
    value: values,
  }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ raw: value })),
  fc.string({ maxLength: 50 }).map((text) => ({ text })),
);

describe('random bodies', () => {
  it('never produce a 500 and never change stored data when refused', async () => {
    let version = 1;
    await fc.assert(
      fc.asyncProperty(bodies, async (input) => {
        let body: unknown;
        if ('raw' in input) body = input.raw;
        else if ('text' in input) body = input.text;
        else {
          const valid: Record<string, unknown> = { version, organisation: { employeesNow: 10 }, needs: [need()] };
          const [where, key] = input.field;
          if (where === 'top') valid[key] = input.value;
          else if (where === 'org') (valid.organisation as Record<string, unknown>)[key] = input.value;
          else (valid.needs as Record<string, unknown>[])[0] = { ...need(), [key]: input.value };
          body = valid;
        }
        const before = await snapshot();
        const response = await send('PUT', path, body);
        expect(response.status, JSON.stringify(body)).toBeLessThan(500);
        if (response.status === 200) {
          version = ((await response.json()) as { version: number }).version;
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(await snapshot()).toBe(before);
        }
        const submit = await send('POST', `${path}/submit`, 'raw' in input ? input.raw : { submissionId: input });
        expect(submit.status).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  }, 120_000);
});
