import type { ScheduledJob } from '../core/job.ts';
import { stockholmDay } from './dates.ts';
import { createDueFollowUps, mailDueFollowUps } from './follow-ups/service.ts';

/**
 * The placements' scheduled work. The public lists already leave out placements past their
 * deadline at query time; closing them here keeps the stored status honest for the
 * organisation's own lists. Each job is single conditional statements: twice is once.
 */
export const closePastDeadline: ScheduledJob = {
  name: 'placements-close-past-deadline',
  async run(deps, now) {
    const at = now.toISOString();
    const result = await deps.db
      .updateTable('placements')
      .set((eb) => ({ status: 'closed', closed_at: at, version: eb('version', '+', 1), updated_at: at }))
      .where('status', '=', 'open')
      .where('apply_by', '<', stockholmDay(now))
      .executeTakeFirst();
    return { changed: Number(result.numUpdatedRows) };
  },
};

export const followUps: ScheduledJob = {
  name: 'placements-follow-ups',
  async run(deps, now) {
    const created = await createDueFollowUps(deps.db, now);
    const mailed = await mailDueFollowUps(deps, now);
    return { changed: created + mailed };
  },
};

export const placementJobs: ScheduledJob[] = [closePastDeadline, followUps];
