import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { roundLines } from '../../cache/names.ts';
import { DomainError } from '../../core/errors.ts';
import { isSecretariat } from '../../core/principal.ts';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { describeIssues } from '../../http/validation.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { type CatalogueTable, findTable, resolveTable } from '../../publication/index.ts';
import { toFormErrors } from '../../web/forms.ts';
import { render, renderBody, renderCachedBody, renderSnapshot, snapshotCachedBody } from '../../web/render.ts';
import { demandPageSnapshots, demandPages, roundKey } from '../cache.ts';
import type { Dimension } from '../dimensions.ts';
import { namesFor } from '../labels.ts';
import { computingNotice } from '../raw/notice.ts';
import { type DemandRound, listDemandRounds, previousRound } from '../rounds.ts';
import {
  type DemandEntry,
  type DemandTable,
  demandTableOrProgress,
  figuresState,
  publishedDemand,
} from '../service.ts';
import { catalogueRequest, fixedCodes, type TableInput, tableInput } from '../tables.ts';
import { pageCacheKey } from './cache-key.ts';
import { changeChart, tableChart } from './charts.ts';
import { coarserNotes } from './coarser.ts';
import { formatPercent, viewTexts } from './format.ts';
import { indicatorsView } from './indicators.ts';
import { orderCodes, pageOptions } from './options.ts';
import { ownFigures, ownOrganisation } from './own-figures.ts';
import { apiSearch, type DemandPageQuery, demandPageQuery, pageFilters, pageTableInput } from './schemas.ts';
import { buildTableViews } from './views.ts';

const DEFAULTS = demandPageQuery.parse({});

/** The query string as the schema reads it: a repeated name (the `by` of older addresses) as a list. */
function queryOf(c: Context<AppEnv>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? (v[0] ?? '') : v]));
}

/**
 * Rows, columns and the split of a table's breakdown: horizons (three) as columns, the finest
 * other dimension as rows, and a third dimension (the specialisation) as one table per value.
 */
export function pageLayout(by: readonly Dimension[]): Dimension[] {
  if (by.length < 2 || !by.includes('horizon')) return [...by];
  const others = by.filter((d) => d !== 'horizon');
  const [first, second] = others;
  if (first === undefined) return [...by];
  return second === undefined ? [first, 'horizon'] : [second, 'horizon', first];
}

async function showDemandPage(c: Context<AppEnv>): Promise<Response> {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db, dataGeneration } = c.get('deps');
  // A visitor who is not signed in gets the page kept whole while nothing in the database changed
  // (no query at all); read before anything else, so that a write while this request runs makes
  // the page it keeps miss.
  const snapshot = c.get('principal') ? undefined : { generation: dataGeneration?.(), key: `${lang} ${pathOf(c)}` };
  if (snapshot?.generation !== undefined) {
    const kept = demandPageSnapshots.get(db, snapshot.generation, snapshot.key);
    if (kept !== undefined) return renderSnapshot(c, kept);
  }
  const rounds = await listDemandRounds(db);
  const raw = queryOf(c);
  const parsed = demandPageQuery.safeParse(raw);
  // With a field in error the rest of the choice still stands (the table, the round), so that the
  // form comes back as it was sent with the message at the field.
  const query: DemandPageQuery = parsed.success ? parsed.data : (withoutErrors(raw, parsed.error.issues) ?? DEFAULTS);
  // An earlier address's breakdown (`by`, `ssykLevel`) is now the choice of table.
  const form = parsed.success
    ? undefined
    : toFormErrors(
        describeIssues(parsed.error.issues, lang, t).map((e) =>
          e.path === 'ssykLevel' || e.path.startsWith('by') ? { ...e, path: 'table' } : e,
        ),
      );
  const base = { title: t('demand.title'), nav: 'demand', form };
  if (rounds.length === 0) return render(c, 'demand/page', { ...base, noRounds: true });

  const round = query.round
    ? rounds.find((r) => r.id === query.round)
    : (rounds.find((r) => r.status === 'closed') ?? rounds[0]);
  if (!round) throw notFound(t('round.notFound'));
  const compare =
    query.compare === 'none'
      ? undefined
      : (rounds.find((r) => r.id === query.compare && r.id !== round.id) ??
        previousClosed(rounds, round, query.compare !== undefined));
  const page = { rounds, round, compare, query, base };
  const publications = await cacheablePublications(c, page);
  if (publications) {
    // The public view of a published round is the same for every visitor who sees no figures of
    // their own, so its body is kept (demandPages) under the publications it shows.
    const { config, now } = c.get('deps');
    const key = pageCacheKey({ lang, query, rounds, compare, publications, disclosure: config.disclosure });
    const read = { key: roundKey(round.id, key), dependsOn: [roundLines(round.id)], now: now() };
    const body = await demandPages.get(db, read, async () =>
      renderBody(c, 'demand/page', (await demandPageData(c, page)).data),
    );
    if (snapshot?.generation !== undefined) {
      const whole = snapshotCachedBody(c, body, base);
      if (whole !== undefined) {
        demandPageSnapshots.set(db, snapshot.generation, snapshot.key, whole);
        return renderSnapshot(c, whole);
      }
    }
    return renderCachedBody(c, body, base);
  }
  const { data, status } = await demandPageData(c, page);
  return render(c, 'demand/page', data, form ? 422 : status);
}

