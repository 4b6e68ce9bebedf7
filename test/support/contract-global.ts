import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createTestApp } from './app.ts';
import { CONTRACT_DIR } from './contract.ts';

/**
 * The run's contract coverage (vitest globalSetup of the Node project): which operations of the
 * OpenAPI document had at least one response validated, and which never did. Printed after the run
 * and written to test-results/contract/summary.json; with CONTRACT_COVERAGE=strict an operation
 * never validated fails the run (meant for the whole suite, not for a few files).
 */
export function setup(): void {
  rmSync(CONTRACT_DIR, { recursive: true, force: true });
}

export async function teardown(): Promise<void> {
  const seen = new Map<string, Set<string>>();
  let files: string[] = [];
  try {
    files = readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.json') && f !== 'summary.json');
  } catch {
    return;
  }
  for (const file of files) {
    const entries = JSON.parse(readFileSync(new URL(file, CONTRACT_DIR), 'utf8')) as Record<string, string[]>;
    for (const [key, statuses] of Object.entries(entries)) {
      const set = seen.get(key) ?? new Set<string>();
      for (const status of statuses) set.add(status);
      seen.set(key, set);
    }
  }
  const t = await createTestApp();
  const all = t.app.routeTable
    .filter((r) => r.kind === 'api')
    .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  await t.database.close();
  const never = all.filter((key) => !seen.has(key)).sort();
  const noSuccess = all
    .filter((key) => seen.has(key) && ![...(seen.get(key) ?? [])].some((s) => /^2\d\d$/.test(s)))
    .sort();
  const summary = {
    operations: all.length,
    validated: all.length - never.length,
    never,
    noSuccessValidated: noSuccess,
    statuses: Object.fromEntries([...seen].sort().map(([key, set]) => [key, [...set].sort()])),
  };
  writeFileSync(new URL('summary.json', CONTRACT_DIR), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `OpenAPI contract: ${summary.validated} of ${summary.operations} operations had a response validated` +
      (never.length ? `; never validated:\n  ${never.join('\n  ')}` : '') +
      (noSuccess.length
        ? `\n  ${noSuccess.length} only with problem responses (no 2xx):\n  ${noSuccess.join('\n  ')}`
        : ''),
  );
  if (process.env.CONTRACT_COVERAGE === 'strict' && never.length)
    throw new Error(`${never.length} operations never had a response validated`);
}
