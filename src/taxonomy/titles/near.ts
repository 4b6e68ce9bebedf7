import { type GroupRef, normalise, queryWords, type TitleGroup, type TitleIndex, trigramsOf } from './title-index.ts';

/**
 * "Did you mean": the titles nearest to a query that found nothing ("sjukskoterska", "Svetsere",
 * "progammerare"). Each word of the query is compared with the words of titles (definitions and
 * keywords aside): candidates share three-letter runs with it (a trigram index, so only a few
 * hundred words are looked at), and the nearest are those fewest edits away. A title scores the
 * mean of its words' nearness to the query's words; each group is offered once, by its best title,
 * and only titles about as near as the best (so a clear typo gets one answer, not three).
 */
export interface NearTitle {
  /** The title as written in the data: a JobTech occupation name, our alias, or the group's label. */
  title: string;
  group: TitleGroup;
}

/** Words sharing fewer three-letter runs than this (Dice coefficient) are not compared further. */
const MIN_SHARED = 0.3;
/** Nearness (1 − edits / length) a suggestion needs, and how far below the best one it may be. */
const MIN_NEAR = 0.6;
const BELOW_BEST = 0.15;
const CANDIDATES_PER_WORD = 30;

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  // Three rows of the table: two back (for swaps), the last, and this one.
  let before = new Array<number>(b.length + 1).fill(0);
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((last[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (last[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = last;
    last = row;
  }
  return last[b.length] ?? 0;
}

const nearness = (a: string, b: string) => 1 - editDistance(a, b) / Math.max(a.length, b.length);

/** Title words near one query word, with their nearness. */
function nearWords(index: TitleIndex, word: string): Map<string, number> {
  const own = trigramsOf(word);
  const shared = new Map<string, number>();
  for (const t of own) for (const w of index.trigrams.get(t) ?? []) shared.set(w, (shared.get(w) ?? 0) + 1);
  const candidates: { word: string; dice: number }[] = [];
  for (const [candidate, n] of shared) {
    const dice = (2 * n) / (own.length + Math.max(1, candidate.length - 2));
    if (dice >= MIN_SHARED) candidates.push({ word: candidate, dice });
  }
  candidates.sort((a, b) => b.dice - a.dice);
  const near = new Map<string, number>();
  for (const { word: candidate } of candidates.slice(0, CANDIDATES_PER_WORD)) {
    const score = nearness(word, candidate);
    if (score >= MIN_NEAR) near.set(candidate, score);
  }
  return near;
}

export function nearestTitles(index: TitleIndex, query: string, limit = 3): NearTitle[] {
  const words = queryWords(normalise(query)).filter((w) => w.length >= 3);
  if (words.length === 0) return [];
  // Per entry, the nearness of its nearest word to each query word.
  const scores = new Map<number, number[]>();
  words.forEach((word, w) => {
    for (const [candidate, score] of nearWords(index, word)) {
      for (const e of index.postings.get(candidate) ?? []) {
        const kind = index.entries[e]?.kind;
        if (kind === 'definition' || kind === 'keyword') continue;
        const held = scores.get(e) ?? new Array<number>(words.length).fill(0);
        held[w] = Math.max(held[w] ?? 0, score);
        scores.set(e, held);
      }
    }
  });
  const best = new Map<GroupRef, { score: number; title: string }>();
  for (const [e, held] of scores) {
    const entry = index.entries[e];
    if (!entry) continue;
    // A title with words the query lacks is a little less near ("Svetsare" before "Svetsare, rör").
    const score = (held.reduce((a, b) => a + b, 0) / words.length) * 0.97 ** Math.max(0, entry.size - words.length);
    const before = best.get(entry.group);
    if (!before || score > before.score)
      best.set(entry.group, { score, title: entry.shown ?? entry.group.group.labelSv });
  }
  const ranked = [...best].sort(([a, x], [b, y]) => y.score - x.score || a.order - b.order);
  const top = ranked[0]?.[1].score ?? 0;
  return ranked
    .filter(([, r]) => r.score >= MIN_NEAR && r.score >= top - BELOW_BEST)
    .slice(0, limit)
    .map(([group, r]) => ({ title: r.title, group: group.group }));
}
