/**
 * The placements scenarios (issue 7), over a database from bench/generate-placements.ts
 * (BENCH_DATABASE). `placements-recommended` signs in one generated student per connection
 * through the development outbox and asks for their ranked list again and again.
 */
import type { Client } from 'autocannon';
import { z } from 'zod';
import type { GetScenario, Workload } from './scenarios.ts';

const outbox = z.object({ items: z.array(z.object({ links: z.array(z.string()) })) });
const recommended = z.object({
  items: z.array(z.object({ score: z.number(), matchedOn: z.array(z.string()), reason: z.string() })),
});

/** A student of the generated set, signed in; the sign-in limit counts per client address, so each batch of 20 gives another. */
async function signInStudent(baseUrl: string, n: number): Promise<string> {
  const email = `student${n}@bench.kompetensbron.example`;
  const forwarded = { 'x-forwarded-for': `10.77.${Math.floor(n / 20)}.1` };
  const sent = await fetch(`${baseUrl}/api/v1/auth/sign-in-links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...forwarded },
    body: JSON.stringify({ email }),
  });
  await sent.arrayBuffer();
  if (sent.status !== 202) throw new Error(`placements-recommended: sign-in link for ${email} answered ${sent.status}`);
  const mail = outbox.parse(await (await fetch(`${baseUrl}/api/v1/dev/mail?to=${encodeURIComponent(email)}`)).json());
  const link = mail.items[0]?.links.find((url) => url.includes('/sign-in/verify'));
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token)
    throw new Error(
      `placements-recommended: no sign-in link for ${email} (is BENCH_DATABASE a generated placements database?)`,
    );
  const response = await fetch(`${baseUrl}/api/v1/auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...forwarded },
    body: JSON.stringify({ token }),
  });
  await response.arrayBuffer();
  const cookie = response.headers
    .getSetCookie()
    .map((h) => h.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('__Host-session='));
  if (response.status !== 201 || !cookie)
    throw new Error(`placements-recommended: sign-in answered ${response.status}`);
  return cookie;
}

export async function preparePlacementsRecommended(baseUrl: string, connections: number): Promise<Workload> {
  const cookies: string[] = [];
  const cold: number[] = [];
  for (let i = 0; i < connections; i++) {
    // Spread over the 20,000 generated students.
    const cookie = await signInStudent(baseUrl, (i * 397) % 20000);
    cookies.push(cookie);
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/placements/recommended`, { headers: { cookie } });
    const body = recommended.parse(await response.json());
    cold.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`placements-recommended: status ${response.status}`);
    if (i === 0 && body.items.length === 0)
      throw new Error('placements-recommended: the first student has no recommendations');
  }
  cold.sort((a, b) => a - b);
  let next = 0;
  return {
    async beforeRun() {
      next = 0;
    },
    setupClient(client: Client) {
      const cookie = cookies[next++ % cookies.length] ?? '';
      client.setRequests([{ method: 'GET', path: '/api/v1/placements/recommended', headers: { cookie } }]);
    },
    notes() {
      const at = (q: number) => (cold[Math.min(cold.length - 1, Math.floor(q * cold.length))] ?? 0).toFixed(1);
      return [
        `first (uncached) ranked list per student, measured one at a time before the load over ${cold.length} students: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms; the load then reads each connection's cached list`,
      ];
    },
  };
}

export const placementsSearch: GetScenario = {
  name: 'placements-search',
  target: 'app',
  path: '/api/v1/placements?q=service&municipality=1080',
  measures:
    'JSON API: open placements by a common word ("service", in about a quarter of 50,000) and a kommun, first page; repeated, so after the first it is answered from the search cache behind one primary-key read (use BENCH_DATABASE from bench/generate-placements.ts)',
  check: (response, body) => {
    if (response.status !== 200) return `status ${response.status}`;
    const parsed = JSON.parse(body) as { items?: unknown[] };
    return Array.isArray(parsed.items) && parsed.items.length === 20 ? undefined : 'not a full first page';
  },
};
