import { expressionBuilder } from 'kysely';
import { auditIfIn, auditIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { sendMail } from '../../mail/index.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { findCaseRow } from '../move-cases/queries.ts';
import { findRelocationGuide, householdAddresses, listRelocationGuides, setGuideKommunerQueries } from './queries.ts';
import type { RelocationGuide } from './schemas.ts';

/**
 * Guides per kommun and a case's named guide (decision 0036): the secretariat sets which kommuner
 * a guide serves (their queue: src/recruitment/move-cases/queries.ts inGuideArea) and assigns or
 * reassigns a case's guide, audited, telling the guides and the household.
 */

const eb = expressionBuilder<Database>();

export async function listGuides(scope: Scope): Promise<RelocationGuide[]> {
  return listRelocationGuides(scope.deps.db);
}

async function requireGuide(scope: Scope, userId: string, field: string): Promise<RelocationGuide> {
  const guide = await findRelocationGuide(scope.deps.db, userId);
  if (!guide) {
    if (field === '') throw new NotFound();
    throw new Invalid(field, 'guides.validation.guide');
  }
  return guide;
}

/** Replaces the kommuner a guide serves (empty: the whole region); only the region's kommuner. */
export async function setGuideKommuner(
  scope: Scope,
  userId: string,
  kommuner: readonly string[],
): Promise<RelocationGuide> {
  const { db, atomic } = scope.deps;
  await requireGuide(scope, userId, '');
  const region = new Set((await listMunicipalities(db, { regionOnly: true })).map((k) => k.code));
  const codes = [...new Set(kommuner)].sort();
  const outside = codes.find((k) => !region.has(k));
  if (outside !== undefined) throw new Invalid('kommuner', 'guides.validation.kommun');
  await atomic([
    ...setGuideKommunerQueries(db, userId, codes),
    auditIn(scope, { action: 'guide.kommuner-set', targetType: 'user', targetId: userId, detail: { kommuner: codes } }),
  ]);
  return requireGuide(scope, userId, '');
}

/**
 * Names the case's guide (assigns, or hands it to another). One conditional statement: if someone
 * changed the guide or closed the case in between, 409 and nothing is written or mailed.
 */
export async function assignGuide(scope: Scope, caseId: string, guideUserId: string): Promise<void> {
  const { db, atomic, config } = scope.deps;
  const row = await findCaseRow(db, caseId);
  if (!row) throw new NotFound();
  if (row.status !== 'open')
    throw new DomainError('conflict', 'moveCase.error.closed', { titleKey: 'moveCase.error.closedTitle' });
  const guide = await requireGuide(scope, guideUserId, 'guideUserId');
  const before = row.guide?.id ?? null;
  if (before === guide.id) return;
  const unchanged = (q: typeof eb) =>
    q.exists(
      q
        .selectFrom('move_cases')
        .select('id')
        .where('id', '=', caseId)
        .where('status', '=', 'open')
        .where('guide_user_id', before === null ? 'is' : '=', before),
    );
  const [, result] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'move-case.guide-changed',
        targetType: 'move-case',
        targetId: caseId,
        detail: { from: before, to: guide.id },
      },
      unchanged(eb),
    ),
    db
      .updateTable('move_cases')
      .set((u) => ({ guide_user_id: guide.id, version: u('version', '+', 1), updated_at: scope.now.toISOString() }))
      .where('id', '=', caseId)
      .where('status', '=', 'open')
      .where('guide_user_id', before === null ? 'is' : '=', before)
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1)
    throw new DomainError('conflict', 'guides.error.changed', { titleKey: 'guides.error.changedTitle' });

  const url = `${config.publicUrl}/move-cases/${caseId}`;
  const name = guide.name ?? guide.email;
  const mail = (to: string, key: 'toGuide' | 'toFormer' | 'toHousehold') =>
    sendMail(scope.deps, {
      to,
      language: 'both',
      content: (t) => ({
        subject: t(`guides.mail.${key}.subject`),
        body: t(`guides.mail.${key}.text`, { name, url }),
      }),
      links: [url],
      kind: 'move-case-guide',
    });
  await mail(guide.email, 'toGuide');
  if (row.guide?.email) await mail(row.guide.email, 'toFormer');
  for (const to of await householdAddresses(db, caseId)) await mail(to, 'toHousehold');
}
