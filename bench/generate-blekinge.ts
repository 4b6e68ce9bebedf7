/**
 * Builds a Blekinge-sized survey round (issue 16; bench/blekinge/round.ts says what it holds and
 * why): `node --import tsx bench/generate-blekinge.ts [--seed N] [--organisations 600]
 * [--lines 2500] [--round ID] [--open] [--out FILE]`. The output file is replaced: it is this
 * script's own product. Prints the round's figures by size class.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, seedReference } from '../src/node/database.ts';
import { applyMigrations } from '../src/node/migrate.ts';
import { BLEKINGE_DEFAULTS, generateBlekingeRound } from './blekinge/round.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(BLEKINGE_DEFAULTS.seed) },
    organisations: { type: 'string', default: String(BLEKINGE_DEFAULTS.organisations) },
    lines: { type: 'string', default: String(BLEKINGE_DEFAULTS.lines) },
    round: { type: 'string', default: BLEKINGE_DEFAULTS.roundId },
    open: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/blekinge.db' },
  },
});
const integer = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, not ${value}`);
  return n;
};

for (const suffix of ['', '-wal', '-shm']) rmSync(`${values.out}${suffix}`, { force: true });
const database = openDatabase(values.out);
applyMigrations(database.sqlite);
await seedReference(database);
const started = performance.now();
const summary = await generateBlekingeRound(database, {
  seed: integer('seed', values.seed),
  organisations: integer('organisations', values.organisations),
  lines: integer('lines', values.lines),
  roundId: values.round,
  closed: !values.open,
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const bySize = await sql<{ size: string; targeted: number; responded: number; lines: number; headcount: number }>`
  select t.size_class as size, count(*) as targeted, count(sr.organisation_id) as responded,
         coalesce(sum(l.lines), 0) as lines, coalesce(sum(l.headcount), 0) as headcount
  from round_targets t
  left join submitted_responses sr on sr.round_id = t.round_id and sr.organisation_id = t.organisation_id
  left join (select organisation_id, count(*) as lines, sum(headcount) as headcount from need_lines
             where round_id = ${summary.roundId} group by organisation_id) l on l.organisation_id = t.organisation_id
  where t.round_id = ${summary.roundId}
  group by t.size_class
  order by case t.size_class when '250+' then 0 when '50-249' then 1 when '10-49' then 2 when '1-9' then 3 else 4 end`.execute(
  database.db,
);
const total = bySize.rows.reduce((s, r) => s + Number(r.headcount), 0);
console.log(`generated ${summary.roundId} in ${seconds} s into ${values.out}:`, summary);
console.table(
  bySize.rows.map((r) => ({
    ...r,
    'answer rate': `${((100 * r.responded) / r.targeted).toFixed(0)} %`,
    'share of headcount': `${((100 * r.headcount) / total).toFixed(1)} %`,
  })),
);
console.log(`total headcount ${total}`);
await database.close();
