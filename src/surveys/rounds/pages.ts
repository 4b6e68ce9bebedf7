import type { Context } from 'hono';
import { z } from 'zod';
import { ImportRefused } from '../../core/errors.ts';
import type { AppEnv } from '../../deps.ts';
import { uploadedFile, uploadForm } from '../../http/form.ts';
import { type Routes, secretariat } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import type { FormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { formatRoundTime } from '../round-time.ts';
import { closeRound, createRound, listRounds, type Round, requireRound } from '../rounds.ts';
import { importResponses } from '../transfer/import.ts';
import type { ImportProblem } from '../transfer/import-read.ts';
import { defaultRoundForm, describeTarget, type RoundForm, roundFormData, roundFormSchema } from './form.ts';
import { openRoundAndInvite, sendInvitations, sendReminders } from './invitations.ts';
import { countPendingInvitations, listResponders } from './responders.ts';
import { countResponsesByRound, findResponseRates, listNonResponders } from './response-rates.ts';
import { mailNotice, noticesOf, percentOf, rateTables } from './views.ts';

const ADMIN = secretariat();
const ROUNDS = '/admin/rounds';
const params = z.object({ id: z.string().min(1).max(100) });
const LIST_LIMIT = 200;
const path = (id: string) => `/admin/rounds/${encodeURIComponent(id)}`;

async function roundPage(
  c: Context<AppEnv>,
  round: Round,
  imported: { problems?: ImportProblem[]; fileError?: string } = {},
) {
  const { db } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const [rates, nonResponders, responders, pendingInvitations, target] = await Promise.all([
    findResponseRates(db, round.id),
    listNonResponders(db, round.id, { limit: LIST_LIMIT, offset: 0 }),
    listResponders(db, round.id, LIST_LIMIT),
    countPendingInvitations(db, round.id),
    describeTarget(db, lang, round.target),
  ]);
  const time = (iso: string | null) => formatRoundTime(iso, lang);
  const failed = Boolean(imported.problems?.length || imported.fileError);
  return render(
    c,
    'surveys/admin-round',
    {
      title: round.name,
      nav: 'admin',
      round: {
        ...round,
        statusLabel: t(`round.statusLabel.${round.status}`),
        opens: time(round.opensAt),
        closes: time(round.closesAt),
        openedAt: time(round.openedAt),
        closedAt: time(round.closedAt),
        isDraft: round.status === 'draft',
        isOpen: round.status === 'open',
      },
      target,
      notices: failed ? [] : noticesOf(c.req.query(), lang),
      pendingInvitations,
      overall: { ...rates.overall, percent: percentOf(rates.overall.submitted, rates.overall.targeted, lang) },
      rateTables: rates.overall.targeted > 0 ? rateTables(t, lang, rates) : [],
      nonResponders: nonResponders.items.map((o) => ({
        ...o,
        statusLabel: t(`roundAdmin.responseStatus.${o.status}`, { when: time(o.lastSavedAt) }),
        invited: time(o.invitedAt),
        reminded: o.remindedAt ? `${time(o.remindedAt)} (${t('roundAdmin.reminders', { count: o.reminders })})` : '',
      })),
      nonRespondersMore: nonResponders.nextOffset !== null ? LIST_LIMIT : null,
      responders: responders.items.map((r) => ({ ...r, submitted: time(r.submittedAt) })),
      exportHref: `/api/v1/rounds/${encodeURIComponent(round.id)}/responses.csv`,
      problems: imported.problems,
      form: imported.fileError
        ? { errors: [{ field: 'file', message: imported.fileError }], byField: { file: imported.fileError } }
        : undefined,
    },
    failed ? 422 : 200,
  );
}

function newRoundPage(c: Context<AppEnv>, form: RoundForm, errors?: FormErrors) {
  return roundFormData(c.get('deps').db, c.get('lang'), form, errors).then((data) =>
    render(
      c,
      'surveys/admin-round-new',
      { title: c.get('t')('roundAdmin.new'), nav: 'admin', ...data },
      errors ? 422 : 200,
    ),
  );
}

/** The secretariat's pages for survey rounds: the list, a new round, and one round (`registerRoundAdminDetail`). */
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
            statusLabel: t(`round.statusLabel.${round.status}`),
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
    {
      method: 'post',
      path: `${ROUNDS}/new`,
      kind: 'page',
      access: ADMIN,
      summary: 'Create a survey round (draft)',
      form: {
        schema: (c) => roundFormSchema(c.get('lang')),
        invalid: (c, { fields, errors }) => newRoundPage(c, fields, errors),
      },
    },
    async (c, { form }) => {
      const round = await createRound(scopeOf(c), form);
      return c.redirect(`${ROUNDS}/${encodeURIComponent(round.id)}?notice=created`, 303);
    },
  );

  registerRoundAdminDetail(routes);
}

const isProblem = (error: { path: string }): error is ImportProblem => 'row' in error && 'field' in error;

/** One round: its details, actions, response rates, who has and has not answered, export and import. */
function registerRoundAdminDetail(routes: Routes): void {
  routes.add(
    { method: 'get', path: '/admin/rounds/:id', kind: 'page', access: ADMIN, summary: 'A survey round', params },
    async (c, { params }) => roundPage(c, await requireRound(c.get('deps').db, params.id)),
  );

  const action = (name: string, summary: string, run: (c: Context<AppEnv>, id: string) => Promise<string>) =>
    routes.add(
      { method: 'post', path: `/admin/rounds/:id/${name}`, kind: 'page', access: ADMIN, summary, params },
      async (c, { params }) => c.redirect(`${path(params.id)}?${await run(c, params.id)}`, 303),
    );
  action('open', 'Open the round and invite its targets', async (c, id) =>
    mailNotice('opened', (await openRoundAndInvite(scopeOf(c), id)).invitations),
  );
  action('close', 'Close the round', async (c, id) => {
    await closeRound(scopeOf(c), id);
    return 'notice=closed';
  });
  action('invitations', 'Invite the targets not yet invited', async (c, id) =>
    mailNotice('invited', await sendInvitations(scopeOf(c), await requireRound(c.get('deps').db, id))),
  );
  action('reminders', 'Remind the targets that have not answered', async (c, id) =>
    mailNotice('reminded', await sendReminders(scopeOf(c), id)),
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/rounds/:id/import',
      kind: 'page',
      access: ADMIN,
      summary: 'Import responses from an uploaded CSV file',
      params,
      form: {
        prepare: uploadedFile,
        schema: uploadForm,
        invalid: async (c, { errors }, { params }) =>
          roundPage(c, await requireRound(c.get('deps').db, params.id), { fileError: errors.byField.file }),
      },
    },
    async (c, { params, form }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      try {
        const result = await importResponses(scopeOf(c), round, await form.file.text());
        const query = new URLSearchParams({
          notice: 'imported',
          count: String(result.imported),
          unchanged: String(result.unchanged),
        });
        return c.redirect(`${path(round.id)}?${query}`, 303);
      } catch (err) {
        if (err instanceof ImportRefused) {
          return roundPage(c, round, { problems: err.problems.filter(isProblem) });
        }
        throw err;
      }
    },
  );
}
