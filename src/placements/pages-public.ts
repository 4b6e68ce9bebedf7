import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { requireUser } from '../http/authorize.ts';
import { notFound } from '../http/errors.ts';
import { encodeCursor } from '../http/pagination.ts';
import { PUBLIC, type Routes, STUDENT } from '../http/routes.ts';
import { type FormErrors, parseForm } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { applyForPlacement } from './applications.ts';
import { stockholmDay } from './dates.ts';
import { regionMunicipalities, specialisationChoices, withAny } from './page-options.ts';
import { findPlacement, searchPlacements } from './queries.ts';
import { describeRecommendation, recommendPlacements } from './recommend.ts';
import { applicationCreateSchema, PLACEMENT_KINDS, placementIdParams, placementListQuery } from './schemas.ts';

/** Empty selects post "": no filter. */
const pageQuery = z.preprocess(
  (q) => Object.fromEntries(Object.entries(q as Record<string, unknown>).filter(([, v]) => v !== '')),
  placementListQuery,
);

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
  const [skills, application] = await Promise.all([
    placement.skillIds.length
      ? db.selectFrom('skills').select('label_sv').where('id', 'in', placement.skillIds).orderBy('label_sv').execute()
      : Promise.resolve([]),
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
      skills: skills.map((s) => s.label_sv),
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
    async (c, { query }) => {
      const { db, now } = c.get('deps');
      const offset = query.cursor ?? 0;
      const [page, municipalities, specialisations] = await Promise.all([
        searchPlacements(db, { ...query, offset }, stockholmDay(now())),
        regionMunicipalities(c),
        specialisationChoices(c),
      ]);
      const t = c.get('t');
      const link = (o: number | null) => {
        if (o === null) return null;
        const params = new URLSearchParams();
        for (const k of ['q', 'kind', 'municipality', 'occupation', 'specialisation'] as const)
          if (query[k]) params.set(k, String(query[k]));
        const cursor = encodeCursor(o);
        if (o > 0 && cursor) params.set('cursor', cursor);
        return `/placements?${params.toString()}`;
      };
      return render(c, 'placements/list', {
        title: t('placement.list.title'),
        nav: 'placements',
        filters: query,
        kindOptions: withAny(
          c,
          PLACEMENT_KINDS.map((k) => ({ value: k, label: t(`placement.kind.${k}`) })),
          query.kind,
        ),
        municipalityOptions: withAny(c, municipalities, query.municipality),
        specialisationOptions: withAny(c, specialisations, query.specialisation),
        items: page.items.map((p) => ({ ...p, kindLabel: t(`placement.kind.${p.kind}`) })),
        pagination: {
          previous: offset > 0 ? link(Math.max(0, offset - query.limit)) : null,
          next: link(page.nextOffset),
        },
      });
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
      const { hasProfile, items } = await recommendPlacements(c, requireUser(c).userId);
      return render(c, 'placements/recommended', {
        title: c.get('t')('recommended.title'),
        nav: 'placements',
        noProfile: !hasProfile,
        items: items.map((r) => describeRecommendation(c, r)),
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
    },
    async (c, { params }) => {
      const form = await parseForm(c, applicationCreateSchema);
      if (!form.ok) return detailPage(c, params.id, { values: form.values, errors: form.errors }, 422);
      await applyForPlacement(c, requireUser(c), params.id, form.data.message);
      return c.redirect(`/placements/${encodeURIComponent(params.id)}?applied=1`, 303);
    },
  );
}
