import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey, sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';

type Messages = Record<MessageKey, string>;

/** The Swedish student's address has a "+" tag, which a query string must carry encoded. */
const LANGUAGES = [
  {
    lang: 'sv',
    locale: 'sv-SE',
    m: sv,
    student: { name: 'Alva Lindqvist', email: 'alva.lindqvist+lia@example.se' },
  },
  { lang: 'en', locale: 'en-GB', m: en, student: { name: 'Alex Morgan', email: 'alex.morgan@example.com' } },
] as const;

/** Whether the element is the document's focused element. */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab until the target has focus, as a keyboard user would, and checks that the focus can
 * be seen. Fails when the target cannot be reached from where the focus is.
 */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) {
      const outline = await target.evaluate((element) => getComputedStyle(element).outlineStyle);
      expect(outline, 'a focused control shows a focus ring').not.toBe('none');
      return;
    }
  }
  throw new Error(`Tab did not reach ${target} within ${limit} presses`);
}

/** Presses Enter on the focused control and waits for the page it leads to. */
async function pressEnterAndLoad(page: Page, path: string): Promise<void> {
  await Promise.all([page.waitForURL((url) => url.pathname === path), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
}

async function headingOf(page: Page): Promise<string | undefined> {
  return (await page.getByRole('heading', { level: 1 }).textContent())?.trim();
}

function mainNav(page: Page, m: Messages): Locator {
  return page.getByRole('navigation', { name: m['layout.mainNav'] });
}

describe.skipIf(!chromiumAvailable())('a student signing in by e-mail link, in Chromium', () => {
  const harness = useBrowserHarness();

  for (const { lang, locale, m, student } of LANGUAGES) {
    it(`registers, signs in from the outbox and signs out with the keyboard alone (${lang})`, async () => {
      const page = await harness.openAuditedPage({ locale, viewport: { width: 1280, height: 900 } });

      // Registration: the skip link leads straight to the form; fields are reached with Tab.
      expect((await page.goto('/register'))?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await headingOf(page)).toBe(m['register.title']);
      await expectNoSeriousViolations(page, `/register (${lang})`);

      await page.keyboard.press('Tab');
      expect(await hasFocus(page.getByRole('link', { name: m['layout.skipToContent'] }))).toBe(true);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const nameField = page.getByLabel(m['register.name'], { exact: true });
      expect(await hasFocus(nameField)).toBe(true);
      await page.keyboard.type(student.name);
      await page.keyboard.press('Tab');
      expect(await hasFocus(page.getByLabel(m['register.email'], { exact: true }))).toBe(true);
      await page.keyboard.type(student.email);
      await pressEnterAndLoad(page, '/register/sent');

      // "Check your e-mail", with the outbox one link away outside production.
      expect(await headingOf(page)).toBe(m['register.sent.title']);
      expect(await page.locator('main').textContent()).toContain(student.email);
      await expectNoSeriousViolations(page, `/register/sent (${lang})`);
      const outboxLink = page.getByRole('link', { name: m['signIn.sent.devMailLink'] });
      expect(await outboxLink.getAttribute('href')).toBe(`/dev/mail?to=${encodeURIComponent(student.email)}`);
      await tabTo(page, outboxLink);
      await pressEnterAndLoad(page, '/dev/mail');

      // The outbox holds exactly one message to the student, with the sign-in link.
      expect(await headingOf(page)).toBe(m['devMail.title']);
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(m['register.mail.new.subject']);
      await expectNoSeriousViolations(page, `/dev/mail (${lang})`);
      const signInLink = rows.first().getByRole('link', { name: /\/sign-in\/verify\?token=/ });
      expect(new URL((await signInLink.getAttribute('href')) ?? '').origin).toBe(harness.url);
      await tabTo(page, signInLink);
      await pressEnterAndLoad(page, '/sign-in/verify');

      // Following the link signs nobody in yet: the person confirms with a button.
      expect(await headingOf(page)).toBe(m['signIn.verify.title']);
      expect((await page.context().cookies()).some((cookie) => cookie.name === '__Host-session')).toBe(false);
      await expectNoSeriousViolations(page, `/sign-in/verify (${lang})`);
      await tabTo(page, page.getByRole('button', { name: m['signIn.verify.submit'], exact: true }));
      // A new student starts on the profile form (issue 18); the account is one link away.
      await pressEnterAndLoad(page, '/students/profile');
      expect(await headingOf(page)).toBe(m['profile.title']);
      await tabTo(page, mainNav(page, m).getByRole('link', { name: m['layout.nav.account'] }));
      await pressEnterAndLoad(page, '/account');

      // Signed in: the account shows who they are, and the session cookie is the hardened one.
      expect(await headingOf(page)).toBe(m['account.title']);
      const summary = page.locator('main dl');
      expect(await summary.textContent()).toContain(student.email);
      expect(await summary.textContent()).toContain(m['role.student']);
      expect(await page.getByLabel(m['account.name'], { exact: true }).inputValue()).toBe(student.name);
      const accountLink = mainNav(page, m).getByRole('link', { name: m['layout.nav.account'] });
      expect(await accountLink.getAttribute('aria-current')).toBe('page');
      expect(await mainNav(page, m).getByRole('link', { name: m['layout.nav.signIn'] }).count()).toBe(0);
      expect(await page.getByRole('link', { name: m['account.data.export'] }).getAttribute('href')).toBe(
        '/api/v1/me/export',
      );
      expect(await page.getByRole('link', { name: m['account.erase.link'] }).getAttribute('href')).toBe(
        '/account/erase',
      );
      const session = (await page.context().cookies()).find((cookie) => cookie.name === '__Host-session');
      expect(session).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
      await saveScreenshot(page, `account-${lang}-1280`);
      await expectNoSeriousViolations(page, `/account (${lang})`);

      // Signing out: back on the start page, signed out, and the account is closed to them.
      await tabTo(page, page.getByRole('button', { name: m['account.signOut'], exact: true }));
      await pressEnterAndLoad(page, '/');
      expect(await mainNav(page, m).getByRole('link', { name: m['layout.nav.signIn'] }).getAttribute('href')).toBe(
        '/sign-in',
      );
      expect(await mainNav(page, m).getByRole('link', { name: m['layout.nav.account'] }).count()).toBe(0);
      expect((await page.context().cookies()).some((cookie) => cookie.name === '__Host-session')).toBe(false);
      await expectNoSeriousViolations(page, `start page after signing out (${lang})`);

      await page.goto('/account');
      const landed = new URL(page.url());
      expect(landed.pathname).toBe('/sign-in');
      expect(landed.searchParams.get('next')).toBe('/account');
      expect(await headingOf(page)).toBe(m['signIn.title']);
    });
  }

  it('shows the error summary for a bad address, focuses it, and its link leads to the field', async () => {
    const page = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await page.goto('/sign-in');
    const emailField = page.getByLabel(sv['signIn.email'], { exact: true });
    await tabTo(page, emailField);
    await page.keyboard.type('inte-en-adress');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in'),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState('load');

    // The summary is announced (role=alert) and takes the focus, so a screen reader reads it first.
    const errorSummary = page.getByRole('alert');
    expect(await errorSummary.getByRole('heading', { level: 2 }).textContent()).toBe(sv['form.errorSummary.title']);
    await expect.poll(() => hasFocus(errorSummary)).toBe(true);

    // The field keeps what was typed and says what is wrong.
    expect(await emailField.inputValue()).toBe('inte-en-adress');
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#error-email').textContent()).toContain(sv['validation.email.invalid']);
    await saveScreenshot(page, 'sign-in-errors-sv-1280');
    await expectNoSeriousViolations(page, '/sign-in with errors (sv)');

    // From the summary, the next Tab is its link; following it puts the focus in the field.
    const summaryLink = errorSummary.getByRole('link', { name: sv['validation.email.invalid'] });
    expect(await summaryLink.getAttribute('href')).toBe('#field-email');
    await page.keyboard.press('Tab');
    expect(await hasFocus(summaryLink)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(emailField)).toBe(true);
  });
});
