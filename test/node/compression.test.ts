import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createNodeServer } from '../../src/node/http-server.ts';
import { DEMO_CLOSED_ROUND_ID } from '../../src/seed/demo-rounds.ts';
import { createTestApp, csrfPair, request, TEST_ORIGIN, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signInSecretariat } from '../support/auth.ts';
import { seedPublishedDemo } from '../support/demand.ts';

/**
 * Issue 18, "Light pages": on Node the app compresses what it sends when the client accepts it
 * (on Workers, Cloudflare's edge does). Through the same app a user meets on Node.
 */
let t: TestApp;
let secretariat: SignedInPerson;
/** The same CSRF cookie on every request, so that a page's body is the same each time. */
let csrfCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedPublishedDemo(t);
  secretariat = await signInSecretariat(t);
  csrfCookie = (await csrfPair(t.app)).cookie;
});

const DEMAND = `/demand?round=${DEMO_CLOSED_ROUND_ID}&table=specialisation-horizon`;

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return request(t.app, path, { method, headers: { cookie: cookies(csrfCookie, 'lang=sv'), ...headers } });
}

async function gunzipped(response: Response): Promise<string> {
  return gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
}

describe('compression on Node', () => {
  it('sends a page gzip-compressed, and the same page, when the client accepts gzip', async () => {
    const plain = await get(DEMAND);
    const compressed = await get(DEMAND, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(compressed.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await compressed.clone().arrayBuffer());
    const page = await plain.text();
    expect(await gunzipped(compressed)).toBe(page);
    expect(page).toContain('<svg');
    // The demand page compresses to well under a third of its size.
    expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 3);
  });

  it('sends the page uncompressed when the client sends no Accept-Encoding or refuses gzip and deflate', async () => {
    for (const accept of [undefined, 'identity', 'br', 'gzip;q=0, deflate;q=0']) {
      const response = await get(DEMAND, accept ? { 'accept-encoding': accept } : {});
      expect(response.headers.get('content-encoding'), String(accept)).toBeNull();
      expect(await response.text(), String(accept)).toContain('<html lang="sv">');
    }
  });

  it('compresses a streamed CSV export, which parses back to the same rows', async () => {
    const path = `/api/v1/rounds/${DEMO_CLOSED_ROUND_ID}/responses.csv`;
    const plain = await get(path, { cookie: secretariat.cookie });
    const compressed = await get(path, { cookie: secretariat.cookie, 'accept-encoding': 'gzip' });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(compressed.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    const rows = parse(await gunzipped(compressed), { bom: true });
    expect(rows.length).toBeGreaterThan(1);
    expect(rows).toEqual(parse(await plain.text(), { bom: true }));
  });

  it('answers HEAD and bodiless responses without a Content-Encoding', async () => {
    const head = await get(DEMAND, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBeNull();
    expect(await head.text()).toBe('');
    const signOut = await request(t.app, '/api/v1/auth/session', {
      method: 'DELETE',
      headers: { cookie: (await signInSecretariat(t)).cookie, 'accept-encoding': 'gzip', origin: TEST_ORIGIN },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('content-encoding')).toBeNull();
  });

  it('compresses error pages and JSON too', async () => {
    const missing = await get('/no-such-page', { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-encoding')).toBe('gzip');
    expect(await gunzipped(missing)).toContain('<html lang="sv">');
    const json = await get(`/api/v1/demand?round=${DEMO_CLOSED_ROUND_ID}&by=specialisation,horizon`, {
      'accept-encoding': 'gzip',
    });
    expect(json.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(await gunzipped(json))).toHaveProperty('cells');
  });

  it('sends the page compressed over the Node HTTP server, as a browser receives it', async () => {
    const server = createNodeServer(t.app.fetch);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers = { cookie: cookies(csrfCookie, 'lang=sv'), 'accept-encoding': 'gzip, deflate, br' };
        http
          .get({ host: '127.0.0.1', port, path: DEMAND, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.headers['content-length']).toBeUndefined();
      expect(gunzipSync(answer.body).toString('utf8')).toBe(await (await get(DEMAND)).text());
    } finally {
      server.close();
    }
  });

  it('leaves compression to the edge on Workers', async () => {
    const workers = createApp({ ...t.deps, runtime: 'workers' });
    const response = await request(workers, DEMAND, {
      headers: { cookie: cookies(csrfCookie, 'lang=sv'), 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toContain('<svg');
  });
});
