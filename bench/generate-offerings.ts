/**
 * Adds education offerings to the benchmark's demand database, for the gap-analysis scenarios
 * (issue 6): `node --import tsx bench/generate-offerings.ts [--from bench/results/demand-1m.db]
 * [--out bench/results/gap-1m.db] [--offerings 2000] [--providers 40]`. The demand database is
 * copied (it is left as it is for the demand scenarios), migrated, and given providers and
 * offerings with a fixed seed over the real reference lists: occupations drawn in proportion to the
 * round's demand for them (so most offerings meet demand, as in a real region), one or two of them
 * per offering, three to eight of the first occupation's related skills (so skill matches happen
 * as they would), a tenth with skills only, SUN levels fitting the form, real SUN fields, kommuner
 * and 15 % distance. Running it again replaces the offerings.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/node/database.ts';
import { applyMigrations } from '../src/node/migrate.ts';
import { completeOrgNumber } from '../src/organisations/org-number.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: 'bench/results/demand-1m.db' },
    out: { type: 'string', default: 'bench/results/gap-1m.db' },
    offerings: { type: 'string', default: '2000' },
    providers: { type: 'string', default: '40' },
  },
});
const OFFERINGS = Number(values.offerings);
const PROVIDERS = Number(values.providers);
const ROUND_ID = 'bench-round';

if (!existsSync(values.out)) {
  if (!existsSync(values.from)) throw new Error(`${values.from} is missing: run bench/generate-demand.ts first`);
  copyFileSync(values.from, values.out);
}

let state = 6_2026_11;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const database = openDatabase(values.out);
applyMigrations(database.sqlite);
const raw = database.sqlite.raw;
raw.pragma('synchronous = OFF');

// Occupations weighted by the round's demand for them (a one-off read for the generator).
const weighted = raw
  .prepare(
    'select occupation_id as id, count(*) as n from need_lines where round_id = ? group by occupation_id order by n desc',
  )
  .all(ROUND_ID) as { id: string; n: number }[];
if (weighted.length === 0) throw new Error(`no need lines in ${ROUND_ID}`);
const cumulative: number[] = [];
let total = 0;
for (const o of weighted) {
  total += o.n;
  cumulative.push(total);
}
function demandedOccupation(): string {
  const r = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  return weighted[lo]?.id ?? 'DJh5_yyF_hEM';
}
const related = new Map<string, string[]>();
for (const row of raw.prepare('select occupation_id, skill_id from occupation_skills').all() as {
  occupation_id: string;
  skill_id: string;
}[]) {
  related.set(row.occupation_id, [...(related.get(row.occupation_id) ?? []), row.skill_id]);
}
const fields = (raw.prepare('select code from sun_fields where level = 3').all() as { code: string }[]).map(
  (r) => r.code,
);
const municipalities = (raw.prepare('select code from municipalities').all() as { code: string }[]).map((r) => r.code);
const FORMS: [string, string[]][] = [
  ['university-programme', ['53', '54', '55']],
  ['university-course', ['52', '53']],
  ['yh', ['41', '52']],
  ['yh', ['41', '52']],
  ['komvux', ['31', '32', '33']],
  ['contract', ['41']],
  ['upper-secondary-vocational', ['33']],
];
const at = '2026-09-01T00:00:00.000Z';

const started = performance.now();
raw.transaction(() => {
  raw.prepare("delete from offerings where id like 'bench-offering-%'").run();
  const provider =
    raw.prepare(`insert or ignore into organisations (id, name, org_number, sector, sni_division, size_class,
      municipality_code, is_education_provider, is_demo, created_at, updated_at)
    values (?, ?, ?, 'akademi', '85', '250+', ?, 1, 1, ?, ?)`);
  for (let p = 0; p < PROVIDERS; p++)
    provider.run(
      `bench-provider-${p}`,
      `Utbildningsanordnare ${p + 1}`,
      completeOrgNumber(`8029${String(p).padStart(5, '0')}`),
      pick(municipalities),
      at,
      at,
    );
  const offering = raw.prepare(`insert into offerings (id, provider_id, name, form, sun_level, sun_field, annual_places,
      annual_graduates, municipality_code, distance, language, pace, start_dates, url, description, is_demo, version, write_id,
      created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sv', ?, '["2027-08-23"]', null, null, 1, 1, ?, ?, ?)`);
  const occupation = raw.prepare(
    'insert or ignore into offering_occupations (offering_id, occupation_id) values (?, ?)',
  );
  const skill = raw.prepare('insert or ignore into offering_skills (offering_id, skill_id) values (?, ?)');
  for (let i = 0; i < OFFERINGS; i++) {
    const id = `bench-offering-${i}`;
    const [form, levels] = pick(FORMS);
    const distance = random() < 0.15;
    const places = between(8, 80);
    const main = demandedOccupation();
    offering.run(
      id,
      `bench-provider-${between(0, PROVIDERS - 1)}`,
      `Utbildning ${i + 1}`,
      form,
      pick(levels),
      pick(fields),
      places,
      Math.max(1, Math.round(places * (0.6 + random() * 0.3))),
      distance && random() < 0.5 ? null : pick(municipalities),
      distance ? 1 : 0,
      random() < 0.2 ? 50 : 100,
      id,
      at,
      at,
    );
    const skillsOnly = random() < 0.1;
    if (!skillsOnly) {
      occupation.run(id, main);
      if (random() < 0.3) occupation.run(id, demandedOccupation());
    }
    const pool = related.get(main) ?? [];
    for (let s = between(3, 8); s > 0 && pool.length > 0; s--) skill.run(id, pick(pool));
  }
})();
raw.pragma('optimize');
console.log(
  `${OFFERINGS} offerings from ${PROVIDERS} providers in ${values.out} (${Math.round(performance.now() - started)} ms)`,
);
await database.close();
