import type { Selectable } from 'kysely';
import { auditQuery } from '../../audit/index.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { Database } from '../../db/schema.ts';
import { formatDate } from '../../i18n/dates.ts';
import { type MailContent, sendMail } from '../../mail/index.ts';
import { addDays } from './checklist.ts';
import { caseGuideRecipients } from './guide-recipients.ts';
import { findCaseRow, stockholmDate } from './queries.ts';

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

/** A task claimed for escalation, as the table holds it (db/schema.ts). */
type Claimed = Pick<Selectable<Database['move_case_tasks']>, 'id' | 'case_id' | 'kind' | 'title' | 'owner' | 'due_on'>;

/** Who is mailed, and whether it is the secretariat standing in for a guide no area provides. */
async function recipients(
  deps: CoreDeps,
  level: number,
  task: Claimed,
): Promise<{ to: string[]; toSecretariat: boolean }> {
  const { db } = deps;
  const kase = await findCaseRow(db, task.case_id);
  if (!kase) return { to: [], toSecretariat: false };
  if (level === 3) return { to: deps.config.moveCases.escalationEmails, toSecretariat: false };
  // The case's guide; unassigned, the guides whose area holds it, else the secretariat.
  if (level === 2 || task.owner === 'guide') return caseGuideRecipients(deps, kase);
  if (task.owner === 'household') {
    const people = await db
      .selectFrom('move_case_people')
      .select('email')
      .where('case_id', '=', task.case_id)
      .execute();
    return { to: people.map((p) => p.email), toSecretariat: false };
  }
  // The organisation: the member who opened the case, or every member if that person is gone.
  if (kase.openedBy?.email) return { to: [kase.openedBy.email], toSecretariat: false };
  if (!kase.organisationId) return { to: [], toSecretariat: false };
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.organisation_id', '=', kase.organisationId)
    .where('u.erased_at', 'is', null)
    .execute();
  return { to: members.map((r) => r.email), toSecretariat: false };
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
      const { to: addresses, toSecretariat } = await recipients(deps, level, task);
      // The secretariat standing in for a guide no area provides is told so, and asked to assign one.
      const text = toSecretariat ? 'moveCase.mail.escalation.unserved' : `moveCase.mail.escalation.text.${level}`;
      const content: MailContent = (t, lang) => {
        const name = task.title ?? t(`moveCase.task.kind.${task.kind}`);
        return {
          subject: t(`moveCase.mail.escalation.subject.${level}`, { task: name }),
          body: t(text, { task: name, due: formatDate(task.due_on, lang), link }),
        };
      };
      for (const to of addresses)
        await sendMail(mailDeps, { to, language: 'both', content, links: [link], kind: 'move-case-escalation' });
    }
  }
  return claimed;
}
