import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.ts';
import { requireUser } from '../../http/authorize.ts';
import { type Routes, SIGNED_IN } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { type FormErrors, formValues, toFormErrors } from '../../web/forms.ts';
import { render } from '../../web/render.ts';
import { checkboxGroup } from '../views.ts';
import { answerFollowUp, listMyFollowUps } from './service.ts';

const answerForm = z.object({ hired: z.enum(['yes', 'no']), stayedInRegion: z.enum(['yes', 'no']) });

async function followUpsPage(c: Context<AppEnv>, errors?: FormErrors, status: 200 | 422 = 200) {
  const t = c.get('t');
  const items = await listMyFollowUps(c.get('deps').db, requireUser(c));
  const yesNo = [
    { value: 'yes', label: t('followUp.yes') },
    { value: 'no', label: t('followUp.no') },
  ];
  return render(
    c,
    'placements/follow-ups',
    {
      title: t('followUp.title'),
      answered: c.req.method === 'GET' && c.req.query('answered') === '1',
      form: errors,
      // The student is asked about themselves ("du"), the organisation about the student.
      items: items.map((f, index) => ({
        ...f,
        index,
        label: t('followUp.item', { title: f.placementTitle, months: f.months }),
        hiredGroup: {
          ...checkboxGroup(
            'hired',
            t(f.side === 'student' ? 'followUp.hired.student' : 'followUp.hired'),
            yesNo,
            [],
            'radio',
          ),
          options: yesNo.map((o) => ({ ...o, id: `field-hired-${index}-${o.value}`, checked: false })),
        },
        stayedGroup: {
          ...checkboxGroup(
            'stayedInRegion',
            t(f.side === 'student' ? 'followUp.stayed.student' : 'followUp.stayed'),
            yesNo,
            [],
            'radio',
          ),
          options: yesNo.map((o) => ({ ...o, id: `field-stayed-${index}-${o.value}`, checked: false })),
        },
      })),
    },
    status,
  );
}

export function registerFollowUpPages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/follow-ups',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Follow-up questions waiting for my answer',
    },
    async (c) => followUpsPage(c),
  );

  routes.add(
    {
      method: 'post',
      path: '/follow-ups/:id',
      kind: 'page',
      access: SIGNED_IN,
      summary: 'Answer a follow-up (form)',
      params: z.object({ id: z.string().min(1).max(200) }),
      form: {
        schema: answerForm,
        prepare: formValues,
        // The one question that must be answered is whether the student was hired.
        invalid: (c) => followUpsPage(c, toFormErrors([{ path: 'hired', message: c.get('t')('followUp.hired') }]), 422),
      },
    },
    async (c, { params, form }) => {
      await answerFollowUp(scopeOf(c), params.id, {
        hired: form.hired === 'yes',
        stayedInRegion: form.stayedInRegion === 'yes',
      });
      return c.redirect('/follow-ups?answered=1', 303);
    },
  );
}
