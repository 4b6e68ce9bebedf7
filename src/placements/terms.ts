/**
 * The words a placement is found by: lower-cased the Swedish way, split on anything that is not a
 * letter or digit, at least two characters, at most 40 distinct words per field group. The same
 * function reads a search query, so the two always agree (docs/decisions/0013).
 */
export function searchTerms(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of text.toLocaleLowerCase('sv').split(/[^\p{L}\p{N}+#]+/u)) {
      if (word.length >= 2 && word.length <= 40) out.add(word);
    }
  }
  return [...out];
}

/**
 * Words too common to narrow a search: Swedish and English function words that nearly every
 * description holds. A query that has other words leaves them out, so "service och underhåll" asks
 * for service and underhåll (and a single word left takes the fast one-word path); a query of only
 * such words searches them as typed (docs/decisions/0025).
 */
const STOP_WORDS = new Set([
  'och',
  'eller',
  'men',
  'samt',
  'att',
  'som',
  'en',
  'ett',
  'av',
  'på',
  'för',
  'med',
  'till',
  'om',
  'är',
  'det',
  'den',
  'de',
  'vid',
  'från',
  'hos',
  'mot',
  'inom',
  'and',
  'or',
  'of',
  'the',
  'in',
  'for',
  'to',
  'with',
  'at',
  'on',
  'an',
]);

/** A query's words, at most five (each narrows the result), without the stop words when others remain. */
export function queryTerms(q: string | undefined): string[] {
  const words = q ? searchTerms(q) : [];
  const telling = words.filter((word) => !STOP_WORDS.has(word));
  return (telling.length > 0 ? telling : words).slice(0, 5);
}

/** Letters in a part before a compound part may start inside a word ("jobb" in "sommarjobb"). */
export const MIN_PART_LENGTH = 4;

/**
 * The parts of an indexed word that a query word can start with: the word itself, and each of its
 * endings of at least MIN_PART_LENGTH letters ("sommarjobb" → "ommarjobb" … "jobb"), so that a
 * prefix range over the parts finds word prefixes and compound parts alike
 * (docs/decisions/0025-placement-text-search.md). Migration 0015 makes the same parts in SQL.
 */
export function wordParts(words: readonly string[]): [part: string, word: string][] {
  const out: [string, string][] = [];
  for (const word of words) {
    const letters = Array.from(word);
    out.push([word, word]);
    for (let start = 1; letters.length - start >= MIN_PART_LENGTH; start++)
      out.push([letters.slice(start).join(''), word]);
  }
  return out;
}

/**
 * The first string after every string that starts with `prefix` (the last letter moved on by one
 * code point): `part >= prefix AND part < prefixEnd(prefix)` is a range of the index. SQLite
 * compares text as UTF-8 bytes, which keeps code point order.
 */
export function prefixEnd(prefix: string): string {
  const letters = Array.from(prefix);
  const last = letters.pop() ?? '';
  return letters.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

/** A placement's index words (title first, at most 300), each with 1 when its title holds it. */
export function placementTerms(
  title: string,
  ...texts: (string | null | undefined)[]
): [term: string, inTitle: 0 | 1][] {
  const inTitle = new Set(searchTerms(title));
  return searchTerms(title, ...texts)
    .slice(0, 300)
    .map((term) => [term, inTitle.has(term) ? 1 : 0]);
}
