/**
 * The `mixed` scenario (issue 9): the load of a working day at once, on one server. Of the
 * connections, about 5 % are the secretariat exporting the demo's closed round as CSV, 30 % are
 * respondents saving drafts of their own organisation's response (10 need lines, no submit), and
 * the rest are anonymous visitors browsing: the demand page and its JSON, placements (JSON list,
 * and the /placements page when it exists), and the start page. It reports each kind's rate and
 * non-2xx count, and the server's resident memory (RSS, from /proc) before and after the load.
 */
import { readFileSync } from 'node:fs';
import type { Client, Request } from 'autocannon';
import type { Workload } from './scenarios.ts';
import { call, openRound, registerOrganisations, saveBody, signInAsSecretariat } from './survey-flow.ts';

const CLOSED_ROUND = 'demo-round-closed';

/** Resident memory of a process in MiB (Linux), or null. */
function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Kind {
  count: number;
  non2xx: number;
  totalMs: number;
  maxMs: number;
}

export async function prepareMixed(baseUrl: string, connections: number, serverPid?: number): Promise<Workload> {
  const exporters = Math.max(1, Math.round(connections * 0.05));
  const respondents = Math.max(1, Math.round(connections * 0.3));
  const api = { baseUrl, cookie: await signInAsSecretariat(baseUrl) };
  const organisations = await registerOrganisations(api, respondents);
  const roundId = await openRound(api);
  const responsePath = (organisationId: string) => `/api/v1/rounds/${roundId}/responses/${organisationId}`;

  const browse: { label: string; path: string }[] = [
    { label: 'demand page', path: `/demand?round=${CLOSED_ROUND}&table=specialisation-horizon` },
    { label: 'demand JSON', path: `/api/v1/demand?round=${CLOSED_ROUND}&table=municipality-horizon` },
    { label: 'placements JSON', path: '/api/v1/placements' },
    { label: 'start page', path: '/' },
  ];
  const placementsPage = await fetch(`${baseUrl}/placements`);
  await placementsPage.arrayBuffer();
  if (placementsPage.status === 200) browse.push({ label: 'placements page', path: '/placements' });
  for (const page of browse) {
    const response = await fetch(baseUrl + page.path);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`mixed: GET ${page.path} answered ${response.status}`);
  }
  const exportPath = `/api/v1/rounds/${CLOSED_ROUND}/responses.csv`;
  const exported = await fetch(baseUrl + exportPath, { headers: { cookie: api.cookie } });
  const csv = await exported.text();
  if (exported.status !== 200 || csv.split('\n').length < 10) {
    throw new Error(`mixed: the export answered ${exported.status} with ${csv.split('\n').length} lines`);
  }
  const versions = new Map<string, number>();
  for (const organisationId of organisations) {
    versions.set(
      organisationId,
      (
        (await call(api, 'PUT', responsePath(organisationId), JSON.parse(saveBody(0)))) as {
          version: number;
        }
      ).version,
    );
  }

  let kinds = new Map<string, Kind>();
  const tally = (label: string, status: number, sentAt: number) => {
    const kind = kinds.get(label) ?? { count: 0, non2xx: 0, totalMs: 0, maxMs: 0 };
    const ms = performance.now() - sentAt;
    kind.count++;
    kind.totalMs += ms;
    kind.maxMs = Math.max(kind.maxMs, ms);
    if (status < 200 || status > 299) kind.non2xx++;
    kinds.set(label, kind);
  };
  let nextConnection = 0;
  // Each role spread evenly over the connection order: the j-th of c sits at (j + ½) / c.
  const spread = (kind: 'exporter' | 'respondent' | 'visitor', count: number) =>
    Array.from({ length: count }, (_, index) => ({ kind, index, at: (index + 0.5) / count }));
  const roles = [
    ...spread('exporter', exporters),
    ...spread('respondent', respondents),
    ...spread('visitor', connections - exporters - respondents),
  ].sort((x, y) => x.at - y.at);

  const rssAtStart = rssMiB(serverPid);
  let rssBefore: number | null = null;

  function visitor(offset: number): Request[] {
    let sentAt = 0;
    return browse.map((_, i) => {
      const page = browse[(i + offset) % browse.length] ?? browse[0];
      return {
        method: 'GET',
        path: page?.path ?? '/',
        headers: { 'accept-language': 'sv' },
        setupRequest: (request) => {
          sentAt = performance.now();
          return request;
        },
        onResponse: (status: number) => tally(page?.label ?? '?', status, sentAt),
      };
    });
  }

  function respondent(organisationId: string): Request[] {
    let sentAt = 0;
    return [
      {
        method: 'PUT',
        path: responsePath(organisationId),
        headers: { cookie: api.cookie, 'content-type': 'application/json' },
        setupRequest: (request) => {
          sentAt = performance.now();
          return { ...request, body: saveBody(versions.get(organisationId) ?? 0) };
        },
        onResponse: (status: number, body: string) => {
          tally('draft save', status, sentAt);
          try {
            const parsed = JSON.parse(body) as { version?: number; current?: { version: number } };
            const version = parsed.version ?? parsed.current?.version;
            if (typeof version === 'number') versions.set(organisationId, version);
          } catch {
            // not JSON: counted as non-2xx above
          }
        },
      },
    ];
  }

  const exporter = (): Request[] => {
    let sentAt = 0;
    return [
      {
        method: 'GET',
        path: exportPath,
        headers: { cookie: api.cookie },
        setupRequest: (request) => {
          sentAt = performance.now();
          return request;
        },
        onResponse: (status: number) => tally('secretariat export', status, sentAt),
      },
    ];
  };

  return {
    async beforeRun() {
      for (const organisationId of organisations) {
        const view = (await call(api, 'GET', responsePath(organisationId))) as { version: number };
        versions.set(organisationId, view.version);
      }
      nextConnection = 0;
      kinds = new Map();
      rssBefore = rssMiB(serverPid);
    },
    setupClient(client: Client) {
      // Roles interleaved in the order autocannon connects, so that no group connects last into an
      // already saturated server (the first request of a connection waits for its connection).
      const role = roles[nextConnection % roles.length];
      const n = nextConnection++;
      if (role?.kind === 'exporter') client.setRequests(exporter());
      else if (role?.kind === 'respondent') {
        const organisationId = organisations[role.index % organisations.length];
        if (organisationId) client.setRequests(respondent(organisationId));
      } else client.setRequests(visitor(n));
    },
    notes(seconds: number) {
      const after = rssMiB(serverPid);
      const mib = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);
      return [
        `${exporters} exporting, ${respondents} saving drafts, ${connections - exporters - respondents} browsing`,
        ...[...kinds.entries()].map(
          ([label, k]) =>
            `${label}: ${(k.count / seconds).toFixed(1)}/s, mean ${(k.count ? k.totalMs / k.count : 0).toFixed(0)} ms, max ${k.maxMs.toFixed(0)} ms, ${k.non2xx} non-2xx`,
        ),
        `server RSS: ${mib(rssAtStart)} after start-up, ${mib(rssBefore)} before the measured run, ${mib(after)} after it`,
      ];
    },
  };
}
