import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { requireUser } from '../http/authorize.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { render } from '../web/render.ts';
import { listMemberRounds } from './member-rounds.ts';
import { formPath, responseStatus } from './pages-form-render.ts';

/** The rounds a person's organisations are asked in, with where each response stands. */
export async function showSurveyList(c: Context<AppEnv>): Promise<Response> {
  const me = requireUser(c);
  const { db, now } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const rounds = await listMemberRounds(
    db,
    me.memberships.map((m) => m.organisationId),
    now(),
  );
  const items = rounds.map((r) => ({
    roundName: r.roundName,
    period: r.period,
    organisationName: r.organisationName,
    closesAt: formatDateTime(r.closesAt, lang),
    acceptsAnswers: r.acceptsAnswers,
    status: responseStatus(c, r.state, {
      who: r.updatedByErased ? t('survey.erasedUser') : r.updatedBy,
      when: r.updatedAt,
      revision: r.revision,
    }),
    href: formPath(r.roundId, r.organisationId),
    summaryHref: r.revision > 0 ? `${formPath(r.roundId, r.organisationId)}/summary` : undefined,
    actionLabel: t(
      r.acceptsAnswers
        ? r.state === 'not-started'
          ? 'survey.list.start'
          : 'survey.list.continue'
        : 'survey.list.view',
      { round: r.roundName, organisation: r.organisationName },
    ),
  }));
  return render(c, 'surveys/list', {
    title: t('survey.list.title'),
    nav: 'surveys',
    open: items.filter((i) => i.acceptsAnswers),
    closed: items.filter((i) => !i.acceptsAnswers),
    hasMemberships: me.memberships.length > 0,
  });
}
