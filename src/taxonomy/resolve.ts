import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
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

/** Stored ids as the labels a person reads, one a line; an id the table lacks stays as it is. */
export async function labelEntries(db: Kysely<Database>, kind: TaxonomyKind, text: string): Promise<string> {
  const entries = linesOf(text).flatMap(partsOf);
  if (entries.length === 0) return text;
  const rows = await findTaxonomyLabels(db, kind, entries);
  // Only a field made wholly of ids is relabelled; what a person typed is shown as typed.
  if (rows.length === 0 || new Set(rows.map((r) => r.id)).size !== new Set(entries).size) return text;
  const labels = new Map(rows.map((r) => [r.id, r.label_sv]));
  return entries.map((id) => labels.get(id) ?? id).join('\n');
}
