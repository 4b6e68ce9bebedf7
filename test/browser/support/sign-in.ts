import type { Page } from 'playwright-core';
import { sv } from '../../../src/messages.ts';

/** Signs a person in through the development outbox, as a person would: form, mail, link, confirm. */
export async function signInThroughOutbox(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(sv['signIn.email'], { exact: true }).fill(email);
  await Promise.all([
    page.waitForURL(/\/sign-in\/sent/),
    page.getByLabel(sv['signIn.email'], { exact: true }).press('Enter'),
  ]);
  await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
  const link = await page
    .locator('tbody tr')
    .first()
    .getByRole('link', { name: /\/sign-in\/verify/ })
    .getAttribute('href');
  await page.goto(link ?? '');
  // Signed in, the person lands on the account page, or where their role starts (a student
  // without a profile: the profile form).
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in/verify'),
    page.getByRole('button', { name: sv['signIn.verify.submit'], exact: true }).click(),
  ]);
}
