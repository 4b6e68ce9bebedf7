import { cachePurgeJob } from '../cache/purge.ts';
import { demandFigures, demandPages } from './cache.ts';

/**
 * Drops kept figures and page bodies nobody will read again: those a submission or an import has
 * made stale, and page bodies older than a week (their keys name a round's name and the offerings,
 * which change without a version). A closed round's figures stay: they are the expensive part and
 * do not change. (Public demand figures are cells of a round's publication, computed once when it
 * closes (src/publication/jobs.ts); nothing public is precomputed here.)
 */
export const demandJobs = [cachePurgeJob('purge-demand-cache', [demandFigures, demandPages])];
