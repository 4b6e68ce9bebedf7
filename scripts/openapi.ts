/**
 * Writes the OpenAPI document as production serves it (GET /api/v1/openapi.json, without the
 * development-only routes) to the file named on the command line, for outside tools:
 * `npm run lint:openapi` lints it with Redocly. Nothing is committed; the route table is the source.
 *
 *   node --import tsx scripts/openapi.ts <out.json>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/core/config.ts';
import { createMemoryLogger } from '../src/core/logger.ts';
import { createNodeDeps } from '../src/node/app-deps.ts';
import { openDatabase } from '../src/node/database.ts';

const out = process.argv[2];
if (!out) {
  console.error('usage: node --import tsx scripts/openapi.ts <out.json>');
  process.exit(2);
}
const config = loadConfig({
  APP_ENV: 'production',
  // Only to satisfy the production settings check: nothing is signed with it.
  SESSION_SECRET: 'openapi-document-only-not-a-real-secret-000000',
  PUBLIC_URL: 'https://kompetensbron.example',
});
const database = openDatabase(':memory:');
const { deps, closeMail } = await createNodeDeps(config, database, createMemoryLogger());
const response = await createApp(deps).request('https://kompetensbron.example/api/v1/openapi.json');
if (response.status !== 200) {
  console.error(`GET /api/v1/openapi.json answered ${response.status}: ${await response.text()}`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(await response.json(), null, 2)}\n`);
closeMail();
await database.close();
