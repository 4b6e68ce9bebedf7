import { defineCache } from '../../cache/define.ts';
import { type DemandRound, roundsStamp } from '../../demand/index.ts';
import type { DisclosureRule } from '../../publication/index.ts';

/**
 * The public gap page's bodies, per round and key, under the versions of the round's lines and of
 * the offerings (docs/decisions/0024-one-cache-module.md). The key names things that change without
 * a version (the rounds' names), so bodies a week old are purged.
 */
export const gapPages = defineCache<string>({
  namespace: 'gap-pages',
  store: 'table',
  maxEntries: 200,
  maxSize: 16 * 1024 * 1024,
  maxAgeDays: 7,
});

/**
 * The key of the public gap page's body (docs/decisions/0012-education-gap.md): a submission to
 * the round raises the version it is kept under; everything else the body shows is in the key, the
 * publication whose cells it shows included (a round published again gets a new one). An
 * offering write raises the offerings' version the body is also kept under, in any process or
 * Workers isolate; the rounds' stamp covers the round select; the filters are the validated query
 * with the resolved round and the page number.
 */
export function gapPageCacheKey(input: {
  lang: string;
  roundId: string;
  publication: string;
  filters: {
    specialisation?: string | undefined;
    focusArea?: string | undefined;
    horizon?: string | undefined;
    provider?: string | undefined;
  };
  page: number;
  rounds: readonly DemandRound[];
  disclosure: DisclosureRule;
}): string {
  const { lang, roundId, publication, filters, page, rounds, disclosure } = input;
  const view = [filters.specialisation, filters.focusArea, filters.horizon, filters.provider].map((v) => v || null);
  return JSON.stringify({
    page: 'education/gaps',
    lang,
    round: roundId,
    publication,
    view,
    n: page,
    rounds: roundsStamp(rounds),
    disclosure,
  });
}
