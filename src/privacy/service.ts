import { auditIn } from '../audit/index.ts';
import type { UserPrincipal } from '../core/principal.ts';
import type { Scope } from '../core/scope.ts';
import { eraseIdentityData, exportIdentityData } from '../identity/index.ts';
import { erasePlacementData, exportPlacementData } from '../placements/index.ts';
import {
  eraseCampaignData,
  eraseRecruitmentData,
  eraseReturnerData,
  exportCampaignData,
  exportPartnerProfile,
  exportRecruitmentData,
  exportReturnerData,
  stockholmDate,
} from '../recruitment/index.ts';

/**
 * Everything the service holds about the person, as one JSON document (GDPR art. 15 and 20): each
 * feature's part, which that feature reads from its own tables.
 */
export async function exportPersonalData(scope: Scope, principal: UserPrincipal) {
  const { db, atomic } = scope.deps;
  const [identity, placements, moveCases, partnerProfile, campaigns, returner] = await Promise.all([
    exportIdentityData(db, principal),
    exportPlacementData(db, principal.userId),
    exportRecruitmentData(db, principal, stockholmDate(scope.now)),
    exportPartnerProfile(db, principal, scope.now),
    exportCampaignData(db, principal),
    exportReturnerData(db, principal, scope.now),
  ]);
  await atomic([auditIn(scope, { action: 'personal-data.exported', targetType: 'user', targetId: principal.userId })]);
  return {
    exportedAt: scope.now.toISOString(),
    ...identity,
    placements,
    moveCases,
    partnerProfile,
    campaigns,
    returner,
  };
}

/**
 * Erases the person: each feature's part goes in one batch, identity's (name and address replaced,
 * roles, memberships and sessions gone) last. What organisations answered stays (it is the
 * organisation's, not the person's); revisions then name "an erased user". "Erase my account" and
 * the retention job (src/jobs/jobs.ts) both erase with this.
 */
export async function eraseAccount(scope: Scope, principal: UserPrincipal): Promise<void> {
  const { db, atomic } = scope.deps;
  await atomic([
    ...erasePlacementData(db, principal.userId),
    ...eraseRecruitmentData(db, principal, scope.now),
    ...eraseCampaignData(db, principal, scope.now),
    ...eraseReturnerData(db, principal),
    ...eraseIdentityData(db, principal, scope.now),
    auditIn(scope, { action: 'account.erased', targetType: 'user', targetId: principal.userId }),
  ]);
}
