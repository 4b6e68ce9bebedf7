import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NotFound } from '../core/errors.ts';
import { runCompiled } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';

/** A round as demand figures name it. Drafts are never public; open rounds are, as preliminary figures. */
export interface DemandRound {
  id: string;
  name: string;
  period: string;
  status: string;
  questionnaireVersion: number;
  closesAt: string;
}

function publicRounds(db: Kysely<Database>) {
  return db
    .selectFrom('rounds')
    .select([
      'id',
      'name',
      'period',
      'status',
      'questionnaire_version as questionnaireVersion',
      'closes_at as closesAt',
    ])
    .where('status', '!=', 'draft');
}

/** Every round that has figures to show, newest first (read by every demand request: compiled once). */
export async function listDemandRounds(db: Kysely<Database>): Promise<DemandRound[]> {
  const { rows } = await runCompiled(
    db,
    'demand-rounds',
    () => publicRounds(db).orderBy('opens_at', 'desc').orderBy('id'),
    ['draft'],
  );
  return rows;
}

/** The round asked for, or the latest closed one; `closedOnly` for figures that must be final. */
export async function resolveRound(
  db: Kysely<Database>,
  roundId: string | undefined,
  options: { closedOnly?: boolean } = {},
): Promise<DemandRound> {
  const closedOnly = !roundId || options.closedOnly === true;
  // Every demand request resolves its round: one compiled query per shape (with an id or not, closed or not).
  const { rows } = await runCompiled(
    db,
    `demand-round:${roundId ? 'id' : ''}:${closedOnly ? 'closed' : ''}`,
    () => {
      let query = publicRounds(db);
      if (roundId) query = query.where('id', '=', roundId);
      if (closedOnly) query = query.where('status', '=', 'closed');
      return query.orderBy('closes_at', 'desc').limit(1);
    },
    ['draft', ...(roundId ? [roundId] : []), ...(closedOnly ? ['closed'] : []), 1],
  );
  const round = rows[0];
  if (!round) throw new NotFound(roundId ? 'round.notFound' : 'demand.noClosedRound');
  return round;
}

/** The round before `round` in time, to compare with; undefined for the first. */
export function previousRound(rounds: readonly DemandRound[], round: DemandRound): DemandRound | undefined {
  const index = rounds.findIndex((r) => r.id === round.id);
  return index >= 0 ? rounds[index + 1] : undefined;
}

const questionnaireNeeds = z
  .object({ need: z.array(z.object({ code: z.string(), meaning: z.string().optional() }).loose()) })
  .loose();

/**
 * The need questions of a round's questionnaire version as stored, each with what its answer
 * measures: its `meaning`, or its code where it has none (src/surveys/questionnaire.ts). Codes are
 * stable across versions; two rounds' figures for a question compare only where the meanings match.
 */
export async function needQuestionMeanings(db: Kysely<Database>, version: number): Promise<Map<string, string>> {
  const row = await db
    .selectFrom('questionnaires')
    .select('definition')
    .where('version', '=', version)
    .executeTakeFirst();
  const parsed = questionnaireNeeds.safeParse(row ? JSON.parse(row.definition) : null);
  return new Map(parsed.success ? parsed.data.need.map((q) => [q.code, q.meaning ?? q.code]) : []);
}
