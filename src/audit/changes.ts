/**
 * The fields a change touches, for an audit entry's detail: the names in `after` whose value
 * differs from `before`. Lists are compared as sets (a form posts them in its own order), so
 * saving a form unchanged names nothing. Values are never copied into the entry.
 */
export function changedFields(before: object | undefined, after: Record<string, unknown>): string[] {
  const stored = (before ?? {}) as Record<string, unknown>;
  return Object.keys(after)
    .filter((key) => after[key] !== undefined && canonical(after[key]) !== canonical(stored[key]))
    .sort();
}

function canonical(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'undefined';
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .map(normalise)
      .map((item) => JSON.stringify(item))
      .sort();
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  return value;
}
