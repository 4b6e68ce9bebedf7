import type { Dimension } from '../dimensions.ts';
import type { DemandEntry } from '../service.ts';

/**
 * A demand table as the page shows it: for no breakdown one figure, for one dimension a list
 * (headcount and organisations), for two a cross table with row and column totals, for three one
 * cross table per value of the third dimension and one over all of them. Pure: labels, order and
 * texts come in.
 */
export interface CellView {
  text: string;
  /** The figure: null where hidden, 0 where nobody stated a need. */
  value: number | null;
  numeric: boolean;
  suppressed: boolean;
  /** Why a figure is hidden (protected view), or would be (the secretariat's preview). */
  reason: string | undefined;
  /** For a hidden figure: the nearest published coarser figure, saying which it is. */
  coarser: string | undefined;
  wouldHide: boolean;
  own: string | undefined;
  key: string;
  /** The cell's id in the publication, where the figure is one of its cells. */
  cell: string | undefined;
}

export interface TableView {
  caption: string;
  corner: string;
  columns: string[];
  /** `lang: 'sv'` on a row whose name is Swedish on an English page (no English name exists). */
  rows: { label: string; lang?: 'sv' | undefined; isTotal: boolean; cells: CellView[] }[];
}

export interface ViewInput {
  by: readonly Dimension[];
  entries: readonly DemandEntry[];
  /** The codes every entry carries: the dimensions a filter fixes to one value. */
  fixed?: Readonly<Record<string, string>>;
  /** The codes of each dimension, in display order. */
  codes: (d: Dimension) => string[];
  label: (d: Dimension, code: string) => string;
  /** 'sv' where the name shown is Swedish on an English page. */
  labelLang?: (d: Dimension, code: string) => 'sv' | undefined;
  dimensionName: (d: Dimension) => string;
  caption: string;
  /** An organisation's own headcount per entry (keyed like `entryKey`), if any. */
  own?: ReadonlyMap<string, number> | undefined;
  /** The nearest published coarser figure of a hidden cell, by cell id. */
  coarser?: ReadonlyMap<string, string> | undefined;
  raw: boolean;
  text: {
    total: string;
    hidden: string;
    none: string;
    headcount: string;
    organisations: string;
    own: (value: string) => string;
    reason: (reason: string) => string;
  };
  format: (value: number) => string;
}

/** A stable id of an entry's key: its dimension=code pairs in dimension order. */
export function entryKey(key: Readonly<Record<string, string>>): string {
  return Object.keys(key)
    .sort()
    .map((d) => `${d}=${key[d]}`)
    .join(';');
}

export function buildTableViews(input: ViewInput): TableView[] {
  const fixed = input.fixed ?? {};
  const byKey = new Map(input.entries.map((e) => [entryKey(e.key), e]));
  const cell = (local: Record<string, string>, figure: 'headcount' | 'organisations' = 'headcount'): CellView => {
    const id = entryKey({ ...fixed, ...local });
    const entry = byKey.get(id);
    const own = figure === 'headcount' ? input.own?.get(id) : undefined;
    const base = {
      key: id,
      cell: entry?.cell,
      own: own ? input.text.own(input.format(own)) : undefined,
      reason: entry?.reason ? input.text.reason(entry.reason) : undefined,
      coarser: undefined,
    };
    // No entry: nobody stated such a need, a published nought.
    if (!entry)
      return { ...base, text: input.text.none, value: 0, numeric: false, suppressed: false, wouldHide: false };
    const value = entry[figure];
    if (entry.suppressed || value === null) {
      const coarser = figure === 'headcount' && entry.cell ? input.coarser?.get(entry.cell) : undefined;
      return {
        ...base,
        coarser,
        text: input.text.hidden,
        value: null,
        numeric: false,
        suppressed: true,
        wouldHide: false,
      };
    }
    return {
      ...base,
      text: input.format(value),
      value,
      numeric: true,
      suppressed: false,
      wouldHide: input.raw && !!entry.reason,
    };
  };
  const [rowDim, colDim, splitDim] = input.by;
  const figures = [input.text.headcount, input.text.organisations];
  if (!rowDim) {
    return [
      {
        caption: input.caption,
        corner: '',
        columns: figures,
        rows: [{ label: input.text.total, isTotal: true, cells: [cell({}), cell({}, 'organisations')] }],
      },
    ];
  }
  const rowCodes = input.codes(rowDim);

  if (!colDim) {
    const rows = [...rowCodes.map((code) => ({ code, key: { [rowDim]: code } })), { code: undefined, key: {} }];
    return [
      {
        caption: input.caption,
        corner: input.dimensionName(rowDim),
        columns: figures,
        rows: rows.map((r) => ({
          label: r.code === undefined ? input.text.total : input.label(rowDim, r.code),
          lang: r.code === undefined ? undefined : input.labelLang?.(rowDim, r.code),
          isTotal: r.code === undefined,
          cells: [cell(r.key), cell(r.key, 'organisations')],
        })),
      },
    ];
  }

  const colCodes = input.codes(colDim);
  const crossTable = (split: Record<string, string>, sectionCaption: string, rowsShown: string[]): TableView => ({
    caption: sectionCaption,
    corner: input.dimensionName(rowDim),
    columns: [...colCodes.map((code) => input.label(colDim, code)), input.text.total],
    rows: [...rowsShown, undefined].map((r) => {
      const rowKey: Record<string, string> = r === undefined ? { ...split } : { ...split, [rowDim]: r };
      return {
        label: r === undefined ? input.text.total : input.label(rowDim, r),
        lang: r === undefined ? undefined : input.labelLang?.(rowDim, r),
        isTotal: r === undefined,
        cells: [...colCodes.map((c) => cell({ ...rowKey, [colDim]: c })), cell(rowKey)],
      };
    }),
  });
  if (!splitDim) return [crossTable({}, input.caption, rowCodes)];
  const splitName = input.dimensionName(splitDim);
  // A section lists the rows that have a figure in it: a large table is not a page of empty rows.
  const rowsIn = (code: string) =>
    rowCodes.filter((r) => byKey.has(entryKey({ ...fixed, [splitDim]: code, [rowDim]: r })));
  return [
    ...input
      .codes(splitDim)
      .map((code) =>
        crossTable(
          { [splitDim]: code },
          `${input.caption} – ${splitName}: ${input.label(splitDim, code)}`,
          rowsIn(code),
        ),
      ),
    crossTable({}, `${input.caption} – ${splitName}: ${input.text.total}`, rowCodes),
  ];
}
