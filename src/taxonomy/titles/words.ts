/**
 * How job titles and queries are compared: lower-cased the Swedish way, accents other than å, ä
 * and ö folded ("Café" is "cafe"; "ö" stays a letter of its own, as in Swedish), and split into
 * words at anything that is not a letter or digit ("Backend-utvecklare", "Systemutvecklare/
 * Programmerare", "Lärare i grundskolan, årskurs 1-6").
 */
const FOLD: Record<string, string> = {
  à: 'a',
  á: 'a',
  â: 'a',
  ã: 'a',
  æ: 'ä',
  ç: 'c',
  è: 'e',
  é: 'e',
  ê: 'e',
  ë: 'e',
  ì: 'i',
  í: 'i',
  î: 'i',
  ï: 'i',
  ñ: 'n',
  ò: 'o',
  ó: 'o',
  ô: 'o',
  õ: 'o',
  ø: 'ö',
  ù: 'u',
  ú: 'u',
  û: 'u',
  ü: 'u',
  ý: 'y',
  ÿ: 'y',
};
const FOLDED = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');
const HAS_FOLDED = new RegExp(`[${Object.keys(FOLD).join('')}]`);

/** The text as compared: folded and with single spaces. */
export function normalise(text: string): string {
  const lower = text.normalize('NFC').toLocaleLowerCase('sv');
  return (HAS_FOLDED.test(lower) ? lower.replace(FOLDED, (c) => FOLD[c] ?? c) : lower).replace(/\s+/g, ' ').trim();
}

/**
 * Words that carry no meaning of their own in a title ("Lärare i grundskolan", "Mjukvaru- och
 * systemutvecklare m.fl."): a query need not match them, and a title's are not counted as words
 * the query left out.
 */
const FILLERS = new Set([
  'och',
  'i',
  'inom',
  'för',
  'på',
  'av',
  'med',
  'm',
  'fl',
  'mfl',
  'samt',
  'eller',
  'till',
  'vid',
  'and',
  'of',
  'the',
  'in',
]);

export const isFiller = (word: string) => FILLERS.has(word);

/** The words of a normalised text, in order. */
export function wordsOf(normalised: string): string[] {
  return normalised.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The words a title is found by: its own, and each hyphenated compound also written together
 * ("Backend-utvecklare" is found by "backendutvecklare").
 */
export function titleWords(normalised: string): string[] {
  const words = wordsOf(normalised);
  for (const compound of normalised.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu) ?? []) {
    words.push(compound.replaceAll('-', ''));
  }
  return words;
}

/** The words of a query that must match: all but fillers, unless it is made of fillers only. */
export function queryWords(normalised: string): string[] {
  const words = wordsOf(normalised);
  const meaningful = words.filter((w) => !isFiller(w));
  return meaningful.length > 0 ? meaningful : words;
}
