import { expressionBuilder } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineCache } from '../../src/cache/define.ts';
import { purgeCache } from '../../src/cache/purge.ts';
import { bumpVersions, readStamp } from '../../src/cache/versions.ts';
import type { Database } from '../../src/db/schema.ts';
import { createTestDatabase } from '../support/app.ts';

/**
 * The cache module's guarantees (docs/decisions/0024-one-cache-module.md), on a bare database;
 * the features' tests show them through HTTP (a submission and the demand figures, a placement
 * write and the search).
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  database = await createTestDatabase({ reference: false });
});
const now = new Date('2026-12-01T10:00:00Z');
const eb = expressionBuilder<Database, never>();
const entries = () =>
  database.sqlite.raw.prepare('select namespace, key, stamp from cache_entries order by key').all() as {
    namespace: string;
    key: string;
    stamp: string;
  }[];

describe('data versions', () => {
  it('reads a name never raised as 0, and raises several names by one in one statement', async () => {
    const { db, atomic } = database;
    expect(await readStamp(db, ['a', 'b'])).toBe('[0,0]');
    await atomic([bumpVersions(db, ['a', 'b']).compile()]);
    await atomic([bumpVersions(db, ['b']).compile()]);
    expect(await readStamp(db, ['a', 'b'])).toBe('[1,2]');
    expect(await readStamp(db, ['b'])).toBe('[2]');
  });

  it('raises nothing when the batch condition does not hold', async () => {
    const { db, atomic } = database;
    await atomic([bumpVersions(db, ['a'], eb.lit(false)).compile()]);
    expect(await readStamp(db, ['a'])).toBe('[0]');
    await atomic([bumpVersions(db, ['a'], eb.lit(true)).compile()]);
    expect(await readStamp(db, ['a'])).toBe('[1]');
  });
});

describe('a table cache', () => {
  const cache = defineCache<{ n: number }[]>({
    namespace: 'test-table',
    store: 'table',
    maxEntries: 10,
    maxSize: 10_000,
    maxAgeDays: 7,
  });
  const read = (compute: () => Promise<{ n: number }[]>, key = 'k') =>
    cache.get(database.db, { key, dependsOn: ['a', 'b'], now }, compute);

  it('computes once, then answers from what it kept until a name it depends on is raised', async () => {
    let computations = 0;
    const compute = async () => [{ n: ++computations }];
    expect(await read(compute)).toEqual([{ n: 1 }]);
    expect(await read(compute)).toEqual([{ n: 1 }]);
    expect(entries()).toEqual([{ namespace: 'test-table', key: 'k', stamp: '[0,0]' }]);
    await database.atomic([bumpVersions(database.db, ['b']).compile()]);
    expect(await read(compute)).toEqual([{ n: 2 }]);
    expect(entries()).toEqual([{ namespace: 'test-table', key: 'k', stamp: '[0,1]' }]);
  });

  it('gives each reader its own copy of a value kept as JSON', async () => {
    await read(async () => [{ n: 1 }]);
    const mine = await read(async () => []);
    mine.push({ n: 99 });
    expect(await read(async () => [])).toEqual([{ n: 1 }]);
  });

  it('does not store a value computed while a name it depends on was raised', async () => {
    const during = async () => {
      await database.atomic([bumpVersions(database.db, ['a']).compile()]);
      return [{ n: 1 }];
    };
    expect(await read(during)).toEqual([{ n: 1 }]);
    expect(entries()).toEqual([]);
    expect(await read(async () => [{ n: 2 }])).toEqual([{ n: 2 }]);
    expect(entries()).toEqual([{ namespace: 'test-table', key: 'k', stamp: '[1,0]' }]);
  });

  it('purges stale entries and entries older than its age, and keeps current ones', async () => {
    await read(async () => [{ n: 1 }], 'stale');
    await database.atomic([bumpVersions(database.db, ['a']).compile()]);
    await read(async () => [{ n: 2 }], 'current');
    expect(await purgeCache(database.db, cache, now)).toBe(1);
    expect(entries().map((e) => e.key)).toEqual(['current']);
    expect(await purgeCache(database.db, cache, new Date(now.getTime() + 6 * 86_400_000))).toBe(0);
    expect(await purgeCache(database.db, cache, new Date(now.getTime() + 8 * 86_400_000))).toBe(1);
    expect(entries()).toEqual([]);
  });
});

describe('a memory cache', () => {
  it('keeps bytes as themselves in memory and nothing in the table, until a version moves', async () => {
    const cache = defineCache<Uint8Array>({ namespace: 'test-memory', store: 'memory', maxEntries: 10, maxSize: 100 });
    let computations = 0;
    const compute = async () => new Uint8Array([++computations]);
    const read = () => cache.get(database.db, { key: 'q', dependsOn: ['c'], now }, compute);
    const first = await read();
    expect(await read()).toBe(first);
    expect(entries()).toEqual([]);
    await database.atomic([bumpVersions(database.db, ['c']).compile()]);
    expect([...(await read())]).toEqual([2]);
  });

  it('computes a value once for callers who ask at the same time', async () => {
    const cache = defineCache<string>({ namespace: 'test-flight', store: 'memory', maxEntries: 10, maxSize: 100 });
    let computations = 0;
    const compute = async () => {
      computations++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 'x';
    };
    const all = await Promise.all(
      Array.from({ length: 5 }, () => cache.get(database.db, { key: 'q', dependsOn: [], now }, compute)),
    );
    expect(all).toEqual(['x', 'x', 'x', 'x', 'x']);
    expect(computations).toBe(1);
  });
});
