import type { Context } from 'hono';
import { DraftConflict, RoundClosed } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import type { AppError, FieldError } from '../http/errors.ts';
import { asAppError } from '../http/problem.ts';
import { scopeOf } from '../http/scope.ts';
import { describeIssues } from '../http/validation.ts';
import { fieldsToDocument } from './form-mapping.ts';
import { isSubmissionStored } from './page-lookups.ts';
import {
  type FormState,
  formPath,
  type ResponsePage,
  renderResponsePage,
  roundAcceptsAnswers,
} from './pages-form-render.ts';
import { findResponse, type ResponseView, saveDraft } from './responses.ts';
import { findRound } from './rounds.ts';
import { responseDocument } from './schemas.ts';
import { submitResponse } from './submit.ts';

const sameDocument = (a: unknown, b: unknown) =>
  JSON.stringify(responseDocument.parse(a)) === JSON.stringify(responseDocument.parse(b));

/**
 * "Spara utkast", "Skicka in" and the conflict's take-over: validate, save the shared draft at the
 * version the form was read at (or, deliberately, over the colleague's), then submit. A stale save
 * shows both versions; errors are shown at their fields; a closed round shows the answers read-only.
 */
export async function saveAndMaybeSubmit(
  c: Context<AppEnv>,
  page: ResponsePage & { onBehalf: boolean },
  state: FormState,
  action: string,
  conflictVersion: number,
): Promise<Response> {
  const { round, organisationId } = page;
  const path = formPath(round.id, organisationId);
  const again = (extra: Partial<FormState>) => renderResponsePage(c, page, { ...state, ...extra });
  if (!roundAcceptsAnswers(c, round)) return closed(c, page, state);
  const { db } = c.get('deps');
  if (action === 'submit' && (await isSubmissionStored(db, state.submissionId, round.id, organisationId))) {
    return c.redirect(`${path}/summary?submitted=1`, 303);
  }
  const parsed = responseDocument.safeParse(fieldsToDocument(state.fields));
  if (!parsed.success) {
    return again({ errors: describeIssues(parsed.error.issues, c.get('lang'), c.get('t')), status: 422 });
  }
  const base = action === 'take-over' && Number.isInteger(conflictVersion) ? conflictVersion : state.version;
  let saved: number;
  try {
    saved = (await saveDraft(scopeOf(c), round, organisationId, { ...parsed.data, version: base })).version;
  } catch (err) {
    const current = conflictOf(err);
    if (current && sameDocument(current, parsed.data)) {
      // The stored draft is already what was sent (a retried post): nothing to choose between.
      saved = current.version;
    } else if (current) {
      return again({ conflict: { current, mine: parsed.data }, status: 409 });
    } else {
      const shown = await formErrors(c, page, state, err);
      if (shown) return shown;
      throw err;
    }
  }
  if (action !== 'submit') return c.redirect(`${path}?saved=1`, 303);
  try {
    await submitResponse(scopeOf(c), round, organisationId, state.submissionId, { onBehalf: page.onBehalf });
  } catch (err) {
    const shown = await formErrors(
      c,
      { ...page, response: await findResponse(scopeOf(c), round.id, organisationId) },
      { ...state, version: saved },
      err,
    );
    if (shown) return shown;
    throw err;
  }
  return c.redirect(`${path}/summary?submitted=1`, 303);
}

function conflictOf(err: unknown): ResponseView | undefined {
  return err instanceof DraftConflict ? (err.current as ResponseView) : undefined;
}

/** Errors from saving or submitting, shown in the form with the input kept; undefined for any other error. */
async function formErrors(
  c: Context<AppEnv>,
  page: ResponsePage,
  state: FormState,
  err: unknown,
): Promise<Response | undefined> {
  if (err instanceof RoundClosed) return closed(c, page, state);
  const problem = asAppError(err, c);
  if (!problem) return undefined;
  return shownInForm(c, page, state, problem);
}

function shownInForm(c: Context<AppEnv>, page: ResponsePage, state: FormState, err: AppError) {
  if (err.status === 422) {
    const errors: FieldError[] = err.errors?.length ? err.errors : [{ path: '', message: err.detail ?? '' }];
    return renderResponsePage(c, page, { ...state, errors, status: 422 });
  }
  if (err.status === 409) return renderResponsePage(c, page, { ...state, problem: err.detail, status: 409 });
  return undefined;
}

/** A save after the round closed: refused, and the stored answers shown read-only. */
async function closed(c: Context<AppEnv>, page: ResponsePage, state: FormState): Promise<Response> {
  const [round, response] = await Promise.all([
    findRound(c.get('deps').db, page.round.id),
    findResponse(scopeOf(c), page.round.id, page.organisationId),
  ]);
  const problem = c.get('t')(page.round.status === 'draft' ? 'survey.closed.notYet' : 'survey.closed.detail');
  return renderResponsePage(c, { ...page, round: round ?? page.round, response }, { ...state, problem, status: 409 });
}
