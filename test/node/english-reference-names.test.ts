import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { pickerNames, resolveEntries } from '../../src/taxonomy/index.ts';
import { listOccupations } from '../../src/taxonomy/queries.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson } from '../support/auth.ts';
import { mainPages, renderMainPages } from '../support/main-pages.ts';
import {
  api,
  OCC,
  organisationWithMember,
  placementBody,
  profileBody,
  publish,
  student,
} from '../support/placements.ts';

/**
 * Issue 18: the English interface names reference data in English wherever the data has an English
 * name (SCB's SSYK 2012 names) and in Swedish, marked lang="sv", where it has none (JobTech's
 * skills and its groups without an SSYK code, SUN 2020, SNI 2007). The main pages of each role
 * (test/support/main-pages.ts, the pages the HTML checker walks) are read as text, each text with
 * the language of its nearest element that has one.
 */

/** Swedish-only names the demo pages show, one or more of each kind of reference data. */
const SWEDISH_ONLY = [
  // JobTech skills (the placement detail, the gap page, the student's profile).
  'Python, programmeringsspråk',
  'SQL, frågespråk',
  'Automationsteknik',
  // A SUN 2020 level and a field (the offering form).
  'Eftergymnasial utbildning, kortare än 2 år',
  'Maskinteknik och verkstadsteknik',
  // SNI 2007 divisions and sections (the organisation form, the round's response rates).
  'Tillverkning av kläder',
  'Informations- och kommunikationsverksamhet',
  // A JobTech group without an SSYK code, hence without an English name (a placement planted below).
  'Bergsprängare',
];
const BLASTERS = 'sX9n_CWa_KVC';
/** An element holding a name marked Swedish (the markup this work adds on English pages). */
const MARKED_NAME = /<(span|option|th|label|dd|li|textarea|input)\b[^>]* lang="sv"/;
const SCB_ENGLISH = 'Software- and system developers';
const JOBTECH_SWEDISH = 'Mjukvaru- och systemutvecklare';

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const decode = (text: string) =>
  text
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The page's text nodes (scripts and styles aside), each with the lang of its nearest element that has one. */
function textsWithLang(html: string): { text: string; lang: string | undefined }[] {
  const texts: { text: string; lang: string | undefined }[] = [];
  const open: { tag: string; lang: string | undefined }[] = [];
  const token = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+)/g;
  for (const m of html.matchAll(token)) {
    const [, , closing, name, attributes = '', text] = m;
    if (text !== undefined) {
      const lang = open.findLast((e) => e.lang !== undefined)?.lang;
      texts.push({ text: decode(text).replace(/\s+/g, ' '), lang });
    } else if (name) {
      const tag = name.toLowerCase();
      if (closing) {
        const at = open.map((e) => e.tag).lastIndexOf(tag);
        if (at >= 0) open.length = at;
      } else if (!VOID.has(tag) && !attributes.endsWith('/')) {
        open.push({ tag, lang: /\slang="([^"]*)"/.exec(attributes)?.[1] });
      }
    }
  }
  return texts;
}

describe('the main English pages of each role', () => {
  let pages: { where: string; texts: { text: string; lang: string | undefined }[] }[];
  let swedishPages: { where: string; html: string }[];

  beforeAll(async () => {
    const t = await createTestApp();
    const list = await mainPages(t);
    const { member, org } = await organisationWithMember(t, 'Stenbrottet i Bräkne-Hoby AB');
    const blasting = await publish(t, member, placementBody(org.id, { occupationId: BLASTERS, skillIds: [] }));
    list.push({ path: `/placements/${blasting.id}` });
    const rendered = await renderMainPages(t, list, 'en');
    for (const r of rendered) expect(r.status, `${r.page.as ?? 'anonymous'} ${r.page.path}`).toBe(200);
    pages = rendered.map((r) => ({
      where: `${r.page.as ?? 'anonymous'} ${r.page.path}`,
      texts: textsWithLang(r.html),
    }));
    swedishPages = (await renderMainPages(t, list, 'sv')).map((r) => ({
      where: `${r.page.as ?? 'anonymous'} ${r.page.path}`,
      html: r.html,
    }));
  }, 120_000);

  const where = (name: string, inSwedish: boolean) =>
    pages.flatMap((p) =>
      p.texts
        .filter((x) => x.text.includes(name) && (x.lang === 'sv') === inSwedish)
        .map((x) => `${p.where}: ${x.text}`),
    );

  it.each(SWEDISH_ONLY)('shows "%s", which the reference data names in Swedish only, inside lang="sv" only', (name) => {
    expect(where(name, true).length, `${name} is on no page: the check would pass unread`).toBeGreaterThan(0);
    expect(where(name, false)).toEqual([]);
  });

  it(`names software developers by SCB's English name, never by JobTech's Swedish one`, () => {
    expect(where(SCB_ENGLISH, false).length).toBeGreaterThan(0);
    expect([...where(JOBTECH_SWEDISH, false), ...where(JOBTECH_SWEDISH, true)]).toEqual([]);
  });

  it('marks no name on the Swedish pages, where every name is Swedish', () => {
    // (A plan's prose carries the language it was written in, on any page: that is not a name.)
    for (const p of swedishPages) expect(p.html, p.where).not.toMatch(MARKED_NAME);
  });
});

