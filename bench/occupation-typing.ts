/**
 * `occupation-typing` (issue 18): people typing job titles into the occupation picker, which asks
 * on every keystroke from the second letter. Each connection walks the beginnings of 60 everyday
 * titles ("sj", "sjö", "sjöi", …, about 600 distinct queries), starting at its own place in the list.
 * That is more distinct queries than a server keeps answers for (500, src/taxonomy/
 * occupation-search.ts), and in an order that defeats keeping them, so almost every request is
 * matched against the whole index: the worst case, where `occupation-search` is the best.
 */
import type { Client } from 'autocannon';
import type { FlowScenario, Workload } from './scenarios.ts';

const TITLES = [
  'programmerare',
  'mjukvaruutvecklare',
  'systemutvecklare',
  'sjöingenjör',
  'styrman',
  'sjuksköterska',
  'undersköterska',
  'läkare',
  'tandläkare',
  'psykolog',
  'fysioterapeut',
  'apotekare',
  'barnskötare',
  'förskollärare',
  'grundskollärare',
  'gymnasielärare',
  'elevassistent',
  'personlig assistent',
  'socialsekreterare',
  'polis',
  'brandman',
  'svetsare',
  'elektriker',
  'snickare',
  'murare',
  'målare',
  'rörmokare',
  'bilmekaniker',
  'lastbilschaufför',
  'bussförare',
  'taxichaufför',
  'truckförare',
  'lagerarbetare',
  'kock',
  'servitör',
  'frisör',
  'städare',
  'kassörska',
  'receptionist',
  'kundtjänstmedarbetare',
  'ekonomiassistent',
  'redovisningskonsult',
  'revisor',
  'controller',
  'hr-specialist',
  'advokat',
  'arkitekt',
  'journalist',
  'fastighetsmäklare',
  'fastighetsskötare',
  'systemadministratör',
  'civilingenjör maskinteknik',
  'lokförare',
  'pilot',
  'präst',
  'bagare',
  'cnc-operatör',
  'projektledare',
  'säljare',
  'ingenjör',
];

/** Every beginning of every title from two letters, as the picker asks for them. */
export const TYPED = TITLES.flatMap((title) =>
  Array.from({ length: title.length - 1 }, (_, i) => title.slice(0, i + 2)),
);

const pathOf = (q: string) => `/api/v1/taxonomy/occupations?${new URLSearchParams({ q, limit: '10' })}`;

async function prepare(baseUrl: string): Promise<Workload> {
  const trial = await fetch(`${baseUrl}${pathOf('mjukvaruutvecklare')}`);
  const body = (await trial.json()) as { items?: { matchedTitle?: string | null }[] };
  if (trial.status !== 200 || body.items?.[0]?.matchedTitle !== 'Mjukvaruutvecklare')
    throw new Error(`occupation-typing: the search answered ${trial.status} without the matched title`);
  let next = 0;
  return {
    async beforeRun() {
      next = 0;
    },
    setupClient(client: Client) {
      // Each connection starts elsewhere in the list, as different people type different titles.
      const start = (next++ * 97) % TYPED.length;
      const order = [...TYPED.slice(start), ...TYPED.slice(0, start)];
      client.setRequests(order.map((q) => ({ method: 'GET', path: pathOf(q) })));
    },
    notes() {
      return [`${TYPED.length} distinct queries: the beginnings of ${TITLES.length} job titles, from two letters`];
    },
  };
}

export const occupationTyping: FlowScenario = {
  name: 'occupation-typing',
  target: 'app',
  path: 'GET /api/v1/taxonomy/occupations?q=<a job title as typed>&limit=10',
  measures:
    'JSON API: occupation search by job title as people type (issue 18), the beginnings of 60 titles, about 600 distinct queries, mostly not kept: the whole index searched',
  prepare,
};
