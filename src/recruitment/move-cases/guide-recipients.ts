import type { CoreDeps } from '../../core/deps.ts';
import { listSecretariatEmails } from '../../identity/index.ts';
import { type CaseRow, inGuideArea, listRelocationGuides } from './queries.ts';

/**
 * Who hears of a case on the guides' side (decisions 0028, 0036): its guide; while it is unassigned,
 * the guides whose area holds it — the queue's own rule, inGuideArea, so no guide is mailed a link that
 * answers them 404 — and, when no guide's area holds it, the secretariat (`toSecretariat`), which
 * assigns one, so the case is not left unseen.
 */
export async function caseGuideRecipients(
  deps: CoreDeps,
  row: Pick<CaseRow, 'guide' | 'housing' | 'workplaceKommun'>,
): Promise<{ to: string[]; toSecretariat: boolean }> {
  if (row.guide) return { to: row.guide.email ? [row.guide.email] : [], toSecretariat: false };
  const inArea = (await listRelocationGuides(deps.db)).filter((g) => inGuideArea(row, g.kommuner));
  if (inArea.length) return { to: inArea.map((g) => g.email), toSecretariat: false };
  return { to: await listSecretariatEmails(deps.db, deps.config.adminEmails), toSecretariat: true };
}
