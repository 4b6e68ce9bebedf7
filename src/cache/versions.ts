import { type CompiledQuery, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { jsonEach } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';

/**
 * Versions of named pieces of data (`data_versions`): a cached value names the data it is made
 * from, reads their versions before computing it, and is used only while they are unchanged. The
 * write that changes the data raises its version in the same batch (docs/decisions/0024).
 */

const eb = expressionBuilder<Database, never>();
const oneVersion = new WeakMap<Kysely<Database>, CompiledQuery<{ version: number }>>();

/**
 * The statement that raises each of `names` by one (from 0 for a name never raised), for the
 * writer's own batch. With `when`, only if that condition holds when the statement runs, so that a
 * refused write (a stale version, a closed round) changes no version either.
 */
export function bumpVersions(db: Kysely<Database>, names: readonly string[], when?: Expression<SqlBool>) {
  // SQLite reads `INSERT … SELECT … ON CONFLICT` as a join's ON unless the SELECT has a WHERE,
  // so there is always one (https://sqlite.org/lang_upsert.html, "Parsing Ambiguity").
  return db
    .insertInto('data_versions')
    .columns(['name', 'version'])
    .expression(
      db
        .selectFrom(jsonEach(JSON.stringify([...new Set(names)]), 'n'))
        .select(['n.value as name', eb.lit(1).as('version')])
        .where(when ?? eb.lit(true)),
    )
    .onConflict((oc) => oc.column('name').doUpdateSet((u) => ({ version: u('data_versions.version', '+', 1) })));
}

/**
 * The versions of `names`, in their order, as the JSON text a cache entry is stamped with (`[3]`,
 * `[3,0]`): one primary-key read for one name, one indexed read for several.
 */
export async function readStamp(db: Kysely<Database>, names: readonly string[]): Promise<string> {
  if (names.length === 0) return '[]';
  if (names.length === 1) {
    // Read on every cached request: compiled once per handle, run with this name (decision 0017).
    let query = oneVersion.get(db);
    if (!query) {
      query = db.selectFrom('data_versions').select('version').where('name', '=', '').compile();
      oneVersion.set(db, query);
    }
    const { rows } = await db.executeQuery<{ version: number }>({ ...query, parameters: [names[0]] });
    return `[${rows[0]?.version ?? 0}]`;
  }
  const rows = await db.selectFrom('data_versions').select(['name', 'version']).where('name', 'in', names).execute();
  const version = new Map(rows.map((r) => [r.name, r.version]));
  return JSON.stringify(names.map((n) => version.get(n) ?? 0));
}

/**
 * True while every name has the version the stamp says (a name never raised is at 0): the
 * condition under which a value computed from that stamp may be stored.
 */
export function stampIsCurrent(names: readonly string[], stamp: string): Expression<SqlBool> {
  const versions = JSON.parse(stamp) as number[];
  return eb.and(
    names.map((name, i) =>
      eb(
        eb.fn.coalesce(eb.selectFrom('data_versions').select('version').where('name', '=', name), eb.lit(0)),
        '=',
        versions[i] ?? 0,
      ),
    ),
  );
}
