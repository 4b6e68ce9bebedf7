import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { App } from '../../src/app.ts';
import { buildOpenApiDocument } from '../../src/openapi/document.ts';
import { API_VERSION } from '../../src/openapi/routes.ts';

/**
 * The contract test: every response of an API operation that a Node test receives through
 * `createTestApp` must have a status the OpenAPI document declares for the operation; a JSON body is
 * checked against the document's schema for that status (problem+json against the Problem schema),
 * by zod's JSON Schema reader over the document itself — so a field the document does not declare
 * under `additionalProperties: false` fails as it would in a generated client; any other body must
 * have a media type the document names.
 * Violations fail the test file (test/support/contract-setup.ts); the operations that got a
 * validated response are written to CONTRACT_DIR for test/support/contract-global.ts to sum up.
 */
export const CONTRACT_DIR = new URL('../../test-results/contract/', import.meta.url);

type Json = Record<string, unknown>;

interface Operation {
  key: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, Json>;
}

interface State {
  operations: Operation[];
  problem: z.ZodType;
  validators: Map<string, z.ZodType>;
}

let state: State | undefined;
const pending: Promise<void>[] = [];
/** One entry per operation, status and kind of failure: the first request that showed it, and how often. */
const violations = new Map<string, { example: string; count: number }>();
/** Operation key → statuses that had a response validated. */
const validated = new Map<string, Set<string>>();

function stateFor(app: App): State {
  if (state) return state;
  const routeTable = app.routeTable;
  const document = buildOpenApiDocument(app, { version: API_VERSION, serverUrl: 'http://localhost' });
  const operations: Operation[] = [];
  for (const spec of routeTable.filter((s) => s.kind === 'api')) {
    const openApiPath = spec.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    const operation = (document.paths?.[openApiPath] as Record<string, Json> | undefined)?.[spec.method];
    if (!operation) continue;
    operations.push({
      key: `${spec.method.toUpperCase()} ${openApiPath}`,
      method: spec.method.toUpperCase(),
      pattern: honoPattern(spec.path),
      responses: operation.responses as Record<string, Json>,
    });
  }
  const problem = z.fromJSONSchema(document.components?.schemas?.Problem as z.core.JSONSchema.JSONSchema);
  state = { operations, problem, validators: new Map() };
  return state;
}

/** `/api/v1/rounds/:id` and `:name{regex}` as a regular expression over the path. */
function honoPattern(path: string): RegExp {
  const source = path
    .split(/(:\w+(?:\{[^}]*\})?)/)
    .map((part) => {
      const param = /^:\w+(?:\{([^}]*)\})?$/.exec(part);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** Wraps the app's fetch (which `app.request` calls) so that every JSON answer is checked. */
export function observeContract(app: App): void {
  const fetch = app.fetch;
  app.fetch = (request, ...rest) => {
    const result = fetch(request, ...rest);
    return Promise.resolve(result).then((response) => {
      pending.push(check(app, request, decoded(response.clone())));
      return response;
    });
  };
}

/** The body as the app meant it: a response compressed on Node (src/app.ts) is read decompressed. */
function decoded(response: Response): Response {
  const encoding = response.headers.get('content-encoding');
  if (!response.body || (encoding !== 'gzip' && encoding !== 'deflate')) return response;
  return new Response(response.body.pipeThrough(new DecompressionStream(encoding)), response);
}

async function check(app: App, request: Request, response: Response): Promise<void> {
  const { operations, problem, validators } = stateFor(app);
  const url = new URL(request.url);
  const operation = operations.find((o) => o.method === request.method && o.pattern.test(url.pathname));
  if (!operation) return;
  const status = String(response.status);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const isProblem = mediaType === 'application/problem+json';
  const example = `${request.method} ${url.pathname}${url.search}`;
  const fail = (message: string) => {
    const key = `${operation.key} → ${status}: ${message}`;
    const seen = violations.get(key);
    if (seen) seen.count++;
    else violations.set(key, { example, count: 1 });
  };
  const pass = () => {
    const statuses = validated.get(operation.key) ?? new Set<string>();
    statuses.add(isProblem ? `${status} problem` : status);
    validated.set(operation.key, statuses);
  };
  const declared = operation.responses[status] as { content?: Record<string, { schema?: Json }> } | undefined;
  if (!isProblem && !declared) return fail(`the document declares no ${status} response`);
  if (!isProblem && mediaType !== 'application/json') {
    // Not JSON (CSV, text, no body): the status is declared; the media type must be too, if there is a body.
    const content = declared?.content;
    if (mediaType && !content?.[mediaType]) return fail(`the document declares no ${mediaType} body for it`);
    if (!mediaType && content && response.body && (await response.text()).length > 0)
      return fail('a body without a content type');
    return pass();
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return fail('the body is not JSON');
  }
  let schema: z.ZodType | undefined;
  if (isProblem) schema = problem;
  else {
    const jsonSchema = declared?.content?.['application/json']?.schema;
    if (!jsonSchema) return fail('the document declares no JSON schema for it');
    const cacheKey = `${operation.key} ${status}`;
    schema = validators.get(cacheKey);
    if (!schema) {
      schema = z.fromJSONSchema(jsonSchema as z.core.JSONSchema.JSONSchema);
      validators.set(cacheKey, schema);
    }
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    return fail(issues.join('; '));
  }
  pass();
}

/** Waits for the checks still running and hands back what failed, emptying the list. */
export async function contractViolations(): Promise<string[]> {
  await Promise.all(pending.splice(0));
  const out = [...violations].map(([key, { example, count }]) => `${key} (e.g. ${example}; ${count}×)`);
  violations.clear();
  return out;
}

/** Writes this file's validated operations for the run's summary. */
export function recordCoverage(file: string): void {
  if (validated.size === 0) return;
  mkdirSync(CONTRACT_DIR, { recursive: true });
  const name = `${file.replace(/[^\w.-]+/g, '_')}-${process.pid}.json`;
  const entries = Object.fromEntries([...validated].map(([key, statuses]) => [key, [...statuses].sort()]));
  writeFileSync(new URL(name, CONTRACT_DIR), JSON.stringify(entries));
}