describe("the taxonomy picker's names on an English page", () => {
  let t: TestApp;
  let csrf: { cookie: string; token: string };
  beforeEach(async () => {
    t = await createTestApp();
    csrf = await csrfPair(t.app);
  });

  it('gives every occupation group a name that resolves to that group again', async () => {
    const { items } = await listOccupations(t.deps.db, { limit: 10_000, offset: 0 });
    const names = await pickerNames(
      t.deps.db,
      'occupation',
      items.map((o) => o.id),
      'en',
    );
    expect(names.size).toBe(items.length);
    const astray: string[] = [];
    for (const o of items) {
      const name = names.get(o.id)?.name ?? '';
      const { ids } = await resolveEntries(t.deps.db, 'occupation', name);
      if (ids.length !== 1 || ids[0] !== o.id) astray.push(`${o.id} ${name} → ${ids.join(',')}`);
    }
    expect(astray).toEqual([]);
    // SCB names 2515 and 3513 both "System administrators": 2515 keeps JobTech's Swedish name.
    expect(names.get('cBBa_ngH_fCx')).toEqual({ name: 'Systemförvaltare m.fl.', lang: 'sv' });
    expect(names.get(OCC.software)).toEqual({ name: `${SCB_ENGLISH}` });
  }, 60_000);

  async function profileForm(me: SignedInPerson) {
    const response = await request(t.app, '/students/profile', { headers: { cookie: cookies(me.cookie, 'lang=en') } });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function saveProfile(me: SignedInPerson, fields: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: csrf.token, visibility: 'hidden', ...fields });
    return request(t.app, '/students/profile', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookies(csrf.cookie, me.cookie, 'lang=en'),
      },
      body: body.toString(),
    });
  }

  it('fills the profile with the English name and lang="sv" skills, and the form posted back as shown keeps the same ids', async () => {
    const me = await student(t);
    const saved = profileBody({ occupationIds: [OCC.software, BLASTERS], skillIds: ['qfkh_ZRK_w4W'] });
    expect((await api(t, 'PUT', '/api/v1/students/me/profile', me, saved)).status).toBe(200);
    const html = await profileForm(me);
    const field = (name: string) =>
      new RegExp(`<textarea id="field-${name}" name="${name}"([^>]*)>([^<]*)</textarea>`).exec(html);
    const occupations = field('occupationIds');
    const skills = field('skillIds');
    expect(occupations?.[2]).toBe(`${SCB_ENGLISH}\nBergsprängare`);
    // One English name among them: the field as a whole is not Swedish.
    expect(occupations?.[1]).not.toContain('lang="sv"');
    expect(skills?.[2]).toBe('Python, programmeringsspråk');
    expect(skills?.[1]).toContain(' lang="sv"');

    const response = await saveProfile(me, {
      occupationIds: occupations?.[2] ?? '',
      skillIds: skills?.[2] ?? '',
      version: /name="version" value="(\d+)"/.exec(html)?.[1] ?? '',
    });
    expect(response.status).toBe(303);
    const profile = (await (await api(t, 'GET', '/api/v1/students/me/profile', me)).json()) as {
      occupationIds: string[];
    };
    expect([...profile.occupationIds].sort()).toEqual([OCC.software, BLASTERS].sort());
  });

  it('resolves the Swedish name the script posts on an English page to the same group as the English one', async () => {
    const me = await student(t);
    for (const [i, name] of ['Mjukvaru- och systemutvecklare m.fl.', SCB_ENGLISH].entries()) {
      const response = await saveProfile(me, { occupationIds: name, version: String(i) });
      expect(response.status, name).toBe(303);
      const profile = (await (await api(t, 'GET', '/api/v1/students/me/profile', me)).json()) as {
        occupationIds: string[];
      };
      expect(profile.occupationIds, name).toEqual([OCC.software]);
    }
  });

  it('keeps the Swedish pages as they were: Swedish names, no lang marks', async () => {
    const me = await student(t);
    const saved = profileBody({ occupationIds: [OCC.software], skillIds: ['qfkh_ZRK_w4W'] });
    expect((await api(t, 'PUT', '/api/v1/students/me/profile', me, saved)).status).toBe(200);
    const response = await request(t.app, '/students/profile', { headers: { cookie: cookies(me.cookie) } });
    const html = await response.text();
    expect(html).toContain('>Mjukvaru- och systemutvecklare m.fl.</textarea>');
    expect(html).toContain(`<option value="41">${sv['sunLevel.41']}</option>`);
    expect(html).not.toMatch(MARKED_NAME);
  });
});
