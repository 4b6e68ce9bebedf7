import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { type FormErrors, readForm } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { countResponsesByRound } from './response-rates.ts';
import { registerRoundAdminDetail } from './round-admin-detail.ts';
import { defaultRoundForm, parseRoundForm, type RoundForm, roundFormData } from './round-admin-form.ts';
import { percentOf } from './round-admin-view.ts';
import { formatRoundTime } from './round-time.ts';
import { createRound, listRounds } from './rounds.ts';

const ADMIN = secretariat();
export const ROUNDS = '/admin/rounds';

function newRoundPage(c: Context<AppEnv>, form: RoundForm, errors?: FormErrors) {
  return roundFormData(c, form, errors).then((data) =>
    render(
      c,
      'surveys/admin-round-new',
      { title: c.get('t')('roundAdmin.new'), nav: 'admin', ...data },
      errors ? 422 : 200,
    ),
  );
}

/** The secretariat's pages for survey rounds: the list, a new round, and one round (round-admin-detail.ts). */
export function registerRoundAdminPages(routes: Routes): void {
  routes.add(
    { method: 'get', path: ROUNDS, kind: 'page', access: ADMIN, summary: 'Survey rounds: status and response rate' },
    async (c) => {
      const { db } = c.get('deps');
      const t = c.get('t');
      const lang = c.get('lang');
      const [rounds, counts] = await Promise.all([listRounds(db, { includeDrafts: true }), countResponsesByRound(db)]);
      return render(c, 'surveys/admin-rounds', {
        title: t('admin.rounds'),
        nav: 'admin',
        rounds: rounds.map((round) => {
          const count = counts.get(round.id);
          return {
            ...round,
            statusLabel: t(`round.status.${round.status}`),
            opens: formatRoundTime(round.opensAt, lang),
            closes: formatRoundTime(round.closesAt, lang),
            rate: count
              ? t('roundAdmin.rate', { ...count, percent: percentOf(count.submitted, count.targeted, lang) })
              : t('roundAdmin.rate.none'),
          };
        }),
      });
    },
  );

  routes.add(
    { method: 'get', path: `${ROUNDS}/new`, kind: 'page', access: ADMIN, summary: 'Form: a new survey round' },
    (c) => newRoundPage(c, defaultRoundForm(c.get('deps').now())),
  );

  routes.add(
    { method: 'post', path: `${ROUNDS}/new`, kind: 'page', access: ADMIN, summary: 'Create a survey round (draft)' },
    async (c) => {
      const form = await readForm(c);
      const parsed = parseRoundForm(c, form);
      if (!parsed.ok) return newRoundPage(c, form, parsed.errors);
      const round = await createRound(scopeOf(c), parsed.data);
      return c.redirect(`${ROUNDS}/${encodeURIComponent(round.id)}?notice=created`, 303);
    },
  );

  registerRoundAdminDetail(routes);
}
