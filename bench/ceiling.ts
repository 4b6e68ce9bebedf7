/**
 * The ceiling: a bare Hono hello world on @hono/node-server, through the same server the app runs
 * on (src/node/http-server.ts).
 * Whatever the app reaches is read against this, measured in the same run (see bench/README.md).
 */
import { Hono } from 'hono';
import { createNodeServer } from '../src/node/http-server.ts';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('bench/ceiling.ts: set PORT to a free port');
  process.exit(1);
}

const app = new Hono();
app.get('/', (c) => c.text('Hello Hono!'));

const server = createNodeServer(app.fetch);
server.listen(port);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
