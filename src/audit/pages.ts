import { z } from 'zod';
import { cursorSchema, encodeCursor } from '../http/pagination.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { describeIssues } from '../http/validation.ts';
import { formatLogTime } from '../i18n/dates.ts';
import { toFormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { AUDIT_ACTIONS } from './audit.ts';
import { listAuditLog } from './queries.ts';

/** Every action the log records can be filtered on. */
const ACTIONS = AUDIT_ACTIONS;

const pageQuery = z.object({
  action: z.enum(ACTIONS).or(z.literal('')).optional(),
  actor: z.string().trim().max(254).optional(),
  cursor: cursorSchema.optional(),
});

const PAGE_SIZE = 50;

export function registerAuditPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/admin/audit',
      kind: 'page',
      access: secretariat(),
      summary: 'The audit log (secretariat)',
    },
    async (c) => {
      const t = c.get('t');
      const raw = c.req.query();
      const parsed = pageQuery.safeParse(raw);
      const query = parsed.success ? parsed.data : {};
      const page = await listAuditLog(c.get('deps').db, {
        ...(query.action ? { action: query.action } : {}),
        ...(query.actor ? { actor: query.actor.toLowerCase() } : {}),
        limit: PAGE_SIZE,
        offset: query.cursor ?? 0,
      });
      const next = encodeCursor(page.nextOffset);
      const nextParams = new URLSearchParams({
        ...(query.action ? { action: query.action } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
      });
      if (next) nextParams.set('cursor', next);
      return render(
        c,
        'admin/audit',
        {
          title: t('admin.audit'),
          nav: 'admin',
          values: { actor: raw.actor ?? '' },
          form: parsed.success ? undefined : toFormErrors(describeIssues(parsed.error.issues, c.get('lang'), t)),
          actions: [
            { value: '', label: t('admin.audit.allActions'), selected: !query.action },
            ...ACTIONS.map((action) => ({
              value: action,
              label: t(`audit.action.${action}`),
              selected: query.action === action,
            })),
          ],
          items: page.items.map((item) => ({
            at: formatLogTime(item.at),
            who: item.actor.email ?? item.actor.tokenName ?? (item.actor.userId ? t('admin.audit.erasedUser') : '–'),
            what: t(`audit.action.${item.action}`),
            target: [item.targetType, item.targetId].filter(Boolean).join(' '),
            from: item.ip ?? '–',
          })),
          nextHref: next ? `/admin/audit?${nextParams.toString()}` : null,
        },
        parsed.success ? 200 : 422,
      );
    },
  );
}
