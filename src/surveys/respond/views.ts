import type { Kysely } from 'kysely';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import type { FieldError } from '../../http/errors.ts';
import { formatClock, formatDateTime, sameDay } from '../../i18n/dates.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import { listSpecialisations } from '../../taxonomy/index.ts';
import { questionnaireOf } from '../questionnaire.ts';
import type { Round } from '../rounds.ts';
import type { ResponseDocument } from '../schemas.ts';
import { describeDocument, describeRevisionChanges } from './document-view.ts';
import { duplicateOf, emptyNeed, fieldNameForPath, needIsComplete, type ResponseFields } from './form-mapping.ts';
import { type FormLookups, type LineExtras, organisationView } from './form-view.ts';
import type { MemberRound } from './member-rounds.ts';
import { needView } from './need-view.ts';
import { findOccupationsByIds, findRelatedSkills, findSkillsByIds } from './queries.ts';
import { isCorrection, type ResponseView } from './responses.ts';
import { listRevisions } from './revisions.ts';

/**
 * Skills suggested per need line: the few the region's placements ask for most for its occupation.
 * Thirty checkboxes in JobTech's wording made a line 2,300 px tall (issue 18); the rest are found by
 * searching.
 */
export const SKILL_SUGGESTIONS = 8;

export interface FormState {
  fields: ResponseFields;
  version: number;
  submissionId: string;
  errors?: FieldError[];
  /** A colleague saved first: their stored response, and the person's own (valid) input. */
  conflict?: { current: ResponseView; mine: ResponseDocument };
  extras?: Map<number, LineExtras>;
  /** The line being edited (its index): shown open, the finished ones as summaries. */
  open?: number;
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
  const linesInError = new Set<number>();
  for (const error of state.errors ?? []) {
    const field = fieldNameForPath(error.path);
    // "Behov 5: Välj minst …": with six lines, a message must say which one it is about.
    const line = /^needs\.(\d+)\./.exec(field)?.[1];
    const message =
      line === undefined ? error.message : t('survey.need.error', { n: Number(line) + 1, message: error.message });
    if (line !== undefined) linesInError.add(Number(line));
    if (!errors[field]) errors[field] = message;
    summary.push({ field, message });
  }
  // Only the line being edited is open (and any line an error is about); without one named, every
  // line not yet finished is.
  const isOpen = (i: number) =>
    linesInError.has(i) ||
    (state.open === undefined ? !needIsComplete(fields.needs[i] ?? emptyNeed()) : state.open === i);
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
    needs: fields.needs.map((need, i) =>
      needView(i, need, lookups, state.extras?.get(i) ?? {}, errors, t, lang, {
        open: isOpen(i),
        duplicateOf: duplicateOf(fields.needs, i),
      }),
    ),
    needTemplate: needView('template', emptyNeed(), lookups, {}, {}, t, lang, { open: true }),
    saveState: saveState(scope, response, state),
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

/**
 * What the form's bar says about saving when the page is shown: the script keeps it up to date
 * ("Sparar …", "Sparat 14:02") as the person types.
 */
function saveState(scope: Scope, response: ResponseView, state: FormState): { text: string; problem: boolean } {
  const t = translator(scope.lang);
  if (state.errors?.length) return { text: t('survey.autosave.notSaved'), problem: true };
  if (response.version === 0 || !response.updatedAt) return { text: t('survey.autosave.notYet'), problem: false };
  const at = response.updatedAt;
  const time = sameDay(at, scope.now.toISOString()) ? formatClock(at, scope.lang) : formatDateTime(at, scope.lang);
  return { text: t('survey.autosave.saved', { time }), problem: false };
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
