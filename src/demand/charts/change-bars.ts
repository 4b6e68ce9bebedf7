import type { Chart } from './grouped-bars.ts';
import { chartRoot, el, niceMax, text } from './svg.ts';

/**
 * Change between two rounds as diverging horizontal bars from a zero line: an increase to the
 * right, a decrease to the left. A change that cannot be published (null) draws no bar.
 */
export interface ChangeBarsSpec {
  id: string;
  title: string;
  desc: string;
  items: readonly { label: string; change: number | null }[];
  hiddenLabel: string;
  formatValue: (value: number) => string;
  width?: number;
}

export const INCREASE_COLOUR = '#0b5a7a';
export const DECREASE_COLOUR = '#a8440f';
const SIDE = 56;
const LABEL = 20;
const BAR = 18;
const GAP = 14;
const AXIS = 28;

export function changeBarChart(spec: ChangeBarsSpec): Chart {
  const width = spec.width ?? 640;
  const half = (width - 2 * SIDE) / 2;
  const zero = SIDE + half;
  const published = spec.items.flatMap((i) => (i.change === null ? [] : [Math.abs(i.change)]));
  const max = niceMax(Math.max(0, ...published));
  const rowHeight = LABEL + BAR + GAP;
  const axisY = 8 + spec.items.length * rowHeight;
  const x = (value: number) => zero + (value / max) * half;

  const axis = [-max, -max / 2, 0, max / 2, max].flatMap((tick) => [
    el('line', { x1: x(tick), x2: x(tick), y1: 8, y2: axisY, class: tick === 0 ? 'chart-zero' : 'chart-grid' }),
    el('text', { x: x(tick), y: axisY + 18, 'text-anchor': 'middle', class: 'chart-axis' }, [
      text(spec.formatValue(tick)),
    ]),
  ]);
  let drawn = 0;
  let hidden = 0;
  const rows = spec.items.flatMap((item, i) => {
    const top = 8 + i * rowHeight;
    const y = top + LABEL;
    const label = el('text', { x: 8, y: top + 14, class: 'chart-label' }, [text(item.label)]);
    if (item.change === null) {
      hidden++;
      return [label, el('text', { x: zero + 4, y: y + 13, class: 'chart-hidden' }, [text(spec.hiddenLabel)])];
    }
    drawn++;
    const value = item.change;
    const shown = `${value > 0 ? '+' : ''}${spec.formatValue(value)}`;
    const end = x(value);
    return [
      label,
      el(
        'rect',
        {
          x: Math.min(zero, end),
          y,
          width: Math.abs(end - zero),
          height: BAR,
          fill: value < 0 ? DECREASE_COLOUR : INCREASE_COLOUR,
        },
        [el('title', {}, [text(`${item.label}: ${shown}`)])],
      ),
      el(
        'text',
        {
          x: value < 0 ? end - 4 : end + 4,
          y: y + 13,
          'text-anchor': value < 0 ? 'end' : 'start',
          class: 'chart-value',
        },
        [text(shown)],
      ),
    ];
  });
  return { svg: chartRoot({ ...spec, width, height: axisY + AXIS }, [...axis, ...rows]), drawn, hidden };
}
