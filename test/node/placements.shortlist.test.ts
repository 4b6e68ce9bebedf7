import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { rankPlacements } from '../../src/placements/students/recommend.ts';
import { EMPTY_PROFILE, type StudentProfile } from '../../src/placements/students/service.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createOrganisation } from '../support/organisations.ts';
import { OCC, SKILL } from '../support/placements.ts';

/**
 * The ranked list's shortlist (src/placements/students/recommend.ts): ranking only the best candidates by
 * skill and occupation points, and keeping that only when no candidate left out could catch up,
 * gives the same list as ranking every candidate. A catalogue made to have many near ties, and
 * random profiles over it, with shortlists of 5, 40 and 120 so that both the kept and the
 * fallen-back case happen often.
 */
const TODAY = '2026-11-29';
const SKILLS = [SKILL.python, SKILL.java, SKILL.javascript, SKILL.cad];
const OCCUPATIONS = [OCC.software, OCC.welder];
const KOMMUNER = ['1060', '1080', '1081', '1082', '1083'];
const FOCUS = [
  ['tech', 'ai'],
  ['tech', 'mjukvaruutveckling'],
  ['smart-industri', 'marin-teknik'],
  ['missions', 'friska-hav'],
] as const;
const LEVELS = ['upper-secondary', 'post-secondary-short', 'bachelor', 'master', null] as const;
const SUN_LEVELS = ['31', '41', '52', '54', null] as const;

let t: TestApp;

/** A small deterministic generator, so that the catalogue is the same on every run. */
function lcg(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date(`${TODAY}T09:00:00Z`) });
  const org = await createOrganisation(t);
  const pick = lcg(7);
  const insert = t.database.sqlite.raw.prepare(
    `insert into placements (id, organisation_id, kind, title, description, occupation_id, municipality_code, remote,
       period_start, period_end, places, apply_by, education_level, status, created_at, updated_at)
     values (?, ?, ?, 'P', 'D', ?, ?, ?, ?, ?, 1, ?, ?, 'open', '2026-11-01', '2026-11-01')`,
  );
  const skill = t.database.sqlite.raw.prepare('insert into placement_skills (placement_id, skill_id) values (?, ?)');
  const focus = t.database.sqlite.raw.prepare(
    'insert into placement_focus (placement_id, specialisation_code, focus_area_code) values (?, ?, ?)',
  );
  for (let i = 0; i < 240; i++) {
    const id = `p-${String(i).padStart(3, '0')}`;
    const start = `2027-0${1 + pick(8)}-01`;
    insert.run(
      id,
      org.id,
      pick(5) === 0 ? 'trainee' : 'lia',
      OCCUPATIONS[pick(OCCUPATIONS.length)],
      KOMMUNER[pick(KOMMUNER.length)],
      pick(3) === 0 ? 1 : 0,
      start,
      start.replace(/-01$/, '-28'),
      // Few distinct deadlines, so that ties in score fall to the deadline and then the id.
      `2027-01-${10 + pick(3)}`,
      LEVELS[pick(LEVELS.length)],
    );
    for (const s of SKILLS) if (pick(3) === 0) skill.run(id, s);
    const f = FOCUS[pick(FOCUS.length)];
    if (f && pick(2) === 0) focus.run(id, f[0], f[1]);
  }
  // Some that have closed or are past their deadline, which no list may show.
  t.database.sqlite.raw.exec(`update placements set status = 'withdrawn' where id like 'p-01%'`);
  t.database.sqlite.raw.exec(`update placements set apply_by = '2026-11-01' where id like 'p-02%'`);
});

const profile = fc.record({
  skillIds: fc.subarray(SKILLS),
  occupationIds: fc.subarray(OCCUPATIONS, { maxLength: 1 }),
  municipalityCodes: fc.subarray(KOMMUNER, { maxLength: 2 }),
  remoteOk: fc.boolean(),
  level: fc.constantFrom(...SUN_LEVELS),
  expectedGraduation: fc.constantFrom(null, '2027-03', '2027-06', '2027-12'),
  specialisations: fc.subarray([
    { code: 'tech', focusAreas: ['ai'] },
    { code: 'smart-industri', focusAreas: [] },
    { code: 'missions', focusAreas: ['friska-hav'] },
  ]),
});

describe('the ranked list through the shortlist', () => {
  it('equals ranking every candidate, for random profiles, whether the shortlist is kept or not', async () => {
    const via = { shortlist: 0, all: 0 };
    await fc.assert(
      fc.asyncProperty(profile, async (drawn) => {
        const p: StudentProfile = { ...EMPTY_PROFILE, ...drawn };
        // A shortlist larger than the catalogue reads every candidate: the reference.
        const every = await rankPlacements(t.deps.db, p, TODAY, 1_000_000);
        expect(every.ranked.every((r) => !/^p-0[12]/.test(r.id))).toBe(true);
        for (const size of [5, 40, 120]) {
          const short = await rankPlacements(t.deps.db, p, TODAY, size);
          via[short.via]++;
          expect(short.ranked).toEqual(every.ranked);
        }
      }),
      { numRuns: 150, seed: 20261129 },
    );
    // Both ways were taken, so the comparison covered both.
    expect(via.shortlist).toBeGreaterThan(10);
    expect(via.all).toBeGreaterThan(10);
  });
});
