/**
 * `occupation-typing` (issue 18): people typing job titles into the occupation picker, which asks
 * on every keystroke from the second letter. Each connection walks the beginnings of 60 everyday
 * titles ("sj", "sjö", "sjöi", …, about 600 distinct queries), starting at its own place in the
 * list. A server keeps 1,000 answers (src/taxonomy/occupation-search.ts), so after the first pass
 * these are answered from memory, as they would be with many people typing the same titles.
 * `occupation-typing-cold` gives each connection its own page size as well, so that the answers
 * (about 10,000 distinct) are rarely kept and nearly every request is matched against the index:
 * the worst case.
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

const pathOf = (q: string, limit = 10) =>
  `/api/v1/taxonomy/occupations?${new URLSearchParams({ q, limit: String(limit) })}`;

function prepareWith(cold: boolean) {
  return async (baseUrl: string): Promise<Workload> => {
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
        const n = next++;
        const start = (n * 97) % TYPED.length;
        const order = [...TYPED.slice(start), ...TYPED.slice(0, start)];
        const limit = cold ? 5 + (n % 16) : 10;
        client.setRequests(order.map((q) => ({ method: 'GET', path: pathOf(q, limit) })));
      },
      notes() {
        const distinct = new Set(TYPED).size;
        return [
          `${distinct} distinct queries: the beginnings of ${TITLES.length} job titles, from two letters${cold ? ', each connection with its own page size (5–20)' : ''}`,
        ];
      },
    };
  };
}

export const occupationTyping: FlowScenario[] = [
  {
    name: 'occupation-typing',
    target: 'app',
    path: 'GET /api/v1/taxonomy/occupations?q=<a job title as typed>&limit=10',
    measures:
      'JSON API: occupation search by job title as people type (issue 18), the beginnings of 60 titles (about 600 distinct queries), answered from kept answers after the first pass',
    prepare: prepareWith(false),
  },
  {
    name: 'occupation-typing-cold',
    target: 'app',
    path: 'GET /api/v1/taxonomy/occupations?q=<a job title as typed>&limit=<5–20 by connection>',
    measures:
      'the same, each connection with its own page size, so that answers are rarely kept: the index searched on nearly every request',
    prepare: prepareWith(true),
  },
];
