import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type MainPage, mainPages, renderMainPages } from '../support/main-pages.ts';

/**
 * Issue 18, "Light pages": the Nu HTML checker (vnu.jar, the W3C's validator, run on Java) finds
 * no error in the main pages of each role, rendered from the demo data as each person sees them.
 * All pages go to one java run: the JVM takes seconds to start.
 */
const java = spawnSync('java', ['-version']).status === 0;
const skip = !java && !process.env.CI;
if (skip) console.warn('html-validity: skipped, no `java` on PATH (install a JRE, e.g. default-jre-headless)');

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

let t: TestApp;
let dir: string;
const files = new Map<string, MainPage>();

beforeAll(async () => {
  if (skip) return;
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'kb-html-'));
  const rendered = await renderMainPages(t, await mainPages(t), 'sv');
  for (const [i, { page, status, html }] of rendered.entries()) {
    expect(status, `${page.as ?? 'anonymous'} ${page.path}`).toBe(200);
    const file = join(dir, `${String(i).padStart(2, '0')}.html`);
    writeFileSync(file, html);
    files.set(file, page);
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** vnu.jar over every file at once; its JSON report goes to stderr, and it exits 1 when it found errors. */
function validate(paths: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss4m', '-jar', vnuJar, '--errors-only', '--format', 'json', ...paths],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        try {
          resolve((JSON.parse(stderr) as { messages: VnuMessage[] }).messages);
        } catch {
          reject(error ?? new Error(`vnu.jar wrote no report: ${stderr}`));
        }
      },
    );
  });
}

describe.skipIf(skip)('the Nu HTML checker', () => {
  it('finds no error in the main pages of each role', async () => {
    const messages = await validate([...files.keys()]);
    const errors = messages
      // `error`, and `non-document-error` for a file vnu could not read; not `info` (warnings).
      .filter((m) => m.type !== 'info')
      .map((m) => {
        const page = m.url?.startsWith('file:') ? files.get(fileURLToPath(m.url)) : undefined;
        const where = page ? `${page.as ?? 'anonymous'} ${page.path}` : (m.url ?? 'vnu');
        return `${where}, line ${m.lastLine ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.trim()}` : ''}`;
      });
    expect(errors.length, errors.join('\n')).toBe(0);
  }, 120_000);
});
