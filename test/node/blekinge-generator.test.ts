import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BlekingeRoundSummary, generateBlekingeRound } from '../../bench/blekinge/round.ts';
import type { NodeDatabase } from '../../src/node/database.ts';
import { parseOrgNumber } from '../../src/organisations/org-number.ts';
import { submittable } from '../../src/surveys/schemas.ts';
import { EDUCATION_LEVEL_CODES } from '../../src/taxonomy/education-levels.ts';
import { createTestApp, createTestDatabase, request, type TestApp } from '../support/app.ts';
import { signInSecretariat } from '../support/auth.ts';

let t: TestApp;
let summary: BlekingeRoundSummary;
const ROUND = 'blekinge-round';

beforeAll(async () => {
  t = await createTestApp();
  summary = await generateBlekingeRound(t.deps);
});

const all = <T>(database: NodeDatabase, query: string, ...params: unknown[]) =>
  database.sqlite.raw.prepare(query).all(...params) as T[];
const one = <T>(database: NodeDatabase, query: string, ...params: unknown[]) =>
  database.sqlite.raw.prepare(query).get(...params) as T;

/** Every generated row that a published figure could depend on, hashed. */
function roundHash(database: NodeDatabase, round: string): string {
  const rows = [
    all(database, 'select * from need_lines where round_id = ? order by id', round),
    all(
      database,
      `select f.* from need_line_focus f join need_lines l on l.id = f.need_line_id where l.round_id = ?
       order by 1, 2, 3`,
      round,
    ),
    all(
      database,
      `select s.* from need_line_skills s join need_lines l on l.id = s.need_line_id where l.round_id = ? order by 1, 2`,
      round,
    ),
    all(database, 'select * from submitted_responses where round_id = ? order by organisation_id', round),
  ];
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

describe('the Blekinge round generator', () => {
  it('writes about 600 organisations and 2,500 need lines in a closed round that 55–65 % answered', () => {
    expect(summary).toEqual({
      roundId: ROUND,
      organisations: 600,
      targeted: 600,
      responded: expect.any(Number),
      lines: 2500,
    });
    expect(
      one(t.database, `select count(*) as n from organisations where is_demo = 1 and id like ?`, `${ROUND}-org-%`),
    ).toEqual({ n: 600 });
    expect(one(t.database, 'select status, questionnaire_version as v from rounds where id = ?', ROUND)).toEqual({
      status: 'closed',
      v: 1,
    });
    const counts = one<Record<string, number>>(
      t.database,
      `select (select count(*) from round_targets where round_id = $r) as targets,
              (select count(*) from responses where round_id = $r and status = 'submitted') as submitted,
              (select count(*) from submitted_responses where round_id = $r) as rows,
              (select count(*) from response_revisions where round_id = $r) as revisions,
              (select count(*) from need_lines where round_id = $r) as lines`,
      { r: ROUND },
    );
    expect(counts).toEqual({
      targets: 600,
      submitted: summary.responded,
      rows: summary.responded,
      revisions: summary.responded,
      lines: 2500,
    });
    expect(summary.responded / summary.targeted).toBeGreaterThanOrEqual(0.55);
    expect(summary.responded / summary.targeted).toBeLessThanOrEqual(0.65);
  });

  it('hears from large employers more often than from small firms', () => {
    const rates = all<{ size: string; rate: number }>(
      t.database,
      `select t.size_class as size, avg(case when r.status = 'submitted' then 1.0 else 0 end) as rate from round_targets t
       left join responses r on r.round_id = t.round_id and r.organisation_id = t.organisation_id
       where t.round_id = ? group by t.size_class`,
      ROUND,
    );
    const rate = (size: string) => rates.find((r) => r.size === size)?.rate ?? 0;
    expect(rate('250+')).toBeGreaterThan(rate('50-249'));
    expect(rate('50-249')).toBeGreaterThan(rate('10-49'));
    expect(rate('10-49')).toBeGreaterThan(rate('1-9'));
  });

  it('gives the same rows for the same seed and different rows for another seed', async () => {
    const again = await createTestDatabase();
    const other = await createTestDatabase();
    await generateBlekingeRound(again);
    await generateBlekingeRound(other, { seed: 7 });
    expect(roundHash(again, ROUND)).toBe(roundHash(t.database, ROUND));
    expect(roundHash(other, ROUND)).not.toBe(roundHash(t.database, ROUND));
    await again.close();
    await other.close();
  });

  it('refers only to real reference codes', () => {
    expect(t.database.sqlite.raw.pragma('foreign_key_check')).toEqual([]);
    // Columns without a foreign key, checked one by one.
    const badFocus = all(
      t.database,
      `select f.* from need_line_focus f join need_lines l on l.id = f.need_line_id
       where l.round_id = ? and f.focus_area_code <> '' and not exists (select 1 from focus_areas a
         where a.code = f.focus_area_code and a.specialisation_code = f.specialisation_code)`,
      ROUND,
    );
    expect(badFocus).toEqual([]);
    const badSsyk = all(
      t.database,
      `select l.id from need_lines l join occupations o on o.id = l.occupation_id
       where l.round_id = ? and (l.ssyk_code is not o.ssyk_code or l.ssyk_code is null)`,
      ROUND,
    );
    expect(badSsyk).toEqual([]);
    const unrelatedSkills = all(
      t.database,
      `select s.* from need_line_skills s join need_lines l on l.id = s.need_line_id where l.round_id = ?
       and not exists (select 1 from occupation_skills os where os.occupation_id = l.occupation_id and os.skill_id = s.skill_id)`,
      ROUND,
    );
    expect(unrelatedSkills).toEqual([]);
    const levels = all<{ level: string }>(
      t.database,
      'select distinct education_level as level from need_lines where round_id = ?',
      ROUND,
    );
    for (const { level } of levels) expect(EDUCATION_LEVEL_CODES).toContain(level);
    const organisations = all<{ org_number: string; municipality_code: string }>(
      t.database,
      'select org_number, municipality_code from organisations where id like ?',
      `${ROUND}-org-%`,
    );
    for (const o of organisations) {
      expect(parseOrgNumber(o.org_number)).toEqual({ ok: true, value: o.org_number });
      expect(['1060', '1080', '1081', '1082', '1083']).toContain(o.municipality_code);
    }
  });

  it('stores each submission as the survey does: a submittable document that its rows repeat', () => {
    const revisions = all<{ organisation_id: string; document: string }>(
      t.database,
      'select organisation_id, document from response_revisions where round_id = ?',
      ROUND,
    );
    for (const revision of revisions) {
      const document = submittable.parse(JSON.parse(revision.document));
      const stored = one<{ lines: number; headcount: number | null }>(
        t.database,
        'select count(*) as lines, sum(headcount) as headcount from need_lines where round_id = ? and organisation_id = ?',
        ROUND,
        revision.organisation_id,
      );
      expect(stored.lines).toBe(document.needs.length);
      expect(stored.headcount ?? 0).toBe(document.needs.reduce((s, n) => s + n.headcount, 0));
    }
  });

  it('has a handful of large employers that carry most of the headcount, and small firms with a few lines each', () => {
    const bySize = all<{ size: string; organisations: number; headcount: number; most: number; biggest: number }>(
      t.database,
      `select sr.size_class as size, count(distinct l.organisation_id) as organisations, sum(l.headcount) as headcount,
              max(l.headcount) as biggest,
              (select max(n) from (select count(*) as n from need_lines x join submitted_responses y
                 on y.round_id = x.round_id and y.organisation_id = x.organisation_id
                 where x.round_id = sr.round_id and y.size_class = sr.size_class group by x.organisation_id)) as most
       from need_lines l join submitted_responses sr on sr.round_id = l.round_id and sr.organisation_id = l.organisation_id
       where l.round_id = ? group by sr.size_class`,
      ROUND,
    );
    const total = bySize.reduce((s, r) => s + r.headcount, 0);
    const large = bySize.find((r) => r.size === '250+');
    const small = bySize.find((r) => r.size === '1-9');
    expect(large?.organisations).toBeGreaterThanOrEqual(4);
    expect((large?.headcount ?? 0) / total).toBeGreaterThan(0.5);
    expect(small).toMatchObject({ most: expect.any(Number), biggest: expect.any(Number) });
    expect(small?.most).toBeLessThanOrEqual(4);
    expect(small?.biggest).toBeLessThanOrEqual(3);
  });

  it('names two specialisations on 20–30 % of lines and a focus area on most', () => {
    const shares = one<{ two: number; area: number }>(
      t.database,
      `select avg(specs = 2) as two, avg(areas > 0) as area from (
         select count(distinct f.specialisation_code) as specs, count(nullif(f.focus_area_code, '')) as areas
         from need_lines l join need_line_focus f on f.need_line_id = l.id where l.round_id = ? group by l.id)`,
      ROUND,
    );
    expect(shares.two).toBeGreaterThanOrEqual(0.2);
    expect(shares.two).toBeLessThanOrEqual(0.3);
    expect(shares.area).toBeGreaterThan(0.5);
    const withoutSpecialisation = one<{ n: number }>(
      t.database,
      `select count(*) as n from need_lines l where l.round_id = ?
       and not exists (select 1 from need_line_focus f where f.need_line_id = l.id)`,
      ROUND,
    );
    expect(withoutSpecialisation.n).toBe(0);
  });

  it('is a closed round the secretariat reads raw and the public waits for until it is published', async () => {
    // Its publication takes about a minute (bench/publish.ts, bench/audit-blekinge.ts time it);
    // here it is only requested, so the public sees that figures are on their way.
    const closed = await request(t.app, `/api/v1/demand?round=${ROUND}&by=specialisation,horizon`);
    expect(closed.status).toBe(409);
    const secretariat = await signInSecretariat(t);
    const response = await request(t.app, `/api/v1/demand?round=${ROUND}&by=specialisation,horizon`, {
      headers: { cookie: secretariat.cookie },
    });
    expect(response.status).toBe(200);
    const table = (await response.json()) as {
      round: { id: string };
      protected: boolean;
      cells: { suppressed: boolean; headcount: number | null }[];
    };
    expect(table.round.id).toBe(ROUND);
    expect(table.protected).toBe(false);
    expect(table.cells.length).toBeGreaterThan(0);
    expect(table.cells.some((c) => !c.suppressed && (c.headcount ?? 0) > 0)).toBe(true);
  });

  it('writes a smaller round that is still open when asked to, beside the first', async () => {
    const small = await generateBlekingeRound(t.deps, {
      roundId: 'blekinge-open',
      closed: false,
      organisations: 60,
      lines: 200,
    });
    expect(small).toMatchObject({ roundId: 'blekinge-open', organisations: 60, targeted: 60, lines: 200 });
    const round = one<{ status: string; closes_at: string }>(
      t.database,
      'select status, closes_at from rounds where id = ?',
      'blekinge-open',
    );
    expect(round.status).toBe('open');
    expect(round.closes_at > '2026-06-01T08:00:00.000Z').toBe(true);
    expect(one(t.database, `select count(*) as n from organisations where id like 'blekinge-open-org-%'`)).toEqual({
      n: 60,
    });
  });
});
