import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aggregateDemand, type DemandQuery } from '../../src/demand/aggregate.ts';
import type { TableEntry } from '../../src/demand/protect-table.ts';
import { RAW_TABLE_RETRY_AFTER_SECONDS } from '../../src/demand/raw/progress.ts';
import type { AppDeps } from '../../src/deps.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn } from '../support/auth.ts';
import { seedPublishedDemo } from '../support/demand.ts';

/**
 * Node's worker thread, made slow at will: each raw table it is asked for waits until the test
 * lets it finish (or fail), as a table over a million need lines takes seconds. 'at-once' computes
 * straight away; 'fail' fails straight away.
 */
class SlowOffload {
  calls: DemandQuery[] = [];
  mode: 'hold' | 'at-once' | 'fail' = 'hold';
  private held: { finish: () => void; fail: (err: Error) => void }[] = [];

  for(deps: AppDeps) {
    return {
      aggregateDemand: (query: DemandQuery): Promise<TableEntry[]> => {
        this.calls.push(query);
        if (this.mode === 'at-once') return aggregateDemand(deps.db, query);
        if (this.mode === 'fail') return Promise.reject(new Error('worker thread died'));
        return new Promise((resolve, reject) => {
          this.held.push({ finish: () => resolve(aggregateDemand(deps.db, query)), fail: reject });
        });
      },
    };
  }

  callsFor(dimension: string): number {
    return this.calls.filter((q) => q.by.includes(dimension as DemandQuery['by'][number])).length;
  }

  finishAll(): void {
    for (const task of this.held.splice(0)) task.finish();
  }

  failAll(): void {
    for (const task of this.held.splice(0)) task.fail(new Error('worker thread died'));
  }
}

interface Computing {
  status: string;
  round: { id: string };
  since: string;
  needLines: number;
  lastFailedAt: string | null;
  retryAfter: number;
  detail: string;
}
interface Table {
  protected: boolean;
  cells: { key: Record<string, string>; headcount: number | null }[];
  totals: { key: Record<string, string>; headcount: number | null }[];
}

const START = new Date('2026-11-28T12:00:00Z');
const offload = new SlowOffload();
let t: TestApp;
let admin: SignedInPerson;

beforeAll(async () => {
  t = await createTestApp({ now: START, offload: (deps) => offload.for(deps) });
  await seedPublishedDemo(t);
  admin = await signIn(t, { roles: ['secretariat'] });
});

beforeEach(() => t.setNow(START));

function asSecretariat(path: string): Promise<Response> {
  return request(t.app, path, { headers: { cookie: admin.cookie } });
}

/** The need lines of the round the demand views show by default (the demo's closed round). */
function demoNeedLines(): number {
  const row = t.database.sqlite.raw
    .prepare("select count(*) as n from need_lines where round_id = 'demo-round-closed'")
    .get() as { n: number };
  return row.n;
}

/** The address of the link with this text (Handlebars writes `=` as `&#x3D;`). */
function linkTo(html: string, text: string): string | undefined {
  const match = new RegExp(`<a href="([^"]*)">${text}</a>`).exec(html);
  return match?.[1]?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
}

