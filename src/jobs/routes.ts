import { registerMetricsRoutes } from '../http/metrics.ts';
import type { Routes } from '../http/routes.ts';
import { registerReminderScheduleRoutes } from './reminder-schedule.ts';

/** Operations (#9): a round's reminder schedule and GET /metrics. (GET /readyz is in src/health.) */
export function registerOperationsRoutes(routes: Routes): void {
  registerReminderScheduleRoutes(routes);
  registerMetricsRoutes(routes);
}
