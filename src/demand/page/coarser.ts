import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import type { Publication } from '../../publication/index.ts';
import { coarserStep, nearestPublished } from '../coarser.ts';
import { coarserText } from './format.ts';

/**
 * For each hidden cell of a table, the note that offers its nearest published coarser figure, by
 * cell id; none where that figure is one of the table's own (a row total stands beside it already).
 */
export async function coarserNotes(
  db: Kysely<Database>,
  input: {
    t: Translate;
    lang: Language;
    publication: Publication;
    entries: readonly { cell?: string | undefined; suppressed: boolean }[];
  },
): Promise<Map<string, string>> {
  const hidden = input.entries.flatMap((e) => (e.suppressed && e.cell !== undefined ? [e.cell] : []));
  if (hidden.length === 0) return new Map();
  const nearest = await nearestPublished(db, input.publication, hidden);
  const shown = new Set(input.entries.map((e) => e.cell));
  return new Map(
    [...nearest]
      .filter(([, figure]) => !shown.has(figure.cell))
      .map(([cell, figure]) => [
        cell,
        coarserText(input.t, input.lang, coarserStep(cell, figure.cell), figure.entry.headcount ?? 0),
      ]),
  );
}
