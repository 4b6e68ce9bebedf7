import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import { domainToAppError } from '../../http/problem.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import { type DemandChange, publishedChange } from '../analysis/change.ts';
import { changeBarChart } from '../charts/change-bars.ts';
import { groupedBarChart } from '../charts/grouped-bars.ts';
import type { DemandRound } from '../rounds.ts';
import type { TableInput } from '../tables.ts';
import { formatNumber } from './format.ts';
import type { TableView } from './views.ts';

/** A chart of more rows than this draws the largest; the table above it has them all. */
export const MAX_CHART_GROUPS = 25;

/**
 * The shown table as grouped bars: a group per row, a bar per column (per horizon, say), drawn
 * from the table's own cells, so that the chart shows exactly the published figures the table
 * does (hidden ones draw no bar). `series` names the columns of a cross table; a list has one.
 */
export function tableChart(input: {
  t: Translate;
  lang: Language;
  view: TableView | undefined;
  series: string[] | undefined;
  title: string;
}) {
  const { t, lang, view } = input;
  const rows = view?.rows.filter((r) => !r.isTotal) ?? [];
  if (!view || rows.length === 0) return { empty: true as const };
  const total = (r: TableView['rows'][number]) => (input.series ? r.cells.at(-1) : r.cells[0])?.value ?? -1;
  const largest = new Set([...rows].sort((a, b) => total(b) - total(a)).slice(0, MAX_CHART_GROUPS));
  const groups = rows
    .filter((r) => largest.has(r))
    .map((r) => {
      const cells = input.series ? r.cells.slice(0, -1) : r.cells.slice(0, 1);
      return { label: r.label, values: cells.map((cell) => cell.value), cells: cells.map((cell) => cell.cell) };
    });
  const hidden = groups.flatMap((g) => g.values).filter((v) => v === null).length;
  const chart = groupedBarChart({
    id: 'chart-demand',
    title: input.title,
    desc: `${t('demand.chart.demand.desc')} ${t('demand.chart.hiddenNote', { count: hidden })}`,
    series: (input.series ?? [t('demand.headcount')]).map((label) => ({ label })),
    groups,
    hiddenLabel: t('demand.hidden'),
    formatValue: (v) => formatNumber(lang, v),
  });
  return {
    empty: false as const,
    svg: chart.svg,
    hidden: chart.hidden,
    shownGroups: groups.length,
    allGroups: rows.length,
  };
}

/**
 * Change per row of the shown table between a closed round and the one asked for, cell by cell
 * of the two publications (`publishedChange`); rounds that cannot be compared say why instead.
 */
export async function changeChart(
  db: Kysely<Database>,
  input: {
    t: Translate;
    lang: Language;
    from: DemandRound;
    round: DemandRound;
    request: TableInput;
    /** The rows in display order with their labels, and the name of their dimension. */
    rows: { code: string | undefined; label: string }[];
    rowName: string;
  },
) {
  const { t, lang } = input;
  let change: DemandChange;
  try {
    change = await publishedChange(db, { from: input.from, to: input.round }, input.request);
  } catch (err) {
    if (err instanceof DomainError && err.kind !== 'not-found') {
      return { notComparable: domainToAppError(err, t, lang).detail ?? '' };
    }
    throw err;
  }
  if (!change.comparable) {
    // Figures of two different questions side by side would read as a change: say why there is none.
    const questions = change.notComparable.map((n) => t(`survey.q.${n.question}`)).join(', ');
    return {
      notComparable: t('demand.change.questionChanged', { questions, from: change.from.name, to: change.to.name }),
    };
  }
  const [rowDim] = input.request.by;
  const all = [...change.cells, ...change.totals];
  const find = (code: string | undefined) => all.find((e) => rowDim === undefined || e.key[rowDim] === code);
  const rows = input.rows.flatMap((row) => {
    const entry = find(row.code);
    return entry ? [{ ...row, entry }] : [];
  });
  const show = (v: number | null, signed = false) =>
    v === null ? t('demand.hidden') : `${signed && v > 0 ? '+' : ''}${formatNumber(lang, v)}`;
  const items = rows.filter((r) => r.code !== undefined).map((r) => ({ label: r.label, change: r.entry.change }));
  const hidden = items.filter((i) => i.change === null).length;
  const chart = changeBarChart({
    id: 'chart-change',
    title: t('demand.chart.change.title', { from: change.from.name, to: change.to.name }),
    desc: `${t('demand.chart.change.desc')} ${t('demand.chart.hiddenNote', { count: hidden })}`,
    items: items.slice(0, MAX_CHART_GROUPS),
    hiddenLabel: t('demand.hidden'),
    formatValue: (v) => formatNumber(lang, v),
  });
  return {
    svg: chart.svg,
    hidden: chart.hidden,
    from: change.from,
    to: change.to,
    rowName: input.rowName,
    rows: rows.map((r) => ({
      label: r.label,
      cell: r.entry.cell,
      isTotal: r.code === undefined,
      from: show(r.entry.from),
      to: show(r.entry.to),
      change: show(r.entry.change, true),
      suppressed: r.entry.suppressed,
    })),
  };
}
