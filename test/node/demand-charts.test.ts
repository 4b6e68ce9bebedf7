import { describe, expect, it } from 'vitest';
import { changeBarChart, DECREASE_COLOUR, INCREASE_COLOUR } from '../../src/demand/charts/change-bars.ts';
import { groupedBarChart } from '../../src/demand/charts/grouped-bars.ts';
import { escapeXml, niceMax, ticks } from '../../src/demand/charts/svg.ts';

/** The bars of an SVG: every <rect> with a <title>, i.e. not the legend's swatches. */
function bars(svg: string) {
  return [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="([^"]+)"><title>([^<]*)<\/title>/g,
    ),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), fill: m[4], title: m[5] }));
}

const grouped = (groups: { label: string; values: (number | null)[] }[]) =>
  groupedBarChart({
    id: 'test-chart',
    title: 'Efterfrågan',
    desc: 'Staplar per område',
    series: [{ label: 'Inom 1 år' }, { label: 'Om 1–3 år' }],
    groups,
    hiddenLabel: ':c',
    formatValue: String,
  });

describe('grouped bar chart', () => {
  it('draws bars whose lengths are proportional to the values', () => {
    const chart = grouped([
      { label: 'Tech', values: [10, 40] },
      { label: 'Smart industri', values: [20, 5] },
    ]);
    const drawn = bars(chart.svg);
    expect(drawn).toHaveLength(4);
    const unit = (drawn[0]?.width ?? 0) / 10;
    expect(unit).toBeGreaterThan(0);
    for (const [bar, value] of drawn.map((b, i) => [b, [10, 40, 20, 5][i]] as const))
      expect(bar.width).toBeCloseTo(unit * (value ?? 0), 1);
    expect(chart).toMatchObject({ drawn: 4, hidden: 0 });
  });

  it('draws no bar for a hidden value, only its flag, and counts it', () => {
    const chart = grouped([
      { label: 'Tech', values: [null, 7] },
      { label: 'Missions', values: [3, null] },
    ]);
    expect(bars(chart.svg).map((b) => b.title)).toEqual(['Tech, Om 1–3 år: 7', 'Missions, Inom 1 år: 3']);
    expect(chart.svg.match(/class="chart-hidden">:c</g)).toHaveLength(2);
    expect(chart).toMatchObject({ drawn: 2, hidden: 2 });
  });

  it('is an image with a title and description that name it for assistive technology', () => {
    const { svg } = grouped([{ label: 'Tech', values: [1, 2] }]);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="test-chart-title test-chart-desc"/);
    expect(svg).toContain('<title id="test-chart-title">Efterfrågan</title>');
    expect(svg).toContain('<desc id="test-chart-desc">Staplar per område</desc>');
  });

  it('escapes every text it draws', () => {
    const { svg } = grouped([{ label: '<script>alert("x")</script> & co', values: [1, 2] }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });
});

describe('change chart', () => {
  const chart = changeBarChart({
    id: 'change',
    title: 'Förändring',
    desc: 'Ökning till höger',
    items: [
      { label: 'Tech', change: 8 },
      { label: 'Smart industri', change: -4 },
      { label: 'Missions', change: null },
    ],
    hiddenLabel: ':c',
    formatValue: String,
  });

  it('draws an increase to the right of the zero line and a decrease to the left, in proportion', () => {
    const [up, down] = bars(chart.svg);
    const zero = Number(/<line x1="([\d.]+)"[^>]*class="chart-zero"/.exec(chart.svg)?.[1]);
    expect(up).toMatchObject({ x: zero, fill: INCREASE_COLOUR, title: 'Tech: +8' });
    expect(down?.fill).toBe(DECREASE_COLOUR);
    expect((down?.x ?? 0) + (down?.width ?? 0)).toBeCloseTo(zero, 1);
    expect(up?.width).toBeCloseTo(2 * (down?.width ?? 0), 1);
  });

  it('draws no bar for a change that is not published', () => {
    expect(bars(chart.svg).map((b) => b.title)).toEqual(['Tech: +8', 'Smart industri: -4']);
    expect(chart).toMatchObject({ drawn: 2, hidden: 1 });
  });
});

describe('chart scales', () => {
  it('round the axis up to 1, 2 or 5 × 10ⁿ with whole-number ticks', () => {
    expect([0, 1, 3, 7, 12, 23, 480, 4711].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 500, 5000]);
    expect(ticks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(20)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(ticks(2)).toEqual([0, 1, 2]);
  });

  it('escape markup characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
