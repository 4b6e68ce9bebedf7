import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, seedReference } from '../../src/node/database.ts';
import { applyMigrations } from '../../src/node/migrate.ts';
import { readReferenceData } from '../../src/node/reference-files.ts';
import { SqliteConnection } from '../../src/node/sqlite.ts';
import { requestPublicationQuery, ruleOf } from '../../src/publication/compute.ts';
import { demoOrganisationId } from '../../src/seed/demo.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { publishClosedRounds, seedPublishedDemo } from '../support/demand.ts';
import { answers, submit } from '../support/rounds.ts';
import { need } from '../support/surveys.ts';

/**
 * The public body of the demand page is kept (demandPages) under the publications it shows
 * (docs/decisions/0016-demand-precompute.md, as revised for the publication): rendering it reads a
 * dozen sets of cells, while a kept body costs about what the start page does.
 */
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await seedPublishedDemo(t, new Date('2026-11-28T08:00:00Z'));
});

const CLOSED = 'demo-round-closed';
const OPEN = 'demo-round-open';
const pageRows = (roundId: string) =>
  (
    t.database.sqlite.raw
      .prepare(`select key from cache_entries where namespace = 'demand-pages' and key like ? || '/%' order by 1`)
      .all(roundId) as { key: string }[]
  )
    .map((r) => r.key.slice(roundId.length + 1))
    .filter((k) => k.startsWith('{"page":"demand"'));
/** What every writer of a round's figures does in its batch: raise the version of its lines. */
const raiseStamp = (roundId: string) =>
  t.database.sqlite.raw
    .prepare(
      `insert into data_versions (name, version) values (?, 1) on conflict (name) do update set version = version + 1`,
    )
    .run(`round-lines:${roundId}`);
/**
 * An edit of the stored body behind the server's back. With `raiseStamp` (as every writer of
 * figures does) the server's memory lets go and reads the row again; without it, the server
 * answers from memory and never reads the row.
 */
const plantMarker = (roundId: string, { raise = true } = {}) => {
  if (raise) raiseStamp(roundId);
  // The row is planted under the round's current version (the stamp a writer stores it with).
  t.database.sqlite.raw
    .prepare(
      `update cache_entries set value = ?,
         stamp = (select json_array(coalesce(max(version), 0)) from data_versions where name = 'round-lines:' || ?)
       where namespace = 'demand-pages' and key like ? || '/{"page":"demand"%'`,
    )
    .run(JSON.stringify('<p id="marker">from the cache</p>'), roundId, roundId);
};
const html = async (path: string, headers: Record<string, string> = {}) =>
  (await request(t.app, path, { headers })).text();

