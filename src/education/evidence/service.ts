import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Invalid } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { demandChange, listDemandRounds, previousRound, resolveRound } from '../../demand/index.ts';
import { publicationState } from '../../publication/index.ts';
import { type GapItem, gapReport } from '../gap/service.ts';

/**
 * An evidence pack for a YH application or a programme review: for one occupation (SSYK-4) or
 * one specialisation, the demand by horizon, the gap against the region's offerings and the change
 * from the previous round. It is meant to be handed on, so it is protected for everyone: every
 * figure is a cell of a round's publication (the gap report's protected view, demandChange on the
 * two publications), and the pack names the publications' versions. A round without published
 * figures has no pack (409, as for the gap); a previous round without them has no change section.
 */
export const evidenceQuery = z.object({
  round: z.string().min(1).max(100).optional(),
  occupation: z.string().trim().max(64).optional(),
  specialisation: z.string().trim().max(64).optional(),
});
export type EvidenceQuery = z.infer<typeof evidenceQuery>;

export interface EvidenceChange {
  occupation: string;
  horizon: string;
  from: number | null;
  to: number | null;
  change: number | null;
  suppressed: boolean;
}

export async function evidencePack(scope: Scope, query: EvidenceQuery) {
  if (!query.occupation && !query.specialisation) throw new Invalid('occupation', 'education.evidence.subjectRequired');
  const { db } = scope.deps;
  const round = await resolveRound(db, query.round);
  // The protected view only: the pack never reads raw figures (that would need an audit entry).
  const report = await gapReport(scope, { round: round.id, specialisation: query.specialisation, view: 'protected' });
  const items: GapItem[] = query.occupation
    ? report.items.filter((i) => i.occupation === query.occupation)
    : report.items;
  const previous =
    previousRound(
      (await listDemandRounds(db)).filter((r) => r.status === 'closed' || r.id === round.id),
      round,
    ) ?? null;
  const previousState = previous ? await publicationState(db, previous.id) : null;
  const previousPublication = previousState?.state === 'published' ? previousState.publication : null;
  let changes: EvidenceChange[] = [];
  let notComparable = false;
  if (previous && previousPublication) {
    const change = await demandChange(db, {
      from: previous.id,
      to: round.id,
      by: ['occupation', 'horizon'],
      filters: query.specialisation ? { specialisation: [query.specialisation] } : {},
      ssykLevel: 4,
    });
    // A question that changed its meaning between the rounds (headcount, questionnaire 1 → 2) has no change.
    notComparable = !change.comparable;
    changes = (notComparable ? [] : change.cells)
      .filter((e) => !query.occupation || e.key.occupation === query.occupation)
      .map((e) => ({
        occupation: e.key.occupation ?? '',
        horizon: e.key.horizon ?? '',
        from: e.suppressed ? null : e.from,
        to: e.suppressed ? null : e.to,
        change: e.change,
        suppressed: e.suppressed,
      }))
      .sort((a, b) => a.occupation.localeCompare(b.occupation) || a.horizon.localeCompare(b.horizon));
  }
  const subjectName = query.occupation
    ? (items[0]?.occupationName ?? (await occupationName(db, scope.lang, query.occupation)))
    : await specialisationName(db, scope.lang, query.specialisation ?? '');
  return {
    round: report.round,
    publication: report.publication,
    previous,
    previousVersion: previousPublication?.version ?? null,
    notComparable,
    subjectName,
    items,
    changes,
    report,
  };
}

async function occupationName(db: Kysely<Database>, lang: Scope['lang'], code: string): Promise<string> {
  const row = await db.selectFrom('ssyk').select(['name_sv', 'name_en']).where('code', '=', code).executeTakeFirst();
  return row ? (lang === 'en' ? row.name_en : row.name_sv) : code;
}

async function specialisationName(db: Kysely<Database>, lang: Scope['lang'], code: string): Promise<string> {
  const row = await db
    .selectFrom('specialisations')
    .select(['name_sv', 'name_en'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? (lang === 'en' ? row.name_en : row.name_sv) : code;
}
