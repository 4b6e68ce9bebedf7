import type { Kysely } from 'kysely';
import { defineCache } from '../cache/define.ts';
import { roundLines } from '../cache/names.ts';
import { defineSnapshotCache } from '../cache/snapshots.ts';
import type { Database } from '../db/schema.ts';

/**
 * A round's computed figure sets (demand tables, indicators, raw tables), kept in cache_entries and
 * in memory under the version of the round's lines, which a submission or an import raises in its
 * own batch (src/surveys/respond/submit.ts, transfer/import-batch.ts): a kept value is never older
 * than the last submission; a closed round's values stay as they are. docs/decisions/0024.
 */
export const demandFigures = defineCache({
  namespace: 'demand-figures',
  store: 'table',
  maxEntries: 400,
  maxSize: 32 * 1024 * 1024,
});

/**
 * The public demand page's bodies, per round and page key (the publications it shows). The key
 * names things that change without a version (a round's name), so bodies a week old are purged.
 */
export const demandPages = defineCache<string>({
  namespace: 'demand-pages',
  store: 'table',
  maxEntries: 200,
  maxSize: 16 * 1024 * 1024,
  maxAgeDays: 7,
});

/**
 * The whole public demand page for visitors who are not signed in, per language and address,
 * while the database is unchanged (src/cache/snapshots.ts): its body is the demandPages entry, so
 * the bounds are demandPages' (the million-line round's sixteen tables are about 5 MB a language;
 * smaller bounds made the warm-up's passes evict each other's pages).
 */
export const demandPageSnapshots = defineSnapshotCache({ maxEntries: 200, maxSize: 16 * 1024 * 1024 });

/**
 * The public JSON API's demand tables as text, per publication, round row and request. A published
 * publication's cells never change (a republication is a new publication), so an entry depends on
 * no version: its key names everything the text is made from, and memory alone keeps it.
 */
export const demandJsonBodies = defineCache<string>({
  namespace: 'demand-json',
  store: 'memory',
  maxEntries: 500,
  maxSize: 8 * 1024 * 1024,
});

/** A round's entry key: the round, then the caller's key (which must name everything else that changes the value). */
export const roundKey = (roundId: string, key: string) => `${roundId}/${key}`;

/** A computed figure set of a round through `demandFigures`. */
export function readThroughCache<T>(
  db: Kysely<Database>,
  roundId: string,
  key: string,
  now: Date,
  compute: () => Promise<T>,
): Promise<T> {
  return demandFigures.get(db, { key: roundKey(roundId, key), dependsOn: [roundLines(roundId)], now }, compute);
}
