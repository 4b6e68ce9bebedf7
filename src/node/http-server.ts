/**
 * The app on node:http through @hono/node-server, with one thing added: a connection stays usable
 * after a response to a request whose body the app did not read to the end (a 413 from the body
 * limit, a 401 before the body is parsed, …).
 *
 * Why the adapter's own clean-up is not enough (@hono/node-server 2.1.9, listener.ts): it resumes
 * the unread body after the response and cuts the socket when the body has not ended 500 ms later.
 * But the app reads bodies through `Readable.toWeb(incoming)`, whose data listener pauses the
 * stream whenever its queue is full, and nobody reads that queue once the response is out; so the
 * stream stays paused, the 500 ms pass, and the socket is cut although the response said
 * `Connection: keep-alive`. The client's next request on it fails ("other side closed").
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';

/**
 * Up to this much unread body is read and dropped to keep the connection; past it the connection
 * closes (bounded work for a client that sends far more than any route accepts: 16 × the 1 MiB
 * limit).
 */
export const MAX_DISCARD_BYTES = 16 * 1024 * 1024;

type Fetch = Parameters<typeof getRequestListener>[0];

export function createNodeServer(fetch: Fetch, options: { maxDiscardBytes?: number } = {}): Server {
  // autoCleanupIncoming off: the adapter's clean-up would cut the socket (above); ours replaces it.
  const listener = getRequestListener(fetch, { autoCleanupIncoming: false });
  return createServer(
    keepConnectionUsable((incoming, outgoing) => void listener(incoming, outgoing), options.maxDiscardBytes),
  );
}

/**
 * Wraps a request listener so that after each response the rest of an unread request body is
 * read and dropped, and the next request on the connection is answered. A body declared larger
 * than `maxDiscardBytes` is not read: its response says `Connection: close` instead, so the client
 * opens a new connection for its next request.
 */
export function keepConnectionUsable(
  listener: RequestListener,
  maxDiscardBytes: number = MAX_DISCARD_BYTES,
): RequestListener {
  return (incoming, outgoing) => {
    const declared = Number(incoming.headers['content-length'] ?? 0);
    const tooLargeToDiscard = declared > maxDiscardBytes;
    // Set before the app writes its headers; node:http merges it into them and closes after the response.
    if (tooLargeToDiscard) outgoing.setHeader('connection', 'close');
    else outgoing.once('finish', () => discardUnreadBody(incoming, maxDiscardBytes));
    listener(incoming, outgoing);
  };
}

function discardUnreadBody(incoming: IncomingMessage, maxBytes: number): void {
  if (incoming.readableEnded || incoming.destroyed) return;
  // Whoever read part of the body is done with it (the response is out): the toWeb listener that
  // pauses the stream, or a reader that would keep every chunk, goes before the rest is dropped.
  incoming.removeAllListeners('data');
  let discarded = 0;
  incoming.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    // Only a chunked body gets here (a declared length over the bound closed above).
    if (discarded > maxBytes) incoming.socket.destroy();
  });
  incoming.resume();
}
