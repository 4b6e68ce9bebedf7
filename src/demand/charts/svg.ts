/**
 * A few lines of SVG writing for the server-rendered charts. Every text and attribute value is
 * escaped here, since the finished SVG goes into the page unescaped (it is markup).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type Attributes = Record<string, string | number | undefined>;

/** `<name attrs>children</name>`; children are markup, made by `el` or `text`. */
export function el(name: string, attributes: Attributes, children: readonly string[] = []): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? format(value) : value)}"`)
    .join('');
  return children.length > 0 ? `<${name}${attrs}>${children.join('')}</${name}>` : `<${name}${attrs}/>`;
}

/** Escaped character data. */
export function text(value: string): string {
  return escapeXml(value);
}

/** Coordinates with at most two decimals, so that the markup stays short and stable. */
export function format(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The axis maximum: the smallest 1, 2 or 5 × 10ⁿ at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** Evenly spaced tick values from 0 to `max` inclusive, whole numbers where `max` allows. */
export function ticks(max: number): number[] {
  const count = [5, 4, 2].find((n) => Number.isInteger(max / n)) ?? 1;
  return Array.from({ length: count + 1 }, (_v, i) => (max * i) / count);
}

/** The outer element of a chart: an image with a title and a description for assistive technology. */
export function chartRoot(
  spec: { id: string; title: string; desc: string; width: number; height: number },
  children: readonly string[],
): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${spec.width} ${spec.height}`,
      width: spec.width,
      height: spec.height,
      role: 'img',
      'aria-labelledby': `${spec.id}-title ${spec.id}-desc`,
      class: 'chart',
      id: spec.id,
    },
    [
      el('title', { id: `${spec.id}-title` }, [text(spec.title)]),
      el('desc', { id: `${spec.id}-desc` }, [text(spec.desc)]),
      ...children,
    ],
  );
}
