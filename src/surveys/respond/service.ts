import { DomainError, DraftConflict, InvalidInput, RoundClosed } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import { translator } from '../../i18n/i18n.ts';
import { searchOccupations, searchSkills } from '../../taxonomy/index.ts';
import { conformToQuestionnaire } from '../questionnaire-answers.ts';
import { findRound } from '../rounds.ts';
import { type ResponseDocument, responseDocument } from '../schemas.ts';
import { requireResponseAccess } from './access.ts';
import { documentToFields, emptyNeed, fieldsToDocument, type ResponseFields } from './form-mapping.ts';
import { occupationLabel } from './form-view.ts';
import { changeLines } from './line-actions.ts';
import { findOccupationsByIds, findOrganisationName, isSubmissionStored } from './queries.ts';
import { findResponse, type ResponseView, saveDraft } from './responses.ts';
import { submitResponse } from './submit.ts';
import { type FormState, formPath, type ResponsePage, roundAcceptsAnswers } from './views.ts';

/**
 * The response form without JavaScript: every button posts the whole form to the same address.
 * "Sök" (an occupation, skills) re-renders it with everything typed kept; "Lägg till behov",
 * "Ändra", "Ta bort", "Slå ihop" and "Behåll båda" save the draft and redirect to the line
 * (line-actions.ts); "Spara utkast" saves and redirects; "Skicka in" saves, then submits with the
 * submission id that was put into the page when it was rendered, so a double click or a retry
 * submits once.
 */
export type FormPage = ResponsePage & { onBehalf: boolean };

/**
 * What a post of the form comes to: an address to go on to (303), the form shown again, or shown
 * again with a refusal of saving or submitting that the page maps to its messages (or, when it is
 * no refusal a form can show, lets fail).
 */
export type FormOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'form'; page: ResponsePage; state: FormState }
  | { kind: 'refused'; page: ResponsePage; state: FormState; error: unknown };

const OCCUPATION_RESULTS = 10;

/** The round, the organisation and its response, for a caller the route's rule has let in. */
export async function loadFormPage(scope: Scope, roundId: string, organisationId: string): Promise<FormPage> {
  const { round, onBehalf } = await requireResponseAccess(scope, roundId, organisationId);
  const [response, organisationName] = await Promise.all([
    findResponse(scope, round.id, organisationId),
    findOrganisationName(scope.deps.db, organisationId),
  ]);
  return { round, organisationId, organisationName, response, onBehalf };
}

/**
 * The stored document as the form's fields, each occupation with its label in the reader's
 * language. A response not yet started begins with one empty need line, open: a survey of needs
 * starts at the first one (it is saved like any other line and can be removed).
 */
export async function storedFields(scope: Scope, response: ResponseView): Promise<ResponseFields> {
  const occupations = await findOccupationsByIds(
    scope.deps.db,
    response.needs.map((n) => n.occupationId ?? ''),
  );
  const fields = documentToFields(response, (id) => {
    const occupation = occupations.get(id);
    return occupation ? occupationLabel(occupation, scope.lang) : id;
  });
  if (response.version === 0 && fields.needs.length === 0) fields.needs.push(emptyNeed());
  return fields;
}

/**
 * One press of a button: the form's shape changed (a need added or removed, occupations searched,
 * skills suggested) and shown again, or the answers saved and perhaps submitted.
 */
export async function postForm(
  scope: Scope,
  page: FormPage,
  state: FormState,
  post: { action: string; line: number; conflictVersion: number },
): Promise<FormOutcome> {
  const { fields } = state;
  const again = (extra: Partial<FormState>): FormOutcome => ({ kind: 'form', page, state: { ...state, ...extra } });
  const { action, line } = post;
  const need = fields.needs[line];
  const change = changeLines(fields, action, line);
  if (change) {
    const changed = { ...state, fields: change.fields, open: change.open };
    return saveAndMaybeSubmit(scope, page, changed, 'save', post.conflictVersion, change.to);
  }
  if (action === 'search' && need) {
    const q = need.occupationQuery.trim();
    const found = q ? await searchOccupations(scope.deps.db, { q, limit: OCCUPATION_RESULTS, offset: 0 }) : undefined;
    return again({
      open: line,
      extras: new Map([[line, { searchResults: found?.items ?? [], nearResults: found?.didYouMean ?? [] }]]),
    });
  }
  if (action === 'skills' && need) {
    // A word searches every skill; without one, more of the occupation's own are offered.
    const q = need.skillQuery.trim();
    const found =
      q || need.occupationId
        ? await searchSkills(scope.deps.db, {
            ...(q ? { q } : { occupation: need.occupationId }),
            limit: 50,
            offset: 0,
          })
        : undefined;
    return again({ open: line, extras: new Map([[line, { skillSuggestions: found?.items ?? [] }]]) });
  }
  // An unknown button, or a line's button for a line the form does not have.
  if (action !== 'save' && action !== 'submit' && action !== 'take-over') {
    throw new DomainError('bad-request', 'survey.form.unknownAction');
  }
  return saveAndMaybeSubmit(scope, page, state, action, post.conflictVersion);
}

