import { registerAuditPages } from './pages.ts';
import { registerAuditRoutes } from './routes.ts';

export { auditFor, auditIf, auditRowFor, recordAudit } from './routes.ts';

/** The audit log: who did what, when and from where. */
export const feature = {
  name: 'audit',
  routes: [registerAuditPages, registerAuditRoutes],
};
