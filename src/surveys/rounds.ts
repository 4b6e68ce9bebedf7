import { type Expression, expressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { auditIfIn, auditIn } from '../audit/index.ts';
import { DomainError, NotFound } from '../core/errors.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { CURRENT_QUESTIONNAIRE_VERSION } from './questionnaire.ts';
import { type RoundTarget, roundTarget } from './schemas.ts';

export type RoundStatus = 'draft' | 'open' | 'closed';

export interface Round {
  id: string;
  name: string;
  period: string;
  opensAt: string;
  closesAt: string;
  status: RoundStatus;
  questionnaireVersion: number;
  target: RoundTarget;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

type RoundRow = Database['rounds'];

function toRound(row: Omit<RoundRow, 'version'> & { version?: unknown }): Round {
  return {
    id: row.id,
    name: row.name,
    period: row.period,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    status: row.status as RoundStatus,
    questionnaireVersion: row.questionnaire_version,
    target: roundTarget.parse(JSON.parse(row.target)),
    createdAt: row.created_at,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}

export async function findRound(db: Kysely<Database>, id: string): Promise<Round | undefined> {
  const row = await db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRound(row);
}

export async function requireRound(db: Kysely<Database>, id: string): Promise<Round> {
  const round = await findRound(db, id);
  if (!round) throw new NotFound('round.notFound');
  return round;
}

/** A round that is not in the status an action needs (409 with the round's title). */
function roundConflict(messageKey: string, status: string): DomainError {
  return new DomainError('conflict', messageKey, { titleKey: 'round.conflict.title', params: { status } });
}

/** Rounds, newest first. Everyone but the secretariat sees rounds that have opened. */
export async function listRounds(db: Kysely<Database>, options: { includeDrafts: boolean }): Promise<Round[]> {
  let query = db.selectFrom('rounds').selectAll();
  if (!options.includeDrafts) query = query.where('status', '!=', 'draft');
  const rows = await query.orderBy('opens_at', 'desc').orderBy('id').execute();
  return rows.map(toRound);
}

export async function createRound(
  scope: Scope,
  input: { name: string; period?: string | undefined; opensAt: string; closesAt: string; target: RoundTarget },
): Promise<Round> {
  const { db, atomic, newId } = scope.deps;
  const { principal } = scope;
  const id = newId();
  const opensAt = new Date(input.opensAt).toISOString();
  const closesAt = new Date(input.closesAt).toISOString();
  await atomic([
    db
      .insertInto('rounds')
      .values({
        id,
        name: input.name,
        period: input.period ?? opensAt.slice(0, 4),
        opens_at: opensAt,
        closes_at: closesAt,
        status: 'draft',
        questionnaire_version: CURRENT_QUESTIONNAIRE_VERSION,
        target: JSON.stringify(input.target),
        created_by: principal?.kind === 'user' ? principal.userId : null,
        created_at: scope.now.toISOString(),
      })
      .compile(),
    auditIn(scope, { action: 'round.created', targetType: 'round', targetId: id }),
  ]);
  const round = await findRound(db, id);
  if (!round) throw new Error('round vanished after insert');
  return round;
}

/**
 * Opens a draft round: its status changes and the organisations that match its target are fixed
 * as its targets, in one batch. Opening twice is refused with 409 and changes nothing.
 */
export async function openRound(scope: Scope, id: string): Promise<Round> {
  const { db, atomic } = scope.deps;
  const round = await requireRound(db, id);
  const at = scope.now.toISOString();
  const t = round.target;
  const [opened] = await atomic([
    db
      .updateTable('rounds')
      .set({ status: 'open', opened_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .compile(),
    db
      .insertInto('round_targets')
      .columns(['round_id', 'organisation_id', 'sector', 'size_class', 'municipality_code', 'sni_section'])
      .expression(
        db
          .selectFrom('organisations as o')
          .leftJoin('sni as s', 's.code', 'o.sni_division')
          .select((eb) => [
            eb.val(id).as('round_id'),
            'o.id',
            'o.sector',
            'o.size_class',
            'o.municipality_code',
            's.parent_code',
          ])
          .$if(t.sectors.length > 0, (qb) => qb.where('o.sector', 'in', t.sectors))
          .$if(t.sizeClasses.length > 0, (qb) => qb.where('o.size_class', 'in', t.sizeClasses))
          .$if(t.municipalities.length > 0, (qb) => qb.where('o.municipality_code', 'in', t.municipalities))
          .$if(t.sniSections.length > 0, (qb) => qb.where('s.parent_code', 'in', t.sniSections))
          .where(roundStamped(id, 'opened_at', at)),
      )
      .onConflict((oc) => oc.doNothing())
      .compile(),
    auditIfIn(
      scope,
      { action: 'round.opened', targetType: 'round', targetId: id },
      // Once per round: two callers at the same instant (the scheduler on two isolates) both see
      // opened_at = at, though only one UPDATE changed the row.
      firstStamp(id, 'opened_at', at, 'round.opened'),
    ),
  ]);
  if (!opened || Number(opened.numAffectedRows ?? 0n) === 0) {
    throw roundConflict('round.conflict.notDraft', round.status);
  }
  return (await findRound(db, id)) ?? round;
}

const eb = expressionBuilder<Database>();

/** `(select <column> from rounds where id = ?) = ?`: this call's update set the round's time. */
function roundStamped(id: string, column: 'opened_at' | 'closed_at', at: string): Expression<SqlBool> {
  return eb(eb.selectFrom('rounds').select(column).where('rounds.id', '=', id), '=', at);
}

/** The round's time is this call's and no entry for the action exists yet: audit it once. */
function firstStamp(id: string, column: 'opened_at' | 'closed_at', at: string, action: string): Expression<SqlBool> {
  return eb.and([
    roundStamped(id, column, at),
    eb.not(
      eb.exists(
        eb.selectFrom('audit_log').select(eb.lit(1).as('one')).where('action', '=', action).where('target_id', '=', id),
      ),
    ),
  ]);
}

/** Closes an open round; its answers are frozen from then on. */
export async function closeRound(scope: Scope, id: string): Promise<Round> {
  const { deps } = scope;
  const { db, atomic } = deps;
  const round = await requireRound(db, id);
  const at = scope.now.toISOString();
  const { principal } = scope;
  const event = { roundId: id, by: principal?.kind === 'user' ? principal.userId : null, at };
  const [closed] = await atomic([
    db
      .updateTable('rounds')
      .set({ status: 'closed', closed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .compile(),
    // What other features do with a closed round joins this batch: the publication asks for its
    // figures to be computed (src/publication/index.ts).
    ...deps.hooks.roundClosed.flatMap((hook) => hook.statements(deps, event)),
    auditIfIn(
      scope,
      { action: 'round.closed', targetType: 'round', targetId: id },
      firstStamp(id, 'closed_at', at, 'round.closed'),
    ),
  ]);
  if (!closed || Number(closed.numAffectedRows ?? 0n) === 0) {
    throw roundConflict('round.conflict.notOpen', round.status);
  }
  for (const hook of deps.hooks.roundClosed) hook.afterCommit?.(deps);
  return (await findRound(db, id)) ?? round;
}
