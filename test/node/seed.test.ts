import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type NodeDatabase, prepareDatabase, seedDemo, seedReference } from '../../src/node/database.ts';
import { runDemoJobs } from '../../src/scheduled.ts';
import { DEMO_FLEX_ROUND_ID } from '../../src/seed/demo-flexible.ts';
import { demoRounds } from '../../src/seed/demo-rounds.ts';
import { createTestApp, createTestDatabase, request } from '../support/app.ts';
import { signInExisting } from '../support/auth.ts';
import { outbox, send } from '../support/rounds.ts';

const DATA_TABLES = [
  'region',
  'specialisations',
  'focus_areas',
  'ssyk',
  'occupations',
  'occupation_names',
  'occupation_name_synonyms',
  'data_versions',
  'skills',
  'occupation_skills',
  'sun_levels',
  'sun_fields',
  'sni',
  'counties',
  'municipalities',
  'organisations',
  'users',
  'user_roles',
  'memberships',
  'rounds',
  'round_targets',
  'responses',
  'response_revisions',
  'submitted_responses',
  'need_lines',
  'need_line_skills',
  'need_line_focus',
];

function count(database: NodeDatabase, sql: string): number {
  return (database.sqlite.raw.prepare(sql).get() as { n: number }).n;
}

/** A hash of every row of every data table, to show that a second seed changes nothing. */
function contentHash(database: NodeDatabase): string {
  const hash = createHash('sha256');
  for (const table of DATA_TABLES) {
    for (const row of database.sqlite.raw.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}

describe('reference data seed', () => {
  let database: NodeDatabase;
  afterEach(async () => database.close());

  it('loads the classifications the project needs', async () => {
    database = await createTestDatabase({ reference: false });
    await seedReference(database);
    expect(count(database, 'SELECT count(*) AS n FROM ssyk WHERE level = 4')).toBe(429);
    expect(count(database, 'SELECT count(*) AS n FROM ssyk')).toBe(633);
    expect(count(database, 'SELECT count(*) AS n FROM municipalities')).toBe(290);
    expect(count(database, 'SELECT count(*) AS n FROM counties')).toBe(21);
    expect(count(database, 'SELECT count(*) AS n FROM occupations')).toBe(400);
    expect(count(database, 'SELECT count(*) AS n FROM occupation_names')).toBe(2412);
    expect(count(database, 'SELECT count(*) AS n FROM occupation_name_synonyms')).toBe(2226);
    expect(count(database, "SELECT count(*) AS n FROM occupation_name_synonyms WHERE kind = 'keyword'")).toBe(170);
    expect(count(database, 'SELECT count(*) AS n FROM skills')).toBe(6640);
    expect(count(database, 'SELECT count(*) AS n FROM occupation_skills')).toBe(17517);
    expect(count(database, 'SELECT count(*) AS n FROM sun_levels')).toBe(71);
    expect(count(database, 'SELECT count(*) AS n FROM sun_fields')).toBe(531);
    expect(count(database, 'SELECT count(*) AS n FROM sni')).toBe(930);
    expect(count(database, 'SELECT count(*) AS n FROM specialisations')).toBe(3);
    expect(count(database, 'SELECT count(*) AS n FROM focus_areas')).toBe(13);
    expect(count(database, "SELECT count(*) AS n FROM municipalities WHERE county_code = '10'")).toBe(5);
  });

  it('keeps the real codes: Blekinge is county 10 and software developers are SSYK 2512', async () => {
    database = await createTestDatabase({ reference: false });
    await seedReference(database);
    const region = database.sqlite.raw.prepare('SELECT name_sv, county_code FROM region').get();
    expect(region).toEqual({ name_sv: 'Region Blekinge', county_code: '10' });
    const karlskrona = database.sqlite.raw.prepare("SELECT name FROM municipalities WHERE code = '1080'").get();
    expect(karlskrona).toEqual({ name: 'Karlskrona kommun' });
    const developers = database.sqlite.raw
      .prepare("SELECT label_sv FROM occupations WHERE ssyk_code = '2512'")
      .get() as { label_sv: string };
    expect(developers.label_sv).toMatch(/Mjukvaru- och systemutvecklare/);
  });

  it('changes nothing when run a second time', async () => {
    database = await createTestDatabase({ reference: false });
    const first = await seedReference(database);
    expect(first.changes).toBeGreaterThan(27_000);
    const before = contentHash(database);
    const second = await seedReference(database);
    expect(second.changes).toBe(0);
    expect(contentHash(database)).toBe(before);
  });

  it('prepares a database with migrations, reference and demo data idempotently', async () => {
    database = await createTestDatabase({ reference: false });
    const now = new Date('2026-11-28T10:00:00Z');
    const first = await prepareDatabase(database, { seedDemo: true, now });
    expect(first.demo?.changes).toBeGreaterThan(0);
    const before = contentHash(database);
    const again = await prepareDatabase(database, { seedDemo: true, now: new Date('2026-12-01T10:00:00Z') });
    expect(again).toEqual({
      migrations: [],
      reference: { statements: first.reference.statements, changes: 0 },
      demo: { statements: first.demo?.statements, changes: 0 },
    });
    expect(contentHash(database)).toBe(before);
  });

  it('marks every demo organisation and person as fictional', async () => {
    database = await createTestDatabase();
    await seedDemo(database, new Date('2026-11-28T10:00:00Z'));
    expect(count(database, 'SELECT count(*) AS n FROM organisations WHERE is_demo = 1')).toBe(12);
    expect(count(database, "SELECT count(*) AS n FROM organisations WHERE name NOT LIKE '%(demo)'")).toBe(0);
    expect(
      count(database, "SELECT count(*) AS n FROM users WHERE is_demo = 0 OR email NOT LIKE '%kompetensbron.example'"),
    ).toBe(0);
    // Demo organisations sit in Blekinge's five kommuner and use real SNI divisions.
    expect(
      count(
        database,
        "SELECT count(*) AS n FROM organisations WHERE municipality_code NOT IN (SELECT code FROM municipalities WHERE county_code = '10')",
      ),
    ).toBe(0);
    expect(
      count(
        database,
        "SELECT count(*) AS n FROM organisations WHERE sni_division NOT IN (SELECT code FROM sni WHERE level = 'division')",
      ),
    ).toBe(0);
  });

  it('gives the demo a closed round that ten organisations answered and an open one in progress', async () => {
    database = await createTestDatabase();
    await seedDemo(database, new Date('2026-11-28T10:00:00Z'));
    const rounds = database.sqlite.raw.prepare('SELECT id, status FROM rounds ORDER BY id').all();
    expect(rounds).toEqual([
      // The version 3 round of the demo's shared post (src/seed/demo-flexible.ts).
      { id: 'demo-flex-round', status: 'open' },
      { id: 'demo-round-closed', status: 'closed' },
      { id: 'demo-round-open', status: 'open' },
    ]);
    expect(count(database, "SELECT count(*) AS n FROM submitted_responses WHERE round_id = 'demo-round-closed'")).toBe(
      10,
    );
    expect(
      count(database, "SELECT count(*) AS n FROM responses WHERE round_id = 'demo-round-open' AND status = 'draft'"),
    ).toBe(2);
    // Every need line names a real occupation group, skill and focus area (foreign keys are on).
    expect(count(database, 'SELECT count(*) AS n FROM need_lines')).toBeGreaterThan(25);
    expect(
      count(
        database,
        'SELECT count(*) AS n FROM need_lines l LEFT JOIN occupations o ON o.id = l.occupation_id WHERE o.ssyk_code IS NOT l.ssyk_code',
      ),
    ).toBe(0);
    expect(
      count(
        database,
        "SELECT count(*) AS n FROM need_line_focus f WHERE f.focus_area_code != '' AND NOT EXISTS (SELECT 1 FROM focus_areas a WHERE a.code = f.focus_area_code AND a.specialisation_code = f.specialisation_code)",
      ),
    ).toBe(0);
  });

  it("keeps a user's edit to a demo organisation when seeding again", async () => {
    database = await createTestDatabase();
    await seedDemo(database, new Date('2026-11-28T10:00:00Z'));
    database.sqlite.raw
      .prepare("UPDATE organisations SET name = 'Renamed (demo)' WHERE id = 'demo-org-kodkusten'")
      .run();
    await seedDemo(database, new Date('2026-11-29T10:00:00Z'));
    const row = database.sqlite.raw.prepare("SELECT name FROM organisations WHERE id = 'demo-org-kodkusten'").get();
    expect(row).toEqual({ name: 'Renamed (demo)' });
  });
});

describe('the demo’s shared post', () => {
  interface Proposal {
    roundId: string;
    occupationGroup: { ssyk: string };
    organisations: { id: string; answer: string }[];
    ways: string[];
    teleworkNote: string[];
  }
  const proposals = async (t: Awaited<ReturnType<typeof createTestApp>>, userId: string, orgId: string) => {
    const response = await send(
      t,
      'GET',
      `/api/v1/organisations/${orgId}/shared-posts`,
      await signInExisting(t, userId),
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Proposal[] }).items;
  };

  it('is proposed by the product’s job from two organisations’ part-time lines in a version 3 round, shown to both and to no other, once however often the seed runs', async () => {
    const t = await createTestApp();
    const now = new Date('2026-11-28T09:00:00Z');
    await seedDemo(t.database, now);
    const round = await t.deps.db
      .selectFrom('rounds')
      .select(['questionnaire_version', 'status'])
      .where('id', '=', DEMO_FLEX_ROUND_ID)
      .executeTakeFirstOrThrow();
    expect(round).toEqual({ questionnaire_version: 3, status: 'open' });
    // Before the job runs there is no proposal: the seed writes answers, not proposals.
    expect(await proposals(t, 'demo-user-anna', 'demo-org-hamnvarvet')).toEqual([]);

    const run = await runDemoJobs(t.deps, now);
    expect(run.failed).toBe(0);
    expect(run.jobs.map((j) => [j.name, j.changed])).toEqual([['shared-post-proposals', 2]]);

    const both = ['demo-org-formpress', 'demo-org-hamnvarvet'];
    for (const [userId, orgId] of [
      ['demo-user-anna', 'demo-org-hamnvarvet'],
      ['demo-user-omar', 'demo-org-formpress'],
    ] as const) {
      const items = await proposals(t, userId, orgId);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ roundId: DEMO_FLEX_ROUND_ID, occupationGroup: { ssyk: '2149' } });
      expect(items[0]?.organisations.map((o) => [o.id, o.answer]).sort()).toEqual(both.map((id) => [id, 'proposed']));
      // Formpress's line is hybrid: the cross-border telework note applies.
      expect(items[0]?.teleworkNote).toEqual(['remote-or-hybrid']);
    }
    const page = await request(t.app, '/organisations/demo-org-formpress/shared-posts', {
      headers: { cookie: (await signInExisting(t, 'demo-user-omar')).cookie },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Hamnvarvet Marinteknik AB (demo)');
    expect(await proposals(t, 'demo-user-lina', 'demo-org-kodkusten')).toEqual([]);
    expect((await outbox(t, 'shared-post-proposal')).map((m) => m.to).sort()).toEqual([
      'anna@hamnvarvet.kompetensbron.example',
      'erik@hamnvarvet.kompetensbron.example',
      'omar@formpress.kompetensbron.example',
    ]);

    await seedDemo(t.database, new Date('2026-12-01T09:00:00Z'));
    const again = await runDemoJobs(t.deps, new Date('2026-12-01T09:00:00Z'));
    expect(again.jobs.map((j) => j.changed)).toEqual([0]);
    expect(await t.deps.db.selectFrom('shared_post_proposals').select('id').execute()).toHaveLength(1);
  });
});

describe("the demo rounds' dates, for any seeding day", () => {
  const DAY = 86_400_000;
  const days = Array.from({ length: 3 * 366 }, (_, i) => new Date(Date.UTC(2026, 0, 1, 10) + i * DAY));

  it('puts the closed round in the past and an open round around the seeding day, named by their own years', () => {
    for (const seeded of days) {
      const { closed, open } = demoRounds(seeded);
      const at = seeded.toISOString();
      const day = at.slice(0, 10);
      expect(closed.opens < closed.closes, day).toBe(true);
      expect(closed.closes < open.opens, day).toBe(true);
      // The open round's demo answers are dated a week after it opened: before the seeding day.
      expect(Date.parse(open.opens) + 7 * DAY < seeded.getTime(), day).toBe(true);
      // It accepts answers for at least two months after seeding.
      expect(Date.parse(open.closes) - seeded.getTime() >= 60 * DAY, day).toBe(true);
      for (const round of [closed, open]) {
        expect(round.name, day).toContain(round.closes.slice(0, 4));
        expect(round.period, day).toBe(round.closes.slice(0, 4));
      }
      expect(closed.name, day).not.toBe(open.name);
    }
  });

  it('names the open round added by a later seeding differently from the one that closed before it', () => {
    for (const seeded of days) {
      const { open } = demoRounds(seeded);
      const later = new Date(Date.parse(open.closes) + DAY);
      expect(demoRounds(later).reopened.name, seeded.toISOString()).not.toBe(open.name);
    }
  });

  it('dates the rounds of the day the tests seed on in spring 2026 and spring 2027', () => {
    const { closed, open } = demoRounds(new Date('2026-11-28T10:00:00Z'));
    expect(closed).toMatchObject({
      name: 'Kompetensbehov våren 2026 (demo)',
      opens: '2026-03-02T07:00:00.000Z',
      closes: '2026-05-31T15:00:00.000Z',
    });
    expect(open).toMatchObject({
      name: 'Kompetensbehov våren 2027 (demo)',
      opens: '2026-10-31T07:00:00.000Z',
      closes: '2027-05-31T15:00:00.000Z',
    });
  });
});
