import { expressionBuilder } from 'kysely';
import { recordAuditIn } from '../../audit/index.ts';
import type { ScheduledJob } from '../../core/job.ts';
import { systemScope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { escalateStalledTasks } from './escalation.ts';
import { eraseCasesQueries } from './privacy.ts';

/** Stalled tasks: overdue → owner, +5 days → guide, +10 days → the secretariat's contact (escalation.ts). */
export const escalateTasks: ScheduledJob = {
  name: 'move-task-escalation',
  async run(deps, now) {
    return { changed: await escalateStalledTasks(deps, now) };
  },
};

function monthsBefore(now: Date, months: number): string {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

const eb = expressionBuilder<Database, 'move_cases'>();

/**
 * A closed case's personal details are erased MOVE_CASE_RETENTION_MONTHS after it closed; the
 * outcome stays. One batch of conditional statements: an erased case is never selected again.
 */
export const eraseClosedCases: ScheduledJob = {
  name: 'move-case-retention',
  async run(deps, now) {
    const cutoff = monthsBefore(now, deps.config.moveCases.retentionMonths);
    // A household's details stay while a follow-up is still to be sent or answered (decision 0029).
    const followUpPending = eb.exists(
      eb
        .selectFrom('move_case_follow_ups as f')
        .select('f.id')
        .whereRef('f.case_id', '=', 'move_cases.id')
        .where('f.state', 'in', ['due', 'sent']),
    );
    const which = eb.and([eb('status', '=', 'closed'), eb('closed_at', '<', cutoff), eb.not(followUpPending)]);
    const [erased] = await deps.atomic(eraseCasesQueries(deps.db, which, now.toISOString()));
    const changed = Number(erased?.numAffectedRows ?? 0);
    if (changed > 0) {
      await recordAuditIn(systemScope(deps, now, 'move-case-retention'), {
        action: 'move-case.erased',
        targetType: 'move-case',
        detail: { cases: changed, closedBefore: cutoff },
      });
    }
    return { changed };
  },
};

export const recruitmentJobs: ScheduledJob[] = [escalateTasks, eraseClosedCases];
