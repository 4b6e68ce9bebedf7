import { auditIn } from '../../audit/index.ts';
import { DomainError, Invalid } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import { accountWithRoleQueries, INVITATION_DAYS, issueLinkToken } from '../../identity/index.ts';
import { sendMail } from '../../mail/index.ts';
import { requireCase, requireWorkable } from './access.ts';
import type { PartnerInvite } from './schemas.ts';

/**
 * The partner's own household row (decision 0030): the organisation or the guide invites the
 * partner by name and address; the partner signs in with their own link and their first view of
 * the case is their own acceptance (`accepted_at` of their row only: the recruit's view sets the
 * recruit's). Neither the recruit nor anyone else can accept for the partner, since the acceptance
 * is matched on the address the partner's own sign-in link proved.
 */
export async function invitePartner(scope: Scope, caseId: string, input: PartnerInvite): Promise<void> {
  const access = await requireCase(scope, caseId);
  requireWorkable(access);
  if (access.relation !== 'organisation' && access.relation !== 'guide')
    throw new DomainError('forbidden', 'moveCase.error.partnerInviter');
  if (access.row.partnerComes !== true) throw new Invalid('partnerComes', 'moveCase.error.noPartnerComes');
  if (access.people.some((p) => p.person === 'partner'))
    throw new DomainError('conflict', 'moveCase.error.partnerInvited', {
      titleKey: 'moveCase.error.partnerInvitedTitle',
    });
  if (access.people.some((p) => p.email.toLowerCase() === input.email))
    throw new Invalid('email', 'moveCase.error.partnerSameEmail');
  const { deps } = scope;
  const { db, atomic, newId } = deps;
  const at = scope.now.toISOString();
  const link = await issueLinkToken(deps, {
    email: input.email,
    purpose: 'sign-in',
    next: `/move-cases/${caseId}`,
    expiresAt: new Date(scope.now.getTime() + INVITATION_DAYS * 86_400_000),
  });
  const [inserted] = await atomic([
    // One statement that adds nothing if a partner row appeared meanwhile (the primary key).
    db
      .insertInto('move_case_people')
      .values({ case_id: caseId, person: 'partner', name: input.name, email: input.email, invited_at: at })
      .onConflict((oc) => oc.doNothing())
      .compile(),
    ...accountWithRoleQueries(db, { id: newId(), email: input.email, name: input.name, role: null, at }),
    link.query,
    auditIn(scope, { action: 'move-case.partner-invited', targetType: 'move-case', targetId: caseId }),
  ]);
  if (Number(inserted?.numAffectedRows ?? 0) !== 1)
    throw new DomainError('conflict', 'moveCase.error.partnerInvited', {
      titleKey: 'moveCase.error.partnerInvitedTitle',
    });
  await sendMail(deps, {
    to: input.email,
    language: 'both',
    content: (t) => ({
      subject: t('moveCase.mail.partnerInvite.subject'),
      body: t('moveCase.mail.partnerInvite.text', { url: link.url }),
    }),
    links: [link.url],
    kind: 'move-case',
  });
}