/** Lets the held computations finish, and waits until they are stored. */
async function finishComputations(): Promise<void> {
  offload.finishAll();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("the secretariat's raw table that takes a while", () => {
  it('is answered 202 with Retry-After and what is being computed, while /healthz and a public table are answered at once', async () => {
    offload.mode = 'hold';
    let settled = false;
    const pending = asSecretariat('/api/v1/demand?by=occupation').finally(() => {
      settled = true;
    });

    const health = await request(t.app, '/healthz');
    expect(health.status).toBe(200);
    const published = await request(t.app, '/api/v1/demand?table=specialisation-horizon');
    expect(published.status).toBe(200);
    expect(((await published.json()) as Table).protected).toBe(true);
    // Both were answered while the secretariat's table was still being computed.
    expect(settled).toBe(false);

    const response = await pending;
    expect(response.status).toBe(202);
    expect(response.headers.get('retry-after')).toBe(String(RAW_TABLE_RETRY_AFTER_SECONDS));
    const body = (await response.json()) as Computing;
    expect(body).toMatchObject({
      status: 'computing',
      round: { id: 'demo-round-closed' },
      since: START.toISOString(),
      needLines: demoNeedLines(),
      lastFailedAt: null,
      retryAfter: RAW_TABLE_RETRY_AFTER_SECONDS,
    });
    expect(body.needLines).toBeGreaterThan(0);
    expect(body.detail).toContain('Tabellen räknas fram');
    expect(offload.callsFor('occupation')).toBe(1);
    await finishComputations();
  }, 15_000);

  it('shows on the demand page a notice with the elapsed time and a reload link, keeping the form', async () => {
    offload.mode = 'hold';
    t.setNow(START);
    const path = '/demand?table=municipality-horizon';
    const first = await asSecretariat(path);
    expect(first.status).toBe(202);
    t.setNow(new Date(START.getTime() + 75_000));
    const page = await asSecretariat(path);
    expect(page.status).toBe(202);
    const html = await page.text();
    expect(html).toContain('id="raw-computing"');
    expect(html).toContain('Tabellen räknas fram');
    expect(html).toContain('för 1 min 15 s sedan');
    expect(linkTo(html, 'Ladda om sidan för att se tabellen')).toBe(path);
    expect(html).toContain('<form method="get" action="/demand"');
    expect(html).not.toMatch(/http-equiv="refresh"/i);
    expect(html).not.toContain('id="table-heading"');
    // The second request joined the first one's computation.
    expect(offload.callsFor('municipality')).toBe(1);
    await finishComputations();
  }, 15_000);

  it('starts one computation for requests that come while it runs, and answers 200 with the figures once it is done', async () => {
    offload.mode = 'hold';
    const [json, csv] = await Promise.all([
      asSecretariat('/api/v1/demand?by=sector'),
      asSecretariat('/api/v1/demand.csv?by=sector'),
    ]);
    expect([json.status, csv.status]).toEqual([202, 202]);
    expect(offload.callsFor('sector')).toBe(1);

    await finishComputations();
    const done = await asSecretariat('/api/v1/demand?by=sector');
    expect(done.status).toBe(200);
    const table = (await done.json()) as Table;
    expect(table.protected).toBe(false);
    const total = table.totals.find((e) => Object.keys(e.key).length === 0);
    const sum = t.database.sqlite.raw
      .prepare("select sum(headcount) as n from need_lines where round_id = 'demo-round-closed'")
      .get() as { n: number };
    expect(total?.headcount).toBe(sum.n);
    expect(table.cells.length).toBeGreaterThan(0);
    // Read from the cache it was stored in: no second computation.
    expect(offload.callsFor('sector')).toBe(1);
  }, 15_000);

  it('gives a clear error when the computation fails, and the next request starts it again', async () => {
    offload.mode = 'fail';
    const failed = await asSecretariat('/api/v1/demand?by=sizeClass');
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { detail: string }).detail).toContain('Tabellen kunde inte räknas fram');
    expect(t.log.lines.some((line) => line.message === 'raw table computation failed')).toBe(true);

    offload.mode = 'at-once';
    const again = await asSecretariat('/api/v1/demand?by=sizeClass');
    expect(again.status).toBe(200);
    expect(offload.callsFor('sizeClass')).toBe(2);
  }, 15_000);

  it('says on the page when computing failed, with a link to try again', async () => {
    offload.mode = 'fail';
    const path = '/demand?table=education-level-horizon';
    const page = await asSecretariat(path);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('id="raw-failed"');
    expect(html).toContain('Tabellen kunde inte räknas fram');
    expect(linkTo(html, 'Försök igen')).toBe(path);
    expect(html).toContain('<form method="get" action="/demand"');
  }, 15_000);

  it('tells the next person when the last attempt failed after they were told to wait, and starts again', async () => {
    offload.mode = 'hold';
    const waiting = await asSecretariat('/api/v1/demand?by=focusArea');
    expect(waiting.status).toBe(202);
    offload.failAll();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const next = await asSecretariat('/api/v1/demand?by=focusArea');
    expect(next.status).toBe(202);
    expect(((await next.json()) as Computing).lastFailedAt).toBe(START.toISOString());
    expect(offload.callsFor('focusArea')).toBe(2);
    await finishComputations();
  }, 15_000);
});
