/**
 * Builds a placements data set for benchmarks: `node --import tsx bench/generate-placements.ts
 * [--placements 50000] [--students 20000] [--out FILE]`. A fixed seed makes it the same every time
 * (deadlines are counted from the day it runs, so that the placements are open). Real reference
 * ids throughout: occupations and their JobTech skill relations, the region's focus areas, kommun
 * codes (mostly Blekinge's five). A small closed round of need lines gives the ranked list's
 * reasons protected demand to look up.
 */
import { parseArgs } from 'node:util';
import { openDatabase, seedReference } from '../src/node/database.ts';
import { applyMigrations } from '../src/node/migrate.ts';
import { stockholmDay } from '../src/placements/dates.ts';
import { placementTerms, wordParts } from '../src/placements/terms.ts';

const { values } = parseArgs({
  options: {
    placements: { type: 'string', default: '50000' },
    students: { type: 'string', default: '20000' },
    out: { type: 'string', default: 'bench/results/placements-50k.db' },
  },
});
const PLACEMENTS = Number(values.placements);
const STUDENTS = Number(values.students);
const ORGS = 2000;

let state = 20261128;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const zipfTables = new Map<string, number[]>();
function zipf(n: number, s = 1.1): number {
  let weights = zipfTables.get(`${n}:${s}`);
  if (!weights) {
    weights = [];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / (i + 1) ** s;
      weights.push(sum);
    }
    zipfTables.set(`${n}:${s}`, weights);
  }
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
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const database = openDatabase(values.out);
applyMigrations(database.sqlite);
await seedReference(database);
const raw = database.sqlite.raw;
raw.pragma('synchronous = OFF');

