/**
 * The contract an OpenAPI document states, reduced to what clients depend on: per operation
 * (`METHOD /path`) its operationId, parameters, request-body fields and, per declared response
 * status, the response body's fields. A field is a path (`round.id`, `cells[].key{}`,
 * `needs[].skillIds[]`) with ` (required)` when its object requires it. Types and descriptions are
 * left out on purpose: the digest pins names, not how a generator spells a schema.
 */
export interface OperationDigest {
  operationId: string;
  parameters: string[];
  requestBody: Record<string, string[]>;
  responses: Record<string, Record<string, string[]>>;
}

export type ContractDigest = Record<string, OperationDigest>;

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function digestOpenApi(document: Json): ContractDigest {
  const digest: ContractDigest = {};
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const path of Object.keys(paths).sort()) {
    const item = paths[path] ?? {};
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = ((operation.parameters ?? []) as Json[])
        .map((p) => `${String(p.in)}:${String(p.name)}${p.required ? ' (required)' : ''}`)
        .sort();
      const requestBody = contentFields(document, (operation.requestBody as Json | undefined)?.content);
      const responses: Record<string, Record<string, string[]>> = {};
      const declared = (operation.responses ?? {}) as Record<string, Json>;
      for (const status of Object.keys(declared).sort()) {
        responses[status] = contentFields(document, declared[status]?.content);
      }
      digest[`${method.toUpperCase()} ${path}`] = {
        operationId: String(operation.operationId ?? ''),
        parameters,
        requestBody,
        responses,
      };
    }
  }
  return digest;
}

/** Fields per media type (`application/json: [...]`); a media type without a schema has none. */
function contentFields(document: Json, content: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [mediaType, media] of Object.entries((content ?? {}) as Record<string, Json>)) {
    const schema = media.schema as Json | undefined;
    const fields = new Map<string, boolean>();
    if (schema) collect(document, schema, schema, '', fields, new Set());
    out[mediaType] = [...fields.entries()].map(([path, required]) => (required ? `${path} (required)` : path)).sort();
  }
  return out;
}

/**
 * Walks a JSON Schema: properties become `parent.name`, array items `parent[]`, map values
 * (additionalProperties with a schema) `parent{}`; anyOf/oneOf/allOf branches merge (a field is
 * required if any branch requires it). `$ref`s resolve against the schema's root (`#/$defs/…`) or
 * the document (`#/components/…`), each at most once per walk to stop recursion.
 */
function collect(
  document: Json,
  root: Json,
  schema: Json,
  prefix: string,
  fields: Map<string, boolean>,
  seen: Set<string>,
) {
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    if (seen.has(ref)) return;
    const target = resolve(ref.startsWith('#/components/') ? document : root, ref);
    if (target) collect(document, root, target, prefix, fields, new Set([...seen, ref]));
    return;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[key] ?? []) as Json[]) collect(document, root, branch, prefix, fields, seen);
  }
  const required = new Set((schema.required ?? []) as string[]);
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    const path = prefix ? `${prefix}.${name}` : name;
    fields.set(path, (fields.get(path) ?? false) || required.has(name));
    collect(document, root, property, path, fields, seen);
  }
  if (schema.items && typeof schema.items === 'object') {
    const path = `${prefix}[]`;
    if (!fields.has(path)) fields.set(path, false);
    collect(document, root, schema.items as Json, path, fields, seen);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const path = `${prefix}{}`;
    if (!fields.has(path)) fields.set(path, false);
    collect(document, root, schema.additionalProperties as Json, path, fields, seen);
  }
}

function resolve(base: Json, ref: string): Json | undefined {
  let node: unknown = base;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node && typeof node === 'object' ? (node as Json) : undefined;
}

/** What changed between two digests, one line per difference, readable in a failing test. */
export function diffDigests(before: ContractDigest, after: ContractDigest): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(before)) if (!(key in after)) lines.push(`- operation ${key}`);
  for (const key of Object.keys(after)) if (!(key in before)) lines.push(`+ operation ${key}`);
  for (const [key, old] of Object.entries(before)) {
    const now = after[key];
    if (!now) continue;
    if (old.operationId !== now.operationId)
      lines.push(`~ ${key}: operationId ${old.operationId} → ${now.operationId}`);
    lines.push(...listDiff(`${key} parameter`, old.parameters, now.parameters));
    lines.push(...contentDiff(`${key} request body`, old.requestBody, now.requestBody));
    for (const status of Object.keys(old.responses))
      if (!(status in now.responses)) lines.push(`- ${key} response ${status}`);
    for (const status of Object.keys(now.responses))
      if (!(status in old.responses)) lines.push(`+ ${key} response ${status}`);
    for (const [status, content] of Object.entries(old.responses)) {
      const next = now.responses[status];
      if (next) lines.push(...contentDiff(`${key} response ${status}`, content, next));
    }
  }
  return lines;
}

function contentDiff(label: string, before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const lines: string[] = [];
  for (const type of Object.keys(before)) if (!(type in after)) lines.push(`- ${label} ${type}`);
  for (const type of Object.keys(after)) if (!(type in before)) lines.push(`+ ${label} ${type}`);
  for (const [type, fields] of Object.entries(before)) {
    const next = after[type];
    if (next) lines.push(...listDiff(`${label} ${type} field`, fields, next));
  }
  return lines;
}

function listDiff(label: string, before: string[], after: string[]): string[] {
  const old = new Set(before);
  const now = new Set(after);
  return [
    ...before.filter((x) => !now.has(x)).map((x) => `- ${label} ${x}`),
    ...after.filter((x) => !old.has(x)).map((x) => `+ ${label} ${x}`),
  ];
}
