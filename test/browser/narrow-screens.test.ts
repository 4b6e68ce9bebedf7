import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

/**
 * On a 390 px phone no page may scroll sideways: a wide table scrolls inside its own box, the
 * header's links wrap. Public pages, then pages behind sign-in for the demo's member, student,
 * education provider and secretariat.
 */
const PUBLIC = [
  '/',
  '/demand?round=demo-round-closed&by=specialisation&by=horizon',
  '/demand?round=demo-round-closed&table=specialisation-ssyk4-horizon',
  '/data/dictionary',
  '/network',
  '/recruitment/outcomes',
  '/placements',
  '/education/gaps',
  '/plans',
  '/sign-in',
  '/register',
];
const MEMBER = [
  '/surveys',
  '/rounds/demo-round-open/responses/demo-org-kodkusten',
  '/organisations/demo-org-kodkusten',
  '/organisations/demo-org-kodkusten/placements',
  '/organisations/demo-org-kodkusten/placements/new',
  '/organisations/demo-org-kodkusten/applications',
  '/account',
];
const STUDENT = ['/students/profile', '/placements/recommended', '/students/applications'];
const PROVIDER = ['/education', '/education/offerings/new', '/education/my-demand', '/education/dialogue'];
const SECRETARIAT = [
  '/admin',
  '/admin/organisations',
  '/admin/rounds',
  '/admin/rounds/demo-round-closed',
  '/admin/users',
  '/admin/api-tokens',
  '/admin/audit',
  '/plans',
];

/** How far the page reaches past the screen's right edge, and the outermost elements that do. */
async function sideways(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const extra = document.documentElement.scrollWidth - width;
    if (extra <= 0) return 0;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`);
    return `${extra}px (${culprits.join(', ')})`;
  });
}

describe.skipIf(!chromiumAvailable())('pages on a narrow screen', () => {
  const harness = useBrowserHarness();
  const phone = { viewport: { width: 390, height: 844 }, locale: 'sv-SE' } as const;

  it('no public page scrolls sideways at 390 px, in Swedish or English, and axe finds nothing serious there', async () => {
    const page = await harness.openAuditedPage(phone);
    const overflowing: string[] = [];
    for (const lang of ['sv', 'en']) {
      await page.context().addCookies([{ name: 'lang', value: lang, url: harness.url }]);
      for (const path of PUBLIC) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        const extra = await sideways(page);
        if (extra) overflowing.push(`${lang} ${path}: ${extra}`);
        // The scroll regions and wrapped links read as well on a phone (once, in Swedish).
        if (lang === 'sv') await expectNoSeriousViolations(page, `${path} at 390 px`);
      }
    }
    await page.goto('/');
    await saveScreenshot(page, 'start-page-en-390');
    expect(overflowing).toEqual([]);
  }, 90_000);

  it('no page of a signed-in member, student, education provider or the secretariat scrolls sideways at 390 px', async () => {
    const overflowing: string[] = [];
    for (const [email, paths] of [
      ['lina@kodkusten.kompetensbron.example', MEMBER],
      ['stina.student@kompetensbron.example', STUDENT],
      ['jonas@yhsydost.kompetensbron.example', PROVIDER],
      ['sekretariatet@kompetensbron.example', SECRETARIAT],
    ] as const) {
      const page = await harness.openPage(phone);
      await signInThroughOutbox(page, email);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        const extra = await sideways(page);
        if (extra) overflowing.push(`${email} ${path}: ${extra}`);
      }
    }
    expect(overflowing).toEqual([]);
  }, 90_000);

  it('at 1280 px every table on the public and provider pages fits its box without scrolling', async () => {
    const page = await harness.openPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    await signInThroughOutbox(page, 'jonas@yhsydost.kompetensbron.example');
    const scrolling: string[] = [];
    for (const path of [...PUBLIC, ...PROVIDER]) {
      await page.goto(path);
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')]
          .filter((box) => box.scrollWidth > box.clientWidth)
          .map(
            (box) =>
              `${box.getAttribute('aria-label') ?? box.getAttribute('aria-labelledby')}: ${box.scrollWidth - box.clientWidth}px`,
          ),
      );
      scrolling.push(...boxes.map((box) => `${path} ${box}`));
    }
    expect(scrolling).toEqual([]);
  }, 90_000);
});
