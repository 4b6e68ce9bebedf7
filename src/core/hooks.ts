import type { CompiledQuery } from 'kysely';
import type { CoreDeps } from './deps.ts';
import type { GlobalRole } from './principal.ts';

/**
 * What one feature does when something happens in another, without importing it (issue 17: the
 * folders form no circle). The feature where it happens calls the hooks it finds in `deps.hooks`;
 * the features that react declare theirs in their `index.ts`, and the app shell (src/features.ts)
 * composes them. So surveys closes a round without knowing that publication computes one from it.
 */
export interface Hooks {
  roundClosed: readonly RoundClosedHook[];
  signInLanding: readonly SignInLandingHook[];
}

/** A round has just been closed, by a person (`by`) or the scheduled job (null). */
export interface RoundClosed {
  roundId: string;
  by: string | null;
  /** When, as stored in `rounds.closed_at`. */
  at: string;
}

export interface RoundClosedHook {
  /** Statements that join the batch that closes the round: they commit with it or not at all. */
  statements(deps: CoreDeps, event: RoundClosed): CompiledQuery[];
  /** Work to start once the batch has committed; must not throw, and must not be awaited by the caller. */
  afterCommit?(deps: CoreDeps): void;
}

/** Someone has just signed in with a link that named no page to go to. */
export interface LinkSignIn {
  userId: string;
  roles: readonly GlobalRole[];
}

export interface SignInLandingHook {
  /**
   * The local path this person should see first instead of the account page (a student without a
   * profile: the profile form), or null. The first hook, in feature order, that names one wins.
   */
  landing(deps: CoreDeps, signedIn: LinkSignIn): Promise<string | null>;
}

/** No reactions at all: for tools that run one feature's logic alone. */
export const NO_HOOKS: Hooks = { roundClosed: [], signInLanding: [] };
