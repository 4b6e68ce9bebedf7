import { beforeAll, describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';
import { seedDemo } from '../../src/node/database.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { SEED_DEMO: 'true' } });
  await seedDemo(t.database, new Date('2026-11-28T10:00:00Z'));
});

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');

describe('the start page', () => {
  it('is Swedish by default', async () => {
    const response = await request(t.app, '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('sv');
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(escapeHtml(sv['home.title']));
  });

  it('explains the service to each of its four kinds of users', async () => {
    const html = await (await request(t.app, '/')).text();
    for (const key of ['companies', 'providers', 'students', 'secretariat'] as const) {
      expect(html).toContain(escapeHtml(sv[`home.${key}.heading`]));
      expect(html).toContain(escapeHtml(sv[`home.${key}.body`]));
    }
  });

  it('follows Accept-Language to English', async () => {
    const response = await request(t.app, '/', { headers: { 'accept-language': 'en-GB,en;q=0.8,sv;q=0.5' } });
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(escapeHtml(en['home.title']));
    expect(html).toContain(escapeHtml(en['home.secretariat.body']));
  });

  it('lets the language cookie override Accept-Language', async () => {
    const response = await request(t.app, '/', { headers: { 'accept-language': 'en', cookie: 'lang=sv' } });
    expect(await response.text()).toContain('<html lang="sv">');
  });

  it("shows the region's specialisations and live figures from the database", async () => {
    const html = await (await request(t.app, '/')).text();
    expect(html).toContain('Smart industri – formningsteknologi och marin teknik');
    expect(html).toContain('Cybersäkerhet');
    expect(html).toMatch(/<dd>12<\/dd>\s*<\/div>/); // demo organisations
    expect(html).toContain('<dd>429</dd>'); // SSYK 2012 unit groups
    expect(html).toContain('kommuner i Region Blekinge');
    // The demo's open placements, counted as the public list counts them (the test clock is before their deadlines).
    expect(html).toMatch(/<dt>öppna platser: praktik, LIA, examensarbeten och traineeplatser<\/dt>\s*<dd>8<\/dd>/);
  });

  it('counts no placement whose deadline has passed or that was withdrawn', async () => {
    t.database.sqlite.raw.exec(
      `update placements set status = 'withdrawn' where id = 'demo-placement-kodkusten-lia-webb'`,
    );
    t.database.sqlite.raw.exec(
      `update placements set apply_by = '2026-01-01' where id = 'demo-placement-kodkusten-exjobb-ml'`,
    );
    const html = await (await request(t.app, '/')).text();
    expect(html).toMatch(/<dt>öppna platser: praktik, LIA, examensarbeten och traineeplatser<\/dt>\s*<dd>6<\/dd>/);
  });

  it('says that the demo data is fictional', async () => {
    const html = await (await request(t.app, '/')).text();
    expect(html).toContain(escapeHtml(sv['home.demoNotice']));
  });

  it('carries a language switch form with a CSRF token', async () => {
    const html = await (await request(t.app, '/')).text();
    expect(html).toMatch(/<form method="post" action="\/language"/);
    expect(html).toMatch(/name="_csrf" value="[\w-]{43}"/);
    expect(html).toContain('lang="en">In English</button>');
  });

  it('serves its style sheet with a long cache for the versioned URL', async () => {
    const html = await (await request(t.app, '/')).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(href).toMatch(/^\/assets\/app\.css\?v=[0-9a-f]{12}$/);
    const css = await request(t.app, href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect((await request(t.app, '/assets/nothing.css')).status).toBe(404);
  });

  it('links its icon, and answers the icon at /favicon.svg and /favicon.ico instead of a 404', async () => {
    const html = await (await request(t.app, '/')).text();
    const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(html)?.[1] ?? '';
    expect(href).toMatch(/^\/assets\/favicon\.svg\?v=[0-9a-f]{12}$/);
    const linked = await request(t.app, href);
    expect(linked.status).toBe(200);
    expect(linked.headers.get('cache-control')).toContain('immutable');
    const svg = await linked.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const response = await request(t.app, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('image/svg+xml');
      expect(response.headers.get('cache-control'), path).toBe('public, max-age=86400');
      expect(await response.text(), path).toBe(svg);
    }
  });
});

describe('message catalogues', () => {
  it('have the same keys in Swedish and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const [key, text] of [...Object.entries(sv), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    }
  });
});
