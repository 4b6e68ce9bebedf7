import type { Kysely } from 'kysely';
import { recordAuditIn } from '../../audit/index.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { type Language, type Translate, translator } from '../../i18n/i18n.ts';
import type { Publication } from '../../publication/index.ts';
import {
  findOrganisationName,
  findResponse,
  formPath,
  HORIZONS,
  listOrganisationNeeds,
  type OwnNeed,
  requireResponseAccess,
} from '../../surveys/index.ts';
import { listSpecialisations } from '../../taxonomy/index.ts';
import { labelsFor } from '../labels.ts';
import { coarserNotes } from '../page/coarser.ts';
import { formatNumber } from '../page/format.ts';
import type { DemandRound } from '../rounds.ts';
import { figuresState, publishedDemand } from '../service.ts';

/**
 * The give-back after submitting: the organisation's own submitted needs, and once the round has
 * closed, the region's demand for its occupations as cells of the round's publication (SSYK 4 by
 * horizon), hidden ones with their nearest published coarser figure. An open round publishes no
 * regional figures: the page says when they appear.
 */
export async function giveBackView(
  scope: Scope,
  params: { id: string; orgId: string },
  options: { submitted: boolean },
): Promise<Record<string, unknown>> {
  const { lang } = scope;
  const t = translator(lang);
  const { db, config } = scope.deps;
  const { round, onBehalf } = await requireResponseAccess(scope, params.id, params.orgId);
  if (onBehalf) {
    await recordAuditIn(scope, {
      action: 'raw-answers.read',
      targetType: 'response',
      targetId: `${round.id}/${params.orgId}`,
    });
  }
  const [response, organisationName, own, specialisations, figures] = await Promise.all([
    findResponse(scope, round.id, params.orgId),
    findOrganisationName(db, params.orgId),
    listOrganisationNeeds(db, round.id, params.orgId),
    listSpecialisations(db),
    figuresState(db, round),
  ]);
  const specialisationName = (code: string) => {
    const s = specialisations.find((x) => x.code === code);
    return s ? (lang === 'en' ? s.nameEn : s.nameSv) : code;
  };
  const label = (n: { occupationLabel: string; ssyk: string | null }) =>
    n.ssyk ? `${n.occupationLabel} (${n.ssyk})` : n.occupationLabel;
  return {
    title: t('survey.summary.title', { round: round.name }),
    nav: 'surveys',
    round,
    organisationName,
    formPath: formPath(round.id, params.orgId),
    submitted: options.submitted,
    hasSubmitted: response.revision > 0,
    // The thanks names the closing time, not the revision counter (issue 18).
    closesAtText: formatDateTime(round.closesAt, lang),
    hasUnsubmittedChanges: response.hasUnsubmittedChanges,
    own: own.map((n) => ({
      occupation: label(n),
      horizon: t(`survey.option.horizon.${n.horizon}`),
      headcount: n.headcount,
      specialisations: n.specialisations.map(specialisationName).join(', ') || '–',
    })),
    regionState: {
      open: figures.state === 'open' ? { closesAt: formatDateTime(round.closesAt, lang) } : undefined,
      computing: figures.state === 'computing',
      unpublished: figures.state === 'unpublished',
    },
    region:
      figures.state === 'published'
        ? await regionalFigures(db, { t, lang, round, own, publication: figures.publication })
        : undefined,
    publication:
      figures.state === 'published'
        ? { version: figures.publication.version, publishedAt: formatDateTime(figures.publication.publishedAt, lang) }
        : undefined,
    suppressionNote: t('survey.summary.suppressionNote', {
      min: config.disclosure.minOrganisations,
      n: config.disclosure.dominanceN,
      k: config.disclosure.dominanceK,
    }),
  };
}

/** The region's published demand per horizon for each of the organisation's occupations (SSYK 4). */
async function regionalFigures(
  db: Kysely<Database>,
  input: { t: Translate; lang: Language; round: DemandRound; own: OwnNeed[]; publication: Publication },
) {
  const { t, lang } = input;
  // A published occupation is its SSYK code, or the JobTech group's id where it has none.
  const codes = [...new Set(input.own.map((n) => n.ssyk ?? n.occupationId))];
  if (codes.length === 0) return [];
  const [table, names] = await Promise.all([
    publishedDemand(
      db,
      input.round,
      { by: ['horizon'], filters: { occupation: codes }, ssykLevel: 4 },
      input.publication,
    ),
    labelsFor(db, 'occupation', codes, lang, t),
  ]);
  const coarser = await coarserNotes(db, { t, lang, publication: input.publication, entries: table.cells });
  return codes.map((code) => ({
    occupation: `${names.get(code) ?? code} (${code})`,
    horizons: HORIZONS.map((horizon) => {
      const cell = table.cells.find((e) => e.key.occupation === code && e.key.horizon === horizon);
      // A cell nobody contributes to is not stored: a published nought.
      if (!cell) return { horizon: t(`survey.option.horizon.${horizon}`), organisations: '0', headcount: '0' };
      return {
        horizon: t(`survey.option.horizon.${horizon}`),
        cell: cell.cell,
        suppressed: cell.suppressed,
        hidden: t('demand.hidden'),
        reason: cell.reason ? t(`demand.reason.${cell.reason}`) : undefined,
        coarser: cell.cell ? coarser.get(cell.cell) : undefined,
        organisations: formatNumber(lang, cell.organisations ?? 0),
        headcount: formatNumber(lang, cell.headcount ?? 0),
      };
    }),
  }));
}
