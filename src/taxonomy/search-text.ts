/** The text that taxonomy search matches against: labels and codes, lower-cased the Swedish way. */
export function toSearchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .map((part) => part.toLocaleLowerCase('sv'))
    .join(' | ');
}
