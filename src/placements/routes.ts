import type { Routes } from '../http/routes.ts';
import { registerPlacementApiRoutes } from './api-routes.ts';

/** Every route of the placements feature (issue 7). */
export function registerPlacementRoutes(routes: Routes): void {
  registerPlacementApiRoutes(routes);
}
