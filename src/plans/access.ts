import type { Kysely } from 'kysely';
import { NotFound } from '../core/errors.ts';
import { isSecretariat } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';
import { findPlan, isPlanReviewer, type Plan } from './queries.ts';

/**
 * Who sees what of a plan:
 * - the secretariat: everything; the working draft with raw figures (or `protected` to preview);
 * - a reviewer invited to the plan: the working draft with protected figures, and may comment;
 * - anyone else: an adopted plan's published content (protected figures only); otherwise 404.
 */
export type PlanAccess =
  | { kind: 'secretariat'; plan: Plan }
  | { kind: 'reviewer'; plan: Plan }
  | { kind: 'public'; plan: Plan };

export async function planAccess(scope: Scope, id: string): Promise<PlanAccess> {
  const { db } = scope.deps;
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFound();
  const { principal } = scope;
  const email = principal?.kind === 'user' ? principal.email : null;
  if (isSecretariat(principal)) return { kind: 'secretariat', plan };
  if (email !== null && (await isPlanReviewer(db, plan.id, email))) {
    return { kind: 'reviewer', plan };
  }
  if (plan.status === 'adopted' && plan.published) return { kind: 'public', plan };
  throw new NotFound();
}

/** A plan by id, or a 404 (the secretariat's pages: the route's access rule has admitted them). */
export async function requirePlan(db: Kysely<Database>, id: string): Promise<Plan> {
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFound();
  return plan;
}

/** The plan as a commenter may see it: a plan that is not adopted is not there for the public. */
export async function commentAccess(scope: Scope, id: string): Promise<PlanAccess> {
  const access = await planAccess(scope, id);
  if (access.kind === 'public' && access.plan.status !== 'adopted') throw new NotFound();
  return access;
}
