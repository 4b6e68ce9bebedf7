import { SECTION_KEYS, type SectionKey } from './sections.ts';

/**
 * Template placeholder text: what a generated draft asks the secretariat to write itself, marked
 * `[Att skriva: …]` or `[To write: …]` (the catalogue's `plans.draft.*.todo`, in the plan's
 * language). The marker is the contract: a plan is not adopted while any section holds one.
 * Drafts generated before the marker existed carried one unmarked sentence; it counts too.
 */
const MARKER = /\[\s*(?:att skriva|to write)\s*:/iu;
const LEGACY = [
  'Skriv en sammanfattning av planens viktigaste slutsatser här',
  'Summarise the plan’s main conclusions here',
];

export function hasPlaceholder(markdown: string): boolean {
  return MARKER.test(markdown) || LEGACY.some((text) => markdown.includes(text));
}

/** The sections, in order, that still hold placeholder text. */
export function placeholderSections(sections: Readonly<Record<string, string>>): SectionKey[] {
  return SECTION_KEYS.filter((key) => hasPlaceholder(sections[key] ?? ''));
}
