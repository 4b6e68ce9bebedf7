import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisationId, demoUserId } from '../../src/seed/demo.ts';
import { DEMO_MOVE_CASE_ID } from '../../src/seed/demo-move-cases.ts';
import { DEMO_CLOSED_ROUND_ID, DEMO_OPEN_ROUND_ID } from '../../src/seed/demo-rounds.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, signInExisting } from '../support/auth.ts';
import { seedPublishedDemo } from '../support/demand.ts';
import { createPlanThroughApi } from '../support/plans.ts';

/**
 * Issue 18, "Light pages": the Nu HTML checker (vnu.jar, the W3C's validator, run on Java) finds
 * no error in the main pages of each role, rendered from the demo data as each person sees them.
 * All pages go to one java run: the JVM takes seconds to start.
 */
const java = spawnSync('java', ['-version']).status === 0;
const skip = !java && !process.env.CI;
if (skip) console.warn('html-validity: skipped, no `java` on PATH (install a JRE, e.g. default-jre-headless)');

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

interface Page {
  /** Who looks: a demo person's key (src/seed/demo.ts), or nobody. */
  as?: string;
  path: string;
}

let t: TestApp;
let dir: string;
const files = new Map<string, Page>();

beforeAll(async () => {
  if (skip) return;
  t = await createTestApp();
  await seedPublishedDemo(t);
  const placement = await t.deps.db.selectFrom('placements').select('id').orderBy('id').executeTakeFirstOrThrow();
  const secretariat = await signInExisting(t, demoUserId('sekretariatet'));
  const plan = await createPlanThroughApi(t, secretariat.cookie, {
    roundId: DEMO_CLOSED_ROUND_ID,
    specialisation: 'smart-industri',
  });
  const hamnvarvet = demoOrganisationId('hamnvarvet');
  const pages: Page[] = [
    { path: '/' },
    { path: '/demand' },
    { path: `/demand?round=${DEMO_CLOSED_ROUND_ID}&table=specialisation-horizon` },
    { path: '/placements' },
    { path: `/placements/${placement.id}` },
    { path: '/education' },
    { path: '/education/gaps' },
    { path: '/plans' },
    { path: `/education/evidence?round=${DEMO_CLOSED_ROUND_ID}&occupation=7212` },
    { path: '/sign-in' },
    { path: '/register' },
    { path: '/register/sent?email=stina%40example.se' },
    { as: 'anna', path: '/surveys' },
    { as: 'anna', path: `/rounds/${DEMO_OPEN_ROUND_ID}/responses/${hamnvarvet}` },
    { as: 'anna', path: `/organisations/${hamnvarvet}` },
    { as: 'anna', path: `/organisations/${hamnvarvet}/placements/new` },
    { as: 'anna', path: '/account' },
    { as: 'karin', path: '/education/offerings/new' },
    { as: 'karin', path: '/education/my-demand' },
    { as: 'samir', path: '/students/profile' },
    { as: 'samir', path: '/placements/recommended' },
    { as: 'sekretariatet', path: '/admin' },
    { as: 'sekretariatet', path: '/admin/rounds' },
    { as: 'sekretariatet', path: `/admin/rounds/${DEMO_OPEN_ROUND_ID}` },
    { as: 'sekretariatet', path: `/admin/organisations/${hamnvarvet}` },
    { as: 'sekretariatet', path: '/plans' },
    { as: 'sekretariatet', path: `/plans/${plan.id}/edit` },
    { as: 'sekretariatet', path: `/plans/${plan.id}/print` },
    { as: 'sekretariatet', path: '/admin/audit' },
    { as: 'anna', path: `/organisations/${hamnvarvet}/move-cases` },
    { as: 'anna', path: `/organisations/${hamnvarvet}/move-cases/new?line=${DEMO_CLOSED_ROUND_ID}-hamnvarvet-1` },
    { as: 'lotta', path: '/move-cases' },
    { as: 'lotta', path: `/move-cases/${DEMO_MOVE_CASE_ID}` },
    { as: 'mikael', path: `/move-cases/${DEMO_MOVE_CASE_ID}` },
    { as: 'mikael', path: `/move-cases/${DEMO_MOVE_CASE_ID}/details` },
  ];
  dir = mkdtempSync(join(tmpdir(), 'kb-html-'));
  const sessions = new Map<string, string>();
  for (const [i, page] of pages.entries()) {
    let session: string | undefined;
    if (page.as) {
      session = sessions.get(page.as) ?? (await signInExisting(t, demoUserId(page.as))).cookie;
      sessions.set(page.as, session);
    }
    const response = await request(t.app, page.path, { headers: { cookie: cookies(session, 'lang=sv') } });
    expect(response.status, `${page.as ?? 'anonymous'} ${page.path}`).toBe(200);
    const file = join(dir, `${String(i).padStart(2, '0')}.html`);
    writeFileSync(file, await response.text());
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
