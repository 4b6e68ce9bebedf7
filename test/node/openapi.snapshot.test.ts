import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type ContractDigest, diffDigests, digestOpenApi } from '../support/openapi-digest.ts';

/**
 * The API contract as the OpenAPI document states it, pinned in a reviewed file: issue 17 moves
 * every route onto another generator, and clients depend on the paths, methods and fields staying.
 * To accept a deliberate change (a new field, a corrected status), regenerate the file with
 * `UPDATE_OPENAPI_SNAPSHOT=1 npx vitest run test/node/openapi.snapshot.test.ts` and review its diff.
 */
const SNAPSHOT = new URL('../fixtures/openapi-contract.json', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('the OpenAPI contract', () => {
  it('lists the same operations, parameters and body fields as the reviewed snapshot', async () => {
    const document = (await (await request(t.app, '/api/v1/openapi.json')).json()) as Record<string, unknown>;
    const current = digestOpenApi(document);
    if (process.env.UPDATE_OPENAPI_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`);
    expect(existsSync(SNAPSHOT), 'no snapshot: run with UPDATE_OPENAPI_SNAPSHOT=1 once').toBe(true);
    const pinned = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as ContractDigest;
    expect(Object.keys(pinned).length).toBeGreaterThan(50);
    expect(diffDigests(pinned, current), 'run with UPDATE_OPENAPI_SNAPSHOT=1 to accept (and review the diff)').toEqual(
      [],
    );
  });
});
