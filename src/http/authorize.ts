import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { notFound } from './errors.ts';
import type { Access } from './routes.ts';

/** Enforces a route's declared access rule before its validators and handler run. */
export function authorize(access: Access): MiddlewareHandler<AppEnv> {
  switch (access.kind) {
    case 'public':
      return async (_c, next) => next();
    case 'development-only':
      // Outside development and test the route does not exist.
      return async (c, next) => {
        if (c.var.deps.config.appEnv === 'production') throw notFound();
        return next();
      };
  }
}
