/**
 * Builds a large demand data set for benchmarks: `node --import tsx bench/generate-demand.ts
 * [--organisations 100000] [--lines 1000000] [--out FILE]`. A fixed seed makes it the same every
 * time. Distributions follow the shape of real surveys over the real reference lists: most
 * organisations are small; occupations, kommuner and specialisations follow a Zipf-like skew over
 * the real SSYK-4 groups (JobTech), all 290 kommuner and the region's focus areas; headcounts are
 * mostly 1–3 with a long tail; a need counts for one or two focus areas and names up to three of its
 * occupation's related skills. One closed round holds it all.
 */
import { parseArgs } from 'node:util';
import { openDatabase, seedReference } from '../src/node/database.ts';
import { applyMigrations } from '../src/node/migrate.ts';

const { values } = parseArgs({
  options: {
    organisations: { type: 'string', default: '100000' },
    lines: { type: 'string', default: '1000000' },
    out: { type: 'string', default: 'bench/results/demand-1m.db' },
  },
});
const ORGS = Number(values.organisations);
const LINES = Number(values.lines);
export const ROUND_ID = 'bench-round';

// Mulberry32: a small, fast, seeded PRNG.
let state = 20261128;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/** Index into n items with probability falling as 1/(i+1)^s. */
function zipf(n: number, s = 1.1): number {
  const weights = zipfTables.get(`${n}:${s}`) ?? buildZipf(n, s);
  const r = random() * (weights[weights.length - 1] ?? 1);
  let lo = 0;
  let hi = weights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((weights[mid] ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const zipfTables = new Map<string, number[]>();
function buildZipf(n: number, s: number): number[] {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cumulative.push(sum);
  }
  zipfTables.set(`${n}:${s}`, cumulative);
  return cumulative;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
/** Shuffles with the seeded generator, so that Zipf ranks fall on arbitrary real codes. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const database = openDatabase(values.out);
applyMigrations(database.sqlite);
await seedReference(database);
const raw = database.sqlite.raw;
raw.pragma('synchronous = OFF');

const municipalities = shuffled(
  (raw.prepare('select code from municipalities').all() as { code: string }[]).map((r) => r.code),
);
const divisions = shuffled(
  raw.prepare("select code, parent_code from sni where level = 'division'").all() as {
    code: string;
    parent_code: string;
  }[],
);
const occupations = shuffled(
  raw.prepare('select id, ssyk_code from occupations').all() as { id: string; ssyk_code: string | null }[],
);
const focus = shuffled(
  raw.prepare('select code, specialisation_code from focus_areas').all() as {
    code: string;
    specialisation_code: string;
  }[],
);
const related = new Map<string, string[]>();
for (const row of raw.prepare('select occupation_id, skill_id from occupation_skills').all() as {
  occupation_id: string;
  skill_id: string;
}[]) {
  const list = related.get(row.occupation_id) ?? [];
  list.push(row.skill_id);
  related.set(row.occupation_id, list);
}
const SIZE = ['0', '1-9', '1-9', '1-9', '10-49', '10-49', '50-249', '250+'];
const SECTORS = ['naringsliv', 'naringsliv', 'naringsliv', 'naringsliv', 'offentlig', 'akademi', 'civilsamhalle'];
const HORIZONS = ['0-1', '1-3', '1-3', '3-5'];
const LEVELS = ['upper-secondary', 'post-secondary-short', 'bachelor', 'bachelor', 'master', 'doctoral'];
const at = '2026-06-01T00:00:00.000Z';

const started = performance.now();
raw.transaction(() => {
  raw.prepare(`delete from rounds where id = ?`).run(ROUND_ID);
  raw
    .prepare(`insert into rounds (id, name, period, opens_at, closes_at, status, questionnaire_version, target, created_at, opened_at, closed_at)
              values (?, 'Benchmark round', '2026', '2026-03-01T00:00:00.000Z', '2026-05-31T00:00:00.000Z', 'closed', 1, '{}', ?, ?, ?)`)
    .run(ROUND_ID, at, at, at);
  const org =
    raw.prepare(`insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code, is_education_provider, is_demo, created_at, updated_at)
                           values (?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)`);
  const response =
    raw.prepare(`insert into responses (round_id, organisation_id, version, status, draft, updated_at, revision, submitted_version, submitted_at)
                                values (?, ?, 1, 'submitted', '{"organisation":{},"needs":[]}', ?, 1, 1, ?)`);
  const submitted =
    raw.prepare(`insert into submitted_responses (round_id, organisation_id, revision, sector, size_class, municipality_code, sni_section, obstacles, contact_consent, submitted_at)
                                 values (?, ?, 1, ?, ?, ?, ?, '[]', 0, ?)`);
  const orgAttrs: { id: string }[] = [];
  for (let i = 0; i < ORGS; i++) {
    const id = `bench-org-${i}`;
    const division = divisions[zipf(divisions.length, 0.9)] ?? { code: '62', parent_code: 'J' };
    const sector = pick(SECTORS);
    const size = pick(SIZE);
    const municipality = municipalities[zipf(municipalities.length, 0.8)] ?? '1080';
    const nine = `59${String(i).padStart(7, '0')}`;
    let sum = 0;
    for (let k = 0; k < 9; k++) {
      let d = Number(nine[k]) * (k % 2 === 0 ? 2 : 1);
      if (d > 9) d -= 9;
      sum += d;
    }
    org.run(
      id,
      `Benchmark ${i}`,
      `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`,
      sector,
      division.code,
      size,
      municipality,
      at,
      at,
    );
    response.run(ROUND_ID, id, at, at);
    submitted.run(ROUND_ID, id, sector, size, municipality, division.parent_code, at);
    orgAttrs.push({ id });
  }
  const line =
    raw.prepare(`insert into need_lines (id, round_id, organisation_id, line_no, occupation_id, ssyk_code, headcount, horizon, education_level, difficulty,
                              recruit_local, recruit_outside, relocation_family, train_staff, remote, consultants, placement_kinds, placement_count, comment)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)`);
  const linkFocus = raw.prepare(
    'insert or ignore into need_line_focus (need_line_id, specialisation_code, focus_area_code) values (?, ?, ?)',
  );
  const linkSkill = raw.prepare('insert or ignore into need_line_skills (need_line_id, skill_id) values (?, ?)');
  const lineNo = new Map<number, number>();
  for (let i = 0; i < LINES; i++) {
    const o = zipf(ORGS, 0.6);
    const n = (lineNo.get(o) ?? 0) + 1;
    lineNo.set(o, n);
    const occupation = occupations[zipf(occupations.length, 1.05)] ?? { id: 'DJh5_yyF_hEM', ssyk_code: '2512' };
    const id = `bench-line-${i}`;
    const headcount =
      random() < 0.6 ? 1 : random() < 0.7 ? 2 + Math.floor(random() * 2) : 4 + Math.floor(random() * random() * 40);
    const b = () => (random() < 0.3 ? 1 : 0);
    const placement = random() < 0.2;
    line.run(
      id,
      ROUND_ID,
      orgAttrs[o]?.id,
      n,
      occupation.id,
      occupation.ssyk_code,
      headcount,
      pick(HORIZONS),
      pick(LEVELS),
      1 + Math.floor(random() * 5),
      b(),
      b(),
      b(),
      b(),
      b(),
      b(),
      placement ? '["lia"]' : null,
      placement ? 1 + Math.floor(random() * 3) : null,
    );
    const areas = random() < 0.3 ? 2 : 1;
    for (let k = 0; k < areas; k++) {
      const area = focus[zipf(focus.length, 0.7)];
      if (area) linkFocus.run(id, area.specialisation_code, area.code);
    }
    const skills = related.get(occupation.id) ?? [];
    const count = skills.length ? Math.floor(random() * 4) : 0;
    for (let k = 0; k < count; k++) linkSkill.run(id, pick(skills));
  }
})();
raw.pragma('synchronous = FULL');
raw.exec('analyze');
const counts = raw
  .prepare(`select (select count(*) from organisations where is_demo = 1) as orgs, (select count(*) from need_lines) as lines,
  (select count(*) from need_line_focus) as focus, (select count(*) from need_line_skills) as skills`)
  .get();
console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s into ${values.out}:`, counts);
await database.close();
