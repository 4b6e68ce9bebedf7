import {
  type EntryKind,
  type GroupRef,
  INSIDE,
  normalise,
  queryWords,
  type TitleGroup,
  type TitleIndex,
  wordMatches,
  wordsOf,
} from './title-index.ts';

/**
 * Occupation groups for what a person types, best first (docs/decisions/0026-job-title-search.md):
 * every word typed must begin a word of a title or, from four letters, stand inside a compound
 * ("utvecklare" in "Mjukvaruutvecklare"). A group ranks by its best title: by class first — the
 * group's own names, JobTech's occupation names and our aliases, then synonyms, then keywords,
 * then the definition — and within a class the title itself before a title that begins with the
 * words, before one that holds them as words, before one that holds them inside compounds.
 */
export type MatchedBy = 'code' | 'group' | 'name' | 'alias' | 'synonym' | 'keyword' | 'definition';

export interface TitleHit {
  group: TitleGroup;
  /** The title that matched, when it is not the group's own label: "Mjukvaruutvecklare". */
  matchedTitle: string | null;
  matchedBy: MatchedBy;
}

const CLASS: Record<EntryKind, number> = { group: 0, name: 0, alias: 0, synonym: 1, keyword: 2, definition: 3 };
const EXACT = 0;
const BEGINS = 1;
const WORDS = 2;
const COMPOUND = 3;

/** Definitions are searched only for words of this length or more: "in" begins half their words. */
const DEFINITION_MIN = 3;

/** A group's best title and how it ranks, smaller first. */
interface Best {
  group: GroupRef;
  entry: number;
  /** Class and level, then words met only inside compounds, then the title's words the query left out. */
  rank: number;
  length: number;
  /** How many of the group's titles the query met: a group known by many such titles is the likelier. */
  titles: number;
}

const rankOf = (tier: number, inside: number, extra: number) =>
  (tier * 16 + Math.min(inside, 15)) * 64 + Math.min(extra, 63);

/**
 * The entries that hold every query word, each with how many of the words it holds only inside a
 * compound. The word with the fewest entries goes first: its entries are the candidates the
 * others narrow down. round[e] counts the words entry e has met; the strongest way a word meets
 * an entry comes first (wordMatches), so an entry met as a word is never counted as inside.
 */
function entriesWithAll(index: TitleIndex, words: string[]): { entry: number; inside: number }[] {
  const withDefinitions = words.every((w) => w.length >= DEFINITION_MIN);
  const { round, inside } = index.scratch;
  const matches = words
    .map((word) => {
      const found = wordMatches(index, word);
      let size = 0;
      for (const [w] of found) size += index.postings.get(w)?.length ?? 0;
      return { found, size };
    })
    .sort((a, b) => a.size - b.size);
  const candidates: number[] = [];
  matches.forEach(({ found }, r) => {
    for (const [word, how] of found) {
      for (const e of index.postings.get(word) ?? []) {
        if ((round[e] ?? 0) !== r) continue;
        if (index.entries[e]?.kind === 'definition' && (how === INSIDE || !withDefinitions)) continue;
        if (r === 0) {
          candidates.push(e);
          inside[e] = 0;
        }
        round[e] = r + 1;
        if (how === INSIDE) inside[e] = (inside[e] ?? 0) + 1;
      }
    }
  });
  const all: { entry: number; inside: number }[] = [];
  for (const e of candidates) {
    if (round[e] === words.length) all.push({ entry: e, inside: inside[e] ?? 0 });
    round[e] = 0;
  }
  return all;
}

export function findTitles(index: TitleIndex, query: string, options: { ssyk?: string } = {}): TitleHit[] {
  const normalised = normalise(query);
  const words = [...new Set(queryWords(normalised))];
  const hits = byCode(index, query.trim(), options.ssyk);
  if (words.length === 0) return hits;
  const key = wordsOf(normalised).join(' ');

  const best = new Map<GroupRef, Best>();
  for (const { entry: e, inside } of entriesWithAll(index, words)) {
    const entry = index.entries[e];
    if (!entry) continue;
    const level = entry.key === key ? EXACT : entry.key.startsWith(key) ? BEGINS : inside === 0 ? WORDS : COMPOUND;
    const rank = rankOf(CLASS[entry.kind] * 4 + level, inside, Math.max(0, entry.size - words.length));
    const counted = entry.kind === 'definition' ? 0 : 1;
    const held = best.get(entry.group);
    if (!held) best.set(entry.group, { group: entry.group, entry: e, rank, length: entry.key.length, titles: counted });
    else {
      held.titles += counted;
      if (rank < held.rank || (rank === held.rank && entry.key.length < held.length)) {
        held.entry = e;
        held.rank = rank;
        held.length = entry.key.length;
      }
    }
  }

  const ranked = [...best.values()]
    .filter((b) => !options.ssyk || b.group.group.ssyk?.startsWith(options.ssyk))
    .sort((a, b) => a.rank - b.rank || b.titles - a.titles || a.length - b.length || a.group.order - b.group.order);
  const seen = new Set(hits.map((h) => h.group.id));
  for (const b of ranked) {
    const entry = index.entries[b.entry];
    if (!entry || seen.has(b.group.group.id)) continue;
    hits.push({ group: b.group.group, matchedTitle: entry.shown, matchedBy: entry.kind });
  }
  return hits;
}

/** A query of one to four digits is an SSYK code or its beginning: those groups first, the code itself first, then by code. */
function byCode(index: TitleIndex, query: string, ssyk: string | undefined): TitleHit[] {
  if (!/^\d{1,4}$/.test(query)) return [];
  return index.groups
    .filter(({ group }) => group.ssyk?.startsWith(query) && (!ssyk || group.ssyk.startsWith(ssyk)))
    .sort(
      (a, b) =>
        Number(b.group.ssyk === query) - Number(a.group.ssyk === query) ||
        (a.group.ssyk ?? '').localeCompare(b.group.ssyk ?? '') ||
        a.order - b.order,
    )
    .map(({ group }) => ({ group, matchedTitle: null, matchedBy: 'code' as const }));
}

/**
 * The groups a title names exactly, case, accents and punctuation aside: a group's own label, an
 * occupation name, an alias or a synonym ("Programmerare"), never a keyword or a definition.
 */
export function groupsTitled(index: TitleIndex, title: string): TitleGroup[] {
  const words = wordsOf(normalise(title));
  const key = words.join(' ');
  const groups = new Set<TitleGroup>();
  for (const e of index.postings.get(words[0] ?? '') ?? []) {
    const entry = index.entries[e];
    if (entry?.key === key && entry.kind !== 'keyword' && entry.kind !== 'definition') groups.add(entry.group.group);
  }
  return [...groups];
}
