import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const ORG = 'demo-org-kodkusten';
const MEMBER = 'lina@kodkusten.kompetensbron.example';
const PYTHON = { id: 'qfkh_ZRK_w4W', label: 'Python, programmeringsspråk' };
const MODELLING = { id: 'yQcc_fTn_JL5', label: '3D-modellering' };
const SOFTWARE = 'DJh5_yyF_hEM';

/** The text a sighted reader sees: visually hidden words (for screen readers) left out. */
const seen = (target: Locator) =>
  target.evaluate((element) =>
    [...element.childNodes]
      .filter((node) => !(node instanceof Element && node.classList.contains('visually-hidden')))
      .map((node) => node.textContent)
      .join(''),
  );

describe.skipIf(!chromiumAvailable())('the taxonomy picker in Chromium', () => {
  const harness = useBrowserHarness();

  it('a member types part of an occupation and a skill, picks the suggestions, saves, and the placement has their ids', async () => {
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    await org.goto(`/organisations/${ORG}/placements/new`);
    await org.getByLabel(sv['placement.field.kind']).selectOption('lia');
    await org.getByLabel(sv['placement.field.title']).fill('LIA med plockade kompetenser');
    await org.getByLabel(sv['placement.field.description']).fill('Yrke och kompetens valda ur förslagen.');

    const occupation = org.getByRole('combobox', { name: sv['placement.field.occupation'] });
    await occupation.pressSequentially('mjukvaru');
    await org.getByRole('option', { name: /Mjukvaru- och systemutvecklare/ }).click();
    // The chosen occupation's linked skills are offered as checkboxes.
    await org.getByRole('group', { name: /Kompetenser som hör till Mjukvaru/ }).waitFor();

    const skills = org.getByRole('combobox', { name: sv['placement.field.skills'] });
    await skills.pressSequentially('pytho');
    await org.getByRole('option', { name: PYTHON.label }).click();
    await expect.poll(() => org.getByRole('button', { name: `Ta bort ${PYTHON.label}` }).count()).toBe(1);
    // A linked skill ticked joins the chosen skills.
    await org.getByRole('checkbox', { name: MODELLING.label }).check();
    await expect.poll(() => org.getByRole('button', { name: `Ta bort ${MODELLING.label}` }).count()).toBe(1);
    // Its chip removed, the box is unticked; ticked again, the chip is back.
    await org.getByRole('button', { name: `Ta bort ${MODELLING.label}` }).click();
    expect(await org.getByRole('checkbox', { name: MODELLING.label }).isChecked()).toBe(false);
    await org.getByRole('checkbox', { name: MODELLING.label }).check();
    await expect.poll(() => org.getByRole('button', { name: `Ta bort ${MODELLING.label}` }).count()).toBe(1);
    await expectNoSeriousViolations(org, 'placement form with taxonomy picker');
    await saveScreenshot(org, 'taxonomy-picker-sv-1280');

    await org.getByLabel(sv['placement.field.municipality']).selectOption('1080');
    await org.getByLabel(sv['placement.field.periodStart']).fill('2027-03-01');
    await org.getByLabel(sv['placement.field.periodEnd']).fill('2027-05-31');
    await org.getByLabel(sv['placement.field.applyBy']).fill('2027-01-31');
    await Promise.all([
      org.waitForURL(/created=1/),
      org.getByRole('button', { name: sv['placement.org.publish'] }).click(),
    ]);

    const response = await org.request.get(`/api/v1/placements?${new URLSearchParams({ q: 'plockade kompetenser' })}`);
    const { items } = (await response.json()) as {
      items: { title: string; occupationId: string; skillIds: string[] }[];
    };
    const saved = items.find((p) => p.title === 'LIA med plockade kompetenser');
    expect(saved?.occupationId).toBe(SOFTWARE);
    expect([...(saved?.skillIds ?? [])].sort()).toEqual([PYTHON.id, MODELLING.id].sort());
  }, 90_000);

  it('a name typed and kept becomes the taxonomy label when it is one, and is marked as not found when it is not', async () => {
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    await org.goto(`/organisations/${ORG}/placements/new`);
    const skills = org.getByRole('combobox', { name: sv['placement.field.skills'] });
    await skills.fill('sql, FRÅGESPRÅK');
    await skills.press('Enter');
    await expect.poll(() => org.getByRole('button', { name: 'Ta bort SQL, frågespråk' }).count()).toBe(1);
    await skills.fill('Pyton');
    await skills.press('Enter');
    const unmatched = org.locator('.chip--unmatched');
    await expect.poll(() => unmatched.count()).toBe(1);
    expect(await unmatched.textContent()).toContain(`Pyton (${sv['taxonomy.picker.unmatched']})`);
    expect(await org.locator('.chip:not(.chip--unmatched)').count()).toBe(1);
    await expectNoSeriousViolations(org, 'taxonomy picker with a name not found');
    // Removed, it leaves the field: what is posted is the one skill the taxonomy knows.
    await org.getByRole('button', { name: 'Ta bort Pyton' }).click();
    expect(await org.locator('textarea[name="skillIds"]').inputValue()).toBe('SQL, frågespråk');
  }, 60_000);

  it('a member finds an occupation by job title, sees which title matched, and gets a visible "did you mean" for a typo', async () => {
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    await org.goto(`/organisations/${ORG}/placements/new`);
    const occupation = org.getByRole('combobox', { name: sv['placement.field.occupation'] });
    await occupation.pressSequentially('mjukvaruutvecklare');
    // Seen as "title → group", heard as "title in the occupation group group".
    const option = org.getByRole('option', {
      name: `Mjukvaruutvecklare ${sv['taxonomy.picker.inGroup']} Mjukvaru- och systemutvecklare m.fl. (2512)`,
    });
    expect(await seen(option)).toBe('Mjukvaruutvecklare → Mjukvaru- och systemutvecklare m.fl. (2512)');
    await expectNoSeriousViolations(org, 'occupation picker with a matched job title');
    await saveScreenshot(org, 'taxonomy-picker-job-title-sv-1280');
    await option.click();
    const chip = org.getByRole('button', { name: 'Ta bort Mjukvaru- och systemutvecklare m.fl.' });
    await expect.poll(() => chip.count()).toBe(1);
    await chip.click();

    // A typo finds nothing: the page says so where the person is looking, with the nearest title.
    await occupation.pressSequentially('progammerare');
    const none = org.locator('[data-taxonomy-picker][data-kind="occupation"] .combobox-none');
    await expect.poll(() => none.isVisible()).toBe(true);
    expect(await none.locator('p').textContent()).toBe(
      `${sv['taxonomy.picker.noMatch'].replace('{query}', 'progammerare')} ${sv['taxonomy.picker.didYouMean']}`,
    );
    const suggestion = none.getByRole('button', {
      name: `Programmerare ${sv['taxonomy.picker.inGroup']} Mjukvaru- och systemutvecklare m.fl.`,
    });
    expect(await suggestion.isVisible()).toBe(true);
    expect(await occupation.getAttribute('aria-expanded')).toBe('false');
    await expectNoSeriousViolations(org, 'occupation picker with "did you mean"');
    await saveScreenshot(org, 'taxonomy-picker-did-you-mean-sv-1280');
    await suggestion.click();
    await expect.poll(() => chip.count()).toBe(1);
    expect(await none.isVisible()).toBe(false);
    expect(await org.locator('input[name="occupationId"]').inputValue()).toBe('Mjukvaru- och systemutvecklare m.fl.');
  }, 60_000);

  it('shows the matched Swedish job title marked as Swedish on the English page', async () => {
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    await org.context().addCookies([{ name: 'lang', value: 'en', url: harness.url }]);
    await org.goto(`/organisations/${ORG}/placements/new`);
    expect(await org.locator('html').getAttribute('lang')).toBe('en');
    const occupation = org.getByRole('combobox', { name: en['placement.field.occupation'] });
    await occupation.pressSequentially('sjöingenjör');
    // The group by SCB's English name, the job title (JobTech's, Swedish only) marked Swedish.
    const option = org.getByRole('option', {
      name: `Sjöingenjör ${en['taxonomy.picker.inGroup']} Ships' engineers (3151)`,
    });
    expect(await seen(option)).toBe("Sjöingenjör → Ships' engineers (3151)");
    expect(await option.locator('span[lang="sv"]').textContent()).toBe('Sjöingenjör');
    await occupation.fill('');
    await occupation.pressSequentially('qqxxzz');
    const none = org.locator('[data-taxonomy-picker][data-kind="occupation"] .combobox-none');
    await expect.poll(() => none.isVisible()).toBe(true);
    expect(await none.textContent()).toBe(`Nothing found for “qqxxzz”. ${en['taxonomy.picker.tryAnother']}`);
    await expectNoSeriousViolations(org, 'occupation picker in English');
  }, 60_000);

  it('on the English page shows the chosen group by its English name and skills marked Swedish, and posts the names the server resolves', async () => {
    const org = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await signInThroughOutbox(org, MEMBER);
    await org.context().addCookies([{ name: 'lang', value: 'en', url: harness.url }]);
    await org.goto(`/organisations/${ORG}/placements/new`);
    await org.getByLabel(en['placement.field.kind']).selectOption('lia');
    await org.getByLabel(en['placement.field.title']).fill('LIA picked in English');
    await org.getByLabel(en['placement.field.description']).fill('Occupation and skill chosen on the English page.');
    const occupation = org.getByRole('combobox', { name: en['placement.field.occupation'] });
    await occupation.pressSequentially('mjukvaru');
    await org.getByRole('option', { name: /Software- and system developers \(2512\)/ }).click();
    const chip = org.getByRole('button', { name: 'Remove Software- and system developers' });
    await expect.poll(() => chip.count()).toBe(1);
    // The field keeps the Swedish name, as before: SCB gives some groups the same English name.
    expect(await org.locator('input[name="occupationId"]').inputValue()).toBe('Mjukvaru- och systemutvecklare m.fl.');
    // The linked skills (JobTech names them in Swedish only) are marked so.
    await org.getByRole('group', { name: /Software- and system developers/ }).waitFor();
    expect(await org.getByText(MODELLING.label, { exact: true }).getAttribute('lang')).toBe('sv');
    await org.getByRole('checkbox', { name: MODELLING.label }).check();
    const skillChip = org.locator('[data-taxonomy-picker][data-kind="skill"] .chip span[lang="sv"]');
    await expect.poll(() => skillChip.textContent()).toBe(MODELLING.label);
    await expectNoSeriousViolations(org, 'taxonomy picker with English names');
    await org.getByLabel(en['placement.field.municipality']).selectOption('1080');
    await org.getByLabel(en['placement.field.periodStart']).fill('2027-03-01');
    await org.getByLabel(en['placement.field.periodEnd']).fill('2027-05-31');
    await org.getByLabel(en['placement.field.applyBy']).fill('2027-01-31');
    await Promise.all([
      org.waitForURL(/created=1/),
      org.getByRole('button', { name: en['placement.org.publish'] }).click(),
    ]);
    const response = await org.request.get(`/api/v1/placements?${new URLSearchParams({ q: 'picked in English' })}`);
    const { items } = (await response.json()) as {
      items: { title: string; occupationId: string; skillIds: string[] }[];
    };
    const saved = items.find((p) => p.title === 'LIA picked in English');
    expect(saved?.occupationId).toBe(SOFTWARE);
    expect(saved?.skillIds).toEqual([MODELLING.id]);
  }, 90_000);

  it('a visitor filters the open placements by an occupation picked by name, and the address says which', async () => {
    const visitor = await harness.openAuditedPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    await visitor.goto('/placements');
    const occupation = visitor.getByRole('combobox', { name: sv['placement.list.occupation'] });
    await occupation.pressSequentially('svets');
    await visitor.getByRole('option', { name: /Svetsare och gasskärare/ }).click();
    await expect.poll(() => visitor.getByRole('button', { name: 'Ta bort Svetsare och gasskärare' }).count()).toBe(1);
    await expectNoSeriousViolations(visitor, 'placements search with the occupation picker');
    await Promise.all([
      visitor.waitForURL(/occupation=/),
      visitor.getByRole('button', { name: sv['placement.list.search'] }).click(),
    ]);
    expect(new URL(visitor.url()).searchParams.get('occupation')).toBe('Svetsare och gasskärare');
    const titles = await visitor.locator('.result-list h3').allTextContents();
    expect(titles).toEqual(['Sommarjobb som svetsare på varvet']);
    // The chosen occupation is still shown as a chip after the search.
    expect(await visitor.getByRole('button', { name: 'Ta bort Svetsare och gasskärare' }).count()).toBe(1);
  }, 60_000);
});
