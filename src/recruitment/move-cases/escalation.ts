import { auditQuery } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { formatDate } from '../../i18n/dates.ts';
import { type MailContent, sendMail } from '../../mail/index.ts';
import { addDays } from './checklist.ts';
import { stockholmDate } from './queries.ts';

/**
 * Stalled tasks are escalated (Benivo's model, research/recruitment.md §3; decision 0028): the day
 * after its due date an open task is overdue and its owner is mailed; 5 days after, the case's
 * guide; 10 days after, the secretariat's contact (MOVE_CASE_ESCALATION_EMAIL). Each level is
 * claimed with one conditional UPDATE … RETURNING (escalation = level - 1 → level), so a task
 * reaches each level once, however often or wherever the job runs; the claim is audited.
 */
export const ESCALATION_LEVELS = [
  { level: 1, daysLate: 1 },
  { level: 2, daysLate: 5 },
  { level: 3, daysLate: 10 },
] as const;

interface Claimed {
  id: string;
  case_id: string;
  kind: string;
  title: string | null;
  owner: string;
  due_on: string;
}

/** The guide of a case, or every relocation guide while it is unassigned (the queue). */
export async function guides(deps: CoreDeps, guideId: string | null): Promise<string[]> {
  const { db } = deps;
  // An unassigned case's guide is the queue: every relocation guide.
  const rows = guideId
    ? await db.selectFrom('users').select('email').where('id', '=', guideId).where('erased_at', 'is', null).execute()
    : await db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select('u.email')
        .where('r.role', '=', 'relocation-guide')
        .where('u.erased_at', 'is', null)
        .execute();
  return rows.map((r) => r.email);
}

async function recipients(deps: CoreDeps, level: number, task: Claimed): Promise<string[]> {
  const { db } = deps;
  const kase = await db
    .selectFrom('move_cases')
    .select(['guide_user_id', 'opened_by', 'organisation_id'])
    .where('id', '=', task.case_id)
    .executeTakeFirst();
  if (!kase) return [];
  if (level === 3) return deps.config.moveCases.escalationEmails;
  if (level === 2 || task.owner === 'guide') return guides(deps, kase.guide_user_id);
  if (task.owner === 'household') {
    const people = await db
      .selectFrom('move_case_people')
      .select('email')
      .where('case_id', '=', task.case_id)
      .execute();
    return people.map((p) => p.email);
  }
  // The organisation: the member who opened the case, or every member if that person is gone.
  const opener = kase.opened_by
    ? await db
        .selectFrom('users')
        .select('email')
        .where('id', '=', kase.opened_by)
        .where('erased_at', 'is', null)
        .execute()
    : [];
  if (opener.length) return opener.map((r) => r.email);
  if (!kase.organisation_id) return [];
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.organisation_id', '=', kase.organisation_id)
    .where('u.erased_at', 'is', null)
    .execute();
  return members.map((r) => r.email);
}

/** One run: claims and mails every level that is due; returns how many task levels it claimed. */
export async function escalateStalledTasks(deps: CoreDeps, now: Date): Promise<number> {
  const { db, atomic, newId } = deps;
  const today = stockholmDate(now);
  const origin = { ip: null, userAgent: null, requestId: 'job:move-task-escalation' };
  const mailDeps = { ...deps, now: () => now };
  let claimed = 0;
  for (const { level, daysLate } of ESCALATION_LEVELS) {
    const latestDue = addDays(today, -daysLate);
    const rows: Claimed[] = await db
      .updateTable('move_case_tasks')
      .set({ escalation: level })
      .where('escalation', '=', level - 1)
      .where('state', '=', 'open')
      .where('due_on', '<=', latestDue)
      .where('case_id', 'in', db.selectFrom('move_cases').select('id').where('status', '=', 'open'))
      .returning(['id', 'case_id', 'kind', 'title', 'owner', 'due_on'])
      .execute();
    claimed += rows.length;
    for (const task of rows) {
      await atomic([
        auditQuery(
          db,
          {
            action: 'move-task.escalated',
            targetType: 'move-case',
            targetId: task.case_id,
            detail: { taskId: task.id, level },
          },
          origin,
          now,
          newId(),
        ),
      ]);
      const link = `${deps.config.publicUrl}/move-cases/${task.case_id}`;
      const content: MailContent = (t, lang) => {
        const name = task.title ?? t(`moveCase.task.kind.${task.kind}`);
        return {
          subject: t(`moveCase.mail.escalation.subject.${level}`, { task: name }),
          body: t(`moveCase.mail.escalation.text.${level}`, { task: name, due: formatDate(task.due_on, lang), link }),
        };
      };
      for (const to of await recipients(deps, level, task))
        await sendMail(mailDeps, { to, language: 'both', content, links: [link], kind: 'move-case-escalation' });
    }
  }
  return claimed;
}
