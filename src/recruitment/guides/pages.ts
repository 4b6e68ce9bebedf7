import type { Context } from 'hono';
import { Invalid } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import { asAppError } from '../../http/problem.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { render } from '../../web/render.ts';
import { caseGuideBody, caseParams, guideKommunerBody, guideParams } from './schemas.ts';
import { assignGuide, listGuides, setGuideKommuner } from './service.ts';

/** The secretariat's guides page: each guide's kommuner; and the case page's guide change (decision 0036). */

async function guidesPage(
  c: Context<AppEnv>,
  state: { notice?: string | undefined; failed?: { id: string; message: string } } = {},
  status: 200 | 422 = 200,
) {
  const t = c.get('t');
  const { db } = c.get('deps');
  const region = await listMunicipalities(db, { regionOnly: true });
  const guides = await listGuides(scopeOf(c));
  return render(
    c,
    'recruitment/guides',
    {
      title: t('guides.title'),
      notice: state.notice === 'saved' ? t('guides.saved') : undefined,
      errors: state.failed
        ? [{ field: `kommun-${state.failed.id}-${region[0]?.code ?? ''}`, message: state.failed.message }]
        : [],
      guides: guides.map((g) => ({
        id: g.id,
        legend: t('guides.kommuner', { name: g.name ?? g.email }),
        error: state.failed?.id === g.id ? state.failed.message : undefined,
        areaNote:
          g.kommuner.length === 0
            ? t('guides.wholeRegion')
            : region
                .filter((k) => g.kommuner.includes(k.code))
                .map((k) => k.name)
                .join(', '),
        kommuner: region.map((k) => ({ code: k.code, name: k.name, checked: g.kommuner.includes(k.code) })),
      })),
    },
    status,
  );
}

const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

export function registerGuidePages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/recruitment/guides',
      kind: 'page',
      access: secretariat(),
      summary: 'Relocation guides and the kommuner each serves',
    },
    async (c) => guidesPage(c, { notice: c.req.query('notice') }),
  );

  routes.add(
    {
      method: 'post',
      path: '/recruitment/guides/:userId',
      kind: 'page',
      access: secretariat(),
      summary: 'Set the kommuner a relocation guide serves',
      params: guideParams,
      form: {
        schema: guideKommunerBody,
        prepare: (f) => ({ kommuner: asList(f.kommuner) }),
        invalid: (c, { errors }, { params }) =>
          guidesPage(c, { failed: { id: params.userId, message: Object.values(errors.byField)[0] ?? '' } }, 422),
      },
    },
    async (c, { params, form }) => {
      try {
        await setGuideKommuner(scopeOf(c), params.userId, form.kommuner);
      } catch (err) {
        const problem = asAppError(err, c);
        if (problem?.status !== 422) throw err;
        return guidesPage(c, { failed: { id: params.userId, message: problem.detail ?? '' } }, 422);
      }
      return c.redirect('/recruitment/guides?notice=saved', 303);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/move-cases/:id/guide',
      kind: 'page',
      access: secretariat(),
      summary: 'Assign or reassign the case’s relocation guide',
      params: caseParams,
      form: {
        schema: caseGuideBody,
        invalid: () => {
          throw new Invalid('guideUserId', 'guides.validation.guide');
        },
      },
    },
    async (c, { params, form }) => {
      await assignGuide(scopeOf(c), params.id, form.guideUserId);
      return c.redirect(`/move-cases/${encodeURIComponent(params.id)}?notice=guide-changed`, 303);
    },
  );
}
