import type { Context, MiddlewareHandler } from 'hono';
import { isSecretariat, membershipIn, type Principal, type Scope, type UserPrincipal } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Access } from './routes.ts';

export function unauthorized(c: Context<AppEnv>): AppError {
  return new AppError(401, 'error.unauthorized.title', { detail: c.get('t')('error.unauthorized.detail') });
}

function tokenHas(principal: Principal | null, scope: Scope | undefined): boolean {
  return principal?.kind === 'token' && scope !== undefined && principal.scopes.includes(scope);
}

/** Enforces a route's declared access rule before its validators and handler run. */
export function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    switch (access.kind) {
      case 'public':
        break;
      case 'development-only':
        // Outside development and test the route does not exist.
        if (c.get('deps').config.appEnv === 'production') throw notFound();
        break;
      case 'signed-in':
        if (tokenHas(principal, access.scope)) break;
        requireUser(c);
        break;
      case 'student': {
        const user = requireUser(c);
        if (!user.roles.includes('student')) throw forbidden(c.get('t')('error.forbidden.student'));
        break;
      }
      case 'provider': {
        const user = requireUser(c);
        if (!user.roles.includes('secretariat') && !user.memberships.some((m) => m.role === 'provider'))
          throw forbidden(c.get('t')('education.error.notProvider'));
        break;
      }
      case 'relocation-guide': {
        const user = requireUser(c);
        if (!user.roles.includes('secretariat') && !user.roles.includes('relocation-guide'))
          throw forbidden(c.get('t')('moveCase.error.notGuide'));
        break;
      }
      case 'secretariat':
        if (tokenHas(principal, access.scope)) break;
        if (!principal) throw unauthorized(c);
        if (!isSecretariat(principal)) throw forbidden();
        break;
      case 'organisation': {
        if (tokenHas(principal, access.scope)) break;
        if (!principal) throw unauthorized(c);
        const organisationId = c.req.param(access.param);
        if (isSecretariat(principal)) break;
        // Not a member: the organisation is not yours to know about.
        if (!organisationId || !membershipIn(principal, organisationId)) throw notFound();
        break;
      }
    }
    return next();
  };
}

/** The signed-in person, or a 401 (API) / a redirect to sign in (pages, via onError). */
export function requireUser(c: Context<AppEnv>): UserPrincipal {
  const principal = c.get('principal');
  if (principal?.kind === 'user') return principal;
  if (principal?.kind === 'token') throw forbidden(c.get('t')('error.forbidden.tokenNotPerson'));
  throw unauthorized(c);
}