describe('the demand page body kept in the database', () => {
  it("serves a visitor the stored body of a published round's view, keyed by its publication", async () => {
    const first = await html(`/demand?round=${CLOSED}`);
    expect(first).toContain('<table');
    expect(pageRows(CLOSED)).toHaveLength(1);
    const publication = t.database.sqlite.raw
      .prepare("select id from publications where round_id = ? and status = 'published'")
      .get(CLOSED) as { id: string };
    expect(pageRows(CLOSED)[0]).toContain(publication.id);
    plantMarker(CLOSED);
    expect(await html(`/demand?round=${CLOSED}`)).toContain('from the cache');
  });

  it("answers a repeated view from memory while the round's figures stamp is unchanged", async () => {
    const first = await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED, { raise: false });
    const again = await html(`/demand?round=${CLOSED}`);
    expect(again).not.toContain('from the cache');
    expect(again).toContain('<table');
    expect(again.length).toBeGreaterThan(first.length / 2);
  });

  it('shows the figures of a new publication of the round, not the body kept for the one before', async () => {
    await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED, { raise: false });
    // A correction by the secretariat: the round's next version is computed and published.
    await t.deps.atomic([
      requestPublicationQuery(t.deps.db, {
        id: 'correction-1',
        roundId: CLOSED,
        reason: 'correction',
        requestedBy: null,
        rule: ruleOf(t.deps.config),
        at: t.deps.now().toISOString(),
      }),
    ]);
    await publishClosedRounds(t);
    const after = await html(`/demand?round=${CLOSED}`);
    expect(after).not.toContain('from the cache');
    expect(after).toMatch(/publicering, version 2,/);
    expect(pageRows(CLOSED)).toHaveLength(2);
  });

  it('does not keep a table computed while a submission came in', async () => {
    const { readThroughCache } = await import('../../src/demand/cache.ts');
    const raw = t.database.sqlite.raw;
    const stored = () => raw.prepare(`select count(*) as n from cache_entries where key = '${OPEN}/race-test'`).get();
    let computations = 0;
    const computeDuringSubmission = async () => {
      computations++;
      // What a submission's batch does while the table is being computed.
      raiseStamp(OPEN);
      return [{ n: computations }];
    };
    expect(await readThroughCache(t.deps.db, OPEN, 'race-test', t.deps.now(), computeDuringSubmission)).toEqual([
      { n: 1 },
    ]);
    expect(stored()).toEqual({ n: 0 });
    const compute = async () => [{ n: ++computations }];
    expect(await readThroughCache(t.deps.db, OPEN, 'race-test', t.deps.now(), compute)).toEqual([{ n: 2 }]);
    expect(stored()).toEqual({ n: 1 });
    expect(await readThroughCache(t.deps.db, OPEN, 'race-test', t.deps.now(), compute)).toEqual([{ n: 2 }]);
  });

  it('keeps Swedish and English bodies apart', async () => {
    await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED);
    const english = await html(`/demand?round=${CLOSED}`, { 'accept-language': 'en' });
    expect(english).not.toContain('from the cache');
    expect(english).toContain('lang="en"');
    expect(pageRows(CLOSED)).toHaveLength(2);
  });

  it('never shows a member or the secretariat the shared body', async () => {
    await html(`/demand?round=${CLOSED}`);
    plantMarker(CLOSED);
    const member = await signIn(t, { memberships: [{ organisationId: demoOrganisationId('hamnvarvet') }] });
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    expect(await html(`/demand?round=${CLOSED}`, { cookie: member.cookie })).not.toContain('from the cache');
    expect(await html(`/demand?round=${CLOSED}`, { cookie: secretariat.cookie })).not.toContain('from the cache');
  });

  it('keeps no body of an open round, whose count of answers moves with each submission', async () => {
    const before = await html(`/demand?round=${OPEN}`);
    expect(pageRows(OPEN)).toHaveLength(0);
    const count = (page: string) => Number(/Hittills har (\d+) av/.exec(page)?.[1]);
    const organisationId = demoOrganisationId('hamnvarvet');
    const member = await signIn(t, { memberships: [{ organisationId }] });
    await submit(t, member, OPEN, organisationId, { organisation: answers, needs: [need()] });
    expect(count(await html(`/demand?round=${OPEN}`))).toBe(count(before) + 1);
  });
});

describe('purging stored page bodies', () => {
  it('drops page bodies older than a week, and a second run drops nothing', async () => {
    await html(`/demand?round=${CLOSED}`);
    expect(pageRows(CLOSED)).toHaveLength(1);
    const { purgeCache } = await import('../../src/cache/purge.ts');
    const { demandPages } = await import('../../src/demand/cache.ts');
    const purgePageBodies = (db: typeof t.deps.db, now: Date) => purgeCache(db, demandPages, now);
    const PAGE_BODY_MAX_AGE_DAYS = demandPages.maxAgeDays ?? 0;
    const day = 86_400_000;
    expect(
      await purgePageBodies(t.deps.db, new Date(t.deps.now().getTime() + (PAGE_BODY_MAX_AGE_DAYS - 1) * day)),
    ).toBe(0);
    const later = new Date(t.deps.now().getTime() + (PAGE_BODY_MAX_AGE_DAYS + 1) * day);
    expect(await purgePageBodies(t.deps.db, later)).toBe(1);
    expect(pageRows(CLOSED)).toHaveLength(0);
    expect(await purgePageBodies(t.deps.db, later)).toBe(0);
    // The next visitor's page is rendered and stored again.
    expect(await html(`/demand?round=${CLOSED}`)).toContain('<table');
  });
});

