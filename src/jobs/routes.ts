import { z } from 'zod';
import { registerMetricsRoutes } from '../http/metrics.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { requireRound } from '../surveys/index.ts';
import { registerReminderSchedulePages } from './pages.ts';
import { readSchedule, requireNotClosed, setReminderSchedule } from './service.ts';

/** Operations (#9): a round's reminder schedule (API and page) and GET /metrics. (GET /readyz is in src/health.) */
export function registerOperationsRoutes(routes: Routes): void {
  registerReminderScheduleRoutes(routes);
  registerReminderSchedulePages(routes);
  registerMetricsRoutes(routes);
}

const tags = ['Survey rounds and responses'];
const roundParams = z.object({ id: z.string().min(1).max(100) });
const reminder = z.object({
  remindAt: z.string(),
  /** When scheduled work sent it; null while it is still to come. */
  claimedAt: z.string().nullable(),
  /** Messages sent by it, once sent. */
  sent: z.number().int().nullable(),
});
const scheduleBody = z.object({ items: z.array(reminder) });
const scheduleInput = z.object({
  remindAt: z.array(z.iso.datetime({ offset: true })).max(20),
});

/**
 * A round's reminder schedule: the times at which scheduled work reminds the non-responders
 * (src/surveys/jobs.ts). PUT replaces the reminders still to come; those already sent stay.
 */
export function registerReminderScheduleRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/rounds/:id/reminder-schedule',
      kind: 'api',
      access: secretariat(),
      tags,
      summary: "The round's reminder times, those sent with when and how many messages",
      params: roundParams,
      responses: { 200: { description: 'The schedule', schema: scheduleBody } },
    },
    async (c, { params }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      return c.json(await readSchedule(c.get('deps').db, round.id));
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/rounds/:id/reminder-schedule',
      kind: 'api',
      access: secretariat(),
      tags,
      summary:
        'Set the reminder times still to come (each between opening and closing); scheduled work mails the non-responders at each, once',
      params: roundParams,
      body: scheduleInput,
      responses: { 200: { description: 'The schedule', schema: scheduleBody } },
    },
    async (c, { params, body }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      requireNotClosed(round);
      await setReminderSchedule(scopeOf(c), round, body.remindAt);
      return c.json(await readSchedule(c.get('deps').db, round.id));
    },
  );
}
