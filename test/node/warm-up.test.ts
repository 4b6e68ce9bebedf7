import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/http/logger.ts';
import { warmUp } from '../../src/node/warm-up.ts';
import { createTestApp } from '../support/app.ts';
import { seedPublishedDemo } from '../support/demand.ts';

describe('warming up before the server listens', () => {
  it("answers the start page and the newest published round's demand page and JSON, in Swedish and English, and keeps the page body for the first visitor", async () => {
    const t = await createTestApp();
    await seedPublishedDemo(t);
    const before = await t.deps.db.selectFrom('demand_cache').select('query_key').execute();
    const log = createMemoryLogger();
    await warmUp(t.app.fetch, t.deps.db, log);
    const line = log.lines.find((l) => l.message === 'warmed up');
    expect(line?.statuses).toMatchObject({
      'sv /': 200,
      'en /': 200,
      'sv /demand?round=demo-round-closed': 200,
      'en /demand?round=demo-round-closed': 200,
      'sv /api/v1/demand?round=demo-round-closed&table=specialisation-horizon': 200,
    });
    const after = await t.deps.db.selectFrom('demand_cache').select('query_key').execute();
    expect(after.length).toBeGreaterThan(before.length);
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
