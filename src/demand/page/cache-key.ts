import type { DisclosureRule } from '../../publication/index.ts';
import type { DemandRound } from '../rounds.ts';
import type { DemandPageQuery } from './schemas.ts';

/**
 * The key of the demand page's public body: the publications whose cells it shows
 * (the round's and the compared round's: a new publication is a new id, so a body never outlives
 * its figures) and everything else the body shows. The validated query (not the raw address)
 * names the view, so that only real views are kept; the rounds' ids, names and statuses fill the
 * round selects and the comparison.
 */
export function pageCacheKey(input: {
  lang: string;
  query: DemandPageQuery;
  rounds: readonly DemandRound[];
  compare: DemandRound | undefined;
  publications: readonly (string | null)[];
  disclosure: DisclosureRule;
}): string {
  const { lang, query, rounds, compare, publications, disclosure } = input;
  const view = Object.entries(query)
    .filter(([name, value]) => value !== undefined && name !== 'view' && name !== 'org')
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({
    page: 'demand',
    lang,
    view,
    compare: compare?.id ?? null,
    publications,
    rounds: roundsStamp(rounds),
    disclosure,
  });
}

/** The rounds' ids, names, periods and statuses as a short stable stamp, for page keys that show the round select. */
export function roundsStamp(rounds: readonly DemandRound[]): string {
  return fnv1a(JSON.stringify(rounds.map((r) => [r.id, r.name, r.period, r.status])));
}

/** 32-bit FNV-1a, as hex: a short, stable stamp (not a security measure). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
