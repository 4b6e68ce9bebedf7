import { demoOrganisationId, demoUserId } from '../../src/seed/demo.ts';
import { DEMO_MOVE_CASE_ID } from '../../src/seed/demo-move-cases.ts';
import { DEMO_CLOSED_ROUND_ID, DEMO_OPEN_ROUND_ID } from '../../src/seed/demo-rounds.ts';
import { request, type TestApp } from './app.ts';
import { cookies, signInExisting } from './auth.ts';
import { seedPublishedDemo } from './demand.ts';
import { createPlanThroughApi } from './plans.ts';

/** A page of the main-page walk: who looks (a demo person's key, src/seed/demo.ts, or nobody) and where. */
export interface MainPage {
  as?: string;
  path: string;
}

/**
 * The main pages of each role over the published demo data (issue 18): the page list the HTML
 * checker (html-validity.test.ts) and the English reference-name check walk.
 */
export async function mainPages(t: TestApp): Promise<MainPage[]> {
  await seedPublishedDemo(t);
  const placement = await t.deps.db.selectFrom('placements').select('id').orderBy('id').executeTakeFirstOrThrow();
  const secretariat = await signInExisting(t, demoUserId('sekretariatet'));
  const plan = await createPlanThroughApi(t, secretariat.cookie, {
    roundId: DEMO_CLOSED_ROUND_ID,
    specialisation: 'smart-industri',
  });
  const hamnvarvet = demoOrganisationId('hamnvarvet');
  return [
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
    { path: '/network' },
    { as: 'anna', path: `/organisations/${hamnvarvet}/network` },
    { as: 'sekretariatet', path: '/admin/network' },
  ];
}

/** Renders each page as its person sees it in `lang`, one sign-in per person; the body by page. */
export async function renderMainPages(
  t: TestApp,
  pages: MainPage[],
  lang: 'sv' | 'en',
): Promise<{ page: MainPage; status: number; html: string }[]> {
  const sessions = new Map<string, string>();
  const rendered = [];
  for (const page of pages) {
    let session: string | undefined;
    if (page.as) {
      session = sessions.get(page.as) ?? (await signInExisting(t, demoUserId(page.as))).cookie;
      sessions.set(page.as, session);
    }
    const response = await request(t.app, page.path, { headers: { cookie: cookies(session, `lang=${lang}`) } });
    rendered.push({ page, status: response.status, html: await response.text() });
  }
  return rendered;
}
