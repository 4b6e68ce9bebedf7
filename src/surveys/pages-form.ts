import type { Context } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { AppEnv } from '../deps.ts';
import { AppError, badRequest, type FieldError } from '../http/errors.ts';
import { describeIssues } from '../http/validation.ts';
import { searchOccupations, searchSkills } from '../taxonomy/queries.ts';
import { readForm } from '../web/forms.ts';
import { requireResponseAccess } from './access.ts';
import { documentToFields, emptyNeed, fieldsToDocument, type ResponseFields, readFields } from './form-mapping.ts';
import { occupationLabel } from './form-view.ts';
import { findOccupationsByIds, findOrganisationName, isSubmissionStored } from './page-lookups.ts';
import {
  type FormState,
  formPath,
  type ResponsePage,
  renderResponsePage,
  roundAcceptsAnswers,
} from './pages-form-render.ts';
import { findResponse, saveDraft } from './responses.ts';
import { findRound } from './rounds.ts';
import { type ResponseDocument, responseDocument } from './schemas.ts';
import { submitResponse } from './submit.ts';

/**
 * The response form without JavaScript: every button posts the whole form to the same address.
 * "Lägg till behov", "Ta bort", "Sök" and "Visa kompetenser" re-render it with everything typed
 * kept; "Spara utkast" saves and redirects; "Skicka in" saves, then submits with the submission id
 * that was put into the page when it was rendered, so a double click or a retry submits once.
 */
export const responseParams = z.object({ id: z.string().min(1).max(100), orgId: z.string().min(1).max(100) });
type Params = z.infer<typeof responseParams>;

const OCCUPATION_RESULTS = 10;

async function loadPage(c: Context<AppEnv>, params: Params): Promise<ResponsePage & { onBehalf: boolean }> {
  const { round, onBehalf } = await requireResponseAccess(c, params.id, params.orgId);
  const [response, organisationName] = await Promise.all([
    findResponse(c, round.id, params.orgId),
    findOrganisationName(c.var.deps.db, params.orgId),
  ]);
  return { round, organisationId: params.orgId, organisationName, response, onBehalf };
}

async function storedFields(c: Context<AppEnv>, document: ResponseDocument): Promise<ResponseFields> {
  const occupations = await findOccupationsByIds(
    c.var.deps.db,
    document.needs.map((n) => n.occupationId ?? ''),
  );
  return documentToFields(document, (id) => {
    const occupation = occupations.get(id);
    return occupation ? occupationLabel(occupation, c.var.lang) : id;
  });
}

export async function showResponseForm(c: Context<AppEnv>, params: Params): Promise<Response> {
  const page = await loadPage(c, params);
  if (page.onBehalf) {
    await recordAudit(c, {
      action: 'raw-answers.read',
      targetType: 'response',
      targetId: `${page.round.id}/${page.organisationId}`,
    });
  }
  return renderResponsePage(c, page, {
    fields: await storedFields(c, page.response),
    version: page.response.version,
    submissionId: c.var.deps.newId(),
  });
}

const sameDocument = (a: unknown, b: unknown) =>
  JSON.stringify(responseDocument.parse(a)) === JSON.stringify(responseDocument.parse(b));

export async function postResponseForm(c: Context<AppEnv>, params: Params): Promise<Response> {
  const page = await loadPage(c, params);
  const entries = await readForm(c);
  const one = (name: string) => {
    const value = entries[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  const version = Number(one('version'));
  const submissionId = one('submissionId') || c.var.deps.newId();
  if (!Number.isInteger(version) || version < 0) throw badRequest(c.var.t('validation.survey.version'));
  const fields = readFields(entries);
  const state: FormState = { fields, version, submissionId };
  const again = (extra: Partial<FormState>) => renderResponsePage(c, page, { ...state, ...extra });
  const [action = '', lineText] = one('action').split(':');
  const line = Number(lineText);
  const need = fields.needs[line];

  if (action === 'add') {
    fields.needs.push(emptyNeed());
    return again({});
  }
  if (action === 'remove' && need) {
    fields.needs.splice(line, 1);
    return again({});
  }
  if (action === 'search' && need) {
    const q = need.occupationQuery.trim();
    const found = q ? await searchOccupations(c.var.deps.db, { q, limit: OCCUPATION_RESULTS, offset: 0 }) : undefined;
    return again({ extras: new Map([[line, { searchResults: found?.items ?? [] }]]) });
  }
  if (action === 'skills' && need) {
    const found = need.occupationId
      ? await searchSkills(c.var.deps.db, {
          occupation: need.occupationId,
          q: need.skillQuery.trim(),
          limit: 50,
          offset: 0,
        })
      : undefined;
    return again({ extras: new Map([[line, { skillSuggestions: found?.items ?? [] }]]) });
  }
  if (!['save', 'submit', 'take-over'].includes(action)) throw badRequest(c.var.t('survey.form.unknownAction'));
  return saveAndMaybeSubmit(c, page, state, action, Number(one('conflictVersion')));
}

async function saveAndMaybeSubmit(
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
  const { db } = c.var.deps;
  if (action === 'submit' && (await isSubmissionStored(db, state.submissionId, round.id, organisationId))) {
    return c.redirect(`${path}/summary?submitted=1`, 303);
  }
  const parsed = responseDocument.safeParse(fieldsToDocument(state.fields));
  if (!parsed.success) {
    return again({ errors: describeIssues(parsed.error.issues, c.var.lang, c.var.t), status: 422 });
  }
  const base = action === 'take-over' && Number.isInteger(conflictVersion) ? conflictVersion : state.version;
  let saved: number;
  try {
    saved = (await saveDraft(c, round, organisationId, { ...parsed.data, version: base })).version;
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
    await submitResponse(c, round, organisationId, state.submissionId, { onBehalf: page.onBehalf });
  } catch (err) {
    const shown = await formErrors(
      c,
      { ...page, response: await findResponse(c, round.id, organisationId) },
      { ...state, version: saved },
      err,
    );
    if (shown) return shown;
    throw err;
  }
  return c.redirect(`${path}/summary?submitted=1`, 303);
}

function conflictOf(err: unknown) {
  if (!(err instanceof AppError) || err.status !== 409 || err.titleKey !== 'survey.conflict.title') return undefined;
  const current = err.extra?.current;
  return current && typeof current === 'object' ? (current as Awaited<ReturnType<typeof findResponse>>) : undefined;
}

/** Errors from saving or submitting, shown in the form with the input kept; undefined for any other error. */
async function formErrors(
  c: Context<AppEnv>,
  page: ResponsePage,
  state: FormState,
  err: unknown,
): Promise<Response | undefined> {
  if (!(err instanceof AppError)) return undefined;
  if (err.titleKey === 'survey.closed.title') return closed(c, page, state);
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
    findRound(c.var.deps.db, page.round.id),
    findResponse(c, page.round.id, page.organisationId),
  ]);
  const problem = c.var.t(page.round.status === 'draft' ? 'survey.closed.notYet' : 'survey.closed.detail');
  return renderResponsePage(c, { ...page, round: round ?? page.round, response }, { ...state, problem, status: 409 });
}
