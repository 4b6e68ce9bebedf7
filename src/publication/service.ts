import { expressionBuilder, type Kysely } from 'kysely';
import { auditIfAt } from '../audit/index.ts';
import { DomainError, NotFound } from '../core/errors.ts';
import type { RequestOrigin } from '../core/scope.ts';
import type { Atomic } from '../db/atomic.ts';
import type { Database } from '../db/schema.ts';
import { requestPublicationQuery } from './compute.ts';
import type { PublicationRule } from './primary.ts';

/** A round's publications, newest first, as the secretariat follows them. */
export interface PublicationSummary {
  id: string;
  version: number;
  status: 'computing' | 'published' | 'superseded' | 'failed';
  stage: string;
  progress: number;
  reason: string;
  createdAt: string;
  publishedAt: string | null;
  report: Record<string, unknown> | null;
  changes: { count: number; examples: { cell: string; before: number | null; after: number | null }[] } | null;
  error: string | null;
}

export async function listPublications(db: Kysely<Database>, roundId: string): Promise<PublicationSummary[]> {
  const rows = await db
    .selectFrom('publications')
    .select([
      'id',
      'version',
      'status',
      'stage',
      'progress',
      'reason',
      'created_at',
      'published_at',
      'report',
      'changes',
      'error',
    ])
    .where('round_id', '=', roundId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    stage: r.stage,
    progress: r.progress,
    reason: r.reason,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    report: r.report ? (JSON.parse(r.report) as Record<string, unknown>) : null,
    changes: r.changes ? (JSON.parse(r.changes) as PublicationSummary['changes']) : null,
    error: r.error,
  }));
}

/** Corrections made to a closed round since its current version was published. */
export async function correctionsSince(db: Kysely<Database>, roundId: string): Promise<number> {
  const published = await db
    .selectFrom('publications')
    .select('published_at')
    .where('round_id', '=', roundId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'response.corrected')
    .where('target_id', 'like', `${roundId}/%`)
    .$if(Boolean(published?.published_at), (q) => q.where('at', '>', published?.published_at ?? ''))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Asks for a new version of a closed round's publication after a correction, with the
 * secretariat's reason, audited; the scheduled job computes it and records what changed. Refused
 * while the round is not closed or a version is being computed.
 */
export async function requestRepublication(
  deps: { db: Kysely<Database>; atomic: Atomic; newId: () => string; now: () => Date },
  input: { roundId: string; reason: string; userId: string | null; rule: PublicationRule; origin: RequestOrigin },
): Promise<PublicationSummary> {
  const { db } = deps;
  const round = await db
    .selectFrom('rounds')
    .select(['id', 'status'])
    .where('id', '=', input.roundId)
    .executeTakeFirst();
  if (!round) throw new NotFound('round.notFound');
  if (round.status !== 'closed') throw new DomainError('conflict', 'publication.error.notClosed');
  const id = deps.newId();
  const at = deps.now();
  const [inserted] = await deps.atomic([
    requestPublicationQuery(db, {
      id,
      roundId: input.roundId,
      reason: input.reason,
      requestedBy: input.userId,
      rule: input.rule,
      at: at.toISOString(),
    }),
    auditIfAt(
      db,
      {
        action: 'publication.requested',
        actorUserId: input.userId,
        targetType: 'round',
        targetId: input.roundId,
        detail: { publicationId: id, reason: input.reason },
      },
      input.origin,
      at,
      deps.newId(),
      expressionBuilder<Database, never>().exists(db.selectFrom('publications').select('id').where('id', '=', id)),
    ),
  ]);
  if (!inserted || Number(inserted.numAffectedRows ?? 0n) === 0) {
    throw new DomainError('conflict', 'publication.error.computing');
  }
  const [created] = (await listPublications(db, input.roundId)).filter((p) => p.id === id);
  if (!created) throw new NotFound('round.notFound');
  return created;
}
