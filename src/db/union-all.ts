import { type RawBuilder, sql } from 'kysely';

/**
 * `a union all b union all …` for any number of SELECTs. D1 allows at most five terms in one
 * compound SELECT (SQLITE_MAX_COMPOUND_SELECT), so longer lists are nested in subqueries of at most
 * four terms each; the rows are the same. Every part must have the same columns.
 */
export function unionAll(parts: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  if (parts.length <= MAX_TERMS) return sql.join(parts, sql` union all `);
  const groups: RawBuilder<unknown>[] = [];
  for (let i = 0; i < parts.length; i += MAX_TERMS - 1) {
    groups.push(sql`select * from (${unionAll(parts.slice(i, i + MAX_TERMS - 1))})`);
  }
  return unionAll(groups);
}

const MAX_TERMS = 5;
