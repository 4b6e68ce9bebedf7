import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { DisclosureRule, Publication } from '../../publication/index.ts';
import type { Label } from '../figures.ts';

/**
 * What every section generator gets: the round and its publication, the specialisation (null: all),
 * the view (`raw` for the secretariat's draft, `protected` for everything that may be published) and
 * the tools to read and name the figures. Generators are plain functions of this input, so a section
 * whose data comes from another feature (the education gap, placements) is one module to wire.
 * Every demand figure is a cell of `publication` (docs/decisions/0015-competence-plans.md).
 */
export interface SectionInput {
  db: Kysely<Database>;
  rule: DisclosureRule & { dominanceN: number };
  now: Date;
  round: { id: string; name: string; period: string };
  previousRound: { id: string; name: string } | null;
  /** The round's publication: the only source of the plan's demand figures. */
  publication: Publication;
  /** The previous round's publication, to compare with; null when it has none (yet). */
  previousPublication: Publication | null;
  /**
   * The questions of the change table that the two rounds' questionnaires ask with different
   * meanings (headcount from version 1 to 2): then the table shows no change, and says why.
   */
  previousNotComparable: string[];
  specialisation: string | null;
  view: 'raw' | 'protected';
  t: { sv: Translate; en: Translate };
}

export const both = (input: SectionInput, key: string, params?: Record<string, unknown>): Label => ({
  sv: input.t.sv(key, params),
  en: input.t.en(key, params),
});

/** The filtered insight page behind a table: the same breakdown and filter as the figures. */
export function evidenceUrl(
  input: SectionInput,
  params: { by?: string[]; compare?: string; path?: string; extra?: Record<string, string> },
): string {
  const query = new URLSearchParams({ round: input.round.id });
  for (const by of params.by ?? []) query.append('by', by);
  if (input.specialisation) query.set('specialisation', input.specialisation);
  if (params.compare) query.set('compare', params.compare);
  for (const [k, v] of Object.entries(params.extra ?? {})) query.set(k, v);
  return `${params.path ?? '/demand'}?${query.toString()}`;
}
