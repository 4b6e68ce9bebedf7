import type { Dimension } from './dimensions.ts';
import type { ProtectedEntry } from './protect-table.ts';

/**
 * A demand table as the page shows it: for one dimension a list (headcount and organisations),
 * for two a cross table with row and column totals, for three one cross table per value of the
 * third dimension and one over all of them. Pure: labels, order and texts come in.
 */
export interface CellView {
  text: string;
  numeric: boolean;
  suppressed: boolean;
  /** Why a figure is hidden (protected view), or would be (the secretariat's preview). */
  reason: string | undefined;
  wouldHide: boolean;
  own: string | undefined;
  key: string;
}

export interface TableView {
  caption: string;
  corner: string;
  columns: string[];
  rows: { label: string; isTotal: boolean; cells: CellView[] }[];
}

export interface ViewInput {
  by: readonly Dimension[];
  entries: readonly ProtectedEntry[];
  /** The codes of each dimension, in display order. */
  codes: (d: Dimension) => string[];
  label: (d: Dimension, code: string) => string;
  dimensionName: (d: Dimension) => string;
  /** An organisation's own headcount per entry (keyed like `entryKey`), if any. */
  own?: ReadonlyMap<string, number> | undefined;
  raw: boolean;
  text: {
    total: string;
    hidden: string;
    none: string;
    headcount: string;
    organisations: string;
    own: (value: string) => string;
    reason: (reason: string) => string;
    caption: (dims: string) => string;
  };
  format: (value: number) => string;
}

/** A stable id of an entry's key: its dimension=code pairs in dimension order. */
export function entryKey(key: Record<string, string>): string {
  return Object.keys(key)
    .sort()
    .map((d) => `${d}=${key[d]}`)
    .join(';');
}

export function buildTableViews(input: ViewInput): TableView[] {
  const byKey = new Map(input.entries.map((e) => [entryKey(e.key), e]));
  const cell = (key: Record<string, string>, figure: 'headcount' | 'organisations' = 'headcount'): CellView => {
    const id = entryKey(key);
    const entry = byKey.get(id);
    const own = figure === 'headcount' ? input.own?.get(id) : undefined;
    const base = {
      key: id,
      own: own ? input.text.own(input.format(own)) : undefined,
      reason: entry?.reason ? input.text.reason(entry.reason) : undefined,
    };
    if (!entry) return { ...base, text: input.text.none, numeric: false, suppressed: false, wouldHide: false };
    const value = entry[figure];
    if (entry.suppressed || value === null)
      return { ...base, text: input.text.hidden, numeric: false, suppressed: true, wouldHide: false };
    return {
      ...base,
      text: input.format(value),
      numeric: true,
      suppressed: false,
      wouldHide: input.raw && !!entry.reason,
    };
  };
  const [rowDim, colDim, splitDim] = input.by;
  if (!rowDim) return [];
  const rowCodes = input.codes(rowDim);
  const caption = input.text.caption(input.by.map(input.dimensionName).join(' × '));

  if (!colDim) {
    const rows = [...rowCodes.map((code) => ({ code, key: { [rowDim]: code } })), { code: undefined, key: {} }];
    return [
      {
        caption,
        corner: input.dimensionName(rowDim),
        columns: [input.text.headcount, input.text.organisations],
        rows: rows.map((r) => ({
          label: r.code === undefined ? input.text.total : input.label(rowDim, r.code),
          isTotal: r.code === undefined,
          cells: [cell(r.key), cell(r.key, 'organisations')],
        })),
      },
    ];
  }

  const colCodes = input.codes(colDim);
  const crossTable = (fixed: Record<string, string>, sectionCaption: string): TableView => ({
    caption: sectionCaption,
    corner: `${input.dimensionName(rowDim)} \\ ${input.dimensionName(colDim)}`,
    columns: [...colCodes.map((code) => input.label(colDim, code)), input.text.total],
    rows: [...rowCodes, undefined].map((r) => {
      const rowKey: Record<string, string> = r === undefined ? { ...fixed } : { ...fixed, [rowDim]: r };
      return {
        label: r === undefined ? input.text.total : input.label(rowDim, r),
        isTotal: r === undefined,
        cells: [...colCodes.map((c) => cell({ ...rowKey, [colDim]: c })), cell(rowKey)],
      };
    }),
  });
  if (!splitDim) return [crossTable({}, caption)];
  const splitName = input.dimensionName(splitDim);
  return [
    ...input
      .codes(splitDim)
      .map((code) => crossTable({ [splitDim]: code }, `${caption} – ${splitName}: ${input.label(splitDim, code)}`)),
    crossTable({}, `${caption} – ${splitName}: ${input.text.total}`),
  ];
}
