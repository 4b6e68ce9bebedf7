import type { Context } from 'hono';
import { z } from 'zod';
import { InvalidFields } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import { asAppError } from '../http/problem.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { formatRoundTime, isoToStockholm, type Round, requireRound, stockholmToIso } from '../surveys/index.ts';
import { type FormErrors, formValues, readForm, toFormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { readSchedule, requireNotClosed, setReminderSchedule } from './service.ts';

/**
 * The secretariat's page for a round's reminder schedule: the reminders sent, and up to ROWS
 * upcoming ones as a date and a time in Swedish time (an empty row is no reminder). Posts, then
 * redirects (303); a time that is not real or outside the round re-renders with 422.
 */
const ROWS = 5;
const params = z.object({ id: z.string().min(1).max(100) });

async function schedulePage(
  c: Context<AppEnv>,
  round: Round,
  form: Record<string, string> | null,
  errors?: FormErrors,
) {
  const t = c.get('t');
  const lang = c.get('lang');
  const schedule = await readSchedule(c.get('deps').db, round.id);
  const upcoming = schedule.items.filter((item) => item.claimedAt === null);
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const existing = upcoming[i] ? isoToStockholm(upcoming[i].remindAt) : { date: '', time: '' };
    return {
      legend: t('reminderSchedule.row', { n: i + 1 }),
      dateName: `date${i}`,
      timeName: `time${i}`,
      date: form ? (form[`date${i}`] ?? '') : existing.date,
      time: form ? (form[`time${i}`] ?? '') : existing.time,
      error: errors?.byField[`date${i}`],
    };
  });
  const notice = c.req.query('notice') === 'saved' ? t('reminderSchedule.saved') : undefined;
  return render(
    c,
    'operations/reminder-schedule',
    {
      title: t('reminderSchedule.title'),
      nav: 'admin',
      round: {
        id: round.id,
        name: round.name,
        opens: formatRoundTime(round.opensAt, lang),
        closes: formatRoundTime(round.closesAt, lang),
      },
      sent: schedule.items
        .filter((item) => item.claimedAt !== null)
        .map((item) => ({ at: formatRoundTime(item.remindAt, lang), count: item.sent ?? 0 })),
      editable: round.status !== 'closed',
      rows,
      form: errors,
      notice,
    },
    errors ? 422 : 200,
  );
}

export function registerReminderSchedulePages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/admin/rounds/:id/reminder-schedule',
      kind: 'page',
      access: secretariat(),
      summary: "Form: a round's reminder times",
      params,
    },
    async (c, { params }) => schedulePage(c, await requireRound(c.get('deps').db, params.id), null),
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/rounds/:id/reminder-schedule',
      kind: 'page',
      access: secretariat(),
      summary: "Set a round's reminder times still to come",
      params,
    },
    async (c, { params }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      requireNotClosed(round);
      const values = formValues(await readForm(c));
      const times: string[] = [];
      const rowOf: number[] = [];
      const errors: { path: string; message: string }[] = [];
      for (let i = 0; i < ROWS; i++) {
        const date = (values[`date${i}`] ?? '').trim();
        const time = (values[`time${i}`] ?? '').trim();
        if (!date && !time) continue;
        const iso = stockholmToIso(date, time || '08:00');
        if (!iso) errors.push({ path: `date${i}`, message: c.get('t')('reminderSchedule.invalid') });
        else {
          times.push(iso);
          rowOf.push(i);
        }
      }
      if (errors.length === 0) {
        try {
          await setReminderSchedule(scopeOf(c), round, times);
        } catch (err) {
          if (!(err instanceof InvalidFields)) throw err;
          // The times outside the round, shown at the rows they came from.
          for (const error of asAppError(err, c)?.errors ?? []) {
            const index = Number(error.path.split('.')[1]);
            errors.push({ path: `date${rowOf[index] ?? 0}`, message: error.message });
          }
        }
      }
      if (errors.length > 0) return schedulePage(c, round, values, toFormErrors(errors));
      return c.redirect(`/admin/rounds/${encodeURIComponent(round.id)}/reminder-schedule?notice=saved`, 303);
    },
  );
}