/**
 * The whole page is kept for visitors who are not signed in while the database's generation
 * (deps.dataGeneration: this connection's writes, other connections' commits) is unchanged
 * (src/cache/snapshots.ts, decision 0038).
 */
describe('the whole demand page kept for visitors who are not signed in', () => {
  const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  const renameRound = (sqlite: SqliteConnection, name: string) =>
    sqlite.raw.prepare("update rounds set name = ? where id = 'demo-round-closed'").run(name);

  it('gives each visitor the same page with their own CSRF token, and the cookie that matches it', async () => {
    const path = `/demand?round=${CLOSED}&table=municipality-horizon`;
    const first = await request(t.app, path);
    const second = await request(t.app, path);
    const [a, b] = [await first.text(), await second.text()];
    const [tokenA, tokenB] = [csrfOf(a), csrfOf(b)];
    expect(tokenA).toMatch(/^[\w-]{43}$/);
    expect(tokenB).toMatch(/^[\w-]{43}$/);
    expect(tokenA).not.toBe(tokenB);
    expect(first.headers.get('set-cookie')).toContain(`__Host-csrf=${tokenA};`);
    expect(second.headers.get('set-cookie')).toContain(`__Host-csrf=${tokenB};`);
    expect(b.replaceAll(tokenB ?? '', 'TOKEN')).toBe(a.replaceAll(tokenA ?? '', 'TOKEN'));
    expect(b).not.toContain('csrf-stand-in');
    // A visitor who has the cookie keeps their token, and is not given a new cookie.
    const returning = await request(t.app, path, { headers: { cookie: `__Host-csrf=${tokenA}` } });
    expect(csrfOf(await returning.text())).toBe(tokenA);
    expect(returning.headers.get('set-cookie')).toBeNull();
  });

  it('shows a change made anywhere in the database on the next view, even one that raises no version', async () => {
    const path = `/demand?round=${CLOSED}`;
    await html(path);
    await html(path);
    renameRound(t.database.sqlite, 'Omdöpt runda');
    expect(await html(path)).toContain('Omdöpt runda');
  });

  it('shows a change another connection committed (the worker thread, another process) on the next view', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-snapshot-'));
    const file = join(dir, 'kompetensbron.db');
    const database = openDatabase(file);
    try {
      applyMigrations(database.sqlite);
      await seedReference(database, readReferenceData());
      const onFile = await createTestApp({ database });
      await seedPublishedDemo(onFile, new Date('2026-11-28T08:00:00Z'));
      const path = `/demand?round=${CLOSED}&table=specialisation-horizon`;
      const page = async () => (await request(onFile.app, path)).text();
      await page();
      expect(await page()).not.toContain('Av en annan anslutning');
      const other = new SqliteConnection(file);
      renameRound(other, 'Av en annan anslutning');
      other.close();
      expect(await page()).toContain('Av en annan anslutning');
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is never served to a signed-in visitor', async () => {
    const path = `/demand?round=${CLOSED}`;
    const secretariat = await signIn(t, { roles: ['secretariat'] });
    const member = await signIn(t, { memberships: [{ organisationId: demoOrganisationId('hamnvarvet') }] });
    await html(path);
    expect(await html(path)).toContain('href="/sign-in"');
    expect(await html(path, { cookie: secretariat.cookie })).toContain('href="/admin"');
    expect(await html(path, { cookie: member.cookie })).toContain('href="/surveys"');
  });
});
