import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '../../src/core/config.ts';
import { sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, SCREENSHOTS, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { pdfPageTexts } from './support/pdf.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const REVIEWER = 'granskare@example.se';

const submit = (page: Page, name: string) =>
  Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);

/** The print view printed to PDF as a person would: A4, page numbers in the browser's footer. */
async function printToPdf(page: Page, path: string): Promise<Buffer> {
  await page.goto(path);
  await page.emulateMedia({ media: 'print' });
  return page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate:
      '<div style="font-size:8pt;width:100%;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
    margin: { top: '20mm', bottom: '22mm', left: '18mm', right: '18mm' },
    outline: true,
    tagged: true,
  });
}

const INTERNAL = sv['plans.internal'];

/** The PDF's pages, counted from its page objects (`/Type /Page`, not `/Pages`). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/**
 * The text of the PDF's outline (bookmarks made from the headings with `outline: true`): titles are
 * literal or UTF-16BE strings, in the file or in a compressed object stream.
 */
function outlineText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const chunks = [raw];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      chunks.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream
    }
  }
  const titles: string[] = [];
  for (const chunk of chunks) {
    for (const m of chunk.matchAll(/\/Title\s*<FEFF([0-9A-Fa-f]*)>/g)) {
      const hex = m[1] ?? '';
      let s = '';
      for (let i = 0; i + 3 < hex.length; i += 4) s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
      titles.push(s);
    }
    for (const m of chunk.matchAll(/\/Title\s*\(((?:\\.|[^\\)])*)\)/g)) titles.push(m[1] ?? '');
  }
  return titles.join('\n');
}

