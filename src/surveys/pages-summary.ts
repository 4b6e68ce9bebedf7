import type { Context } from 'hono';
import { recordAudit } from '../audit/audit.ts';
import { primarySuppression } from '../demand/disclosure.ts';
import { aggregateOccupationDemand, listOrganisationNeeds } from '../demand/queries.ts';
import type { AppEnv } from '../deps.ts';
import { listSpecialisations } from '../taxonomy/queries.ts';
import { render } from '../web/render.ts';
import { requireResponseAccess } from './access.ts';
import { findOrganisationName } from './page-lookups.ts';
import type { responseParams } from './pages-form.ts';
import { formPath } from './pages-form-render.ts';
import { HORIZONS } from './questionnaire.ts';
import { findResponse } from './responses.ts';

type Params = ReturnType<typeof responseParams.parse>;

/**
 * The give-back after submitting: the organisation's own submitted needs, and for each of its
 * occupations the region's demand in the round per horizon, each cell through primary suppression.
 */
export async function showResponseSummary(c: Context<AppEnv>, params: Params): Promise<Response> {
  const t = c.get('t');
  const lang = c.get('lang');
  const { db, config } = c.get('deps');
  const { round, onBehalf } = await requireResponseAccess(c, params.id, params.orgId);
  if (onBehalf) {
    await recordAudit(c, {
      action: 'raw-answers.read',
      targetType: 'response',
      targetId: `${round.id}/${params.orgId}`,
    });
  }
  const [response, organisationName, own, specialisations] = await Promise.all([
    findResponse(c, round.id, params.orgId),
    findOrganisationName(db, params.orgId),
    listOrganisationNeeds(db, round.id, params.orgId),
    listSpecialisations(db),
  ]);
  const occupations = [...new Map(own.map((n) => [n.occupationId, n])).values()];
  const cells = await aggregateOccupationDemand(db, {
    roundId: round.id,
    occupationIds: occupations.map((o) => o.occupationId),
    dominanceN: config.disclosure.dominanceN,
  });
  const specialisationName = (code: string) => {
    const s = specialisations.find((x) => x.code === code);
    return s ? (lang === 'en' ? s.nameEn : s.nameSv) : code;
  };
  const label = (n: { occupationLabel: string; ssyk: string | null }) =>
    n.ssyk ? `${n.occupationLabel} (${n.ssyk})` : n.occupationLabel;
  const region = occupations.map((occupation) => ({
    occupation: label(occupation),
    horizons: HORIZONS.map((horizon) => {
      const cell = cells.find((x) => x.occupationId === occupation.occupationId && x.horizon === horizon) ?? {
        organisations: 0,
        total: 0,
        largest: 0,
      };
      const decision = primarySuppression(cell, config.disclosure);
      return {
        horizon: t(`survey.option.horizon.${horizon}`),
        suppressed: !decision.publish,
        organisations: cell.organisations,
        headcount: cell.total,
      };
    }),
  }));
  return render(c, 'surveys/summary', {
    title: t('survey.summary.title', { round: round.name }),
    nav: 'surveys',
    round,
    organisationName,
    formPath: formPath(round.id, params.orgId),
    submitted: c.req.query('submitted') === '1',
    hasSubmitted: response.revision > 0,
    revision: response.revision,
    hasUnsubmittedChanges: response.hasUnsubmittedChanges,
    own: own.map((n) => ({
      occupation: label(n),
      horizon: t(`survey.option.horizon.${n.horizon}`),
      headcount: n.headcount,
      specialisations: n.specialisations.map(specialisationName).join(', ') || '–',
    })),
    region,
    suppressionNote: t('survey.summary.suppressionNote', {
      min: config.disclosure.minOrganisations,
      n: config.disclosure.dominanceN,
      k: config.disclosure.dominanceK,
    }),
  });
}
