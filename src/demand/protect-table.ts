import { type DisclosureRule, primarySuppression } from '../publication/index.ts';

/**
 * Statistical disclosure control for one table of demand figures and its margins
 * (docs/decisions/0008-disclosure-control.md).
 *
 * Primary suppression hides a cell that fewer than `minOrganisations` organisations contribute to,
 * or in which the largest `dominanceN` contributors hold more than `dominanceK` % of the headcount
 * (the (n, k) dominance rule used by European statistical offices; defaults 3, 2 and 85 as in
 * shared/DESIGN.md). Secondary suppression then hides further cells so that no hidden cell can be
 * recovered from what is published in any line of the table: in every row, column and margin line,
 * counting the line's total as one of its entries, either nothing is hidden or at least two
 * entries are. The complement chosen is the smallest published cell of the line (the least
 * information lost), the line's total only when no cell is left.
 */
export type DisclosureParameters = DisclosureRule;

export interface TableEntry {
  /** The entry's coordinates; a dimension that is absent is summed over (a margin). */
  key: Record<string, string>;
  headcount: number;
  organisations: number;
  /** The headcount of the largest `dominanceN` contributors together. */
  topContributors: number;
}

export type SuppressionReason = 'few' | 'dominance' | 'secondary';

export interface ProtectedEntry {
  key: Record<string, string>;
  headcount: number | null;
  organisations: number | null;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

const TOTAL = '\u0000*';

/** The primary rule of src/publication/disclosure.ts, in this module's vocabulary (the API's reasons). */
export function primaryReason(entry: TableEntry, p: DisclosureParameters): SuppressionReason | null {
  const decision = primarySuppression(
    { organisations: entry.organisations, total: entry.headcount, largest: entry.topContributors },
    p,
  );
  if (decision.publish) return null;
  return decision.reason === 'too-few-organisations' ? 'few' : 'dominance';
}

interface Node {
  entry: TableEntry;
  coordinates: string[];
  reason: SuppressionReason | null;
}

/**
 * Protects a table given as its cells and all of its margins (for `dimensions` d, every entry of
 * every subset of d, the grand total included). Entries are returned in the order given.
 */
export function protectTable(
  dimensions: readonly string[],
  entries: readonly TableEntry[],
  p: DisclosureParameters,
): ProtectedEntry[] {
  const nodes: Node[] = entries.map((entry) => ({
    entry,
    coordinates: dimensions.map((d) => entry.key[d] ?? TOTAL),
    reason: primaryReason(entry, p),
  }));

  // A line: the entries that differ only in dimension d, with the one that sums over d.
  const lines = new Map<string, { cells: Node[]; total: Node | undefined }>();
  for (const node of nodes) {
    dimensions.forEach((_d, i) => {
      const id = `${i}|${node.coordinates.map((c, j) => (j === i ? '#' : c)).join('|')}`;
      const line = lines.get(id) ?? { cells: [], total: undefined };
      if (node.coordinates[i] === TOTAL) line.total = node;
      else line.cells.push(node);
      lines.set(id, line);
    });
  }
  // Lines of a single margin entry with no cells are not lines.
  const realLines = [...lines.values()].filter((line) => line.cells.length > 0);

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of realLines) {
      const members = line.total ? [...line.cells, line.total] : line.cells;
      const hidden = members.filter((n) => n.reason !== null).length;
      if (hidden !== 1) continue;
      const candidates = line.cells
        .filter((n) => n.reason === null)
        .sort(
          (a, b) =>
            a.entry.headcount - b.entry.headcount ||
            a.entry.organisations - b.entry.organisations ||
            a.coordinates.join().localeCompare(b.coordinates.join()),
        );
      const complement = candidates[0] ?? (line.total && line.total.reason === null ? line.total : undefined);
      if (complement) {
        complement.reason = 'secondary';
        changed = true;
      }
    }
  }

  return nodes.map((node) => ({
    key: node.entry.key,
    headcount: node.reason ? null : node.entry.headcount,
    organisations: node.reason ? null : node.entry.organisations,
    suppressed: node.reason !== null,
    reason: node.reason,
  }));
}
