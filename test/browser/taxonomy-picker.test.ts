import { describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { chromiumAvailable } from './support/browser.ts';
import { expectNoSeriousViolations, saveScreenshot, useBrowserHarness } from './support/harness.ts';
import { signInThroughOutbox } from './support/sign-in.ts';

const ORG = 'demo-org-kodkusten';
const MEMBER = 'lina@kodkusten.kompetensbron.example';
const PYTHON = { id: 'qfkh_ZRK_w4W', label: 'Python, programmeringsspråk' };
const MODELLING = { id: 'yQcc_fTn_JL5', label: '3D-modellering' };
const SOFTWARE = 'DJh5_yyF_hEM';

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
