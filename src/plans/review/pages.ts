import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { type Routes, SIGNED_IN, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import type { FormErrors } from '../../web/forms.ts';
import { commentAccess, planAccess, requirePlan } from '../access.ts';
import { adoptionErrors, adoptPage } from '../adopt/pages.ts';
import { commentSchema, planIdParams, reviewerSchema, reviewSkippedReason } from '../schemas.ts';
import { SECTION_KEYS } from '../sections.ts';
import { changeStatus, regeneratePlan } from '../service.ts';
import { gapReport, planSourcesFor } from '../sources.ts';
import { addComment, inviteReviewer } from './service.ts';

const SECRETARIAT = secretariat();
const version = z.coerce
  .number({ error: 'validation.version.required' })
  .int()
  .min(1, { error: 'validation.version.required' });

const statusForm = z.object({
  status: z.enum(['draft', 'review', 'adopted'], { error: 'plans.validation.status' }),
  version,
  // A checkbox posts "true" when ticked and nothing when not.
  confirm: z
    .string()
    .optional()
    .transform((v) => v === 'true' || v === 'on'),
  reviewSkippedReason: reviewSkippedReason.optional(),
});
const regenerateForm = z.object({ version, roundId: z.string().min(1).max(100).optional() });
const commentForm = commentSchema.extend({
  version,
  sectionKey: z
    .union([z.enum(SECTION_KEYS), z.literal('')])
    .optional()
    .transform((v) => (v ? v : undefined)),
});

/** A form that does not validate here has no page of its own to go back to: a 422 with the messages. */
function invalid(errors: { errors: { field: string; message: string }[] }): never {
  throw new AppError(422, 'error.validation.title', {
    detail: errors.errors.map((e) => e.message).join(' '),
    errors: errors.errors.map((e) => ({ path: e.field, message: e.message })),
  });
}

/** The messages of a refused form, thrown as a 422 (the form's `invalid`). */
const refuse = (_c: unknown, { errors }: { errors: FormErrors }): never => invalid(errors);

export function registerPlanActionPages(routes: Routes): void {
  routes.add(
    {
      method: 'post',
      path: '/plans/:id/status',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Change a plan’s status',
      params: planIdParams,
      form: {
        schema: statusForm,
        invalid: async (c, { values, errors }, { params }) => {
          if (values.status !== 'adopted') invalid(errors);
          // Adopting goes back to its confirmation page, with the errors in place.
          return adoptPage(c, await requirePlan(c.get('deps').db, params.id), { values, form: errors, status: 422 });
        },
      },
    },
    async (c, { params, form, values }) => {
      if (form.status === 'adopted') {
        // Adopting publishes the plan: it goes through the confirmation page, whose form is
        // re-rendered with the reason it was refused (placeholder text, no review, not confirmed).
        const current = await requirePlan(c.get('deps').db, params.id);
        // The view page's old one-click form (or anything not sent from the confirmation page).
        if (values.step !== 'confirm') {
          return c.redirect(`/plans/${encodeURIComponent(current.id)}/adopt`, 303);
        }
        try {
          await changeStatus(scopeOf(c), params.id, form);
        } catch (error) {
          const refused = adoptionErrors(c, error);
          if (!refused) throw error;
          return adoptPage(c, current, { values, ...refused });
        }
        return c.redirect(`/plans/${encodeURIComponent(current.id)}?done=status.changed`, 303);
      }
      const plan = await changeStatus(scopeOf(c), params.id, form);
      return c.redirect(`/plans/${encodeURIComponent(plan.id)}?done=status.changed`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/plans/:id/regenerate',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Regenerate a plan’s tables; shows what changed',
      params: planIdParams,
      form: { schema: regenerateForm, invalid: refuse },
    },
    async (c, { params, form }) => {
      const plan = await regeneratePlan(
        scopeOf(c),
        planSourcesFor((query) => gapReport(scopeOf(c), query)),
        params.id,
        form,
      );
      return c.redirect(`/plans/${encodeURIComponent(plan.id)}/diff?from=${form.version}&to=${plan.version}`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/plans/:id/reviewers',
      kind: 'page',
      access: SECRETARIAT,
      summary: 'Invite a reviewer by e-mail',
      params: planIdParams,
      form: { schema: reviewerSchema, invalid: refuse },
    },
    async (c, { params, form }) => {
      const access = await planAccess(scopeOf(c), params.id);
      await inviteReviewer(scopeOf(c), access.plan.id, form.email);
      return c.redirect(`/plans/${encodeURIComponent(access.plan.id)}?done=reviewers.invited#reviewers-heading`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/plans/:id/comments',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Comment on a version of a plan (invited reviewers and the secretariat)',
      params: planIdParams,
      form: {
        schema: commentForm,
        // Who may see the plan is answered first: a refused form says nothing of a plan you cannot see.
        invalid: async (c, { errors }, { params }) => {
          await commentAccess(scopeOf(c), params.id);
          return invalid(errors);
        },
      },
    },
    async (c, { params, form }) => {
      const access = await commentAccess(scopeOf(c), params.id);
      await addComment(scopeOf(c), access, form);
      return c.redirect(`/plans/${encodeURIComponent(access.plan.id)}?done=comments.added#comments-heading`, 303);
    },
  );
}
