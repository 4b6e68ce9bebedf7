import { type CompiledQuery, type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The demo's survey rounds, dated from the day the demo is seeded, as its placements are
 * (src/seed/demo-placements.ts), so that the README's walk-through works whatever the date:
 *
 * - a closed round, the last spring or autumn round that closed at least 60 days before seeding,
 *   which carries the demo's published figures and stays closed;
 * - an open round, opened 28 days before seeding (so its demo answers lie in the past) and closing
 *   at the first spring or autumn closing time at least 60 days after seeding.
 *
 * Spring rounds close on 31 May, autumn rounds on 30 November (15:00 UTC). A round is named, and
 * its period set, by the half-year in which it closes ("Kompetensbehov våren 2027 (demo)"), so the
 * names carry the years of their own dates and never a year written into the code.
 *
 * Seeding again keeps existing rows as they are, as the rest of the demo does. If on that day no
 * demo round accepts answers any more (the open one has passed its closing time, or was closed by
 * hand), the seed adds a new open round dated from that day, `demo-round-open-YYYY-MM-DD`, with the
 * same demo answers, so one open round is always there to answer. Its closing time is a later
 * half-year than the round it follows whenever that one closed on time, so the names differ.
 * The choice is made in SQL (each insert's WHERE), because the D1 seed is a file of statements
 * written before it runs (scripts/seed-d1.ts).
 */
export const DEMO_CLOSED_ROUND_ID = 'demo-round-closed';
export const DEMO_OPEN_ROUND_ID = 'demo-round-open';

export interface DemoRound {
  id: string;
  name: string;
  period: string;
  opens: string;
  closes: string;
  status: 'open' | 'closed';
}

const DAY = 86_400_000;

/** The spring and autumn closing times of a year, 31 May and 30 November at 15:00 UTC. */
const closingTimes = (year: number) => [Date.UTC(year, 4, 31, 15), Date.UTC(year, 10, 30, 15)];

/** The first closing time at or after `time`. */
function nextClosing(time: number): Date {
  const year = new Date(time).getUTCFullYear();
  const found = [...closingTimes(year), ...closingTimes(year + 1)].find((c) => c >= time);
  return new Date(found ?? Date.UTC(year + 1, 4, 31, 15));
}

/** The last closing time at or before `time`. */
function lastClosing(time: number): Date {
  const year = new Date(time).getUTCFullYear();
  const found = [...closingTimes(year - 1), ...closingTimes(year)].reverse().find((c) => c <= time);
  return new Date(found ?? Date.UTC(year - 1, 10, 30, 15));
}

function named(closes: Date): Pick<DemoRound, 'name' | 'period'> {
  const year = closes.getUTCFullYear();
  const season = closes.getUTCMonth() < 6 ? 'våren' : 'hösten';
  return { name: `Kompetensbehov ${season} ${year} (demo)`, period: String(year) };
}

/** 07:00 UTC on the day `days` after the day of `now` (negative: before). */
const morning = (now: Date, days: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 7));

/** The rounds a seeding at `now` would add: the closed one, the open one, and the open one's stand-in. */
export function demoRounds(now: Date): { closed: DemoRound; open: DemoRound; reopened: DemoRound } {
  const closedCloses = lastClosing(now.getTime() - 60 * DAY);
  const closed: DemoRound = {
    id: DEMO_CLOSED_ROUND_ID,
    ...named(closedCloses),
    opens: new Date(
      Date.UTC(closedCloses.getUTCFullYear(), closedCloses.getUTCMonth(), closedCloses.getUTCDate() - 90, 7),
    ).toISOString(),
    closes: closedCloses.toISOString(),
    status: 'closed',
  };
  const openCloses = nextClosing(now.getTime() + 60 * DAY);
  const open: DemoRound = {
    id: DEMO_OPEN_ROUND_ID,
    ...named(openCloses),
    opens: morning(now, -28).toISOString(),
    closes: openCloses.toISOString(),
    status: 'open',
  };
  const reopened: DemoRound = { ...open, id: `${DEMO_OPEN_ROUND_ID}-${now.toISOString().slice(0, 10)}` };
  return { closed, open, reopened };
}

/** SQL: some demo round accepts answers at `at` (open, and its closing time not passed). */
const demoRoundAccepting = (at: string) =>
  eb.exists(
    demoRoundRows().where('d.id', 'like', 'demo-round-%').where('d.status', '=', 'open').where('d.closes_at', '>', at),
  );

// Conditions built apart from the statements they go into.
const eb = expressionBuilder<Database, never>();
const demoRoundRows = () => eb.selectFrom('rounds as d').select(eb.lit(1).as('one'));

/** SQL: the round `id` exists (its answers go in only then). */
export const demoRoundExists = (id: string) => eb.exists(demoRoundRows().where('d.id', '=', id));

/**
 * The three conditional inserts, in this order: the closed round when the database has no demo
 * round at all; the open round when no demo round accepts answers and it does not exist; its
 * stand-in under the same condition, which the open round's insert, just before, has made false
 * unless the open round already existed and has closed.
 */
export function demoRoundQueries(db: Kysely<Database>, now: Date, createdBy: string): CompiledQuery[] {
  const at = now.toISOString();
  const { closed, open, reopened } = demoRounds(now);
  const insert = (round: DemoRound, condition: Expression<SqlBool>) => {
    const row = {
      id: round.id,
      name: round.name,
      period: round.period,
      opens_at: round.opens,
      closes_at: round.closes,
      status: round.status,
      // Every demo round, the open one too, keeps questionnaire version 1: the demo's answers are
      // version 1's, and its rounds are meant to show change between them, which a version 2 round
      // would not (its headcount means something else). Rounds the secretariat creates get version 2.
      questionnaire_version: 1,
      target: '{"sectors":[],"sizeClasses":[],"municipalities":[],"sniSections":[]}',
      created_by: createdBy,
      created_at: round.opens,
      opened_at: round.opens,
      closed_at: round.status === 'closed' ? round.closes : null,
    };
    const names = Object.keys(row) as (keyof typeof row)[];
    return db
      .insertInto('rounds')
      .columns(names)
      .expression(
        db
          .selectNoFrom((eb) => names.map((n) => eb.val(row[n]).as(n)))
          .where(eb.not(demoRoundExists(round.id)))
          .where(condition),
      )
      .compile();
  };
  return [
    insert(closed, eb.not(eb.exists(demoRoundRows().where('d.id', 'like', 'demo-round-%')))),
    insert(open, eb.not(demoRoundAccepting(at))),
    insert(reopened, eb.not(demoRoundAccepting(at))),
  ];
}
