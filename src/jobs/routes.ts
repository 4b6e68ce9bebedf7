import { registerMetricsRoutes } from '../http/metrics.ts';
import type { Routes } from '../http/routes.ts';
import { registerReminderScheduleRoutes } from './reminder-schedule.ts';
import { registerReminderSchedulePages } from './reminder-schedule-page.ts';

/** Operations (#9): a round's reminder schedule (API and page) and GET /metrics. (GET /readyz is in src/health.) */
export function registerOperationsRoutes(routes: Routes): void {
  registerReminderScheduleRoutes(routes);
  registerReminderSchedulePages(routes);
  registerMetricsRoutes(routes);
}
