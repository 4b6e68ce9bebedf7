import { z } from 'zod';

/**
 * Which forwarding headers to believe (the TRUST_PROXY setting). Anyone can send
 * `X-Forwarded-For`, so it names the client only when a proxy we trust wrote it: without a proxy
 * the client is the peer (the socket on Node, `CF-Connecting-IP` on Workers).
 */
export type TrustProxy =
  | { kind: 'none' }
  /** This many proxies stand in front; each appends the address it was connected from. */
  | { kind: 'hops'; hops: number }
  /** The proxies' own addresses: their entries are stepped over, the first other one is the client. */
  | { kind: 'addresses'; addresses: string[] };

const ipAddress = z.union([z.ipv4(), z.ipv6()]);

/** An IPv4 client of a dual-stack socket shows as `::ffff:192.0.2.1`; it is the same address. */
export function normaliseAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped?.[1] ?? lower;
}

export function isIpAddress(text: string): boolean {
  return ipAddress.safeParse(text).success;
}

/**
 * The client's address: the peer's, or, behind trusted proxies, the one the nearest untrusted hop
 * connected from, read from the right of `X-Forwarded-For` (each proxy appends; the left end is
 * whatever the client sent). An entry that is not an address ends the walk at the hop before it.
 */
export function clientAddressFrom(
  peer: string | null,
  forwardedFor: string | null | undefined,
  trust: TrustProxy,
): string | null {
  if (peer === null) return null;
  const direct = normaliseAddress(peer);
  if (trust.kind === 'none' || !forwardedFor) return direct;
  const chain = [...forwardedFor.split(',').map(normaliseAddress), direct];
  let at = chain.length - 1;
  const trusted = (address: string, stepped: number) =>
    trust.kind === 'hops' ? stepped < trust.hops : trust.addresses.includes(address);
  for (let stepped = 0; at > 0; stepped++) {
    const current = chain[at] ?? direct;
    const before = chain[at - 1] ?? '';
    if (!trusted(current, stepped) || !isIpAddress(before)) break;
    at--;
  }
  return chain[at] ?? direct;
}
