import type { Context } from 'hono';
import { Invalid } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import type { FormFields } from '../../http/form.ts';
import { asAppError } from '../../http/problem.ts';
import { organisationMember, RELOCATION_GUIDE, type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { findOrganisation, viewerOf } from '../../organisations/index.ts';
import { listStrategyNeedLines } from '../../surveys/index.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { type FormErrors, formValues, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { needsRelocationSupport } from '../eligibility.ts';
import { invitePartner } from './partner.ts';
import { listRelocationGuides } from './queries.ts';
import {
  caseIdParams,
  closeForm,
  type DetailsForm,
  detailsEditForm,
  newCaseForm,
  newCaseQuery,
  organisationParams,
  partnerInvite,
  taskCreate,
  taskParams,
  taskUpdateForm,
} from './schemas.ts';
import {
  addTask,
  closeMoveCase,
  listMoveCases,
  openMoveCase,
  takeMoveCase,
  updateMoveCase,
  updateTask,
  viewMoveCase,
} from './service.ts';
import { caseFormModel, casePageModel, type Kommun, summaryRows } from './views.ts';

/** The move case pages (decision 0028): the lists, opening a case, the case page and its forms. */

async function kommunList(c: Context<AppEnv>): Promise<Kommun[]> {
  const all = await listMunicipalities(c.get('deps').db, {});
  return all.map((k) => ({ code: k.code, name: k.name, inRegion: k.inRegion }));
}

/** The form's kommun checkboxes and the one "another kommun" select, as one list. */
function prepareDetails(fields: FormFields) {
  const values = formValues(fields);
  const checked = fields.housingKommuner;
  const kommuner = [...(Array.isArray(checked) ? checked : checked ? [checked] : [])];
  if (values.otherKommun) kommuner.push(values.otherKommun);
  return { ...values, housingKommuner: kommuner };
}

const chosenKommuner = (fields: FormFields) => prepareDetails(fields).housingKommuner;

const toDetails = (form: DetailsForm) => ({
  partnerComes: form.partnerComes === 'yes',
  children: { age0to5: form.children0to5, age6to15: form.children6to15, age16to19: form.children16to19 },
  housing: { tenure: form.housingTenure, rooms: form.housingRooms, kommuner: form.housingKommuner },
  earliestMove: form.earliestMove,
  ...(form.offerAcceptedOn === undefined ? {} : { offerAcceptedOn: form.offerAcceptedOn }),
});

/** A refusal of the service as form errors, its fields named as the form names them; else undefined. */
function serviceErrors(err: unknown, c: Context<AppEnv>): FormErrors | undefined {
  const problem = asAppError(err, c);
  if (!problem || (problem.status !== 422 && problem.status !== 409) || !problem.errors) return undefined;
  const rename: Record<string, string> = { housing: 'housingKommuner' };
  return toFormErrors(problem.errors.map((e) => ({ ...e, path: rename[e.path] ?? e.path })));
}

async function requireOrganisation(c: Context<AppEnv>, id: string) {
  const organisation = await findOrganisation(c.get('deps').db, id, viewerOf(c.get('principal')));
  if (!organisation) throw notFound();
  return organisation;
}

async function organisationPage(c: Context<AppEnv>, organisationId: string) {
  const t = c.get('t');
  const lang = c.get('lang');
  const organisation = await requireOrganisation(c, organisationId);
  const lines = (await listStrategyNeedLines(c.get('deps').db, organisationId)).filter(needsRelocationSupport);
  const cases = (await listMoveCases(scopeOf(c), {})).filter((item) => item.organisation?.id === organisationId);
  return render(c, 'recruitment/organisation', {
    title: t('moveCase.org.title', { organisation: organisation.name }),
    organisation,
    lines: lines.map((line) => ({
      id: line.id,
      label: t('moveCase.org.line', {
        occupation: lang === 'en' ? line.occupationLabelEn : line.occupationLabelSv,
        headcount: line.headcount,
        round: line.roundName,
        lineNo: line.lineNo,
      }),
    })),
    cases: summaryRows(cases, t, lang),
  });
}

async function newCasePage(
  c: Context<AppEnv>,
  organisationId: string,
  lineId: string,
  state: { values: Record<string, string>; kommuner: readonly string[]; form?: FormErrors },
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const organisation = await requireOrganisation(c, organisationId);
  const [line] = await listStrategyNeedLines(c.get('deps').db, organisationId, lineId);
  if (!line) throw notFound();
  if (!needsRelocationSupport(line)) throw new Invalid('needLineId', 'moveCase.error.lineNotQualifying');
  const lineLabel = t('moveCase.org.line', {
    occupation: lang === 'en' ? line.occupationLabelEn : line.occupationLabelSv,
    headcount: line.headcount,
    round: line.roundName,
    lineNo: line.lineNo,
  });
  return render(
    c,
    'recruitment/new',
    {
      title: t('moveCase.new.title'),
      organisation,
      lineId,
      lead: t('moveCase.new.lead', { line: lineLabel }),
      ...caseFormModel(t, await kommunList(c), state.values, state.kommuner, state.form),
    },
    status,
  );
}

async function casePage(
  c: Context<AppEnv>,
  id: string,
  state: Parameters<typeof casePageModel>[4] = {},
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const kase = await viewMoveCase(scopeOf(c), id);
  const noticeKey = NOTICES[state.notice ?? ''];
  const notice = noticeKey ? t(noticeKey, { email: kase.recruit?.email ?? '' }) : undefined;
  const model = casePageModel(kase, t, c.get('lang'), await kommunList(c), { ...state, notice });
  // The partner's own links: the job profile and the matches (decision 0034).
  const principal = c.get('principal');
  const viewerIsPartner =
    kase.relation === 'household' &&
    principal?.kind === 'user' &&
    kase.partner?.email.toLowerCase() === principal.email.toLowerCase();
  // The secretariat names or changes the guide of an open case (decision 0036).
  const guideOptions =
    kase.relation === 'secretariat' && kase.status === 'open'
      ? (await listRelocationGuides(c.get('deps').db)).map((g) => ({
          value: g.id,
          label: g.name ?? g.email,
          selected: g.id === kase.guide?.id,
        }))
      : null;
  return render(
    c,
    'recruitment/case',
    { title: `${t('moveCase.title')}: ${model.occupationLabel}`, ...model, viewerIsPartner, guideOptions },
    status,
  );
}

async function detailsPage(
  c: Context<AppEnv>,
  id: string,
  state?: { values: Record<string, string>; kommuner: readonly string[]; form?: FormErrors },
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const kase = await viewMoveCase(scopeOf(c), id);
  if (kase.status !== 'open' || kase.relation === 'queue' || kase.erased) throw notFound();
  const stored = {
    version: String(kase.version),
    partnerComes: kase.partnerComes ? 'yes' : 'no',
    children0to5: String(kase.children?.age0to5 ?? 0),
    children6to15: String(kase.children?.age6to15 ?? 0),
    children16to19: String(kase.children?.age16to19 ?? 0),
    housingTenure: kase.housing?.tenure ?? '',
    housingRooms: String(kase.housing?.rooms ?? ''),
    earliestMove: kase.earliestMove ?? '',
    offerAcceptedOn: kase.offerAcceptedOn ?? '',
  };
  const values = state ? { ...state.values, version: state.values.version ?? stored.version } : stored;
  return render(
    c,
    'recruitment/details',
    {
      title: t('moveCase.details.edit'),
      kase,
      ...caseFormModel(t, await kommunList(c), values, state?.kommuner ?? kase.housing?.kommuner ?? [], state?.form),
    },
    status,
  );
}

const caseUrl = (id: string, notice?: string) =>
  `/move-cases/${encodeURIComponent(id)}${notice ? `?notice=${notice}` : ''}`;

const NOTICES: Record<string, string> = {
  opened: 'moveCase.opened',
  saved: 'moveCase.tasks.saved',
  added: 'moveCase.tasks.added',
  taken: 'moveCase.take.done',
  closed: 'moveCase.close.done',
  details: 'moveCase.details.saved',
  partner: 'moveCase.partner.invited',
  'guide-changed': 'guides.assign.done',
};

export function registerMoveCasePages(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/move-cases', kind: 'page', access: SIGNED_IN, summary: 'My move cases and the queue' },
    async (c) => {
      const t = c.get('t');
      const items = summaryRows(await listMoveCases(scopeOf(c), {}), t, c.get('lang'));
      return render(c, 'recruitment/list', {
        title: t('moveCase.list.title'),
        nav: 'move-cases',
        mine: items.filter((i) => i.relation !== 'queue'),
        queue: items.filter((i) => i.relation === 'queue'),
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/move-cases',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'An organisation’s need lines that recruit from outside, and its move cases',
      params: organisationParams,
    },
    async (c, { params }) => organisationPage(c, params.id),
  );

  routes.add(
    {
      method: 'get',
      path: '/organisations/:id/move-cases/new',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Form: open a move case from a need line',
      params: organisationParams,
      query: newCaseQuery,
    },
    async (c, { params, query }) => {
      if (!query.line) return c.redirect(`/organisations/${encodeURIComponent(params.id)}/move-cases`, 303);
      return newCasePage(c, params.id, query.line, {
        values: { partnerComes: '', children0to5: '0', children6to15: '0', children16to19: '0' },
        kommuner: [],
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/organisations/:id/move-cases/new',
      kind: 'page',
      access: organisationMember('id'),
      summary: 'Open a move case from a need line (mails the recruit a link)',
      params: organisationParams,
      query: newCaseQuery,
      form: {
        schema: newCaseForm,
        prepare: prepareDetails,
        invalid: (c, { values, fields, errors }, { params, query }) =>
          query.line
            ? newCasePage(c, params.id, query.line, { values, kommuner: chosenKommuner(fields), form: errors }, 422)
            : c.redirect(`/organisations/${encodeURIComponent(params.id)}/move-cases`, 303),
      },
    },
    async (c, { params, query, form, values, fields }) => {
      if (!query.line) throw notFound();
      try {
        const { id } = await openMoveCase(scopeOf(c), {
          organisationId: params.id,
          needLineId: query.line,
          recruit: { name: form.recruitName, email: form.recruitEmail },
          ...toDetails(form),
        });
        return c.redirect(caseUrl(id, 'opened'), 303);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return newCasePage(c, params.id, query.line, { values, kommuner: chosenKommuner(fields), form: errors }, 422);
      }
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/move-cases/:id',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'A move case: the household, the checklist, the access log (household)',
      params: caseIdParams,
    },
    async (c, { params }) => casePage(c, params.id, { notice: c.req.query('notice') }),
  );

  routes.add(
    {
      method: 'get',
      path: '/move-cases/:id/details',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Form: change the household’s details',
      params: caseIdParams,
    },
    async (c, { params }) => detailsPage(c, params.id),
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/details',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Change the household’s details',
      params: caseIdParams,
      form: {
        schema: detailsEditForm,
        prepare: prepareDetails,
        invalid: (c, { values, fields, errors }, { params }) =>
          detailsPage(c, params.id, { values, kommuner: chosenKommuner(fields), form: errors }, 422),
      },
    },
    async (c, { params, form, values, fields }) => {
      try {
        await updateMoveCase(scopeOf(c), params.id, { version: form.version, ...toDetails(form) });
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return detailsPage(c, params.id, { values, kommuner: chosenKommuner(fields), form: errors }, 422);
      }
      return c.redirect(caseUrl(params.id, 'details'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/tasks',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Add a task to the case',
      params: caseIdParams,
      form: {
        schema: taskCreate,
        invalid: (c, { values, errors }, { params }) =>
          casePage(c, params.id, { taskForm: { values, form: errors } }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await addTask(scopeOf(c), params.id, form);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return casePage(c, params.id, { taskForm: { values, form: errors } }, 422);
      }
      return c.redirect(caseUrl(params.id, 'added'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/tasks/:taskId',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Change a task’s state and note',
      params: taskParams,
      form: {
        schema: taskUpdateForm,
        invalid: (c, { errors }, { params }) =>
          casePage(
            c,
            params.id,
            {
              taskErrors: toFormErrors(
                errors.errors.map((e) => ({ path: `task-${params.taskId}-note`, message: e.message })),
              ),
            },
            422,
          ),
      },
    },
    async (c, { params, form }) => {
      try {
        await updateTask(scopeOf(c), params.id, params.taskId, form);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        const taskErrors = toFormErrors(
          errors.errors.map((e) => ({ path: `task-${params.taskId}-note`, message: e.message })),
        );
        return casePage(c, params.id, { taskErrors }, 409);
      }
      return c.redirect(`${caseUrl(params.id, 'saved')}#task-${encodeURIComponent(params.taskId)}`, 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/assignment',
      kind: 'page',
      access: RELOCATION_GUIDE,
      summary: 'Take the case as its relocation guide',
      params: caseIdParams,
    },
    async (c, { params }) => {
      await takeMoveCase(scopeOf(c), params.id);
      return c.redirect(caseUrl(params.id, 'taken'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/closure',
      kind: 'page',
      access: RELOCATION_GUIDE,
      summary: 'Close the case with its outcome',
      params: caseIdParams,
      form: {
        schema: closeForm,
        invalid: (c, { values, errors }, { params }) =>
          casePage(c, params.id, { closeForm: { values, form: errors } }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await closeMoveCase(scopeOf(c), params.id, form);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return casePage(c, params.id, { closeForm: { values, form: errors } }, 422);
      }
      return c.redirect(caseUrl(params.id, 'closed'), 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/partner',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Invite the partner to the case',
      params: caseIdParams,
      form: {
        schema: partnerInvite,
        invalid: (c, { values, errors }, { params }) =>
          casePage(c, params.id, { partnerForm: { values, form: errors } }, 422),
      },
    },
    async (c, { params, form, values }) => {
      try {
        await invitePartner(scopeOf(c), params.id, form);
      } catch (err) {
        const errors = serviceErrors(err, c);
        if (!errors) throw err;
        return casePage(c, params.id, { partnerForm: { values, form: errors } }, 422);
      }
      return c.redirect(caseUrl(params.id, 'partner'), 303);
    },
  );
}
