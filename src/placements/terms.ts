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

/** A query's words, at most five (each narrows the result). */
export function queryTerms(q: string | undefined): string[] {
  return q ? searchTerms(q).slice(0, 5) : [];
}
