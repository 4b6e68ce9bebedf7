import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const ORG = 'demo-org-kodkusten';
const MEMBER = 'lina@kodkusten.kompetensbron.example';
const STUDENT = 'stina.student@kompetensbron.example';
const PYTHON = 'qfkh_ZRK_w4W';
const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())?.trim();

describe.skipIf(!chromiumAvailable())('placements in Chromium', () => {
  const harness = useBrowserHarness();

  it('an organisation publishes, a student finds and applies, the organisation moves the status; no serious axe violation', async () => {
    // The organisation publishes a placement through its form.
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    await org.goto(`/organisations/${ORG}/placements`);
    await expectNoSeriousViolations(org, 'organisation placements');
    await org.getByRole('link', { name: sv['placement.org.new'] }).click();
    await org.waitForURL(/placements\/new/);
    await expectNoSeriousViolations(org, 'new placement form');
    await org.getByLabel(sv['placement.field.kind']).selectOption('lia');
    await org.getByLabel(sv['placement.field.title']).fill('Sjökortsappen LIA');
    await org.getByLabel(sv['placement.field.description']).fill('Bygg vidare på vår sjökortsapp i Python.');
    await org.getByLabel(sv['placement.field.occupation']).fill('DJh5_yyF_hEM');
    await org.getByLabel(sv['placement.field.skills']).fill(PYTHON);
    await org.getByLabel(sv['placement.field.municipality']).selectOption('1080');
    await org.getByLabel(sv['placement.field.periodStart']).fill('2027-03-01');
    await org.getByLabel(sv['placement.field.periodEnd']).fill('2027-05-31');
    await org.getByLabel(sv['placement.field.applyBy']).fill('2027-01-31');
    await Promise.all([
      org.waitForURL(/created=1/),
      org.getByRole('button', { name: sv['placement.org.publish'] }).click(),
    ]);
    expect(await org.getByRole('status').textContent()).toBe(sv['placement.org.created']);

    // The student sets a profile, finds the placement by a word and in the ranked list, and applies.
    const student = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    await signInThroughOutbox(student, STUDENT);
    await student.goto('/students/profile');
    await expectNoSeriousViolations(student, 'student profile');
    await student.getByLabel(sv['profile.programme']).fill('Datateknik');
    await student.getByLabel(sv['profile.skills']).fill(PYTHON);
    await student.getByLabel('Karlskrona').check();
    await Promise.all([
      student.waitForURL(/saved=1/),
      student.getByRole('button', { name: sv['profile.save'] }).click(),
    ]);
    await student.getByRole('link', { name: sv['recommended.title'] }).first().click();
    await student.waitForURL(/\/placements\/recommended/);
    expect(await student.locator('main').textContent()).toContain('Sjökortsappen LIA');
    expect(await student.locator('main').textContent()).toContain(
      `${sv['recommended.reason.skills'].replace('{skills}', 'Python')}`,
    );
    await expectNoSeriousViolations(student, 'recommended');

    await student.goto('/placements');
    await expectNoSeriousViolations(student, 'placement search');
    await student.getByLabel(sv['placement.list.q']).fill('sjökortsappen');
    await Promise.all([student.waitForURL(/q=sj/), student.getByLabel(sv['placement.list.q']).press('Enter')]);
    await saveScreenshot(student, 'placements-search-sv-390');
    await student.getByRole('link', { name: 'Sjökortsappen LIA' }).click();
    await student.waitForLoadState('load');
    expect(await heading(student)).toBe('Sjökortsappen LIA');
    await expectNoSeriousViolations(student, 'placement detail');
    await student.getByLabel(sv['placement.apply.message']).fill('Jag läser datateknik och kan Python.');
    await Promise.all([
      student.waitForURL(/applied=1/),
      student.getByRole('button', { name: sv['placement.apply.submit'] }).click(),
    ]);
    expect(await student.getByRole('status').textContent()).toBe(sv['placement.apply.sent']);

    // The organisation reviews the applicant and moves the application into dialogue.
    await org.goto(`/organisations/${ORG}/applications`);
    expect(await org.locator('main').textContent()).toContain('Jag läser datateknik och kan Python.');
    await expectNoSeriousViolations(org, 'applicants');
    await org.locator('select[name="status"]').first().selectOption('in-dialogue');
    await Promise.all([
      org.waitForURL(/moved=1/),
      org
        .getByRole('button', { name: new RegExp(sv['placement.org.move']) })
        .first()
        .click(),
    ]);
    expect(await org.locator('tbody').textContent()).toContain(sv['application.status.in-dialogue']);
    await saveScreenshot(org, 'placements-applicants-sv-1280');

    // The student follows the status.
    await student.goto('/students/applications');
    expect(await student.locator('tbody').textContent()).toContain(sv['application.status.in-dialogue']);
    await expectNoSeriousViolations(student, 'my applications');
  }, 120_000);

  it('an organisation member opens a placement from the list, changes its title and sees it saved', async () => {
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    const published = await org.request.post('/api/v1/placements', {
      data: {
        organisationId: ORG,
        kind: 'praktik',
        title: 'Praktik i testautomation',
        description: 'Skriv tester för vår webbplattform.',
        occupationId: 'DJh5_yyF_hEM',
        municipalityCode: '1080',
        periodStart: '2027-03-01',
        periodEnd: '2027-05-31',
        applyBy: '2027-01-31',
      },
    });
    expect(published.status()).toBe(201);
    await org.goto(`/organisations/${ORG}/placements`);
    await org
      .getByRole('link', { name: new RegExp(`^${sv['placement.org.edit']}\\W+Praktik i testautomation$`) })
      .click();
    await org.waitForURL(/\/edit$/);
    await expectNoSeriousViolations(org, 'edit placement form');
    await org.getByLabel(sv['placement.field.title']).fill('Praktik i testautomation och CI');
    await Promise.all([
      org.waitForURL(/updated=1/),
      org.getByRole('button', { name: sv['placement.org.save'] }).click(),
    ]);
    expect(await org.getByRole('status').textContent()).toBe(sv['placement.org.updated']);
    expect(await org.locator('tbody').textContent()).toContain('Praktik i testautomation och CI');
  }, 60_000);
});
