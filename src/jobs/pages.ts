import type { Context } from 'hono';
import { z } from 'zod';
import { InvalidFields } from '../core/errors.ts';
import type { AppEnv } from '../deps.ts';
import type { FormFields } from '../http/form.ts';
import { asAppError } from '../http/problem.ts';
import { type Routes, secretariat } from '../http/routes.ts';
import { scopeOf } from '../http/scope.ts';
import { formatRoundTime, isoToStockholm, type Round, requireRound, stockholmToIso } from '../surveys/index.ts';
import { type FormErrors, formValues, toFormErrors } from '../web/forms.ts';
import { render } from '../web/render.ts';
import { readSchedule, requireNotClosed, setReminderSchedule } from './service.ts';

/**
 * The secretariat's page for a round's reminder schedule: the reminders sent, and up to ROWS
 * upcoming ones as a date and a time in Swedish time (an empty row is no reminder). Posts, then
 * redirects (303); a time that is not real or outside the round re-renders with 422.
 */
const ROWS = 5;
const params = z.object({ id: z.string().min(1).max(100) });

/** The form's rows, each a date and a time as typed (trimmed). */
const scheduleRows = (fields: FormFields) => {
  const values = formValues(fields);
  return Array.from({ length: ROWS }, (_, i) => ({
    date: (values[`date${i}`] ?? '').trim(),
    time: (values[`time${i}`] ?? '').trim(),
  }));
};

/** A row: an instant (08:00 when only a date is given), or null when the row is empty. */
const scheduleRow = z.object({ date: z.string(), time: z.string() }).transform((row, ctx) => {
  if (!row.date && !row.time) return null;
  const iso = stockholmToIso(row.date, row.time || '08:00');
  if (!iso) ctx.addIssue({ code: 'custom', message: 'reminderSchedule.invalid' });
  return iso;
});
const scheduleForm = z.array(scheduleRow);

/** Errors of rows, each shown at its row's date field. */
const atRows = (errors: { row: number; message: string }[]) =>
  toFormErrors(errors.map((e) => ({ path: `date${e.row}`, message: e.message })));

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
      form: {
        schema: scheduleForm,
        prepare: scheduleRows,
        invalid: async (c, { values, errors }, { params }) => {
          const round = await requireRound(c.get('deps').db, params.id);
          requireNotClosed(round);
          // The schema's issues are at the rows' indexes (paths `0` … `4`).
          const rows = errors.errors.map((e) => ({ row: Number(e.field), message: e.message }));
          return schedulePage(c, round, values, atRows(rows));
        },
      },
    },
    async (c, { params, form, values }) => {
      const round = await requireRound(c.get('deps').db, params.id);
      requireNotClosed(round);
      const rowOf = form.flatMap((iso, i) => (iso === null ? [] : [i]));
      const times = form.filter((iso) => iso !== null);
      try {
        await setReminderSchedule(scopeOf(c), round, times);
      } catch (err) {
        if (!(err instanceof InvalidFields)) throw err;
        // The times outside the round, shown at the rows they came from.
        const rows = (asAppError(err, c)?.errors ?? []).map((e) => ({
          row: rowOf[Number(e.path.split('.')[1])] ?? 0,
          message: e.message,
        }));
        return schedulePage(c, round, values, atRows(rows));
      }
      return c.redirect(`/admin/rounds/${encodeURIComponent(round.id)}/reminder-schedule?notice=saved`, 303);
    },
  );
}
