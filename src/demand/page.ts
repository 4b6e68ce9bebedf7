import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { notFound } from '../http/errors.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { describeIssues } from '../http/validation.ts';
import { isSecretariat } from '../identity/principal.ts';
import { toFormErrors } from '../web/forms.ts';
import { render, renderBody, renderCachedBody } from '../web/render.ts';
import { readThroughCache } from './cache.ts';
import type { Dimension } from './dimensions.ts';
import { labelsFor } from './labels.ts';
import { ownFigures, ownOrganisation } from './own-figures.ts';
import { pageCacheKey } from './page-cache-key.ts';
import { changeChart, demandChart } from './page-charts.ts';
import { viewTexts } from './page-format.ts';
import { indicatorsView } from './page-indicators.ts';
import { orderCodes, pageOptions } from './page-options.ts';
import { apiSearch, type DemandPageQuery, demandPageQuery, pageFilters } from './page-query.ts';
import { buildTableViews } from './page-view.ts';
import { type DemandRound, listDemandRounds, previousRound } from './rounds.ts';
import { demandTable } from './service.ts';

const DEFAULTS = demandPageQuery.parse({});

/** Two rounds as from (earlier) and to (later); `rounds` is newest first. */
function inTimeOrder(rounds: DemandRound[], a: DemandRound, b: DemandRound) {
  return rounds.indexOf(a) > rounds.indexOf(b) ? { from: a, round: b } : { from: b, round: a };
}

/** The query string as the schema reads it: a repeated name (the `by` selects) as a list. */
function queryOf(c: Context<AppEnv>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? (v[0] ?? '') : v]));
}

async function showDemandPage(c: Context<AppEnv>): Promise<Response> {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db } = c.get('deps');
  const rounds = await listDemandRounds(db);
  const parsed = demandPageQuery.safeParse(queryOf(c));
  const query: DemandPageQuery = parsed.success ? parsed.data : DEFAULTS;
  const form = parsed.success ? undefined : toFormErrors(describeIssues(parsed.error.issues, lang, t));
  const base = { title: t('demand.title'), nav: 'demand', form };
  if (rounds.length === 0) return render(c, 'demand/page', { ...base, noRounds: true });

  const round = query.round
    ? rounds.find((r) => r.id === query.round)
    : (rounds.find((r) => r.status === 'closed') ?? rounds[0]);
  if (!round) throw notFound(t('round.notFound'));
  const compare =
    query.compare === 'none'
      ? undefined
      : (rounds.find((r) => r.id === query.compare && r.id !== round.id) ?? previousRound(rounds, round));
  const secretariat = isSecretariat(c.get('principal'));
  const membership = ownOrganisation(c, query.org);
  // The protected view is the same for every visitor who sees no figures of their own, so its body
  // is kept beside the round's tables in demand_cache: a submission to the round deletes it with
  // them, and the rounds' stamp in the key retires it when a round opens, closes or is renamed.
  // A comparison with a round still open would go stale unseen, so that view is never kept.
  const cacheable = !form && !secretariat && !membership && (!compare || compare.status === 'closed');
  if (cacheable) {
    const key = pageCacheKey({ lang, query, rounds, compare, disclosure: c.get('deps').config.disclosure });
    const body = await readThroughCache(db, round.id, key, c.get('deps').now(), async () =>
      renderBody(c, 'demand/page', await demandPageData(c, { rounds, round, compare, query, base })),
    );
    return renderCachedBody(c, body, base);
  }
  return render(
    c,
    'demand/page',
    await demandPageData(c, { rounds, round, compare, query, base, form }),
    form ? 422 : 200,
  );
}

/** Everything the page's template shows, for the round and query asked for. */
async function demandPageData(
  c: Context<AppEnv>,
  input: {
    rounds: DemandRound[];
    round: DemandRound;
    compare: DemandRound | undefined;
    query: DemandPageQuery;
    base: Record<string, unknown>;
    form?: ReturnType<typeof toFormErrors> | undefined;
  },
): Promise<Record<string, unknown>> {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db } = c.get('deps');
  const { rounds, round, compare, query, base } = input;
  const by = query.by as Dimension[];
  const filters = pageFilters(query);
  const { ssykLevel } = query;
  const secretariat = isSecretariat(c.get('principal'));
  const raw = secretariat && query.view !== 'protected';
  const options = await pageOptions(db, t, lang, { rounds, round, compare, by, ssykLevel, filters });
  if (input.form) {
    const byField: Record<string, string> = input.form.byField;
    const filterSelects = options.filterSelects.map((select) => ({ ...select, error: byField[select.name] }));
    return { ...base, ...options, filterSelects, query };
  }

  const table = await demandTable(c, { round: round.id, by, filters, ssykLevel, view: raw ? 'raw' : 'protected' });
  const entries = [...table.cells, ...table.totals];
  const labels = new Map(
    await Promise.all(
      by.map(
        async (d) =>
          [d, await labelsFor(db, d, [...new Set(entries.flatMap((e) => e.key[d] ?? []))], lang, t)] as const,
      ),
    ),
  );
  const label = (d: Dimension, code: string) => labels.get(d)?.get(code) ?? code;
  const membership = ownOrganisation(c, query.org);
  const own = membership
    ? await ownFigures(c, { roundId: round.id, organisationId: membership.organisationId, by, filters, ssykLevel })
    : undefined;
  const tables = buildTableViews({
    ...viewTexts(t, lang),
    by,
    entries,
    codes: (d) =>
      orderCodes(
        d,
        labels.get(d)?.keys() ?? [],
        (code) => label(d, code),
        d === 'specialisation' ? options.specialisationOrder : [],
      ),
    label,
    own,
    raw,
  });
  const chartInput = { round, filters, ssykLevel, specialisationOrder: options.specialisationOrder };
  const [chart, change, indicators] = await Promise.all([
    demandChart(c, chartInput),
    compare ? changeChart(c, { ...chartInput, ...inTimeOrder(rounds, compare, round) }) : undefined,
    indicatorsView(c, { round: round.id, filters, ssykLevel }),
  ]);
  const search = apiSearch({
    round: round.id,
    by,
    ssykLevel,
    filters,
    view: secretariat && !raw ? 'protected' : undefined,
  });
  const here = new URLSearchParams(c.req.url.split('?')[1] ?? '');
  const principal = c.get('principal');
  const switchTo = (view: string) => {
    const next = new URLSearchParams(here);
    next.set('view', view);
    return `/demand?${next.toString()}`;
  };
  return {
    ...base,
    ...options,
    query,
    round,
    isOpenRound: round.status !== 'closed',
    tables,
    raw,
    secretariat,
    viewSwitch: secretariat ? { href: switchTo(raw ? 'protected' : 'raw'), toProtected: raw } : undefined,
    ownOrganisation: membership,
    ownChoices:
      principal?.kind === 'user' && principal.memberships.length > 1
        ? principal.memberships.map((m) => ({
            value: m.organisationId,
            label: m.organisationName,
            selected: m.organisationId === membership?.organisationId,
          }))
        : undefined,
    hasHidden: entries.some((e) => e.suppressed),
    csvHref: `/api/v1/demand.csv?${search}`,
    jsonHref: `/api/v1/demand?${search}`,
    chart,
    change,
    compare,
    indicators,
    disclosure: c.get('deps').config.disclosure,
  };
}

export function registerDemandPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/demand',
      kind: 'page',
      access: PUBLIC,
      tags: ['Demand'],
      summary: 'Demand: a protected table by one to three dimensions with filters, charts and downloads',
    },
    showDemandPage,
  );
}
