import { DEVELOPMENT_ONLY, type Routes } from '../http/routes.ts';
import { describeIssues } from '../http/validation.ts';
import { toFormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { listOutbox, type OutboxMessage } from './mailer.ts';
import { devMailList, devMailQuery } from './schemas.ts';

/** How many messages the development outbox shows: enough to find the one just sent. */
const SHOWN = 50;

/**
 * The development outbox: every message the service has sent, read back from the outbox table so
 * that a newcomer (and the browser tests) can follow a sign-in link without a mail server. Absent
 * in production (DEVELOPMENT_ONLY answers 404), because the links in it sign people in.
 */
export function registerDevMailRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/dev/mail',
      kind: 'api',
      access: DEVELOPMENT_ONLY,
      tags: ['Development'],
      summary: 'The mail outbox, newest first, optionally for one address (development and test only)',
      query: devMailQuery,
      responses: {
        200: { description: 'Messages, newest first', schema: devMailList },
        404: { description: 'In production: the route does not exist' },
      },
    },
    async (c, { query }) => {
      const messages = await listOutbox(c.get('deps').db, query.to, SHOWN);
      c.header('cache-control', 'no-store');
      return c.json({ items: messages.map(toApiItem) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/dev/mail',
      kind: 'page',
      access: DEVELOPMENT_ONLY,
      summary: 'The mail outbox as a page, with a filter by address (development and test only)',
    },
    async (c) => {
      // Parsed here rather than by the route's validator, so that a bad address re-renders the
      // form with an error summary instead of an error page.
      const parsed = devMailQuery.safeParse(c.req.query());
      const given = c.req.query('to') ?? '';
      c.header('cache-control', 'no-store');
      if (!parsed.success) {
        const { errors, byField } = toFormErrors(describeIssues(parsed.error.issues, c.get('lang'), c.get('t')));
        return render(c, 'pages/dev-mail', { title: c.get('t')('devMail.title'), to: given, errors, byField }, 422);
      }
      const to = parsed.data.to;
      const messages = await listOutbox(c.get('deps').db, to, SHOWN);
      return render(c, 'pages/dev-mail', {
        title: c.get('t')('devMail.title'),
        to: to ?? '',
        filtered: to !== undefined,
        messages: messages.map(toPageRow),
      });
    },
  );
}

function toApiItem(message: OutboxMessage) {
  return {
    id: message.id,
    kind: message.kind,
    to: message.to,
    subject: message.subject,
    text: message.text,
    links: message.links,
    sentAt: message.createdAt,
    deliveredAt: message.sentAt,
  };
}

function toPageRow(message: OutboxMessage) {
  return {
    ...toApiItem(message),
    // Only web addresses become links; anything else is shown as text, never as an href.
    links: message.links.map((url) => ({ url, clickable: /^https?:\/\//i.test(url) })),
    failed: message.sentAt === null && message.lastError !== null,
    lastError: message.lastError,
    attempts: message.attempts,
  };
}