const skillLabel = new Map(
  (raw.prepare('select id, label_sv from skills').all() as { id: string; label_sv: string }[]).map((r) => [
    r.id,
    r.label_sv,
  ]),
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
const occupations = shuffled(
  (
    raw.prepare('select id, label_sv, ssyk_code from occupations').all() as {
      id: string;
      label_sv: string;
      ssyk_code: string | null;
    }[]
  ).filter((o) => (related.get(o.id)?.length ?? 0) >= 3),
);
const focus = shuffled(
  raw.prepare('select code, specialisation_code from focus_areas').all() as {
    code: string;
    specialisation_code: string;
  }[],
);
const allMunicipalities = (raw.prepare('select code from municipalities').all() as { code: string }[]).map(
  (r) => r.code,
);
const BLEKINGE = ['1080', '1081', '1082', '1083', '1060'];
const municipality = () => (random() < 0.75 ? (BLEKINGE[zipf(5, 0.8)] ?? '1080') : pick(allMunicipalities));
const KINDS = ['lia', 'lia', 'praktik', 'praktik', 'exjobb', 'exjobb', 'trainee', 'summer', 'student-job'];
const LEVELS = [null, null, 'post-secondary-short', 'bachelor', 'bachelor', 'master'];
const SUN = ['41', '52', '53', '54', '55'];
const WORDS = [
  'utveckling',
  'produktion',
  'hållbarhet',
  'digitalisering',
  'kvalitet',
  'service',
  'analys',
  'innovation',
];
const today = stockholmDay(new Date());
const at = new Date().toISOString();

const started = performance.now();
raw.transaction(() => {
  const org =
    raw.prepare(`insert into organisations (id, name, org_number, sector, sni_division, size_class, municipality_code,
      is_education_provider, is_demo, created_at, updated_at) values (?, ?, ?, 'naringsliv', '62', '10-49', ?, 0, 1, ?, ?)`);
  for (let i = 0; i < ORGS; i++)
    org.run(
      `bench-org-${i}`,
      `Benchmark ${i}`,
      `58${String(i).padStart(4, '0')}-${String(i).padStart(4, '0')}`,
      municipality(),
      at,
      at,
    );

  const placement =
    raw.prepare(`insert into placements (id, organisation_id, kind, title, description, occupation_id, municipality_code,
      remote, period_start, period_end, places, apply_by, paid, language, education_level, requirements, contact, need_ref, write_id,
      status, version, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sv', ?, '', '', null, ?, 'open', 1, null, ?, ?)`);
  const skill = raw.prepare('insert or ignore into placement_skills (placement_id, skill_id) values (?, ?)');
  const area = raw.prepare(
    'insert or ignore into placement_focus (placement_id, specialisation_code, focus_area_code) values (?, ?, ?)',
  );
  const term = raw.prepare(
    'insert or ignore into placement_terms (term, in_title, apply_by, placement_id) values (?, ?, ?, ?)',
  );
  const part = raw.prepare('insert or ignore into placement_word_parts (part, word) values (?, ?)');
  for (let i = 0; i < PLACEMENTS; i++) {
    const id = `bench-placement-${String(i).padStart(6, '0')}`;
    const occupation = occupations[zipf(occupations.length, 1.0)] ?? occupations[0];
    if (!occupation) throw new Error('no occupations');
    const kind = pick(KINDS);
    const skills = [
      ...new Set(Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(related.get(occupation.id) ?? []))),
    ];
    const applyBy = addDays(today, 1 + Math.floor(random() * 180));
    const start = addDays(applyBy, 14 + Math.floor(random() * 90));
    const end = addDays(start, 30 + Math.floor(random() * 150));
    const title = `${kind.toUpperCase()} – ${occupation.label_sv}, ${pick(WORDS)}`;
    const labels = skills.map((s) => skillLabel.get(s) ?? '');
    const description = `Hos oss arbetar du med ${pick(WORDS)} och ${labels.slice(0, 3).join(', ')}.`;
    placement.run(
      id,
      `bench-org-${zipf(ORGS, 0.7)}`,
      kind,
      title,
      description,
      occupation.id,
      municipality(),
      random() < 0.2 ? 1 : 0,
      start,
      end,
      1 + Math.floor(random() * 3),
      applyBy,
      random() < 0.5 ? 1 : 0,
      pick(LEVELS),
      id,
      at,
      at,
    );
    for (const s of skills) skill.run(id, s);
    const areas = random() < 0.3 ? 2 : 1;
    for (let k = 0; k < areas; k++) {
      const f = focus[zipf(focus.length, 0.7)];
      if (f) area.run(id, f.specialisation_code, f.code);
    }
    const terms = placementTerms(title, occupation.label_sv, ...labels, description);
    for (const [w, inTitle] of terms) term.run(w, inTitle, applyBy, id);
    for (const [p, w] of wordParts(terms.map(([w]) => w))) part.run(p, w);
  }

  const user = raw.prepare('insert into users (id, email, name, is_demo, created_at) values (?, ?, ?, 1, ?)');
  const role = raw.prepare("insert into user_roles (user_id, role, granted_at) values (?, 'student', ?)");
  const profile =
    raw.prepare(`insert into student_profiles (user_id, programme, institution, sun_level, expected_graduation, remote_ok,
      languages, visibility, skill_ids, occupation_ids, specialisations, municipality_codes, version, updated_at)
      values (?, 'Benchmarkprogrammet', 'BTH', ?, ?, ?, '["sv","en"]', 'applications', ?, ?, ?, ?, 1, ?)`);
  for (let i = 0; i < STUDENTS; i++) {
    const id = `bench-student-${i}`;
    user.run(id, `student${i}@bench.kompetensbron.example`, `Student ${i}`, at);
    role.run(id, at);
    const occupation = occupations[zipf(occupations.length, 1.0)] ?? occupations[0];
    const skills = [
      ...new Set(
        Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(related.get(occupation?.id ?? '') ?? [])),
      ),
    ].sort();
    const f = focus[zipf(focus.length, 0.7)];
    const year = 2027 + Math.floor(random() * 2);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    profile.run(
      id,
      pick(SUN),
      `${year}-${month}`,
      random() < 0.4 ? 1 : 0,
      JSON.stringify(skills),
      JSON.stringify(random() < 0.5 && occupation ? [occupation.id] : []),
      JSON.stringify(f ? [{ code: f.specialisation_code, focusAreas: [f.code] }] : []),
      JSON.stringify(
        [...new Set([BLEKINGE[zipf(5, 0.8)] ?? '1080', ...(random() < 0.3 ? [pick(BLEKINGE)] : [])])].sort(),
      ),
      at,
    );
  }

  // A closed round whose protected demand the reasons cite.
  raw
    .prepare(`insert into rounds (id, name, period, opens_at, closes_at, status, questionnaire_version, target, created_at, opened_at, closed_at)
      values ('bench-round', 'Benchmark round', '2026', '2026-03-01T00:00:00.000Z', '2026-05-31T00:00:00.000Z', 'closed', 1, '{}', ?, ?, ?)`)
    .run(at, at, at);
  const response =
    raw.prepare(`insert into responses (round_id, organisation_id, version, status, draft, updated_at, revision, submitted_version, submitted_at)
      values ('bench-round', ?, 1, 'submitted', '{}', ?, 1, 1, ?)`);
  const submitted =
    raw.prepare(`insert into submitted_responses (round_id, organisation_id, revision, sector, size_class, municipality_code, obstacles, contact_consent, submitted_at)
      values ('bench-round', ?, 1, 'naringsliv', '10-49', '1080', '[]', 0, ?)`);
  const line =
    raw.prepare(`insert into need_lines (id, round_id, organisation_id, line_no, occupation_id, ssyk_code, headcount, horizon, education_level, difficulty)
      values (?, 'bench-round', ?, ?, ?, ?, ?, ?, 'bachelor', 3)`);
  for (let o = 0; o < 300; o++) {
    response.run(`bench-org-${o}`, at, at);
    submitted.run(`bench-org-${o}`, at);
    for (let n = 1; n <= 10; n++) {
      const occupation = occupations[zipf(occupations.length, 1.0)] ?? occupations[0];
      line.run(
        `bench-need-${o}-${n}`,
        `bench-org-${o}`,
        n,
        occupation?.id,
        occupation?.ssyk_code ?? null,
        1 + Math.floor(random() * 4),
        pick(['0-1', '1-3', '3-5']),
      );
    }
  }
})();
raw.pragma('synchronous = FULL');
raw.exec('analyze');
const counts = raw
  .prepare(`select (select count(*) from placements) as placements, (select count(*) from placement_terms) as terms,
    (select count(*) from student_profiles) as students, (select count(*) from need_lines) as needs`)
  .get();
console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s into ${values.out}:`, counts);
await database.close();
