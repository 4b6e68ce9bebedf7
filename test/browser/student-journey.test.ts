import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey, sv } from '../../src/messages.ts';
import { EDUCATION_LEVELS } from '../../src/taxonomy/education-levels.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';

const PYTHON = 'qfkh_ZRK_w4W';
const SOFTWARE_DEVELOPER = 'DJh5_yyF_hEM';
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

/** One run per language, each in its browser locale, with a student of its own. */
const RUNS = [
  {
    lang: 'sv',
    locale: 'sv-SE',
    m: sv,
    student: { name: 'Elsa Nyberg', email: 'elsa.nyberg@example.se' },
    month: 'juni',
    // "26 februari 2027": a day, a month name, a year.
    longDate:
      /(?<!\d)\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b/,
  },
  {
    lang: 'en',
    locale: 'en-GB',
    m: en,
    student: { name: 'Sam Porter', email: 'sam.porter@example.com' },
    month: 'June',
    longDate:
      /(?<!\d)\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/,
  },
] as const;

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

const mainText = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())?.trim();

/** Submits the page's form with its button and waits for the answer to load (a redirect or a re-rendered form). */
async function submit(page: Page, button: string, path: string | RegExp) {
  await Promise.all([
    page.waitForURL((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.href))),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
}

describe.skipIf(!chromiumAvailable())(
  'a student registers, fills in a profile, reads the ranked list and applies, in Chromium',
  () => {
    const harness = useBrowserHarness();

    for (const { lang, locale, m, student, month, longDate } of RUNS) {
      it(`walks from registration to an application (${lang})`, async () => {
        const page = await harness.openAuditedPage({ locale, viewport: { width: 1280, height: 900 } });

        // Registering: the page says where the link went and what to do with it, not the sign-in
        // page's "if this address has an account".
        await page.goto('/register');
        await page.getByLabel(m['register.name'], { exact: true }).fill(student.name);
        await page.getByLabel(m['register.email'], { exact: true }).fill(student.email);
        await submit(page, m['register.submit'], '/register/sent');
        expect(await heading(page)).toBe(m['register.sent.title']);
        const sent = await mainText(page);
        expect(sent).toContain(fill(m['register.sent.lead'], { email: student.email, minutes: 15 }));
        expect(sent).not.toContain(fill(m['signIn.sent.lead'], { email: student.email }));
        await expectNoSeriousViolations(page, `/register/sent (${lang})`);

        // The first sign-in, by the link in the outbox, lands on the profile form.
        await page.goto(`/dev/mail?to=${encodeURIComponent(student.email)}`);
        const mail = page.locator('tbody tr').first();
        expect(await mail.textContent()).toContain(m['register.mail.new.subject']);
        const link = await mail.getByRole('link', { name: /\/sign-in\/verify\?token=/ }).getAttribute('href');
        await page.goto(link ?? '');
        await submit(page, m['signIn.verify.submit'], '/students/profile');
        expect(await heading(page)).toBe(m['profile.title']);
        await expectNoSeriousViolations(page, `/students/profile (${lang})`);

        // The education level: the survey's groups, with the SUN levels inside each.
        const level = page.getByLabel(m['profile.level']);
        const groups = await level.locator('optgroup').evaluateAll((els) => els.map((el) => el.getAttribute('label')));
        expect(groups).toEqual(EDUCATION_LEVELS.map((g) => m[`educationLevel.${g.code}` as MessageKey]));
        expect(await level.locator('optgroup option').count()).toBe(
          EDUCATION_LEVELS.reduce((n, g) => n + g.sunLevels.length, 0),
        );
        expect(await level.locator('option').allTextContents()).not.toContainEqual(expect.stringMatching(/^\d\d /));

        // The graduation: month names in the page's language, years from last year to six ahead.
        const monthSelect = page.getByLabel(m['profile.graduation.month'], { exact: true });
        const yearSelect = page.getByLabel(m['profile.graduation.year'], { exact: true });
        expect(await monthSelect.locator('option[value="06"]').textContent()).toBe(month);
        const thisYear = Number(
          new Intl.DateTimeFormat('sv-SE', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date()),
        );
        const years = await yearSelect
          .locator('option')
          .evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value).filter(Boolean));
        expect(years).toEqual(Array.from({ length: 8 }, (_, i) => String(thisYear - 1 + i)));

        // A month without a year comes back with the error at the year, the rest kept.
        await page.getByLabel(m['profile.programme']).fill('Systemvetenskap');
        await level.selectOption('53');
        await monthSelect.selectOption('06');
        await page.getByLabel(m['profile.skills']).fill(PYTHON);
        await page.getByLabel(m['profile.occupations']).fill(SOFTWARE_DEVELOPER);
        await page.getByLabel('Karlskrona').check();
        const [refused] = await Promise.all([
          page.waitForResponse(
            (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/students/profile',
          ),
          page.getByRole('button', { name: m['profile.save'], exact: true }).click(),
        ]);
        expect(refused.status()).toBe(422);
        await page.waitForLoadState('load');
        const summary = page.getByRole('alert');
        expect(await summary.getByRole('link').textContent()).toBe(m['profile.validation.graduationYear']);
        expect(await summary.getByRole('link').getAttribute('href')).toBe('#field-expectedGraduationYear');
        expect(await page.locator('#error-expectedGraduationYear').textContent()).toContain(
          m['profile.validation.graduationYear'],
        );
        expect(await yearSelect.getAttribute('aria-invalid')).toBe('true');
        expect(await monthSelect.inputValue()).toBe('06');
        expect(await level.inputValue()).toBe('53');
        await saveScreenshot(page, `student-profile-errors-${lang}-1280`);
        await expectNoSeriousViolations(page, `/students/profile with errors (${lang})`);

        await yearSelect.selectOption(String(thisYear + 1));
        await submit(page, m['profile.save'], /saved=1/);
        // The taxonomy pickers have live regions of their own; the notice is the one that says it saved.
        const saved = page.getByRole('status').filter({ hasText: m['profile.saved'] });
        expect(await saved.count()).toBe(1);
        expect(await monthSelect.inputValue()).toBe('06');
        expect(await yearSelect.inputValue()).toBe(String(thisYear + 1));

        // The ranked list: reasons as a list with the matched skills, how many wishes each meets
        // and how the list is ordered, no unexplained score, dates as running text.
        await saved.getByRole('link', { name: m['recommended.title'] }).click();
        await page.waitForURL(/\/placements\/recommended/);
        const ranked = await mainText(page);
        expect(ranked).toContain(m['recommended.order']);
        const first = page.locator('main ol.result-list > li').first();
        const reasons = await first.locator('ul li').allTextContents();
        expect(reasons).toContainEqual(
          expect.stringMatching(new RegExp(`^${fill(m['recommended.reason.skills'], { skills: '' })}.*Python`)),
        );
        expect(reasons).toContain(fill(m['recommended.reason.municipality'], { name: 'Karlskrona' }));
        const matches = new RegExp(
          fill(m['recommended.matches'], { matched: '\\d', total: '\\d' }).replace(/[()]/g, '\\$&'),
        );
        expect(await first.textContent()).toMatch(matches);
        expect(ranked).not.toMatch(/Poäng|Score|\d+\.\d+/);
        expect(ranked).not.toMatch(ISO_DATE);
        expect(ranked).toMatch(longDate);
        await saveScreenshot(page, `student-recommended-${lang}-1280`);
        await expectNoSeriousViolations(page, `/placements/recommended (${lang})`);

        // Applying from the placement's page, whose dates read the same way.
        const title = (await first.getByRole('heading', { level: 2 }).textContent())?.trim() ?? '';
        await first.getByRole('link', { name: title }).click();
        await page.waitForLoadState('load');
        expect(await heading(page)).toBe(title);
        const detail = await mainText(page);
        expect(detail).not.toMatch(ISO_DATE);
        expect(detail).toMatch(new RegExp(`${longDate.source} – ${longDate.source}`));
        await expectNoSeriousViolations(page, `placement detail (${lang})`);
        await page.getByLabel(m['placement.apply.message']).fill('Jag läser systemvetenskap och skriver Python.');
        await submit(page, m['placement.apply.submit'], /applied=1/);
        expect(await page.getByRole('status').textContent()).toBe(m['placement.apply.sent']);

        // The application, dated as the rest of the pages date things.
        await page.goto('/students/applications');
        const applications = await mainText(page);
        expect(applications).toContain(title);
        expect(applications).toMatch(longDate);
        expect(applications).not.toMatch(ISO_DATE);
        await expectNoSeriousViolations(page, `/students/applications (${lang})`);
      }, 120_000);
    }
  },
);
