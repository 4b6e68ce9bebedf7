import type { Context } from 'hono';
import type { CompiledQuery, Expression, SqlBool } from 'kysely';
import type { AppEnv } from '../deps.ts';
import { type AuditEntry, auditRowFor } from './audit.ts';

/**
 * An audit entry that is written only if `condition` holds when the batch runs. Put it in the
 * same atomic batch before a conditional write with the same condition (`UPDATE … WHERE version = ?`):
 * nothing runs between the statements of a batch, so the change and its record land together or
 * not at all, with no read in JavaScript in between (docs/decisions/0001-batches-not-transactions.md).
 */
export function auditIf(c: Context<AppEnv>, entry: AuditEntry, condition: Expression<SqlBool>): CompiledQuery {
  const { db } = c.get('deps');
  const values = auditRowFor(c, entry);
  const columns = Object.keys(values) as (keyof typeof values)[];
  return db
    .insertInto('audit_log')
    .columns(columns)
    .expression(db.selectNoFrom((eb) => columns.map((column) => eb.val(values[column]).as(column))).where(condition))
    .compile();
}
