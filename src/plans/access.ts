import type { Context } from 'hono';
import { isSecretariat } from '../core/principal.ts';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
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

export async function planAccess(c: Context<AppEnv>, id: string): Promise<PlanAccess> {
  const plan = await findPlan(c.get('deps').db, id);
  if (!plan) throw notFound();
  const principal = c.get('principal');
  const email = principal?.kind === 'user' ? principal.email : null;
  if (isSecretariat(principal)) return { kind: 'secretariat', plan };
  if (email !== null && (await isPlanReviewer(c.get('deps').db, plan.id, email))) {
    return { kind: 'reviewer', plan };
  }
  if (plan.status === 'adopted' && plan.published) return { kind: 'public', plan };
  throw notFound();
}

export async function requireSecretariatPlan(c: Context<AppEnv>, id: string): Promise<Plan> {
  const plan = await findPlan(c.get('deps').db, id);
  if (!plan) throw notFound();
  return plan;
}

/** A plan by id, or a 404 (the secretariat's pages: the route's access rule has admitted them). */
export async function requirePlan(c: Context<AppEnv>, id: string): Promise<Plan> {
  const plan = await findPlan(c.get('deps').db, id);
  if (!plan) throw notFound();
  return plan;
}

/** The plan as a commenter may see it: a plan that is not adopted is not there for the public. */
export async function commentAccess(c: Context<AppEnv>, id: string): Promise<PlanAccess> {
  const access = await planAccess(c, id);
  if (access.kind === 'public' && access.plan.status !== 'adopted') throw notFound();
  return access;
}
