import { auditIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import { accountWithRoleQueries, INVITATION_DAYS, issueLinkToken } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import type { PlanAccess } from '../access.ts';
import type { PlanComment } from '../queries.ts';

/**
 * A comment on one version of a plan, by the secretariat or an invited reviewer, while the plan
 * is a draft or for review. One statement: it is stored only if that version exists.
 */
export async function addComment(
  scope: Scope,
  access: PlanAccess,
  input: { version: number; sectionKey?: string | undefined; body: string },
): Promise<PlanComment> {
  const { plan } = access;
  if (plan.status === 'adopted') {
    throw new DomainError('conflict', 'plans.error.commentsClosed', { titleKey: 'plans.conflict.title' });
  }
  if (access.kind === 'public') throw new NotFound();
  const user = actingUser(scope);
  const { db, newId } = scope.deps;
  const id = newId();
  const at = scope.now.toISOString();
  const result = await db
    .insertInto('plan_comments')
    .columns(['id', 'plan_id', 'version', 'section_key', 'author_id', 'author_name', 'body', 'created_at'])
    .expression(
      db
        .selectFrom('plan_versions')
        .select((eb) => [
          eb.val(id).as('id'),
          'plan_id',
          'version',
          eb.val(input.sectionKey ?? null).as('section_key'),
          eb.val(user.userId).as('author_id'),
          eb.val(user.name).as('author_name'),
          eb.val(input.body).as('body'),
          eb.val(at).as('created_at'),
        ])
        .where('plan_id', '=', plan.id)
        .where('version', '=', input.version),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) {
    throw new Invalid('version', 'plans.error.noSuchVersion');
  }
  return {
    id,
    version: input.version,
    sectionKey: input.sectionKey ?? null,
    author: user.name,
    body: input.body,
    createdAt: at,
  };
}

/**
 * Invites a reviewer: an account with the reviewer role if the address has none (as a student's
 * registration makes one), the plan's reviewer row and a sign-in link that leads to the plan.
 */
export async function inviteReviewer(scope: Scope, planId: string, rawEmail: string): Promise<void> {
  const { deps } = scope;
  const { db, atomic, newId, config } = deps;
  const user = actingUser(scope);
  const email = rawEmail.trim().toLowerCase();
  const at = scope.now.toISOString();
  const link = await issueLinkToken(deps, {
    email,
    purpose: 'sign-in',
    next: `/plans/${planId}`,
    expiresAt: new Date(scope.now.getTime() + INVITATION_DAYS * 86_400_000),
  });
  await atomic([
    ...accountWithRoleQueries(db, { id: newId(), email, name: email.split('@')[0] ?? email, role: 'reviewer', at }),
    db
      .insertInto('plan_reviewers')
      .values({ plan_id: planId, email, invited_by: user.userId, invited_at: at })
      .onConflict((oc) => oc.columns(['plan_id', 'email']).doNothing())
      .compile(),
    link.query,
    auditIn(scope, {
      action: 'role.granted',
      targetType: 'plan',
      targetId: planId,
      detail: { role: 'reviewer', email },
    }),
  ]);
  // The mail is in the inviting person's language.
  const plan = new URL(`/plans/${planId}`, config.publicUrl).toString();
  await sendMail(deps, {
    to: email,
    language: scope.lang,
    content: (t) => ({
      subject: t('plans.mail.invite.subject'),
      body: t('plans.mail.invite.text', { url: link.url, plan }),
    }),
    links: [link.url],
    kind: 'plan-review',
  });
}
