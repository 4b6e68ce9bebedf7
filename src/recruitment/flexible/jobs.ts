import type { ScheduledJob } from '../../core/job.ts';
import { proposeSharedPosts } from './service.ts';

/** Every run: a new submission may make a proposal, or name one more organisation in one (decision 0035). */
export const sharedPostJob: ScheduledJob = {
  name: 'shared-post-proposals',
  async run(deps, now) {
    const { named } = await proposeSharedPosts(deps, now);
    return { changed: named };
  },
};
