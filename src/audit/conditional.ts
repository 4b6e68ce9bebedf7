import type { CompiledQuery, Expression, Kysely, SqlBool } from 'kysely';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { type AuditEntry, auditRow, auditRowIn, type RequestOrigin } from './audit.ts';

/**
 * An audit entry that is written only if `condition` holds when the batch runs. Put it in the
 * same atomic batch before a conditional write with the same condition (`UPDATE … WHERE version = ?`):
 * nothing runs between the statements of a batch, so the change and its record land together or
 * not at all, with no read in JavaScript in between (docs/decisions/0001-batches-not-transactions.md).
 * The entry is the scope's actor's, at the scope's moment.
 */
export function auditIfIn(scope: Scope, entry: AuditEntry, condition: Expression<SqlBool>): CompiledQuery {
  return conditionalAudit(scope.deps.db, auditRowIn(scope, entry), condition);
}

/** `auditIf` without a request: the origin, time and id given (services and scheduled work). */
export function auditIfAt(
  db: Kysely<Database>,
  entry: AuditEntry,
  origin: RequestOrigin,
  at: Date,
  id: string,
  condition: Expression<SqlBool>,
): CompiledQuery {
  return conditionalAudit(db, auditRow(entry, origin, at, id), condition);
}

function conditionalAudit(
  db: Kysely<Database>,
  values: Database['audit_log'],
  condition: Expression<SqlBool>,
): CompiledQuery {
  const columns = Object.keys(values) as (keyof typeof values)[];
  return db
    .insertInto('audit_log')
    .columns(columns)
    .expression(db.selectNoFrom((eb) => columns.map((column) => eb.val(values[column]).as(column))).where(condition))
    .compile();
}