describe.skipIf(!chromiumAvailable())('competence plans in Chromium', () => {
  const harness = useBrowserHarness();

  it('drafts, edits with a stale save that loses nothing, compares versions, prints the draft as internal on every page, takes a review comment, adopts after confirming and prints', async () => {
    const admin = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(admin, DEMO_ADMIN_EMAIL);

    // A draft from the closed demo round, for Tech.
    await admin.goto('/plans');
    await expectNoSeriousViolations(admin, '/plans (secretariat)');
    await admin.getByLabel(sv['plans.create.specialisation']).selectOption('tech');
    await Promise.all([
      admin.waitForURL(/\/plans\/[^/]+$/),
      admin.getByRole('button', { name: sv['plans.create.submit'] }).click(),
    ]);
    const planUrl = new URL(admin.url()).pathname;
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toContain('Tech');
    for (const key of ['summary', 'demand', 'education-gap', 'measures', 'follow-up'] as const) {
      await expect
        .poll(() => admin.getByRole('heading', { level: 2, name: sv[`plans.section.${key}`] }).count())
        .toBe(1);
    }
    expect(await admin.locator('[data-plan-version]').textContent()).toBe('1');
    expect(
      await admin.getByRole('link', { name: /Se underlaget: Efterfrågan per tidshorisont/ }).getAttribute('href'),
    ).toMatch(/^\/demand\?round=demo-round-closed&by=horizon&specialisation=tech$/);
    await expectNoSeriousViolations(admin, 'plan view (raw draft)');
    await saveScreenshot(admin, 'plans-view-sv-1280');

    // A reviewer is invited by e-mail.
    await admin.getByLabel(sv['plans.reviewers.email']).fill(REVIEWER);
    await submit(admin, sv['plans.reviewers.submit']);
    expect(await admin.getByRole('status').textContent()).toContain(sv['plans.reviewers.invited']);

    // Two editors: the second saves on a stale version and keeps every word.
    await admin.goto(`${planUrl}/edit`);
    const other = await admin.context().newPage();
    await other.goto(`${planUrl}/edit`);
    await admin.getByLabel(sv['plans.section.summary']).fill('Sammanfattning från den första redaktören.');
    await submit(admin, sv['plans.edit.save']);
    expect(await admin.getByRole('status').textContent()).toContain('version 2');

    const mine = 'Den andra redaktörens text, som inte får försvinna.';
    await other.getByLabel(sv['plans.section.summary']).fill(mine);
    await submit(other, sv['plans.edit.save']);
    await expect.poll(() => other.getByRole('alert').first().textContent()).toContain(sv['plans.conflict.heading']);
    expect(await other.getByLabel(sv['plans.section.summary']).inputValue()).toBe(mine);
    expect(await other.locator('[data-theirs="summary"]').textContent()).toBe(
      'Sammanfattning från den första redaktören.',
    );
    // Only the section the other editor changed is shown beside the person's text.
    expect(await other.locator('[data-theirs]').count()).toBe(1);
    await expectNoSeriousViolations(other, 'edit form after a stale save');
    await saveScreenshot(other, 'plans-edit-conflict-sv-1280');
    // Merged by hand, the save lands as version 3.
    await other.getByLabel(sv['plans.section.summary']).fill(`Sammanfattning från den första redaktören. ${mine}`);
    await submit(other, sv['plans.edit.save']);
    expect(await other.getByRole('status').textContent()).toContain('version 3');
    await other.close();

    // Versions and the diff between 1 and 3.
    await admin.goto(`${planUrl}/versions`);
    expect(await admin.locator('.plan-versions tbody tr').count()).toBe(3);
    await admin.getByLabel(sv['plans.versions.from']).selectOption('1');
    await admin.getByLabel(sv['plans.versions.to']).selectOption('3');
    await Promise.all([
      admin.waitForURL(/\/diff\?from=1&to=3/),
      admin.getByRole('button', { name: sv['plans.versions.show'] }).click(),
    ]);
    expect(await admin.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('andra')]),
    );
    await expectNoSeriousViolations(admin, 'diff');

    // The raw draft printed: every page says it is internal, and the mark hides no text.
    const draftPdf = await printToPdf(admin, `${planUrl}/print`);
    await admin.emulateMedia({ media: 'screen' });
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(resolve(SCREENSHOTS, 'plan-draft-print.pdf'), draftPdf);
    const draftPages = pdfPageTexts(draftPdf);
    expect(draftPages.length).toBe(pageCount(draftPdf));
    expect(draftPages.length).toBeGreaterThan(3);
    for (const [i, text] of draftPages.entries()) expect(text, `page ${i + 1}`).toContain(INTERNAL);
    const preview = pdfPageTexts(await printToPdf(admin, `${planUrl}/print?view=protected`));
    await admin.emulateMedia({ media: 'screen' });
    expect(preview.some((text) => text.includes(INTERNAL))).toBe(false);

    // For review.
    await admin.goto(planUrl);
    await submit(admin, sv['plans.status.to.review']);
    expect(await admin.locator('[data-plan-status]').textContent()).toBe(sv['plans.status.review']);

    // The reviewer signs in, sees the protected draft and comments on version 3.
    const reviewer = await harness.openAuditedPage({ locale: 'sv-SE' });
    await signInThroughOutbox(reviewer, REVIEWER);
    await reviewer.goto(planUrl);
    expect(await reviewer.getByRole('note').count()).toBe(0);
    await reviewer.getByLabel(sv['plans.comments.section']).selectOption('demand');
    await reviewer.getByLabel(sv['plans.comments.body'], { exact: true }).fill('Lägg till en mening om distansarbete.');
    await submit(reviewer, sv['plans.comments.submit']);
    expect(await reviewer.locator('.comment-list').textContent()).toContain('Lägg till en mening om distansarbete.');
    // Sending it for review made version 4 (a status change is a version of its own).
    expect(await reviewer.locator('.comment-list').textContent()).toContain('om version 4');
    await expectNoSeriousViolations(reviewer, 'plan view (reviewer)');

    // Adopting asks for confirmation, and first for the text the template left to write.
    await admin.goto(planUrl);
    expect(await admin.locator('.comment-list').textContent()).toContain('distansarbete');
    await Promise.all([
      admin.waitForURL(/\/adopt$/),
      admin.getByRole('link', { name: sv['plans.status.to.adopted'], exact: true }).click(),
    ]);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe(sv['plans.adopt.heading']);
    const placeholderLinks = admin.locator('#field-sections a');
    expect(await placeholderLinks.allTextContents()).toEqual([
      sv['plans.section.demand'],
      sv['plans.section.education-gap'],
      sv['plans.section.measures'],
    ]);
    await expectNoSeriousViolations(admin, 'adopt confirmation (placeholder text left)');
    await admin.getByLabel(sv['plans.adopt.confirm']).check();
    await submit(admin, sv['plans.adopt.submit']);
    await expect.poll(() => admin.getByRole('alert').first().textContent()).toContain(sv['plans.adopt.placeholders']);
    expect(await admin.locator('[data-plan-status]').count()).toBe(0);

    await Promise.all([admin.waitForURL(/\/edit(#.*)?$/), placeholderLinks.first().click()]);
    for (const key of ['demand', 'education-gap', 'measures'] as const) {
      const field = admin.getByLabel(sv[`plans.section.${key}`]);
      await field.fill((await field.inputValue()).replace(/\[Att skriva:[^\]]*\]/g, `Sekretariatets analys (${key}).`));
    }
    await submit(admin, sv['plans.edit.save']);
    await admin.goto(`${planUrl}/adopt`);
    expect(await admin.locator('#field-sections').textContent()).toContain(sv['plans.adopt.noPlaceholders']);
    // The reviewer commented, so no reason for skipping the review is asked for.
    expect(await admin.getByLabel(sv['plans.adopt.reason']).count()).toBe(0);
    await submit(admin, sv['plans.adopt.submit']);
    await expect.poll(() => admin.getByRole('alert').first().textContent()).toContain(sv['plans.error.confirm']);
    await admin.getByLabel(sv['plans.adopt.confirm']).check();
    await submit(admin, sv['plans.adopt.submit']);
    expect(await admin.locator('[data-plan-status]').textContent()).toBe(sv['plans.status.adopted']);
    // Adopted, the secretariat's own print view is the published plan: nothing internal, no raw figure.
    const adoptedByAdmin = pdfPageTexts(await printToPdf(admin, `${planUrl}/print?view=raw`));
    expect(adoptedByAdmin.some((text) => text.includes(INTERNAL))).toBe(false);
    const visitor = await harness.openAuditedPage({ locale: 'en-GB' });
    await visitor.goto('/plans');
    await Promise.all([visitor.waitForURL(/\/plans\/[^/]+$/), visitor.locator('tbody a').first().click()]);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toContain('Competence plan');
    expect(await visitor.locator('.cell-preview').count()).toBe(0);
    // The Swedish prose says so to an English reader's screen reader.
    expect(await visitor.locator('#section-summary .plan-prose').getAttribute('lang')).toBe('sv');
    await expectNoSeriousViolations(visitor, 'adopted plan (public, English)');

    // The print view as a PDF: A4, page numbers in the footer, a bookmark per heading.
    const pdf = await printToPdf(visitor, `${planUrl}/print`);
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(resolve(SCREENSHOTS, 'plan-print.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThan(1);
    const outline = outlineText(pdf);
    for (const heading of ['Summary', 'Demand for competence', 'The education gap', 'Proposed measures']) {
      expect(outline).toContain(heading);
    }
  }, 180_000);

  it('chooses a measure’s indicator by keyboard on the edit page and shows after saving the baseline the plan now holds for it', async () => {
    const admin = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(admin, DEMO_ADMIN_EMAIL);
    await admin.goto('/plans');
    await admin.getByLabel(sv['plans.create.specialisation']).selectOption('tech');
    await Promise.all([
      admin.waitForURL(/\/plans\/[^/]+$/),
      admin.getByRole('button', { name: sv['plans.create.submit'] }).click(),
    ]);
    const planUrl = new URL(admin.url()).pathname;
    await admin.goto(`${planUrl}/edit`);

    // The first measure follows the organisations stating needs; the secretariat moves to its
    // indicator from the timeline with Tab and steps down to the share recruited from outside.
    const first = admin.locator('fieldset.plan-measure').first();
    const indicator = first.getByLabel(sv['plans.column.indicator']);
    expect(await indicator.inputValue()).toBe('organisations');
    expect(
      await indicator.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label'))),
    ).toEqual([sv['plans.edit.indicatorGroup.round'], sv['plans.edit.indicatorGroup.outcomes']]);
    await expectNoSeriousViolations(admin, 'plan edit with indicator selects');
    await first.getByLabel(sv['plans.column.timeline']).focus();
    await admin.keyboard.press('Tab');
    expect(await indicator.evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 3; i++) await admin.keyboard.press('ArrowDown');
    expect(await indicator.inputValue()).toBe('recruit-outside-share');
    await admin.getByRole('button', { name: sv['plans.edit.save'], exact: true }).focus();
    await Promise.all([admin.waitForURL(/\?done=edit\.saved$/), admin.keyboard.press('Enter')]);
    expect(await admin.getByRole('status').textContent()).toContain('version 2');

    // The plan's measures table shows the new indicator with the baseline the API holds for it.
    const api = await admin.request.get(`/api/v1${planUrl}`);
    const plan = (await api.json()) as { measures: { indicator: string; baseline: number | null }[] };
    const chosen = plan.measures[0];
    expect(chosen?.indicator).toBe('recruit-outside-share');
    // The demo round has no publication, so its protected figures give no baseline: the page says "–".
    const baseline =
      chosen?.baseline == null
        ? '–'
        : `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(Math.round(chosen.baseline * 1000) / 10)} %`;
    const row = admin.locator('table.plan-measures tbody tr').first();
    expect(await row.locator('td').allTextContents()).toEqual(
      expect.arrayContaining([sv['plans.indicator.recruit-outside-share'], baseline]),
    );
    await expectNoSeriousViolations(admin, 'plan view after choosing an indicator');
    await admin.goto(`${planUrl}/edit`);
    expect(await indicator.inputValue()).toBe('recruit-outside-share');
    // Its description, read out with the select, says the baseline it holds now.
    const hint = await admin.locator(`#${await indicator.getAttribute('aria-describedby')}`).textContent();
    expect(hint).toBe(
      chosen?.baseline == null
        ? sv['plans.edit.indicatorHintNoBaseline']
        : sv['plans.edit.indicatorHint'].replace('{baseline}', baseline),
    );
  }, 120_000);
});
