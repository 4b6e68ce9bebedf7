import type { Kysely } from 'kysely';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import type { FieldError } from '../../http/errors.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import { listSpecialisations } from '../../taxonomy/index.ts';
import { questionnaireOf } from '../questionnaire.ts';
import type { Round } from '../rounds.ts';
import type { ResponseDocument } from '../schemas.ts';
import { describeDocument, describeRevisionChanges } from './document-view.ts';
import { fieldNameForPath, type ResponseFields } from './form-mapping.ts';
import { type FormLookups, type LineExtras, organisationView } from './form-view.ts';
import type { MemberRound } from './member-rounds.ts';
import { needView } from './need-view.ts';
import { findOccupationsByIds, findRelatedSkills, findSkillsByIds } from './queries.ts';
import { isCorrection, type ResponseView } from './responses.ts';
import { listRevisions } from './revisions.ts';

/** Related skills offered per need line before the person narrows them with the filter. */
export const SKILL_SUGGESTIONS = 30;

export interface FormState {
  fields: ResponseFields;
  version: number;
  submissionId: string;
  errors?: FieldError[];
  /** A colleague saved first: their stored response, and the person's own (valid) input. */
  conflict?: { current: ResponseView; mine: ResponseDocument };
  extras?: Map<number, LineExtras>;
  /** A message for the whole page (a closed round). */
  problem?: string;
  status?: 200 | 409 | 422;
}

export interface ResponsePage {
  round: Round;
  organisationId: string;
  organisationName: string;
  response: ResponseView;
}

export const formPath = (roundId: string, organisationId: string) =>
  `/rounds/${encodeURIComponent(roundId)}/responses/${encodeURIComponent(organisationId)}`;

export function roundAcceptsAnswers(scope: Scope, round: Round): boolean {
  if (isCorrection(scope, round)) return true;
  return round.status === 'open' && scope.deps.now().toISOString() < round.closesAt;
}

export async function loadLookups(
  db: Kysely<Database>,
  documents: { occupationIds: string[]; skillIds: string[] },
  relatedFor: string[],
  questionnaireVersion: number,
): Promise<FormLookups> {
  const [occupations, skills, specialisations, related] = await Promise.all([
    findOccupationsByIds(db, documents.occupationIds),
    findSkillsByIds(db, documents.skillIds),
    listSpecialisations(db),
    findRelatedSkills(db, relatedFor, SKILL_SUGGESTIONS),
  ]);
  return { occupations, skills, specialisations, related, questionnaire: questionnaireOf(questionnaireVersion) };
}

/**
 * "Utkast sparat av Anna 28 november 2026 kl. 10:02", "Inskickat 2 december 2026 kl. 09:15", …:
 * people read when a response was submitted, not the revision counter (that stays in the API).
 */
export function responseStatus(
  lang: Language,
  state: 'not-started' | 'draft' | 'submitted' | 'changed',
  detail: { who: string | null; when: string | null; submittedAt: string | null },
): string {
  const t = translator(lang);
  const params = {
    who: detail.who ?? t('survey.erasedUser'),
    when: formatDateTime(detail.when, lang),
    submitted: formatDateTime(detail.submittedAt, lang),
  };
  return t(`survey.status.${state}`, params);
}

function stateOf(response: ResponseView) {
  if (response.version === 0) return 'not-started' as const;
  if (response.status === 'draft') return 'draft' as const;
  return response.hasUnsubmittedChanges ? ('changed' as const) : ('submitted' as const);
}

/**
 * The response form's view (templates/surveys/form.hbs) and its status: the fields as typed or
 * stored, the round read-only once it takes no answers, a colleague's conflicting save beside the
 * person's own, errors at their fields, and the response's submissions.
 */
