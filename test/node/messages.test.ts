import { describe, expect, it } from 'vitest';
import { FEATURES, uncomposedMessages } from '../../src/features.ts';
import { sv as shellSv } from '../../src/i18n/messages/sv.ts';
import { en, sv } from '../../src/messages.ts';
import { createTestApp, request } from '../support/app.ts';

/**
 * Each feature keeps its messages in its own messages.ts; the app shell composes them
 * (src/messages.ts) into one catalogue per language that every translator reads.
 */
describe('the composed message catalogue', () => {
  it('defines no key twice across the app shell and the features', () => {
    const parts = [{ name: 'app shell', keys: Object.keys(shellSv) }];
    for (const f of FEATURES) parts.push({ name: f.name, keys: Object.keys(f.messages?.sv ?? {}) });
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const part of parts) {
      for (const key of part.keys) {
        const first = owner.get(key);
        if (first) twice.push(`${key} (${first}, ${part.name})`);
        else owner.set(key, part.name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('has an English text for every Swedish key, and no English key without a Swedish one', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    expect(Object.entries(en).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it("holds every feature's own messages as the feature wrote them", () => {
    expect(uncomposedMessages()).toEqual([]);
    expect(Object.keys(sv).length).toBe(
      Object.keys(shellSv).length + FEATURES.reduce((n, f) => n + Object.keys(f.messages?.sv ?? {}).length, 0),
    );
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
