import type { Context } from 'hono';
import { z } from 'zod';
import { recordAuditIn } from '../audit/audit.ts';
import type { AppEnv } from '../deps.ts';
import { badRequest } from '../http/errors.ts';
import { scopeOf } from '../http/scope.ts';
import { searchOccupations, searchSkills } from '../taxonomy/queries.ts';
import { readForm } from '../web/forms.ts';
import { requireResponseAccess } from './access.ts';
import { documentToFields, emptyNeed, type ResponseFields, readFields } from './form-mapping.ts';
import { occupationLabel } from './form-view.ts';
import { findOccupationsByIds, findOrganisationName } from './page-lookups.ts';
import { type FormState, type ResponsePage, renderResponsePage } from './pages-form-render.ts';
import { saveAndMaybeSubmit } from './pages-form-save.ts';
import { findResponse } from './responses.ts';
import type { ResponseDocument } from './schemas.ts';

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
  const { round, onBehalf } = await requireResponseAccess(scopeOf(c), params.id, params.orgId);
  const [response, organisationName] = await Promise.all([
    findResponse(scopeOf(c), round.id, params.orgId),
    findOrganisationName(c.get('deps').db, params.orgId),
  ]);
  return { round, organisationId: params.orgId, organisationName, response, onBehalf };
}

async function storedFields(c: Context<AppEnv>, document: ResponseDocument): Promise<ResponseFields> {
  const occupations = await findOccupationsByIds(
    c.get('deps').db,
    document.needs.map((n) => n.occupationId ?? ''),
  );
  return documentToFields(document, (id) => {
    const occupation = occupations.get(id);
    return occupation ? occupationLabel(occupation, c.get('lang')) : id;
  });
}

export async function showResponseForm(c: Context<AppEnv>, params: Params): Promise<Response> {
  const page = await loadPage(c, params);
  if (page.onBehalf) {
    await recordAuditIn(scopeOf(c), {
      action: 'raw-answers.read',
      targetType: 'response',
      targetId: `${page.round.id}/${page.organisationId}`,
    });
  }
  return renderResponsePage(c, page, {
    fields: await storedFields(c, page.response),
    version: page.response.version,
    submissionId: c.get('deps').newId(),
  });
}

export async function postResponseForm(c: Context<AppEnv>, params: Params): Promise<Response> {
  const page = await loadPage(c, params);
  const entries = await readForm(c);
  const one = (name: string) => {
    const value = entries[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  const version = Number(one('version'));
  const submissionId = one('submissionId') || c.get('deps').newId();
  if (!Number.isInteger(version) || version < 0) throw badRequest(c.get('t')('validation.survey.version'));
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
    const found = q
      ? await searchOccupations(c.get('deps').db, { q, limit: OCCUPATION_RESULTS, offset: 0 })
      : undefined;
    return again({ extras: new Map([[line, { searchResults: found?.items ?? [] }]]) });
  }
  if (action === 'skills' && need) {
    const found = need.occupationId
      ? await searchSkills(c.get('deps').db, {
          occupation: need.occupationId,
          q: need.skillQuery.trim(),
          limit: 50,
          offset: 0,
        })
      : undefined;
    return again({ extras: new Map([[line, { skillSuggestions: found?.items ?? [] }]]) });
  }
  if (!['save', 'submit', 'take-over'].includes(action)) throw badRequest(c.get('t')('survey.form.unknownAction'));
  return saveAndMaybeSubmit(c, page, state, action, Number(one('conflictVersion')));
}
