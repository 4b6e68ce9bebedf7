import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import { AppError } from '../../http/errors.ts';
import { asAppError } from '../../http/problem.ts';
import { type Routes, STUDENT } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { labelTaxonomyFields, resolveTaxonomyFields, taxonomyFormSchema } from '../../taxonomy/index.ts';
import { checkbox, type FormErrors, formValues, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { allowedMoves, listApplications, moveApplication } from '../applications/service.ts';
import { stockholmDay } from '../dates.ts';
import { APPLICATION_STATUSES, profileSchema, VISIBILITIES } from '../schemas.ts';
import { checkboxGroup, listOf, regionMunicipalities, specialisationChoices, splitList } from '../views.ts';
import { EMPTY_PROFILE, findProfile, type StudentProfile, saveProfile } from './service.ts';
import {
  graduationChoice,
  graduationErrors,
  graduationFields,
  graduationOf,
  graduationYears,
  levelChoice,
} from './views.ts';

/** The profile's taxonomy pickers (templates/partials/taxonomy-picker.hbs): names in, ids out. */
const PROFILE_TAXONOMY = [
  { name: 'skillIds', kind: 'skill' },
  { name: 'occupationIds', kind: 'occupation' },
] as const;

async function profilePage(
  c: Context<AppEnv>,
  values: Record<string, string | string[]>,
  errors?: FormErrors,
  status: 200 | 409 | 422 = 200,
) {
  const t = c.get('t');
  const { db, now } = c.get('deps');
  const [municipalities, specialisations, labelled] = await Promise.all([
    regionMunicipalities(db),
    specialisationChoices(c.get('deps').db, c.get('lang')),
    labelTaxonomyFields(c.get('deps').db, formValues(values), PROFILE_TAXONOMY, c.get('lang')),
  ]);
  const one = formValues(values);
  return render(
    c,
    'placements/profile',
    {
      title: t('profile.title'),
      nav: 'placements',
      values: { ...labelled, remoteOk: checkbox(values.remoteOk) },
      form: errors,
      saved: c.req.method === 'GET' && c.req.query('saved') === '1',
      level: levelChoice(t, one.level, c.get('lang')),
      graduation: graduationChoice(t, c.get('lang'), graduationYears(stockholmDay(now())), {
        month: one.expectedGraduationMonth ?? '',
        year: one.expectedGraduationYear ?? '',
      }),
      specialisationGroup: checkboxGroup(
        'specialisations',
        t('profile.specialisations'),
        specialisations,
        listOf(values.specialisations),
      ),
      municipalityGroup: checkboxGroup(
        'municipalityCodes',
        t('profile.municipalities'),
        municipalities,
        listOf(values.municipalityCodes),
        'checkbox',
        errors?.byField.municipalityCodes,
      ),
      visibilityGroup: checkboxGroup(
        'visibility',
        t('profile.visibility'),
        VISIBILITIES.map((v) => ({ value: v, label: t(`profile.visibility.${v}`) })),
        [one.visibility ?? 'hidden'],
        'radio',
      ),
    },
    status,
  );
}

function profileValues(p: StudentProfile): Record<string, string | string[]> {
  return {
    version: String(p.version),
    programme: p.programme,
    institution: p.institution,
    level: p.level ?? '',
    ...graduationFields(p.expectedGraduation),
    skillIds: p.skillIds.join(', '),
    occupationIds: p.occupationIds.join(', '),
    specialisations: p.specialisations.map((s) => s.code),
    municipalityCodes: p.municipalityCodes,
    remoteOk: p.remoteOk ? 'true' : '',
    languages: p.languages.join(', '),
    visibility: p.visibility,
  };
}

const statusForm = z.object({ status: z.enum(APPLICATION_STATUSES) });

export function registerStudentPages(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/students/profile', kind: 'page', access: STUDENT, summary: 'My student profile (form)' },
    async (c) => {
      const profile = (await findProfile(c.get('deps').db, requireUser(c).userId)) ?? EMPTY_PROFILE;
      return profilePage(c, profileValues(profile));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/students/profile',
      kind: 'page',
      access: STUDENT,
      summary: 'Save my student profile',
      form: {
        schema: (c) =>
          taxonomyFormSchema({
            resolve: (posted) => resolveTaxonomyFields(c.get('deps').db, c.get('t'), posted, PROFILE_TAXONOMY),
            schema: profileSchema,
            input: (resolved, posted) => ({
              programme: posted.programme ?? '',
              institution: posted.institution ?? '',
              level: formValues(posted).level || null,
              expectedGraduation: graduationOf(formValues(posted)),
              skillIds: splitList(resolved.skillIds),
              occupationIds: splitList(resolved.occupationIds),
              specialisations: listOf(posted.specialisations).map((code) => ({ code, focusAreas: [] })),
              municipalityCodes: listOf(posted.municipalityCodes),
              remoteOk: checkbox(posted.remoteOk),
              languages: splitList(posted.languages),
              visibility: formValues(posted).visibility || 'hidden',
              version: Number(formValues(posted).version || 0),
            }),
            // The month and year: both or neither, from the lists; the year a profile already
            // holds stays acceptable even once it has left the range.
            rules: async (_resolved, posted) => {
              const { db, now } = c.get('deps');
              const stored = await findProfile(db, requireUser(c).userId);
              return graduationErrors(
                c.get('t'),
                formValues(posted),
                graduationYears(stockholmDay(now())),
                graduationFields(stored?.expectedGraduation ?? null).expectedGraduationYear || undefined,
              );
            },
          }),
        invalid: (c, { fields, errors }) => profilePage(c, fields, errors, 422),
      },
    },
    async (c, { form, fields }) => {
      try {
        await saveProfile(scopeOf(c), requireUser(c).userId, form.data);
      } catch (err) {
        const app = asAppError(err, c);
        if (app && (app.status === 422 || app.status === 409))
          return profilePage(
            c,
            fields,
            toFormErrors(app.errors ?? [{ path: 'form', message: app.detail ?? '' }]),
            app.status,
          );
        throw err;
      }
      return c.redirect('/students/profile?saved=1', 303);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/students/applications',
      kind: 'page',
      access: STUDENT,
      summary: 'My applications and their status',
    },
    async (c) => {
      const t = c.get('t');
      const me = requireUser(c);
      const items = (await listApplications(scopeOf(c), me)).filter((a) => a.student.email === me.email);
      return render(c, 'placements/my-applications', {
        title: t('application.mine.title'),
        nav: 'placements',
        moved: c.req.query('moved') === '1',
        items: items.map((a) => ({
          ...a,
          statusLabel: t(`application.status.${a.status}`),
          moves: allowedMoves(a.status, 'student').map((s) => ({ value: s, label: t(`application.status.${s}`) })),
        })),
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/students/applications/:applicationId/status',
      kind: 'page',
      access: STUDENT,
      summary: 'Withdraw my application, or accept or decline an offer',
      params: z.object({ applicationId: z.string().min(1).max(40) }),
      form: {
        schema: statusForm,
        prepare: formValues,
        invalid: () => {
          throw new AppError(422, 'error.validation.title');
        },
      },
    },
    async (c, { params, form }) => {
      await moveApplication(scopeOf(c), requireUser(c), params.applicationId, form.status);
      return c.redirect('/students/applications?moved=1', 303);
    },
  );
}
