import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { migrateD1, seedReferenceD1 } from './d1.ts';

/** The real Worker (src/worker.ts) in workerd, over a local D1 with migrations and reference data. */
const ORIGIN = 'http://localhost:8787';

beforeAll(async () => {
  await migrateD1();
  await seedReferenceD1();
});

describe('the Worker in workerd', () => {
  it('answers /healthz with 200 and status ok once the D1 answers', async () => {
    const response = await SELF.fetch(`${ORIGIN}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('renders the start page in Swedish by default', async () => {
    const response = await SELF.fetch(`${ORIGIN}/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(sv['home.title']);
  });

  it('renders the start page in English when the browser asks for English', async () => {
    const response = await SELF.fetch(`${ORIGIN}/`, { headers: { 'Accept-Language': 'en' } });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(en['home.title']);
    expect(html).not.toContain(sv['home.title']);
  });

  it('serves an OpenAPI 3.1 document that lists /healthz and the occupation search', async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };

    expect(response.status).toBe(200);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toEqual(expect.any(String));
    expect(document.info.version).toEqual(expect.any(String));
    expect(document.paths['/healthz']?.get?.responses).toHaveProperty('200');
    expect(document.paths['/api/v1/taxonomy/occupations']?.get?.responses).toHaveProperty('200');
  });

  it('finds SSYK 2512 when the occupation search is asked for "mjukvaru"', async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/taxonomy/occupations?q=mjukvaru`);
    const body = (await response.json()) as { items: { ssyk: string | null; labelSv: string }[] };

    expect(response.status).toBe(200);
    expect(body.items.map((item) => item.ssyk)).toContain('2512');
  });
});

describe('the sign-in limit per client in the Worker', () => {
  async function askForLink(n: number, headers: Record<string, string>): Promise<number> {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/auth/sign-in-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: `worker-person-${n}@example.se` }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('keys on CF-Connecting-IP: made-up X-Forwarded-For values get no fresh bucket, another client is served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= 30; i++) {
      statuses.push(
        await askForLink(i, { 'cf-connecting-ip': '203.0.113.50', 'x-forwarded-for': `198.51.100.${i + 1}` }),
      );
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(202));
    expect(statuses[30]).toBe(429);
    expect(await askForLink(100, { 'cf-connecting-ip': '203.0.113.51' })).toBe(202);
  });
});
