import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/core/logger.ts';
import { aggregateDemand, type DemandQuery } from '../../src/demand/aggregate.ts';
import { type NodeDatabase, openDatabase, prepareDatabase } from '../../src/node/database.ts';
import { createOffload } from '../../src/node/offload.ts';
import { watchServerThread, yieldPointFor } from '../../src/node/yield-to-requests.ts';

/**
 * Node's worker thread (src/node/offload.ts) computes raw tables and publications off the request
 * thread and gives way to requests while the server thread is busy (src/node/yield-to-requests.ts,
 * decision 0038).
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the server thread answering requests
  }
};

describe('the server thread says when it is busy', () => {
  it('raises the shared flag while its event loop is busy, and lowers it when idle again', async () => {
    const watch = watchServerThread();
    const flag = new Int32Array(watch.buffer);
    /** Requests one after the other for `ms`: the loop busy nearly all the time. The highest flag seen. */
    const flagWhileBusy = async (ms: number) => {
      let seen = 0;
      const until = performance.now() + ms;
      while (performance.now() < until) {
        busyFor(8);
        await new Promise((resolve) => setImmediate(resolve));
        seen = Math.max(seen, Atomics.load(flag, 0));
      }
      return seen;
    };
    try {
      watch.setActive(true);
      expect(await flagWhileBusy(200)).toBe(1);
      await sleep(150);
      expect(Atomics.load(flag, 0)).toBe(0);
      // No background work in flight: nobody watches, and the flag stays down however busy the loop.
      watch.setActive(false);
      expect(await flagWhileBusy(150)).toBe(0);
    } finally {
      watch.setActive(false);
    }
  });

  it('makes the yield point pause the background work while the flag is up, and never while it is down', () => {
    const buffer = new SharedArrayBuffer(4);
    const flag = new Int32Array(buffer);
    const yieldPoint = yieldPointFor(buffer);
    /** The share of `ms` spent in pauses of the yield point (calls of 10 ms or more). */
    const pausedShare = (ms: number) => {
      const started = performance.now();
      let paused = 0;
      while (performance.now() - started < ms) {
        const before = performance.now();
        yieldPoint();
        const took = performance.now() - before;
        if (took >= 10) paused += took;
      }
      return paused / (performance.now() - started);
    };
    Atomics.store(flag, 0, 1);
    // Work 5 ms, pause 20 ms: about four fifths of the time paused.
    expect(pausedShare(400)).toBeGreaterThan(0.6);
    Atomics.store(flag, 0, 0);
    expect(pausedShare(200)).toBeLessThan(0.1);
  });
});

describe('the worker thread', () => {
  let dir: string;
  let database: NodeDatabase;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-offload-'));
    file = join(dir, 'kompetensbron.db');
    database = openDatabase(file);
    await prepareDatabase(database, { seedDemo: true, now: new Date('2026-11-28T08:00:00Z') });
    // More than 1024 need lines, so that the scan passes the worker's SQL yield point: copies of
    // the closed round's lines under new ids.
    const columns = (
      database.sqlite.raw.prepare('select name from pragma_table_info(?)').all('need_lines') as {
        name: string;
      }[]
    ).map((c) => c.name);
    const copied = columns.map((c) =>
      c === 'id' ? "nl.id || '-copy-' || n.value" : c === 'line_no' ? 'nl.line_no + 1000 * n.value' : `nl.${c}`,
    );
    database.sqlite.raw
      .prepare(
        `with recursive copies(value) as (select 1 union all select value + 1 from copies where value < 120)
         insert into need_lines (${columns.join(', ')})
         select ${copied.join(', ')} from need_lines nl, copies n
         where nl.round_id = 'demo-round-closed'`,
      )
      .run();
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes a raw table of a round, through its yield points, the same as the request thread', async () => {
    const lines = database.sqlite.raw
      .prepare("select count(*) as n, max(rowid) as last from need_lines where round_id = 'demo-round-closed'")
      .get() as { n: number; last: number };
    expect(lines.last).toBeGreaterThan(2048);
    const offload = createOffload(file, { APP_ENV: 'test' }, createMemoryLogger());
    if (!offload) throw new Error('a database file has a worker thread');
    try {
      // One breakdown of single-valued dimensions, one with a dimension that repeats a need.
      const queries: DemandQuery[] = [
        { roundId: 'demo-round-closed', by: ['occupation', 'municipality'], filters: {}, ssykLevel: 3, dominanceN: 2 },
        { roundId: 'demo-round-closed', by: ['specialisation', 'horizon'], filters: {}, ssykLevel: 4, dominanceN: 2 },
      ];
      for (const query of queries) {
        const here = await aggregateDemand(database.db, query);
        const there = await offload.offload.aggregateDemand(query);
        expect(there).toEqual(here);
        const total = here.find((e) => Object.keys(e.key).length === 0);
        expect(total?.headcount).toBeGreaterThan(0);
      }
    } finally {
      await offload.close();
    }
  });
});
