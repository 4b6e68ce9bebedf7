import { inflateSync } from 'node:zlib';

/**
 * The text drawn on each page of a PDF that Chromium (Skia) prints: enough to check what every
 * printed page says, not a general PDF reader. Skia writes plain indirect objects, one content
 * stream per page and Type0 fonts with a ToUnicode map; text is shown as hex glyph strings.
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { body: string; offset: number }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    objects.set(Number(m[1]), { body: m[2] ?? '', offset: (m.index ?? 0) + m[0].indexOf(m[2] ?? '') });
  }
  const object = (n: number) => {
    const found = objects.get(n);
    if (!found) throw new Error(`PDF object ${n} missing`);
    return found;
  };
  const stream = (n: number): string => {
    const { body, offset } = object(n);
    const start = body.indexOf('stream');
    const dataStart = body.indexOf('\n', start) + 1;
    const data = pdf.subarray(offset + dataStart, offset + body.lastIndexOf('endstream'));
    return (body.slice(0, start).includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1');
  };
  const refs = (text: string) => [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const toUnicode = (n: number): Map<number, string> => {
    const map = new Map<number, string>();
    const cmap = stream(n);
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, code, text] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        map.set(
          Number.parseInt(code ?? '', 16),
          Buffer.from(text ?? '', 'hex')
            .swap16()
            .toString('utf16le'),
        );
      }
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, from, to, first] of (block[1] ?? '').matchAll(
        /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
      )) {
        const start = Number.parseInt(from ?? '', 16);
        for (let code = start; code <= Number.parseInt(to ?? '', 16); code++) {
          map.set(code, String.fromCodePoint(Number.parseInt(first ?? '', 16) + code - start));
        }
      }
    }
    return map;
  };
  // The page tree from its root (the Pages node without a parent), in order; Skia nests it.
  const leaves = (n: number): number[] => {
    const { body } = object(n);
    if (!/\/Type\s*\/Pages\b/.test(body)) return [n];
    return refs(body.match(/\/Kids\s*\[([^\]]*)\]/)?.[1] ?? '').flatMap(leaves);
  };
  const root = [...objects].find(([, o]) => /\/Type\s*\/Pages\b/.test(o.body) && !/\/Parent\s/.test(o.body));
  if (!root) throw new Error('PDF page tree missing');
  return leaves(root[0]).map((page) => {
    const { body } = object(page);
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, ref] of (body.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const unicode = object(Number(ref)).body.match(/\/ToUnicode\s+(\d+) 0 R/)?.[1];
      fonts.set(name ?? '', unicode ? toUnicode(Number(unicode)) : new Map());
    }
    const content = refs(body.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/)?.[1] ?? '')
      .map(stream)
      .join('\n');
    let font = new Map<number, string>();
    let text = '';
    for (const m of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>/g)) {
      if (m[1] !== undefined) font = fonts.get(m[1]) ?? new Map();
      else {
        const hex = m[2] ?? '';
        for (let i = 0; i + 4 <= hex.length; i += 4) text += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
      }
    }
    return text;
  });
}
