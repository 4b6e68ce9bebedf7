import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../http/logger.ts';

/**
 * Before the server listens, answers in-process the public pages a visitor asks for first — the
 * start page and the newest published round's demand page and JSON — so that the first real visitor
 * after a restart gets them as fast as the rest (issue 16): templates, code paths and the database
 * pages they read are warm, and the page body is in the page cache. Failures are logged, never
 * fatal: a page that cannot be warmed is rendered on first request as before.
 */
/** The published rounds warmed, newest first: the ones visitors read. */
const ROUNDS = 3;

export async function warmUp(
  fetch: (request: Request) => Response | Promise<Response>,
  db: Kysely<Database>,
  log: Logger,
  origin = 'http://localhost',
): Promise<void> {
  const started = performance.now();
  const newest = await db
    .selectFrom('publications')
    .innerJoin('rounds', 'rounds.id', 'publications.round_id')
    .select('publications.round_id as roundId')
    .where('publications.status', '=', 'published')
    .orderBy('rounds.closes_at', 'desc')
    .limit(ROUNDS)
    .execute();
  const paths = ['/', '/demand'];
  for (const { roundId } of newest) {
    const round = encodeURIComponent(roundId);
    paths.push(`/demand?round=${round}`, `/api/v1/demand?round=${round}&table=specialisation-horizon`);
  }
  const statuses: Record<string, number> = {};
  for (const path of paths) {
    for (const language of ['sv', 'en']) {
      try {
        const response = await fetch(new Request(origin + path, { headers: { 'accept-language': language } }));
        await response.arrayBuffer();
        statuses[`${language} ${path}`] = response.status;
      } catch (error) {
        log.warn('warm-up request failed', { path, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  log.info('warmed up', { ms: Math.round(performance.now() - started), statuses });
}