/** The address's path and query, without the origin (the page is the same whatever the host). */
function pathOf(c: Context<AppEnv>): string {
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

/**
 * The ids of the publications a page shows, when its body can be kept: a valid choice of a
 * published table, for a visitor with neither raw figures nor figures of their own.
 */
async function cacheablePublications(
  c: Context<AppEnv>,
  page: { round: DemandRound; compare: DemandRound | undefined; query: DemandPageQuery; base: { form: unknown } },
): Promise<(string | null)[] | undefined> {
  if (page.base.form || isSecretariat(c.get('principal')) || ownOrganisation(c.get('principal'), page.query.org))
    return undefined;
  try {
    resolveTable(catalogueRequest(pageTableInput(page.query)));
  } catch {
    return undefined;
  }
  const { db } = c.get('deps');
  const [state, compared] = await Promise.all([
    figuresState(db, page.round),
    page.compare ? figuresState(db, page.compare) : undefined,
  ]);
  if (state.state !== 'published') return undefined;
  return [state.publication.id, compared?.state === 'published' ? compared.publication.id : null];
}

function withoutErrors(
  raw: Record<string, string | string[]>,
  issues: readonly { path: readonly PropertyKey[] }[],
): DemandPageQuery | undefined {
  const wrong = new Set(issues.map((issue) => String(issue.path[0])));
  const rest = demandPageQuery.safeParse(Object.fromEntries(Object.entries(raw).filter(([name]) => !wrong.has(name))));
  return rest.success ? rest.data : undefined;
}

/** The round before `round` to compare with, if it is closed (only closed rounds publish figures). */
function previousClosed(rounds: DemandRound[], round: DemandRound, asked: boolean): DemandRound | undefined {
  const previous = previousRound(rounds, round);
  return !asked && previous?.status === 'closed' ? previous : undefined;
}

/** Everything the page's template shows, for the round and query asked for. */
async function demandPageData(
  c: Context<AppEnv>,
  input: {
    rounds: DemandRound[];
    round: DemandRound;
    compare: DemandRound | undefined;
    query: DemandPageQuery;
    base: Record<string, unknown> & { form: ReturnType<typeof toFormErrors> | undefined };
  },
): Promise<{ data: Record<string, unknown>; status: ContentfulStatusCode }> {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db } = c.get('deps');
  const { rounds, round, compare, query, base } = input;
  const secretariat = isSecretariat(c.get('principal'));
  const raw = secretariat && query.view !== 'protected';

  // The catalogue table that holds the choice; an address it cannot answer names the nearest.
  const asked = pageTableInput(query);
  let table: CatalogueTable;
  let refusal: { message: string; href: string; name: string } | undefined;
  try {
    table = resolveTable(catalogueRequest(asked));
  } catch (err) {
    if (!(err instanceof DomainError) || err.messageKey !== 'demand.notPublished') throw err;
    const nearestId = (err.options.extra?.nearestTable as { id?: string } | null)?.id ?? 'specialisation-horizon';
    table = findTable(nearestId) ?? (findTable('specialisation-horizon') as CatalogueTable);
    refusal = {
      message: t('demand.notPublished', { nearest: t(`publication.table.${table.id}`) }),
      href: `/demand?${new URLSearchParams({ round: round.id, table: table.id }).toString()}`,
      name: t(`publication.table.${table.id}`),
    };
  }
  const filters = refusal ? {} : pageFilters(query);
  const request = tableInput(table.id, filters);
  const options = await pageOptions(db, t, lang, { rounds, round, compare, table, filters });
  const common = {
    ...base,
    ...options,
    query,
    round,
    secretariat,
    raw,
    tableName: t(`publication.table.${table.id}`),
    viewSwitch: secretariat ? viewSwitch(c, raw) : undefined,
  };
  if (base.form) {
    const byField: Record<string, string> = base.form.byField;
    const filterSelects = options.filterSelects.map((select) => ({ ...select, error: byField[select.name] }));
    return { data: { ...common, filterSelects }, status: 422 };
  }
  if (refusal) return { data: { ...common, refusal }, status: 422 };

  // Open rounds publish no figures; a closed round's may still be computing (the secretariat's
  // raw view reads the answers themselves, audited).
  const state = raw ? undefined : await figuresState(db, round);
  if (state && state.state !== 'published') {
    const closesAt = formatDateTime(round.closesAt, lang);
    return {
      data: {
        ...common,
        figures: {
          open: state.state === 'open' ? { ...state, closesAt } : undefined,
          computing: state.state === 'computing' ? { progress: formatPercent(lang, state.progress) } : undefined,
          unpublished: state.state === 'unpublished',
        },
        reloadHref: c.req.url.slice(c.req.url.indexOf('/demand')),
      },
      status: 200,
    };
  }
  const publication = state?.publication;
  const result = raw ? await rawTableOrNotice(c, { round: round.id, ...request }) : undefined;
  if (result && 'notice' in result) return { data: { ...common, ...result.notice }, status: result.status };
  const figures: DemandTable = result ?? (await publishedDemand(db, round, request, publication));
  const fixed = fixedCodes(filters);
  // Raw entries are keyed by the breakdown only; the selected codes are implied.
  const entries: DemandEntry[] = [...figures.cells, ...figures.totals].map((e) => ({
    ...e,
    key: { ...fixed, ...e.key },
  }));
  const layout = pageLayout(request.by);
  const present = new Map(
    [...layout, ...(Object.keys(fixed) as Dimension[])].map((d) => [
      d,
      [...new Set(entries.flatMap((e) => e.key[d] ?? []))],
    ]),
  );
  const labels = new Map(
    await Promise.all([...present].map(async ([d, list]) => [d, await namesFor(db, d, list, lang, t)] as const)),
  );
  const label = (d: Dimension, code: string) => labels.get(d)?.get(code)?.name ?? code;
  const labelLang = (d: Dimension, code: string) => labels.get(d)?.get(code)?.lang;
  const codes = (d: Dimension) =>
    orderCodes(
      d,
      present.get(d) ?? [],
      (code) => label(d, code),
      d === 'specialisation' ? options.specialisationOrder : [],
    );
  const membership = ownOrganisation(c.get('principal'), query.org);
  const { config, now } = c.get('deps');
  const [own, coarser] = await Promise.all([
    membership
      ? ownFigures(db, {
          ...request,
          roundId: round.id,
          organisationId: membership.organisationId,
          dominanceN: config.disclosure.dominanceN,
          now: now(),
        })
      : undefined,
    publication ? coarserNotes(db, { t, lang, publication, entries }) : undefined,
  ]);
  const selection = Object.entries(fixed).map(([d, code]) => label(d as Dimension, code));
  const caption = t('demand.table.caption', {
    table: [t(`publication.table.${table.id}`), ...selection].join(', '),
  });
  const texts = viewTexts(t, lang);
  const tables = buildTableViews({
    ...texts,
    by: layout,
    entries,
    fixed,
    codes,
    label,
    labelLang,
    caption,
    own,
    coarser,
    raw,
  });
  const [rowDim, colDim] = layout;
  const chart = tableChart({
    t,
    lang,
    view: tables.at(-1),
    series: colDim ? codes(colDim).map((code) => label(colDim, code)) : undefined,
    title: t('demand.chart.demand.title', { table: t(`publication.table.${table.id}`), round: round.name }),
  });
  const rowOrder = rowDim ? codes(rowDim).map((code) => ({ code, label: label(rowDim, code) })) : [];
  const [change, indicators] = await Promise.all([
    compare && !raw
      ? changeChart(db, {
          t,
          lang,
          from: compare,
          round,
          request: { ...request, by: rowDim ? [rowDim] : [] },
          rows: [...rowOrder, { code: undefined, label: t('demand.total') }],
          rowName: rowDim ? texts.dimensionName(rowDim) : t('demand.total'),
        })
      : undefined,
    publication
      ? indicatorsView(db, {
          t,
          lang,
          publication,
          specialisation: fixed.specialisation
            ? { code: fixed.specialisation, name: label('specialisation', fixed.specialisation) }
            : undefined,
          otherFilters: Object.keys(fixed).some((d) => d !== 'specialisation'),
        })
      : undefined,
  ]);
  const search = apiSearch({
    round: round.id,
    table: table.id,
    filters,
    view: secretariat && !raw ? 'protected' : undefined,
  });
  const principal = c.get('principal');
  return {
    data: {
      ...common,
      tables,
      publication: publication
        ? { version: publication.version, publishedAt: formatDateTime(publication.publishedAt, lang) }
        : undefined,
      ownOrganisation: membership,
      ownChoices:
        principal?.kind === 'user' && principal.memberships.length > 1
          ? principal.memberships.map((m) => ({
              value: m.organisationId,
              label: m.organisationName,
              selected: m.organisationId === membership?.organisationId,
            }))
          : undefined,
      csvHref: `/api/v1/demand.csv?${search}`,
      jsonHref: `/api/v1/demand?${search}`,
      chart,
      change,
      compare,
      indicators,
      disclosure: config.disclosure,
    },
    status: 200,
  };
}

