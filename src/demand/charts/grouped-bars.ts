import { chartRoot, el, niceMax, text, ticks } from './svg.ts';

/**
 * Grouped horizontal bars: one group per category (its name on a line of its own, so that long
 * names need no wrapping), one bar per series. A hidden value (null) draws no bar, only the flag.
 */
export interface GroupedBarsSpec {
  id: string;
  title: string;
  desc: string;
  series: readonly { label: string }[];
  /** A group per category; `cells` names each value's publication cell, marked on its label (`data-cell`). */
  groups: readonly { label: string; values: readonly (number | null)[]; cells?: readonly (string | undefined)[] }[];
  /** What a hidden value shows instead of a bar (`:c`). */
  hiddenLabel: string;
  formatValue: (value: number) => string;
  width?: number;
}

export interface Chart {
  svg: string;
  /** How many values are drawn as bars, and how many are hidden and not drawn. */
  drawn: number;
  hidden: number;
}

export const SERIES_COLOURS = ['#0b5a7a', '#a8440f', '#4a6b12', '#6b3fa0'];
const LEFT = 8;
const RIGHT = 64;
const LEGEND = 32;
const LABEL = 20;
const BAR = 16;
const GAP = 4;
const GROUP_GAP = 14;
const AXIS = 28;

export function groupedBarChart(spec: GroupedBarsSpec): Chart {
  const width = spec.width ?? 640;
  const plot = width - LEFT - RIGHT;
  const values = spec.groups.flatMap((g) => g.values);
  const max = niceMax(Math.max(0, ...values.filter((v): v is number => v !== null)));
  const groupHeight = LABEL + spec.series.length * (BAR + GAP) + GROUP_GAP;
  const axisY = LEGEND + spec.groups.length * groupHeight;
  const height = axisY + AXIS;
  const x = (value: number) => LEFT + (value / max) * plot;

  const legend = spec.series.flatMap((s, i) => {
    const left = LEFT + spec.series.slice(0, i).reduce((sum, p) => sum + p.label.length * 7 + 34, 0);
    return [
      el('rect', { x: left, y: 8, width: 12, height: 12, fill: SERIES_COLOURS[i % SERIES_COLOURS.length] }),
      el('text', { x: left + 17, y: 19, class: 'chart-label' }, [text(s.label)]),
    ];
  });
  const grid = ticks(max).flatMap((tick) => [
    el('line', { x1: x(tick), x2: x(tick), y1: LEGEND, y2: axisY, class: 'chart-grid' }),
    el('text', { x: x(tick), y: axisY + 18, 'text-anchor': 'middle', class: 'chart-axis' }, [
      text(spec.formatValue(tick)),
    ]),
  ]);
  let drawn = 0;
  let hidden = 0;
  const bars = spec.groups.flatMap((group, g) => {
    const top = LEGEND + g * groupHeight;
    const label = el('text', { x: LEFT, y: top + 14, class: 'chart-label' }, [text(group.label)]);
    const groupBars = spec.series.flatMap((series, i) => {
      const y = top + LABEL + i * (BAR + GAP);
      const value = group.values[i] ?? null;
      const cell = group.cells?.[i];
      if (value === null) {
        hidden++;
        return [
          el('text', { x: LEFT + 2, y: y + 12, class: 'chart-hidden', 'data-cell': cell }, [text(spec.hiddenLabel)]),
        ];
      }
      drawn++;
      const name = `${group.label}, ${series.label}: ${spec.formatValue(value)}`;
      const valueLabel = el('text', { x: x(value) + 4, y: y + 12, class: 'chart-value', 'data-cell': cell }, [
        text(spec.formatValue(value)),
      ]);
      // Zero is a published value with nothing to draw: its label only.
      if (value === 0) return [valueLabel];
      const fill = SERIES_COLOURS[i % SERIES_COLOURS.length];
      return [
        el('rect', { x: LEFT, y, width: x(value) - LEFT, height: BAR, fill }, [el('title', {}, [text(name)])]),
        valueLabel,
      ];
    });
    return [label, ...groupBars];
  });
  return { svg: chartRoot({ ...spec, width, height }, [...legend, ...grid, ...bars]), drawn, hidden };
}
