import http from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/app.ts';
import { MAX_DISCARD_BYTES } from '../../src/node/http-server.ts';
import { freePort, type ServerProcess, startServer } from '../support/server-process.ts';

/**
 * Issue 15, item 2: a response to a request whose body the app did not read to the end (a 413
 * from the body limit) left a keep-alive connection that the server then cut, so the client's
 * next request on it failed. On the real Node server process, through one kept-alive socket.
 */
let server: ServerProcess;
let port: number;

beforeAll(async () => {
  port = await freePort();
  server = await startServer(':memory:', port);
}, 60_000);

afterAll(async () => {
  if (server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
});

interface Answer {
  status: number;
  connection: string | undefined;
  /** The client's port: the same number means the same connection. */
  localPort: number | undefined;
}

function send(agent: http.Agent, method: string, path: string, body?: Buffer, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (chunked) headers['transfer-encoding'] = 'chunked';
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, localPort: req.socket?.localPort }),
      );
    });
    req.on('error', reject);
    if (body && chunked) {
      // Several chunks, as a streaming client sends them.
      for (let at = 0; at < body.length; at += 256 * 1024) req.write(body.subarray(at, at + 256 * 1024));
      req.end();
    } else req.end(body);
  });
}

const oversized = Buffer.alloc(2 * BODY_LIMIT_BYTES, 'a');
const routes: [method: string, path: string][] = [
  ['POST', '/api/v1/auth/sign-in-links'],
  ['POST', '/api/v1/users/someone/roles'],
  ['PATCH', '/api/v1/plans/some-plan'],
  ['PUT', '/api/v1/students/me/profile'],
  ['POST', '/api/v1/placements/some-placement/applications'],
];

describe('a connection after a body over the limit', () => {
  it('answers the next request on the same kept-alive connection, on every route tried', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, 'GET', '/healthz');
      for (const [method, path] of routes) {
        const refused = await send(agent, method, path, oversized);
        expect(refused, `${method} ${path}`).toMatchObject({ status: 413, localPort: first.localPort });
        const next = await send(agent, 'GET', '/healthz');
        expect(next, `after ${method} ${path}`).toEqual({
          status: 200,
          connection: 'keep-alive',
          localPort: first.localPort,
        });
      }
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('answers the next request too when the body came chunked, without a length', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const [method, path] of routes.slice(0, 3)) {
        const refused = await send(agent, method, path, oversized, true);
        expect(refused.status, `${method} ${path}`).toBe(413);
        const next = await send(agent, 'GET', '/healthz');
        expect(next, `after ${method} ${path}`).toMatchObject({ status: 200, localPort: refused.localPort });
      }
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('says Connection: close, and closes after the 413, when the declared body is too large to read and drop', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (chunk) => {
      received += String(chunk);
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /api/v1/auth/sign-in-links HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${MAX_DISCARD_BYTES + 1}\r\n\r\n${'a'.repeat(64 * 1024)}`,
    );
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain('\r\nconnection: close\r\n');
    // And the server still answers everyone else.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  }, 30_000);
});
