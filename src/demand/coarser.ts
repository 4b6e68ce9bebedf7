import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  coarserCells,
  coarserKinds,
  kindOf,
  type Publication,
  type PublishedEntry,
  parseCellId,
  parseToken,
  readKinds,
} from '../publication/index.ts';

/**
 * The nearest published coarser figure for a hidden cell (DESIGN.md, "Statistical
 * confidentiality": show as much as is safe): the occupation one SSYK level up at a time, then all
 * horizons, then the whole region, and so on (read.ts `coarserCells`). A view shows it beside the
 * hidden cell and says which figure it is (`coarserStep`).
 */
export interface CoarserFigure {
  cell: string;
  entry: PublishedEntry;
}

const kindOfCell = (id: string) => kindOf(Object.keys(parseCellId(id)));

/** For each hidden cell, its nearest published coarser cell, where one exists; one read for all. */
export async function nearestPublished(
  db: Kysely<Database>,
  publication: Publication,
  hidden: readonly string[],
): Promise<Map<string, CoarserFigure>> {
  const kinds = [...new Set(hidden.flatMap((id) => coarserKinds(kindOfCell(id))))];
  const cells = await readKinds(db, publication, kinds);
  const out = new Map<string, CoarserFigure>();
  for (const id of hidden) {
    const cell = coarserCells(id).find((candidate) => cells.get(candidate)?.suppressed === false);
    const entry = cell === undefined ? undefined : cells.get(cell);
    if (cell !== undefined && entry) out.set(id, { cell, entry });
  }
  return out;
}

/** How a coarser cell differs from the hidden one: the occupation group it is, the dimensions it sums over. */
export interface CoarserStep {
  occupation: { level: number; code: string } | undefined;
  summed: string[];
}

export function coarserStep(hidden: string, coarser: string): CoarserStep {
  const from = parseCellId(hidden);
  const to = parseCellId(coarser);
  const occupationToken = Object.keys(to).find((token) => token.startsWith('occupation@'));
  const level = occupationToken ? (parseToken(occupationToken).level ?? 4) : undefined;
  const changed = occupationToken !== undefined && from[occupationToken] === undefined;
  const summed = Object.keys(from)
    .filter((token) => !token.startsWith('occupation@') && to[token] === undefined)
    .map((token) => parseToken(token).dimension);
  return {
    occupation:
      changed && level !== undefined && occupationToken ? { level, code: to[occupationToken] ?? '' } : undefined,
    summed,
  };
}
