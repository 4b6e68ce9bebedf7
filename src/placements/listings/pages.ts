import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import { type FieldError, notFound } from '../../http/errors.ts';
import { encodeCursor } from '../../http/pagination.ts';
import { PUBLIC, type Routes, STUDENT } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import {
  describeUnresolved,
  findOccupationById,
  findOccupationNames,
  findSkillNames,
  type Occupation,
  pickerNames,
  resolveEntries,
} from '../../taxonomy/index.ts';
import { type FormErrors, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { applyForPlacement } from '../applications/service.ts';
import { stockholmDay } from '../dates.ts';
import { findPlacement, searchPlacements } from '../queries.ts';
import { applicationCreateSchema, PLACEMENT_KINDS, placementIdParams, placementListQuery } from '../schemas.ts';
import { describeDemand, recommendPlacements } from '../students/recommend.ts';
import { EMPTY_PROFILE, findProfile } from '../students/service.ts';
import { recommendationView } from '../students/views.ts';
import { regionMunicipalities, specialisationChoices, withAny } from '../views.ts';

/**
 * Empty selects post "": no filter. The occupation is typed by name in the page's taxonomy picker
 * (an id or an SSYK code works too), so it is longer than the API's id.
 */
const pageQuery = z.preprocess(
  (q) => Object.fromEntries(Object.entries(q as Record<string, unknown>).filter(([, v]) => v !== '')),
  placementListQuery.extend({ occupation: z.string().trim().max(200).optional() }),
);

/** The page's occupation filter: an id, an SSYK code or a name, resolved as the forms resolve them. */
async function resolveOccupationFilter(
  c: Context<AppEnv>,
  text: string | undefined,
): Promise<{ occupation?: Occupation; error?: string }> {
  if (!text) return {};
  const db = c.get('deps').db;
  const { ids, unresolved } = await resolveEntries(db, 'occupation', text);
  if (unresolved.length > 0) return { error: describeUnresolved(c.get('t'), unresolved) };
  const [only] = ids;
  if (ids.length !== 1 || !only) return { error: c.get('t')('placement.validation.occupationFilterOne') };
  const occupation = await findOccupationById(db, only);
  return occupation ? { occupation } : {};
}

/** The filter's occupation as the picker shows it and posts it back (pickerNames). */
async function occupationFilterName(c: Context<AppEnv>, id: string): Promise<{ text: string; lang?: 'sv' }> {
  const name = (await pickerNames(c.get('deps').db, 'occupation', [id], c.get('lang'))).get(id);
  return name ? { text: name.name, ...(name.lang ? { lang: name.lang } : {}) } : { text: id };
}

async function detailPage(
  c: Context<AppEnv>,
  id: string,
  form: { values: Record<string, string>; errors?: FormErrors } = { values: {} },
  status: 200 | 409 | 422 = 200,
) {
  const { db, now } = c.get('deps');
  const placement = await findPlacement(db, id, stockholmDay(now()));
  if (!placement || placement.status === 'withdrawn') throw notFound();
  const principal = c.get('principal');
  const lang = c.get('lang');
  const [occupations, skills, application] = await Promise.all([
    findOccupationNames(db, [placement.occupationId], lang),
    findSkillNames(db, placement.skillIds, lang),
    principal?.kind === 'user'
      ? db
          .selectFrom('applications')
          .select('status')
          .where('placement_id', '=', id)
          .where('student_id', '=', principal.userId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const t = c.get('t');
  return render(
    c,
    'placements/detail',
    {
      title: placement.title,
      nav: 'placements',
      placement,
      kindLabel: t(`placement.kind.${placement.kind}`),
      languageLabel: t(`placement.language.${placement.language}`),
      occupation: occupations.get(placement.occupationId) ?? { name: placement.occupationLabel },
      // JobTech names skills in Swedish only: the list is marked so on an English page.
      skills: [...skills.values()].map((s) => s.name).sort((a, b) => a.localeCompare(b, 'sv')),
      skillsLang: lang === 'en' ? 'sv' : undefined,
      demandLink: '/demand?by=occupation&by=horizon',
      application: application ? { statusLabel: t(`application.status.${application.status}`) } : null,
      applied: c.req.query('applied') === '1',
      values: form.values,
      form: form.errors,
    },
    status,
  );
}

export function registerPublicPlacementPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/placements',
      kind: 'page',
      access: PUBLIC,
      summary: 'Open placements: search with bookmarkable filters',
      query: pageQuery,
    },
    async (c, { query: asked }) => {
      const { db, now } = c.get('deps');
      const t = c.get('t');
      const [municipalities, specialisations] = await Promise.all([
        regionMunicipalities(c.get('deps').db),
        specialisationChoices(c.get('deps').db, c.get('lang')),
      ]);
      // A filter that names nothing (a misspelt occupation, an edited or old address) is said so,
      // and the list is shown without it, rather than an empty list under a select that says "any".
      const errors: FieldError[] = [];
      const { occupation: _occupation, specialisation: _specialisation, ...rest } = asked;
      const occupationFilter = await resolveOccupationFilter(c, asked.occupation);
      if (occupationFilter.error) errors.push({ path: 'occupation', message: occupationFilter.error });
      const occupation = occupationFilter.occupation;
      const knownSpecialisation = specialisations.some((s) => s.value === asked.specialisation);
      if (asked.specialisation && !knownSpecialisation)
        errors.push({ path: 'specialisation', message: t('placement.validation.specialisationFilter') });
      const query = {
        ...rest,
        ...(occupation ? { occupation: occupation.id } : {}),
        ...(asked.specialisation && knownSpecialisation ? { specialisation: asked.specialisation } : {}),
      };
      const offset = query.cursor ?? 0;
      const page = await searchPlacements(db, { ...query, offset }, stockholmDay(now()));
      const link = (o: number | null) => {
        if (o === null) return null;
        const params = new URLSearchParams();
        for (const k of ['q', 'kind', 'municipality', 'occupation', 'specialisation'] as const)
          if (query[k]) params.set(k, String(query[k]));
        const cursor = encodeCursor(o);
        if (o > 0 && cursor) params.set('cursor', cursor);
        return `/placements?${params.toString()}`;
      };
      return render(
        c,
        'placements/list',
        {
          title: t('placement.list.title'),
          nav: 'placements',
          form: errors.length ? toFormErrors(errors) : undefined,
          filters: query,
          // The picker shows the occupation by name; what was typed stays when it names nothing.
          occupationValue: occupation ? await occupationFilterName(c, occupation.id) : { text: asked.occupation ?? '' },
          kindOptions: withAny(
            c.get('t'),
            PLACEMENT_KINDS.map((k) => ({ value: k, label: t(`placement.kind.${k}`) })),
            query.kind,
          ),
          municipalityOptions: withAny(c.get('t'), municipalities, query.municipality),
          specialisationOptions: withAny(c.get('t'), specialisations, query.specialisation),
          items: page.items.map((p) => ({ ...p, kindLabel: t(`placement.kind.${p.kind}`) })),
          pagination: {
            previous: offset > 0 ? link(Math.max(0, offset - query.limit)) : null,
            next: link(page.nextOffset),
          },
        },
        errors.length ? 422 : 200,
      );
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/placements/recommended',
      kind: 'page',
      access: STUDENT,
      summary: 'Placements ranked for the signed-in student, each with its reason',
    },
    async (c) => {
      const userId = requireUser(c).userId;
      const [{ hasProfile, items }, profile] = await Promise.all([
        recommendPlacements(scopeOf(c), userId),
        findProfile(c.get('deps').db, userId),
      ]);
      const lang = c.get('lang');
      const t = c.get('t');
      return render(c, 'placements/recommended', {
        title: t('recommended.title'),
        nav: 'placements',
        noProfile: !hasProfile,
        items: items.map((r) =>
          recommendationView(t, lang, r, profile ?? EMPTY_PROFILE, r.demand ? describeDemand(lang, r.demand) : null),
        ),
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/placements/:id',
      kind: 'page',
      access: PUBLIC,
      summary: 'One placement, with the application form for a signed-in student',
      params: placementIdParams,
    },
    async (c, { params }) => detailPage(c, params.id),
  );

  routes.add(
    {
      method: 'post',
      path: '/placements/:id/apply',
      kind: 'page',
      access: STUDENT,
      summary: 'Apply for a placement (form)',
      params: placementIdParams,
      form: {
        schema: applicationCreateSchema,
        invalid: (c, { values, errors }, { params }) => detailPage(c, params.id, { values, errors }, 422),
      },
    },
    async (c, { params, form }) => {
      await applyForPlacement(scopeOf(c), requireUser(c), params.id, form.message);
      return c.redirect(`/placements/${encodeURIComponent(params.id)}?applied=1`, 303);
    },
  );
}
