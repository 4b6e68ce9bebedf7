import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findOccupationNames, findSkillNames, type ReferenceName, swedishName } from './names.ts';
import { searchOccupations, titleIndexFor } from './occupation-search.ts';
import { findTaxonomyLabels, findTaxonomyMatches, searchSkills } from './queries.ts';
import { groupsTitled } from './titles/search.ts';

/**
 * The taxonomy picker's server side (templates/partials/taxonomy-picker.hbs): a person types
 * occupation groups or skills by name, one a line or comma-separated, and each entry becomes a
 * JobTech id. An entry resolves if it is an id, a four-digit SSYK code (occupations), or equals one
 * of the labels in `search_text` (Swedish, and English where the table has it), case and spaces
 * aside; an occupation also by a job title that names one group only ("Mjukvaruutvecklare", see
 * titles/). A whole line is tried before its comma-separated parts, because some labels hold commas.
 */
export type TaxonomyKind = 'occupation' | 'skill';

export interface Unresolved {
  entry: string;
  suggestions: string[];
}

export interface Resolution {
  ids: string[];
  unresolved: Unresolved[];
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

/** The entries of a field as typed; lines first, each also split at commas. */
function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const partsOf = (line: string) =>
  line
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

type Row = Awaited<ReturnType<typeof findTaxonomyMatches>>[number];

async function findMatches(db: Kysely<Database>, kind: TaxonomyKind, entries: string[]): Promise<Row[]> {
  if (entries.length === 0) return [];
  return findTaxonomyMatches(
    db,
    kind,
    entries,
    entries.map((e) => ` | ${normalise(e)} | `),
  );
}

function idsFor(rows: Row[], entry: string): string[] {
  const byId = rows.find((r) => r.id === entry);
  if (byId) return [byId.id];
  if (/^\d{4}$/.test(entry)) return rows.filter((r) => r.code === entry).map((r) => r.id);
  const needle = ` | ${normalise(entry)} | `;
  const labelled = rows.filter((r) => ` | ${r.search_text} | `.includes(needle));
  // Several concepts may share a label; the first by id keeps the choice stable.
  return labelled
    .map((r) => r.id)
    .sort()
    .slice(0, 1);
}

/**
 * Up to three labels near an entry that names nothing. Occupations: the groups the entry finds as
 * words ("svets"), else the groups of the titles nearest to it ("Svetsere"). Skills: the entry
 * itself, then ever shorter beginnings of it.
 */
export async function suggestLabels(db: Kysely<Database>, kind: TaxonomyKind, entry: string): Promise<string[]> {
  const text = entry.trim();
  if (kind === 'occupation') {
    const found = await searchOccupations(db, { q: text, limit: 3, offset: 0 });
    return (found.items.length > 0 ? found.items : found.didYouMean).map((o) => o.labelSv);
  }
  const tries = [text, text.slice(0, Math.max(3, Math.ceil(text.length * 0.6))), text.slice(0, 3)];
  for (const q of [...new Set(tries)]) {
    if (q.length < 2) continue;
    const page = await searchSkills(db, { q, limit: 3, offset: 0 });
    if (page.items.length > 0) return page.items.map((item) => item.labelSv);
  }
  return [];
}

const MAX_PARTS = 40;

/** Every run of consecutive parts, joined as a label with commas would be. */
function runsOf(parts: string[]): string[] {
  const runs: string[] = [];
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j <= parts.length; j++) runs.push(parts.slice(i, j).join(', '));
  return runs;
}

export async function resolveEntries(db: Kysely<Database>, kind: TaxonomyKind, text: string): Promise<Resolution> {
  const lines = linesOf(text).map((line) => partsOf(line).slice(0, MAX_PARTS));
  const candidates = [...new Set(lines.flatMap(runsOf))];
  const rows = await findMatches(db, kind, candidates);
  const titles = kind === 'occupation' && candidates.length > 0 ? await titleIndexFor(db) : undefined;
  // An entry no label names may still be a job title of exactly one group.
  const resolve = (entry: string) => {
    const found = idsFor(rows, entry);
    if (found.length > 0 || !titles) return found;
    const groups = groupsTitled(titles, entry);
    return groups.length === 1 ? groups.map((g) => g.id) : [];
  };
  const ids: string[] = [];
  const missing: string[] = [];
  for (const parts of lines) {
    // The longest run of parts that names something wins: "Python, programmeringsspråk" is one skill.
    let i = 0;
    while (i < parts.length) {
      let matched = false;
      for (let j = parts.length; j > i; j--) {
        const found = resolve(parts.slice(i, j).join(', '));
        if (found.length > 0) {
          ids.push(...found);
          i = j;
          matched = true;
          break;
        }
      }
      if (!matched) {
        missing.push(...parts.slice(i, i + 1));
        i++;
      }
    }
  }
  const unresolved = await Promise.all(
    [...new Set(missing)].map(async (entry) => ({ entry, suggestions: await suggestLabels(db, kind, entry) })),
  );
  return { ids: [...new Set(ids)], unresolved };
}

/**
 * Occupation groups and skills by id as a picker shows them and posts them back: on an English
 * page an occupation group by SCB's English name where that name resolves to the group alone
 * (SCB names both 2515 and 3513 "System administrators": those stay Swedish), else, as skills
 * always, by its Swedish name, marked `lang: 'sv'`. Every name given resolves to its id again.
 */
export async function pickerNames(
  db: Kysely<Database>,
  kind: TaxonomyKind,
  ids: readonly string[],
  lang: 'sv' | 'en',
): Promise<Map<string, ReferenceName>> {
  if (kind === 'skill') return findSkillNames(db, ids, lang);
  const names = await findOccupationNames(db, ids, lang);
  const english = [...names].filter(([, n]) => !n.lang && lang === 'en');
  if (english.length === 0) return names;
  const rows = await findMatches(
    db,
    kind,
    english.map(([, n]) => n.name),
  );
  for (const [id, n] of english) {
    const back = idsFor(rows, n.name);
    if (back.length !== 1 || back[0] !== id) {
      const swedish = await findTaxonomyLabels(db, kind, [id]);
      names.set(id, swedishName(swedish[0]?.label_sv ?? id, lang));
    }
  }
  return names;
}

/**
 * Stored ids as the names a person reads, one a line (pickerNames), and `lang: 'sv'` when every
 * name is Swedish on an English page; an id the table lacks stays as it is.
 */
export async function labelEntries(
  db: Kysely<Database>,
  kind: TaxonomyKind,
  text: string,
  lang: 'sv' | 'en' = 'sv',
): Promise<{ text: string; lang?: 'sv' }> {
  const entries = linesOf(text).flatMap(partsOf);
  if (entries.length === 0) return { text };
  const names = await pickerNames(db, kind, entries, lang);
  // Only a field made wholly of ids is relabelled; what a person typed is shown as typed.
  if (names.size === 0 || names.size !== new Set(entries).size) return { text };
  const shown = entries.map((id) => names.get(id) ?? { name: id });
  return {
    text: shown.map((n) => n.name).join('\n'),
    ...(shown.every((n) => n.lang === 'sv') ? { lang: 'sv' as const } : {}),
  };
}
