import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { HORIZONS } from '../surveys/questionnaire.ts';
import { demandChange } from './change.ts';
import { changeBarChart } from './charts/change-bars.ts';
import { groupedBarChart } from './charts/grouped-bars.ts';
import type { Dimension } from './dimensions.ts';
import { labelsFor } from './labels.ts';
import { formatNumber, viewTexts } from './page-format.ts';
import { orderCodes } from './page-options.ts';
import { buildTableViews } from './page-view.ts';
import type { DemandRound } from './rounds.ts';
import { demandTable } from './service.ts';

interface ChartInput {
  round: DemandRound;
  filters: Partial<Record<Dimension, string[]>>;
  ssykLevel: 1 | 2 | 3 | 4;
  specialisationOrder: readonly string[];
}

/** Demand by specialisation and horizon: grouped bars of the protected table, and that table. */
export async function demandChart(c: Context<AppEnv>, input: ChartInput) {
  const t = c.get('t');
  const lang = c.get('lang');
  const table = await demandTable(c, {
    round: input.round.id,
    by: ['specialisation', 'horizon'],
    filters: input.filters,
    ssykLevel: input.ssykLevel,
    view: 'protected',
  });
  const names = await labelsFor(
    c.get('deps').db,
    'specialisation',
    [...new Set(table.cells.map((e) => e.key.specialisation ?? ''))],
    lang,
    t,
  );
  const name = (code: string) => names.get(code) ?? code;
  const specialisations = orderCodes('specialisation', names.keys(), name, input.specialisationOrder);
  const value = (s: string, h: string) => {
    const cell = table.cells.find((e) => e.key.specialisation === s && e.key.horizon === h);
    return cell ? cell.headcount : 0;
  };
  const groups = specialisations.map((s) => ({ label: name(s), values: HORIZONS.map((h) => value(s, h)) }));
  const hidden = groups.flatMap((g) => g.values).filter((v) => v === null).length;
  const chart = groupedBarChart({
    id: 'chart-demand',
    title: t('demand.chart.demand.title', { round: input.round.name }),
    desc: `${t('demand.chart.demand.desc')} ${t('demand.chart.hiddenNote', { count: hidden })}`,
    series: HORIZONS.map((h) => ({ label: t(`horizon.${h}`) })),
    groups,
    hiddenLabel: ':c',
    formatValue: (v) => formatNumber(lang, v),
  });
  const [dataTable] = buildTableViews({
    ...viewTexts(t, lang),
    by: ['specialisation', 'horizon'],
    entries: [...table.cells, ...table.totals],
    codes: (d) => (d === 'specialisation' ? specialisations : [...HORIZONS]),
    label: (d, code) => (d === 'specialisation' ? name(code) : t(`horizon.${code}`)),
    raw: false,
  });
  return { svg: chart.svg, hidden: chart.hidden, empty: groups.length === 0, table: dataTable };
}

/** Change per specialisation between two rounds, where both publish the figure; and its table. */
export async function changeChart(c: Context<AppEnv>, input: ChartInput & { from: DemandRound }) {
  const t = c.get('t');
  const lang = c.get('lang');
  let change: Awaited<ReturnType<typeof demandChange>>;
  try {
    change = await demandChange(c, {
      from: input.from.id,
      to: input.round.id,
      by: ['specialisation'],
      filters: input.filters,
      ssykLevel: input.ssykLevel,
    });
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return { notComparable: err.detail };
    throw err;
  }
  const codes = change.cells.map((e) => e.key.specialisation ?? '');
  const names = await labelsFor(c.get('deps').db, 'specialisation', codes, lang, t);
  const name = (code: string) => names.get(code) ?? code;
  const order = orderCodes('specialisation', codes, name, input.specialisationOrder);
  const rows = [
    ...order.flatMap((code) =>
      change.cells.filter((e) => e.key.specialisation === code).map((e) => ({ label: name(code), entry: e })),
    ),
    ...change.totals.map((e) => ({ label: t('demand.total'), entry: e })),
  ];
  const show = (v: number | null, signed = false) =>
    v === null ? ':c' : `${signed && v > 0 ? '+' : ''}${formatNumber(lang, v)}`;
  const items = rows.slice(0, order.length).map((r) => ({ label: r.label, change: r.entry.change }));
  const hidden = items.filter((i) => i.change === null).length;
  const chart = changeBarChart({
    id: 'chart-change',
    title: t('demand.chart.change.title', { from: change.from.name, to: change.to.name }),
    desc: `${t('demand.chart.change.desc')} ${t('demand.chart.hiddenNote', { count: hidden })}`,
    items,
    hiddenLabel: ':c',
    formatValue: (v) => formatNumber(lang, v),
  });
  return {
    svg: chart.svg,
    hidden: chart.hidden,
    from: change.from,
    to: change.to,
    rows: rows.map((r) => ({
      label: r.label,
      isTotal: r.label === t('demand.total') && r.entry.key.specialisation === undefined,
      from: show(r.entry.from),
      to: show(r.entry.to),
      change: show(r.entry.change, true),
      suppressed: r.entry.suppressed,
    })),
  };
}
