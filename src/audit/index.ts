import { auditEn, auditSv } from './messages.ts';
import { registerAuditPages } from './pages.ts';
import { registerAuditRoutes } from './routes.ts';

export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  auditFromRows,
  auditIn,
  auditOfTargetIn,
  auditQuery,
  auditRowIn,
  recordAuditIn,
} from './audit.ts';
export { changedFields } from './changes.ts';
export { auditIfAt, auditIfIn } from './conditional.ts';
/** Audit's part of erasing a person, and the retention policy's deletion of old entries. */
export { deleteAuditBefore, eraseAuditDetails } from './privacy.ts';
/** Who read or changed one target, for the data subject's own view (a move case's access log). */
export { listTargetEntries, type TargetEntry } from './queries.ts';
/** The request forms, for handlers that do not build a Scope yet. */
export { auditFor, auditIf, auditRowFor, recordAudit } from './routes.ts';

/** The audit log: who did what, when and from where. */
export const feature = {
  name: 'audit',
  messages: { sv: auditSv, en: auditEn },
  routes: [registerAuditPages, registerAuditRoutes],
};
