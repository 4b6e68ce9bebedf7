import type { CoreDeps } from './deps.ts';
import { DomainError } from './errors.ts';
import type { Principal, UserPrincipal } from './principal.ts';

/** Where an action came from, for the audit trail: the client's address and agent, the request id. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * What feature logic is given instead of an HTTP request: the runtime's dependencies, who acts
 * (a signed-in person, an API token, or nobody: the system, for scheduled work), the moment it
 * acts at, and where the action came from (for the audit trail). Route and page handlers build it
 * from the request (src/http/scope.ts `scopeOf`); jobs build it with `systemScope`. Logic that takes
 * a Scope cannot reach the request, so a job calling it cannot fail on a missing header at run time.
 */
export interface Scope {
  readonly deps: CoreDeps;
  readonly principal: Principal | null;
  /** The moment of the action: every timestamp the action writes. `deps.now()` returns it too. */
  readonly now: Date;
  readonly origin: RequestOrigin;
  /**
   * The language the actor reads, for text the action returns rather than refuses with (an erased
   * person's name shown as "an erased user"): refusals are typed errors, translated where shown.
   * The system reads Swedish.
   */
  readonly lang: 'sv' | 'en';
}

/** The system acting at `now` for the scheduled job `job`: no actor, no network origin. */
export function systemScope(deps: CoreDeps, now: Date, job: string): Scope {
  return {
    deps: { ...deps, now: () => now },
    principal: null,
    now,
    origin: { ip: null, userAgent: null, requestId: `job:${job}` },
    lang: 'sv',
  };
}

/**
 * The person acting, for actions that only a person may take (an API token acts for a system, not
 * a person): 401 with nobody signed in, 403 for a token.
 */
export function actingUser(scope: Scope): UserPrincipal {
  const { principal } = scope;
  if (principal?.kind === 'user') return principal;
  if (principal?.kind === 'token') throw new DomainError('forbidden', 'error.forbidden.tokenNotPerson');
  throw new DomainError('unauthenticated', 'error.unauthorized.detail');
}
