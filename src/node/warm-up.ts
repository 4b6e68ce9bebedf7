import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../db/schema.ts';
import { DEMAND_TABLES } from '../demand/tables.ts';

/**
 * Before the server listens, answers the public pages a visitor asks for first — the start page,
 * every table's demand page of the three newest published rounds, and their demand JSON, twice
 * — so that the first real visitor after a restart gets them as fast as the
 * rest (issue 16). The requests go through the same HTTP stack the server listens with (a second
 * server on a loopback port, closed afterwards): node:http, the adapter, the middleware, the
 * templates and the database pages are warm, and each page body is kept (src/demand/cache.ts) for the
 * next start too. Failures are logged, never fatal: a page that cannot be warmed is rendered on
 * first request as before.
 */
/** The published rounds warmed, newest first: the ones visitors read. */
const ROUNDS = 3;

type Fetch = (request: Request) => Response | Promise<Response>;

export async function warmUp(
  fetch: Fetch,
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
  // An occupation search builds the job-title index (about 50–100 ms, decision 0026) before anyone types.
  const paths = ['/', '/demand', '/api/v1/taxonomy/occupations?q=yrke'];
  for (const { roundId } of newest) {
    const round = encodeURIComponent(roundId);
    paths.push(`/demand?round=${round}`, `/api/v1/demand?round=${round}&table=specialisation-horizon`);
    for (const table of DEMAND_TABLES) paths.push(`/demand?round=${round}&table=${table.id}`);
  }
  const statuses: Record<string, number> = {};
  // The first pass makes (or reads back) each page; the second takes the path of every later
  // visitor, a page kept whole (src/cache/snapshots.ts), so that it too has run before.
  for (const pass of [1, 2]) {
    for (const path of paths) {
      for (const language of ['sv', 'en']) {
        try {
          const response = await fetch(new Request(origin + path, { headers: { 'accept-language': language } }));
          await response.arrayBuffer();
          if (pass === 1) statuses[`${language} ${path}`] = response.status;
        } catch (error) {
          log.warn('warm-up request failed', { path, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }
  log.info('warmed up', { ms: Math.round(performance.now() - started), statuses });
}

/**
 * warmUp through the real HTTP server before it takes visitors: `server` (the one that will then
 * listen on the public port) listens on a loopback port, each request goes over a socket with the
 * public origin's Host header, and the server is closed again, ready to listen where visitors
 * reach it. The same server object, so its request listener is the one the warm-up ran.
 */
export async function warmUpOverHttp(server: Server, db: Kysely<Database>, log: Logger, origin: string): Promise<void> {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  const host = new URL(origin).host;
  const overHttp: Fetch = (request) =>
    new Promise((resolve, reject) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = { host };
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const outgoing = httpRequest(
        { host: '127.0.0.1', port, path: url.pathname + url.search, method: request.method, headers, agent: false },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0 })));
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
  try {
    await warmUp(overHttp, db, log, origin);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
  }
}
