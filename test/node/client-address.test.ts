import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressFrom, type TrustProxy } from '../../src/core/client-address.ts';
import { SIGN_IN_LIMITS } from '../../src/identity/sign-in.ts';
import { freePort, type ServerProcess, startServer } from '../support/server-process.ts';

/**
 * Issue 15, item 3: the sign-in limit per client keyed on X-Forwarded-For, which anyone can send.
 * Now the client is the socket's peer unless TRUST_PROXY names the proxy in front. On the real
 * Node server process, with clients bound to two loopback addresses (127.0.0.1 and 127.0.0.2).
 */
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
});

async function start(env: Record<string, string> = {}): Promise<{ port: number }> {
  const port = await freePort();
  servers.push(await startServer(':memory:', port, env));
  return { port };
}

let mailCounter = 0;

/** POST /api/v1/auth/sign-in-links for a fresh address (so only the per-client limit can bite). */
function askForLink(port: number, from: { localAddress: string; forwardedFor?: string }): Promise<number> {
  const body = JSON.stringify({ email: `person-${++mailCounter}@example.se` });
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (from.forwardedFor) headers['x-forwarded-for'] = from.forwardedFor;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/auth/sign-in-links',
        headers,
        localAddress: from.localAddress,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const limit = SIGN_IN_LIMITS.perClient.limit;

describe('the sign-in limit per client on the Node server', () => {
  let port: number;
  beforeAll(async () => {
    ({ port } = await start());
  }, 60_000);

  it('keys on the socket address: made-up X-Forwarded-For values get no fresh bucket, and another address is still served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      statuses.push(await askForLink(port, { localAddress: '127.0.0.1', forwardedFor: `198.51.100.${i + 1}` }));
    }
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(202));
    expect(statuses[limit]).toBe(429);
    expect(await askForLink(port, { localAddress: '127.0.0.2' })).toBe(202);
  }, 60_000);
});

describe('the sign-in limit per client behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
  let port: number;
  beforeAll(async () => {
    ({ port } = await start({ TRUST_PROXY: '127.0.0.1' }));
  }, 60_000);

  it('keys on the address the proxy forwarded, and ignores the header from anyone else', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      // The client sent its own made-up header; the proxy appended the address it saw.
      statuses.push(
        await askForLink(port, { localAddress: '127.0.0.1', forwardedFor: `198.51.100.${i + 1}, 203.0.113.5` }),
      );
    }
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(202));
    expect(statuses[limit]).toBe(429);
    // Another client behind the same proxy has a bucket of its own.
    expect(await askForLink(port, { localAddress: '127.0.0.1', forwardedFor: '203.0.113.6' })).toBe(202);
    // 127.0.0.2 is no trusted proxy: its header is not believed, so it is not refused as 203.0.113.5.
    expect(await askForLink(port, { localAddress: '127.0.0.2', forwardedFor: '203.0.113.5' })).toBe(202);
  }, 60_000);
});

describe('the client address from the peer and X-Forwarded-For', () => {
  const none: TrustProxy = { kind: 'none' };
  const oneHop: TrustProxy = { kind: 'hops', hops: 1 };
  const twoHops: TrustProxy = { kind: 'hops', hops: 2 };
  const proxies: TrustProxy = { kind: 'addresses', addresses: ['10.0.0.1', '10.0.0.2', '::1'] };

  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddressFrom('192.0.2.1', '203.0.113.9', none)).toBe('192.0.2.1');
  });

  it('reads an IPv4 peer of a dual-stack socket as its IPv4 address', () => {
    expect(clientAddressFrom('::ffff:192.0.2.1', null, none)).toBe('192.0.2.1');
  });

  it('is unknown when the runtime does not know the peer', () => {
    expect(clientAddressFrom(null, '203.0.113.9', oneHop)).toBeNull();
  });

  it('counts hops from the right: what the client put on the left is never taken', () => {
    expect(clientAddressFrom('10.0.0.1', 'spoofed, 203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(clientAddressFrom('10.0.0.1', 'spoofed, 203.0.113.9, 10.0.0.2', twoHops)).toBe('203.0.113.9');
    expect(clientAddressFrom('10.0.0.1', null, oneHop)).toBe('10.0.0.1');
  });

  it('steps over the trusted proxies by address and takes the first other one', () => {
    expect(clientAddressFrom('10.0.0.1', '198.51.100.1, 203.0.113.9, 10.0.0.2', proxies)).toBe('203.0.113.9');
    expect(clientAddressFrom('::1', '2001:db8::7', proxies)).toBe('2001:db8::7');
    expect(clientAddressFrom('192.0.2.1', '203.0.113.9', proxies)).toBe('192.0.2.1');
  });

  it('stops at an entry that is not an address and takes the hop before it', () => {
    expect(clientAddressFrom('10.0.0.1', 'not-an-address', oneHop)).toBe('10.0.0.1');
    expect(clientAddressFrom('10.0.0.1', '203.0.113.9, unknown', proxies)).toBe('10.0.0.1');
  });
});