/**
 * The secretariat's raw table, or what to show instead while it is being computed off the request
 * (the form stays, to choose another table; a reload link, no timed refresh: WCAG 2.2.1), or when
 * computing it failed (the next request starts again).
 */
async function rawTableOrNotice(
  c: Context<AppEnv>,
  request: TableInput & { round: string },
): Promise<DemandTable | { notice: Record<string, unknown>; status: ContentfulStatusCode }> {
  const t = c.get('t');
  const reloadHref = c.req.url.slice(c.req.url.indexOf('/demand'));
  try {
    const result = await demandTableOrProgress(scopeOf(c), { ...request, view: 'raw' });
    if (!('state' in result)) return result;
    const notice = computingNotice(t, c.get('lang'), result, c.get('deps').now());
    return { notice: { rawComputing: notice, reloadHref }, status: 202 };
  } catch (err) {
    if (!(err instanceof DomainError) || err.messageKey !== 'demand.raw.failed') throw err;
    return { notice: { rawFailed: { message: t('demand.raw.failed'), href: reloadHref } }, status: 503 };
  }
}

/** The secretariat's switch between its raw view and the protected one, keeping the rest of the address. */
function viewSwitch(c: Context<AppEnv>, raw: boolean) {
  const next = new URLSearchParams(c.req.url.split('?')[1] ?? '');
  next.set('view', raw ? 'protected' : 'raw');
  return { href: `/demand?${next.toString()}`, toProtected: raw };
}

export function registerDemandPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/demand',
      kind: 'page',
      access: PUBLIC,
      tags: ['Demand'],
      summary:
        "Demand: a table of the round's publication with its selection, charts, change and indicators; for an open round, how many have answered",
    },
    showDemandPage,
  );
}
