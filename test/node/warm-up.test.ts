import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/core/logger.ts';
import { DEMAND_TABLES } from '../../src/demand/tables.ts';
import { createNodeServer } from '../../src/node/http-server.ts';
import { warmUp, warmUpOverHttp } from '../../src/node/warm-up.ts';
import { createTestApp } from '../support/app.ts';
import { seedPublishedDemo } from '../support/demand.ts';

describe('warming up before the server listens', () => {
  it("answers the start page and the newest published round's demand page and JSON, in Swedish and English, and keeps the page body for the first visitor", async () => {
    const t = await createTestApp();
    await seedPublishedDemo(t);
    const before = await t.deps.db.selectFrom('cache_entries').select('key').execute();
    const log = createMemoryLogger();
    await warmUp(t.app.fetch, t.deps.db, log);
    const line = log.lines.find((l) => l.message === 'warmed up');
    expect(line?.statuses).toMatchObject({
      'sv /': 200,
      'en /': 200,
      'sv /demand?round=demo-round-closed': 200,
      'en /demand?round=demo-round-closed': 200,
      'sv /api/v1/demand?round=demo-round-closed&table=specialisation-horizon': 200,
      'sv /api/v1/taxonomy/occupations?q=yrke': 200,
    });
    const after = await t.deps.db.selectFrom('cache_entries').select('key').execute();
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('goes through the server itself on a loopback port, with every table of the demand page for the newest round, and leaves it closed, ready to listen', async () => {
    const t = await createTestApp();
    await seedPublishedDemo(t);
    const log = createMemoryLogger();
    const seen: { host: string | null; url: string }[] = [];
    const server = createNodeServer((request) => {
      seen.push({ host: request.headers.get('host'), url: request.url });
      return t.app.fetch(request);
    });
    await warmUpOverHttp(server, t.deps.db, log, 'http://localhost:8080');
    const warmed = [...seen];
    // Closed again, and able to listen where visitors reach it.
    expect(server.listening).toBe(false);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
    const statuses = log.lines.find((l) => l.message === 'warmed up')?.statuses as Record<string, number>;
    for (const table of DEMAND_TABLES) {
      expect(statuses[`sv /demand?round=demo-round-closed&table=${table.id}`]).toBe(200);
      expect(statuses[`en /demand?round=demo-round-closed&table=${table.id}`]).toBe(200);
    }
    // The requests came over a socket (the adapter builds the URL from the Host header sent).
    expect(warmed.length).toBeGreaterThan(DEMAND_TABLES.length * 2);
    expect(warmed.every((r) => r.host === 'localhost:8080' && r.url.startsWith('http://localhost:8080/'))).toBe(true);
    expect(log.lines.some((l) => l.message === 'warm-up request failed')).toBe(false);
  });

  it('logs a page it cannot warm and goes on, never stopping the start', async () => {
    const t = await createTestApp();
    const log = createMemoryLogger();
    await warmUp(
      () => {
        throw new Error('broken');
      },
      t.deps.db,
      log,
    );
    expect(log.lines.filter((l) => l.message === 'warm-up request failed').length).toBeGreaterThan(0);
    expect(log.lines.some((l) => l.message === 'warmed up')).toBe(true);
  });
});
