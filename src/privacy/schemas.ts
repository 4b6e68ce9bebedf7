import { z } from 'zod';
import { identityDataExport } from '../identity/index.ts';
import { placementDataExport } from '../placements/index.ts';
import {
  campaignDataExport,
  partnerDataExport,
  recruitmentDataExport,
  returnerDataExport,
} from '../recruitment/index.ts';

/** GET /api/v1/me/export: everything the service holds about the person, each feature's part (service.ts). */
export const personalDataExport = z.object({
  exportedAt: z.string(),
  ...identityDataExport.shape,
  placements: placementDataExport,
  /** The move cases the person is the household of (src/recruitment). */
  moveCases: recruitmentDataExport,
  /** The person's partner profile, its consents and who viewed it (src/recruitment). */
  partnerProfile: partnerDataExport,
  /** The person's campaign applications and visit-day sign-ups (src/recruitment/campaigns). */
  campaigns: campaignDataExport,
  /** The person's entry in the returner pool, or null (src/recruitment/returners). */
  returner: returnerDataExport,
});

/** The erase page's form: the box must be ticked; a checkbox posts "true" (or "on") only then. */
export const eraseConfirmation = z.object({
  confirm: z.enum(['true', 'on'], { error: 'account.erase.confirmRequired' }),
});
