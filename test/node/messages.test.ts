import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/features.ts';
import { duplicateKeys, en, sv } from '../../src/messages.ts';
import { createTestApp, request } from '../support/app.ts';

/**
 * Each feature keeps its messages in its own messages.ts; the app shell composes them
 * (src/messages.ts) into one catalogue per language that every translator reads.
 */
describe('the composed message catalogue', () => {
  it('defines no key twice across the app shell and the features', () => {
    expect(duplicateKeys()).toEqual([]);
  });

  it('has an English text for every Swedish key, and no English key without a Swedish one', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    expect(Object.entries(en).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it("holds every feature's own messages", () => {
    for (const feature of FEATURES) {
      for (const key of Object.keys(feature.messages?.sv ?? {}))
        expect(sv, `${feature.name}: ${key}`).toHaveProperty([key]);
    }
  });

  it("shows a page in the reader's language from a feature's messages", async () => {
    const t = await createTestApp();
    const swedish = await request(t.app, '/demand', { headers: { 'accept-language': 'sv' } });
    const english = await request(t.app, '/demand', { headers: { 'accept-language': 'en' } });
    expect(await swedish.text()).toContain(sv['demand.title']);
    expect(await english.text()).toContain(en['demand.title']);
    await t.database.close();
  });
});