export async function responseFormView(
  scope: Scope,
  page: ResponsePage,
  state: FormState,
  options: { saved: boolean },
): Promise<{ data: Record<string, unknown>; status: 200 | 409 | 422 }> {
  const { lang } = scope;
  const t = translator(lang);
  const { round, response } = page;
  const readOnly = !roundAcceptsAnswers(scope, round);
  const fields = state.fields;
  const conflictDocs = state.conflict ? [state.conflict.current, state.conflict.mine] : [];
  const shown = readOnly ? [response] : conflictDocs;
  const lookups = await loadLookups(
    scope.deps.db,
    {
      occupationIds: [
        ...fields.needs.map((n) => n.occupationId),
        ...shown.flatMap((d) => d.needs.map((n) => n.occupationId ?? '')),
      ],
      skillIds: [
        ...fields.needs.flatMap((n) => n.skillIds),
        ...shown.flatMap((d) => d.needs.flatMap((n) => n.skillIds)),
      ],
    },
    readOnly ? [] : fields.needs.map((n) => n.occupationId),
    round.questionnaireVersion,
  );
  const errors: Record<string, string> = {};
  const summary: { field: string; message: string }[] = [];
  for (const error of state.errors ?? []) {
    const field = fieldNameForPath(error.path);
    if (!errors[field]) errors[field] = error.message;
    summary.push({ field, message: error.message });
  }
  const revisions = await listRevisions(scope, round.id, page.organisationId);
  const path = formPath(round.id, page.organisationId);
  const data = {
    title: `${round.name} – ${page.organisationName}`,
    nav: 'surveys',
    round: { ...round, closesAtText: formatDateTime(round.closesAt, lang) },
    organisationName: page.organisationName,
    organisationId: page.organisationId,
    path,
    summaryPath: `${path}/summary`,
    status: responseStatus(lang, stateOf(response), {
      who: response.updatedBy,
      when: response.updatedAt,
      submittedAt: response.submittedAt,
    }),
    hasSubmitted: response.revision > 0,
    saved: options.saved,
    readOnly,
    problem: state.problem,
    readOnlyDocument: readOnly ? describeDocument(response, lookups, t, lang) : undefined,
    conflict: state.conflict && {
      version: state.conflict.current.version,
      detail: t('survey.conflict.detail', {
        who: state.conflict.current.updatedBy ?? t('survey.erasedUser'),
        when: formatDateTime(state.conflict.current.updatedAt, lang),
      }),
      theirsTitle: t('survey.conflict.theirs', { who: state.conflict.current.updatedBy ?? t('survey.erasedUser') }),
      theirs: describeDocument(state.conflict.current, lookups, t, lang),
      mine: describeDocument(state.conflict.mine, lookups, t, lang),
    },
    errors: summary,
    version: state.version,
    submissionId: state.submissionId,
    organisation: organisationView(fields, errors, t),
    needs: fields.needs.map((need, i) => needView(i, need, lookups, state.extras?.get(i) ?? {}, errors, t, lang)),
    nextNeed: fields.needs.length + 1,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      when: formatDateTime(r.submittedAt, lang),
      who: r.submittedBy ?? t('survey.erasedUser'),
      onBehalf: r.onBehalf,
      changes: describeRevisionChanges(r.changes, t),
    })),
  };
  return { data, status: state.status ?? 200 };
}

/** The rounds a person's organisations are asked in, with where each response stands (templates/surveys/list.hbs). */
export function surveyListView(lang: Language, rounds: readonly MemberRound[], hasMemberships: boolean) {
  const t = translator(lang);
  const items = rounds.map((r) => ({
    roundName: r.roundName,
    period: r.period,
    organisationName: r.organisationName,
    closesAt: formatDateTime(r.closesAt, lang),
    acceptsAnswers: r.acceptsAnswers,
    status: responseStatus(lang, r.state, {
      who: r.updatedByErased ? t('survey.erasedUser') : r.updatedBy,
      when: r.updatedAt,
      submittedAt: r.submittedAt,
    }),
    href: formPath(r.roundId, r.organisationId),
    summaryHref: r.revision > 0 ? `${formPath(r.roundId, r.organisationId)}/summary` : undefined,
    actionLabel: t(
      r.acceptsAnswers
        ? r.state === 'not-started'
          ? 'survey.list.start'
          : 'survey.list.continue'
        : 'survey.list.view',
      { round: r.roundName, organisation: r.organisationName },
    ),
  }));
  return {
    title: t('survey.list.title'),
    nav: 'surveys',
    open: items.filter((i) => i.acceptsAnswers),
    closed: items.filter((i) => !i.acceptsAnswers),
    hasMemberships,
  };
}
