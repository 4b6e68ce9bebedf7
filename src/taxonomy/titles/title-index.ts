import { isFiller, normalise, queryWords, titleWords, wordsOf } from './words.ts';

/**
 * Job titles in memory: every name an occupation group is known by (its own labels, JobTech's
 * occupation names, their synonyms and keywords, our aliases, its definition), each pointing at the
 * group, indexed by word. docs/decisions/0026-job-title-search.md says why in memory and how the
 * ranking goes; search.ts finds and near.ts suggests over it.
 */
export type SynonymKind = 'label_part' | 'keyword' | 'ontology_term' | 'ontology_term_misspelled';

export interface TitleGroup {
  id: string;
  ssyk: string | null;
  labelSv: string;
  labelEn: string | null;
  definition: string | null;
}

export interface TitleSource {
  groups: TitleGroup[];
  names: { id: string; label: string; groupId: string }[];
  synonyms: { label: string; nameId: string; kind: SynonymKind }[];
  aliases: readonly { title: string; groupId: string }[];
}

/** What an entry is; its class decides the ranking before anything else (search.ts). */
export type EntryKind = 'group' | 'name' | 'alias' | 'synonym' | 'keyword' | 'definition';

/** A group as the index holds it: with its place in Swedish alphabetical order, the last tie-break. */
export interface GroupRef {
  group: TitleGroup;
  order: number;
}

export interface Entry {
  kind: EntryKind;
  group: GroupRef;
  /** The words joined by single spaces: what "the same title" and "begins with" compare. */
  key: string;
  /** The title shown as the one that matched; null when it is the group's own label (or its definition). */
  shown: string | null;
  /** How many words the title has that mean something (fillers such as "i", "och" aside). */
  size: number;
}

export interface TitleIndex {
  groups: GroupRef[];
  entries: Entry[];
  /** Every distinct word, sorted, for word-prefix search by bisection. */
  words: string[];
  /** Word → the entries that hold it. */
  postings: Map<string, number[]>;
  /** Three-letter run → the distinct words of titles (definitions aside) that hold it, to find a word inside a compound. */
  trigrams: Map<string, string[]>;
  /** Scratch space for one search at a time (search.ts; searches are synchronous). */
  scratch: { round: Int32Array; inside: Int32Array };
}

/** The distinct three-letter runs of a word. */
export function trigramsOf(word: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) found.add(word.slice(i, i + 3));
  return [...found];
}

export function buildTitleIndex(source: TitleSource): TitleIndex {
  const collator = new Intl.Collator('sv');
  const groups = [...source.groups]
    .sort((a, b) => collator.compare(a.labelSv, b.labelSv))
    .map((group, order) => ({ group, order }));
  const byId = new Map(groups.map((g) => [g.group.id, g]));
  const groupLabels = new Map(groups.map((g) => [g, wordsOf(normalise(g.group.labelSv)).join(' ')]));
  const entries: Entry[] = [];
  const postings = new Map<string, number[]>();
  const titleWordSet = new Set<string>();

  const add = (kind: EntryKind, groupId: string, text: string, shown: string | null) => {
    const group = byId.get(groupId);
    if (group === undefined || !text.trim()) return;
    const norm = normalise(text);
    const own = wordsOf(norm);
    const key = own.join(' ');
    const shownKey = shown === null ? null : wordsOf(normalise(shown)).join(' ');
    const id = entries.length;
    entries.push({
      kind,
      group,
      key,
      shown: shownKey === null || shownKey === groupLabels.get(group) ? null : shown,
      size: own.filter((w) => !isFiller(w)).length,
    });
    for (const word of kind === 'definition' ? own : titleWords(norm)) {
      const list = postings.get(word);
      if (!list) postings.set(word, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
      if (kind !== 'definition') titleWordSet.add(word);
    }
  };

  for (const { group: g } of groups) {
    add('group', g.id, g.labelSv, null);
    if (g.labelEn) add('group', g.id, g.labelEn, null);
    if (g.definition) add('definition', g.id, g.definition, null);
  }
  const names = new Map(source.names.map((n) => [n.id, n]));
  for (const n of source.names) add('name', n.groupId, n.label, n.label);
  for (const a of source.aliases) add('alias', a.groupId, a.title, a.title);
  for (const s of source.synonyms) {
    const name = names.get(s.nameId);
    if (!name) continue;
    // A label part ("Programmerare" of "Systemutvecklare/Programmerare") is a title of its own; an ad
    // term is often lower-case or misspelt ("programmeraren", "distrikssjuksköterska"), so the
    // name it stands for is shown instead; a keyword ("Turism") is a hint towards that name.
    const kind: EntryKind = s.kind === 'keyword' ? 'keyword' : 'synonym';
    add(kind, name.groupId, s.label, s.kind === 'label_part' ? s.label : name.label);
  }

  const trigrams = new Map<string, string[]>();
  for (const word of titleWordSet) {
    for (let at = 0; at + 3 <= word.length; at++) {
      const t = word.slice(at, at + 3);
      const list = trigrams.get(t);
      if (!list) trigrams.set(t, [word]);
      else if (list[list.length - 1] !== word) list.push(word);
    }
  }

  return {
    groups,
    entries,
    words: [...postings.keys()].sort(),
    postings,
    trigrams,
    scratch: { round: new Int32Array(entries.length), inside: new Int32Array(entries.length) },
  };
}

/** The first index in sorted `words` at which `prefix` could stand. */
function lowerBound(words: string[], prefix: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How a query word met a word of a title: the word itself, its beginning, or inside a compound. */
export const WORD = 0;
export const PREFIX = 1;
export const INSIDE = 2;

/**
 * The shortest query word looked for inside compounds: "utvecklare" finds "mjukvaruutvecklare",
 * "svets" finds "plastsvetsare"; shorter ones ("el", "it") would find half the list.
 */
const INSIDE_MIN = 4;

/** The words of the index a query word meets, each with how (WORD, PREFIX or INSIDE), the strongest first. */
export function wordMatches(index: TitleIndex, word: string): [string, number][] {
  const found: [string, number][] = [];
  for (let i = lowerBound(index.words, word); ; i++) {
    const candidate = index.words[i];
    if (candidate === undefined || !candidate.startsWith(word)) break;
    found.push([candidate, candidate === word ? WORD : PREFIX]);
  }
  found.sort((a, b) => a[1] - b[1]);
  if (word.length >= INSIDE_MIN) {
    // Only words that hold the query's rarest three letters can hold the query.
    let fewest: string[] | undefined;
    for (const t of trigramsOf(word)) {
      const list = index.trigrams.get(t);
      if (!list) return found;
      if (!fewest || list.length < fewest.length) fewest = list;
    }
    for (const candidate of fewest ?? []) {
      if (candidate.indexOf(word, 1) > 0 && !candidate.startsWith(word)) found.push([candidate, INSIDE]);
    }
  }
  return found;
}

export { normalise, queryWords, wordsOf };