const sameDocument = (a: unknown, b: unknown) =>
  JSON.stringify(responseDocument.parse(a)) === JSON.stringify(responseDocument.parse(b));

/**
 * "Spara utkast", "Skicka in" and the conflict's take-over: validate, save the shared draft at the
 * version the form was read at (or, deliberately, over the colleague's), then submit. A stale save
 * shows both versions; errors are shown at their fields; a closed round shows the answers read-only.
 */
async function saveAndMaybeSubmit(
  scope: Scope,
  page: FormPage,
  state: FormState,
  action: 'save' | 'submit' | 'take-over',
  conflictVersion: number,
  after = '?saved=1',
): Promise<FormOutcome> {
  const { round, organisationId } = page;
  const path = formPath(round.id, organisationId);
  if (!roundAcceptsAnswers(scope, round)) return closed(scope, page, state);
  if (action === 'submit' && (await isSubmissionStored(scope.deps.db, state.submissionId, round.id, organisationId))) {
    return { kind: 'redirect', to: `${path}/summary?submitted=1` };
  }
  const parsed = responseDocument.safeParse(fieldsToDocument(state.fields));
  if (!parsed.success) return { kind: 'refused', page, state, error: new InvalidInput(parsed.error.issues) };
  let document: ResponseDocument;
  try {
    document = conformToQuestionnaire(parsed.data, round.questionnaireVersion);
  } catch (err) {
    return { kind: 'refused', page, state, error: err };
  }
  const base = action === 'take-over' && Number.isInteger(conflictVersion) ? conflictVersion : state.version;
  let saved: number;
  try {
    saved = (await saveDraft(scope, round, organisationId, { ...document, version: base })).version;
  } catch (err) {
    const current = conflictOf(err);
    if (current && sameDocument(current, document)) {
      // The stored draft is already what was sent (a retried post): nothing to choose between.
      saved = current.version;
    } else if (current) {
      return { kind: 'form', page, state: { ...state, conflict: { current, mine: document }, status: 409 } };
    } else if (err instanceof RoundClosed) {
      return closed(scope, page, state);
    } else {
      return { kind: 'refused', page, state, error: err };
    }
  }
  if (action !== 'submit') return { kind: 'redirect', to: `${path}${after}` };
  try {
    await submitResponse(scope, round, organisationId, state.submissionId, { onBehalf: page.onBehalf });
  } catch (err) {
    const after = { ...page, response: await findResponse(scope, round.id, organisationId) };
    if (err instanceof RoundClosed) return closed(scope, after, { ...state, version: saved });
    return { kind: 'refused', page: after, state: { ...state, version: saved }, error: err };
  }
  return { kind: 'redirect', to: `${path}/summary?submitted=1` };
}

function conflictOf(err: unknown): ResponseView | undefined {
  return err instanceof DraftConflict ? (err.current as ResponseView) : undefined;
}

/** A save after the round closed: refused, and the stored answers shown read-only. */
async function closed(scope: Scope, page: ResponsePage, state: FormState): Promise<FormOutcome> {
  const [round, response] = await Promise.all([
    findRound(scope.deps.db, page.round.id),
    findResponse(scope, page.round.id, page.organisationId),
  ]);
  const problem = translator(scope.lang)(
    page.round.status === 'draft' ? 'survey.closed.notYet' : 'survey.closed.detail',
  );
  return {
    kind: 'form',
    page: { ...page, round: round ?? page.round, response },
    state: { ...state, problem, status: 409 },
  };
}
