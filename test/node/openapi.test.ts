import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters: { name: string; in: string }[]; responses: Record<string, unknown> }>
  >;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every API route of the route table', async () => {
    const response = await request(t.app, '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const expected = t.app.routeTable
      .filter((r) => r.kind === 'api')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(listed.sort()).toEqual(expected.sort());
    expect(listed).toContain('get /healthz');
    expect(listed).toContain('get /api/v1/taxonomy/occupations');
  });

  it('describes query parameters from the same zod schemas that validate them', async () => {
    const doc = (await (await request(t.app, '/api/v1/openapi.json')).json()) as OpenApi;
    const operation = doc.paths['/api/v1/taxonomy/occupations']?.get;
    expect(operation?.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:cursor',
      'query:limit',
      'query:q',
      'query:ssyk',
    ]);
    expect(JSON.stringify(operation?.responses['200'])).toContain('labelEn');
  });
});

describe('the route table', () => {
  it('declares an access rule for every route', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(5);
    for (const route of t.app.routeTable) {
      expect(
        ['public', 'development-only', 'signed-in', 'secretariat', 'student', 'organisation', 'provider'],
        `${route.method} ${route.path}`,
      ).toContain(route.access.kind);
    }
  });

  it('has no two routes with the same method and path', () => {
    const keys = t.app.routeTable.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
