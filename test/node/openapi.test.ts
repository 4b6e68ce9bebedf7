import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

interface JsonSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security?: Record<string, string[]>[];
        'x-access': string;
        parameters: { name: string; in: string }[];
        responses: Record<string, unknown>;
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
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

  it('gives every operation its own operationId', async () => {
    const doc = (await (await request(t.app, '/api/v1/openapi.json')).json()) as OpenApi;
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(doc.paths['/api/v1/rounds']?.get?.operationId).toBe('getRounds');
    expect(doc.paths['/api/v1/rounds/{id}']?.get?.operationId).toBe('getRoundsById');
  });

  it('declares who may call each operation: the session, an API token where its rule names a scope, or anyone', async () => {
    const doc = (await (await request(t.app, '/api/v1/openapi.json')).json()) as OpenApi;
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(operations.filter((o) => !o.security?.length).map((o) => o.operationId)).toEqual([]);
    for (const operation of operations) {
      // GET /metrics is public to the route table but checks a token of its own (METRICS_TOKEN).
      if (operation.operationId === 'getMetrics') continue;
      const anonymous = operation.security?.some((s) => Object.keys(s).length === 0);
      expect(anonymous, operation.operationId).toBe(['public', 'development-only'].includes(operation['x-access']));
    }
    expect(doc.paths['/metrics']?.get?.security).toEqual([{ metricsToken: [] }]);
    expect(doc.paths['/api/v1/organisations']?.get?.security).toEqual([
      { session: [] },
      { bearer: ['organisations:read'] },
    ]);
    expect(doc.paths['/api/v1/rounds']?.post?.security).toEqual([{ session: [] }]);
  });

  it('names the client errors each operation can answer: 401/403 from its access rule, 404 for its path, 422 for its input', async () => {
    const doc = (await (await request(t.app, '/api/v1/openapi.json')).json()) as OpenApi;
    const statuses = (path: string, method: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses ?? {})
        .filter((s) => s.startsWith('4'))
        .sort();
    expect(statuses('/api/v1/rounds', 'post')).toEqual(['401', '403', '422']);
    expect(statuses('/api/v1/rounds/{id}/responses/{orgId}', 'get')).toEqual(['401', '404', '422']);
    expect(statuses('/api/v1/taxonomy/specialisations', 'get')).toEqual([]);
    expect(JSON.stringify(doc.paths['/api/v1/rounds']?.post?.responses['401'])).toContain('#/components/responses/');
  });
});

/**
 * docs/api.md in entries: a bullet with its continuation lines (its sub-bullets included), or a
 * paragraph. An entry documents the operations named in its code spans (`PATCH /api/v1/plans/{id}`,
 * `GET|PATCH /api/v1/organisations/{id}`); its code spans are where the body's fields are listed.
 */
function apiDocEntries(markdown: string) {
  const entries: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('|')) {
      current = undefined;
      continue;
    }
    if (line.startsWith('- ') || !current) {
      current = [];
      entries.push(current);
    }
    current.push(line);
  }
  return entries.map((lines) => {
    const text = lines.join(' ');
    const code = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    const operations = code.flatMap((span) => {
      const match = /^([A-Z|]+) (\/\S+)/.exec(span.trim());
      if (!match?.[1] || !match[2]) return [];
      const path = samePath(match[2]);
      return match[1].split('|').map((method) => `${method.toLowerCase()} ${path}`);
    });
    return { operations, code: code.join(' ') };
  });
}

/** A path without its query, every `{parameter}` alike (the docs may name them differently). */
const samePath = (path: string) => path.replace(/\?.*$/, '').replace(/\{[^}]*\}/g, '{}');

describe('docs/api.md', () => {
  it('lists every required request-body field of every operation, in the code of the entry that names it', async () => {
    const doc = (await (await request(t.app, '/api/v1/openapi.json')).json()) as OpenApi;
    const entries = apiDocEntries(readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8'));
    const missing: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema) continue;
        checked++;
        const key = `${method} ${samePath(path)}`;
        const documented = entries.filter((e) => e.operations.includes(key));
        const code = documented.map((e) => e.code).join(' ');
        for (const field of schema.required ?? []) {
          if (!new RegExp(`(?<![\\w.])${field}(?!\\w)`).test(code))
            missing.push(`${method.toUpperCase()} ${path}: ${field}${documented.length ? '' : ' (no entry names it)'}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

describe('the route table', () => {
  it('declares an access rule for every route', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(5);
    for (const route of t.app.routeTable) {
      expect(
        [
          'public',
          'development-only',
          'signed-in',
          'secretariat',
          'student',
          'organisation',
          'provider',
          'relocation-guide',
        ],
        `${route.method} ${route.path}`,
      ).toContain(route.access.kind);
    }
  });

  it('has no two routes with the same method and path', () => {
    const keys = t.app.routeTable.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
