import type { Context } from 'hono';
import { OFFERINGS, roundLines } from '../../cache/names.ts';
import { DomainError } from '../../core/errors.ts';
import { isSecretariat } from '../../core/principal.ts';
import { listDemandRounds, resolveRound } from '../../demand/index.ts';
import type { AppEnv } from '../../deps.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { domainToAppError } from '../../http/problem.ts';
import { PROVIDER, PUBLIC, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { publicationState } from '../../publication/index.ts';
import { swedishName } from '../../taxonomy/index.ts';
import { render, renderBody, renderCachedBody } from '../../web/render.ts';
import { requireWriter } from '../access.ts';
import { gapPageCacheKey, gapPages } from './cache-key.ts';
import { strategyFilterErrors } from './filters.ts';
import { type GapQueryInput, gapQuery } from './schemas.ts';
import { type GapItem, type GapReport, gapReport } from './service.ts';
import { gapCells, shortagesView } from './views.ts';

const HORIZONS = ['0-1', '1-3', '3-5'] as const;

/** The filter form's choices, each marked when it is the one shown (bookmarkable GET URLs). */
async function filterOptions(c: Context<AppEnv>, query: GapQueryInput, roundId: string) {
  const { db } = c.get('deps');
  const t = c.get('t');
  const en = c.get('lang') === 'en';
  const [rounds, specialisations] = await Promise.all([
    listDemandRounds(db),
    db.selectFrom('specialisations').select(['code', 'name_sv', 'name_en']).orderBy('sort_order').execute(),
  ]);
  return {
    roundOptions: rounds.map((r) => ({ value: r.id, label: r.name, selected: r.id === roundId })),
    specialisationOptions: [
      { value: '', label: t('education.gaps.allSpecialisations'), selected: !query.specialisation },
      ...specialisations.map((s) => ({
        value: s.code,
        label: en ? s.name_en : s.name_sv,
        selected: s.code === query.specialisation,
      })),
    ],
    horizonOptions: [
      { value: '', label: t('education.gaps.allHorizons'), selected: !query.horizon },
      ...HORIZONS.map((h) => ({ value: h, label: t(`education.horizon.${h}`), selected: h === query.horizon })),
    ],
  };
}

function itemView(c: Context<AppEnv>, item: GapItem, allOfferingsHref: string) {
  const t = c.get('t');
  return {
    ...item,
    ...gapCells(t, c.get('lang'), item),
    moreOfferings: Math.max(0, item.offeringCount - item.offerings.length),
    allOfferingsHref,
    nameRef: { name: item.occupationName, lang: item.occupationNameLang },
    offerings: item.offerings.map((o) => ({
      ...o,
      viaText: o.via === 'occupation' ? t('education.gaps.viaOccupation') : t('education.gaps.viaSkills'),
      // Matched on the row's occupation: named as the row is; on skills: JobTech's Swedish names.
      matched:
        o.via === 'occupation'
          ? { name: item.occupationName, lang: item.occupationNameLang }
          : swedishName(o.matchedOn.join('; '), c.get('lang')),
      split: o.graduatesCounted !== o.annualGraduates,
    })),
  };
}

/** Rows on the page list a few offerings each and link to the rest: all of them count towards supply. */
const OFFERINGS_PER_ROW = 5;
/** Rows per page: every occupation × horizon of a region is over a thousand rows. */
const ROWS_PER_PAGE = 100;

/** The page number asked for, 1–1000 (anything else is page 1). */
function pageNumber(c: Context<AppEnv>): number {
  return Math.max(1, Math.min(1000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
}

/**
 * The public gap page. Its body is the same for every visitor but the secretariat (protected demand,
 * no own figures, no form with a CSRF token: the provider's own view is /education/my-demand), so
 * once the round's publication is out it is kept (gapPages) under the round and the
 * publication's version, like the demand page's (cache-key.ts); the secretariat's raw view
 * is rendered, and audited, each time. A round without published figures shows why, uncached.
 */
async function showGapPage(c: Context<AppEnv>, query: GapQueryInput): Promise<Response> {
  const base = { title: c.get('t')('education.gaps.title'), nav: 'education', action: '/education/gaps' };
  const invalid = await strategyFilterErrors(c.get('deps').db, c.get('lang'), query);
  if (invalid)
    return render(c, 'education/gaps', { ...base, form: invalid.form, ...(await gapPageData(c, invalid.query)) }, 422);
  if (isSecretariat(c.get('principal')))
    return render(c, 'education/gaps', { ...base, ...(await gapPageData(c, query)) });
  const { db, config } = c.get('deps');
  const [round, rounds] = await Promise.all([resolveRound(c.get('deps').db, query.round), listDemandRounds(db)]);
  const state = round.status === 'closed' ? await publicationState(db, round.id) : null;
  if (state?.state !== 'published')
    return render(c, 'education/gaps', { ...base, ...(await gapPageData(c, { ...query, round: round.id })) });
  const key = gapPageCacheKey({
    lang: c.get('lang'),
    roundId: round.id,
    publication: state.publication.id,
    filters: query,
    page: pageNumber(c),
    rounds,
    disclosure: config.disclosure,
  });
  const read = { key: `${round.id}/${key}`, dependsOn: [roundLines(round.id), OFFERINGS], now: c.get('deps').now() };
  const body = await gapPages.get(db, read, async () =>
    renderBody(c, 'education/gaps', { ...base, ...(await gapPageData(c, { ...query, round: round.id })) }),
  );
  return renderCachedBody(c, body, base);
}

/**
 * A round without published figures (open, being computed, not published): the reason, in the
 * reader's language, with how many have answered and when the figures appear for an open round.
 */
async function reportOrNotice(
  c: Context<AppEnv>,
  query: GapQueryInput,
): Promise<{ report: GapReport; notice?: undefined } | { report?: undefined; notice: string; roundId: string }> {
  try {
    return { report: await gapReport(scopeOf(c), { ...query, offeringsLimit: OFFERINGS_PER_ROW }) };
  } catch (err) {
    if (!(err instanceof DomainError) || err.kind !== 'conflict') throw err;
    const round = await resolveRound(c.get('deps').db, query.round);
    const notice = domainToAppError(err, c.get('t'), c.get('lang')).detail ?? '';
    return { notice, roundId: round.id };
  }
}

export async function gapPageData(c: Context<AppEnv>, query: GapQueryInput) {
  const t = c.get('t');
  const found = await reportOrNotice(c, query);
  if (found.notice !== undefined)
    return { notice: found.notice, query, ...(await filterOptions(c, query, found.roundId)) };
  const { report } = found;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({
    round: report.round.id,
    specialisation: query.specialisation,
    horizon: query.horizon,
    provider: query.provider,
  }))
    if (v) params.set(k, v);
  const pageNo = pageNumber(c);
  const pages = Math.max(1, Math.ceil(report.items.length / ROWS_PER_PAGE));
  const here = Math.min(pageNo, pages);
  const pageHref = (n: number) => {
    const p = new URLSearchParams(params);
    p.set('page', String(n));
    return `${c.req.path}?${p}`;
  };
  return {
    report,
    publicationText: report.publication
      ? t('education.gaps.publication', {
          version: report.publication.version,
          date: formatDateTime(report.publication.publishedAt, c.get('lang')),
        })
      : '',
    // "More offerings" opens this one row of the JSON list with every offering: a page of one row
    // at the row's place in the same selection.
    items: report.items.slice((here - 1) * ROWS_PER_PAGE, here * ROWS_PER_PAGE).map((item, i) => {
      const one = new URLSearchParams(params);
      one.set('offeringsLimit', '10000');
      one.set('limit', '1');
      const at = (here - 1) * ROWS_PER_PAGE + i;
      if (at > 0) one.set('cursor', encodeCursor(at) ?? '');
      return itemView(c, item, `/api/v1/gaps?${one}`);
    }),
    pager: {
      page: here,
      pages,
      total: report.items.length,
      prevHref: here > 1 ? pageHref(here - 1) : null,
      nextHref: here < pages ? pageHref(here + 1) : null,
    },
    ...shortagesView(t, c.get('lang'), report, 10),
    demandWithoutOffering: report.demandWithoutOffering.map((d) => ({
      ...d,
      horizonLabel: t(`education.horizon.${d.horizon}`),
      demandText: d.demand === null ? t('education.gaps.hidden') : String(d.demand),
    })),
    offeringsWithoutDemand: report.offeringsWithoutDemand.slice(0, 50),
    offeringsWithoutDemandMore: Math.max(0, report.offeringsWithoutDemand.length - 50),
    csvHref: `/api/v1/gaps.csv?${params}`,
    jsonHref: `/api/v1/gaps?${params}`,
    query,
    ...(await filterOptions(c, query, report.round.id)),
    disclosure: c.get('deps').config.disclosure,
  };
}

export function registerGapPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/education/gaps',
      kind: 'page',
      access: PUBLIC,
      summary: 'Demand against education supply per occupation and horizon, with filters as GET parameters',
      query: gapQuery,
    },
    async (c, { query }) => showGapPage(c, query),
  );

  routes.add(
    {
      method: 'get',
      path: '/education/my-demand',
      kind: 'page',
      access: PROVIDER,
      summary: 'A provider’s view: the demand for the occupations its offerings prepare for, and dialogue',
      query: gapQuery,
    },
    async (c, { query: asked }) => {
      const writer = requireWriter(scopeOf(c));
      const invalid = await strategyFilterErrors(c.get('deps').db, c.get('lang'), asked);
      const query = invalid?.query ?? asked;
      const providerIds = writer.all ? [] : writer.providerIds;
      const provider =
        query.provider && (writer.all || providerIds.includes(query.provider)) ? query.provider : providerIds[0];
      const data = await gapPageData(c, { ...query, ...(provider ? { provider } : {}) });
      const providers = await c
        .get('deps')
        .db.selectFrom('organisations')
        .select(['id', 'name'])
        .where('id', 'in', writer.all ? [provider ?? ''] : [...providerIds, ''])
        .orderBy('name')
        .execute();
      return render(
        c,
        'education/gaps',
        {
          title: c.get('t')('education.mine.title'),
          form: invalid?.form,
          nav: 'education',
          action: '/education/my-demand',
          mine: true,
          providerId: provider ?? '',
          providerOptions: providers.map((p) => ({ value: p.id, label: p.name, selected: p.id === provider })),
          ...data,
        },
        invalid ? 422 : 200,
      );
    },
  );
}
