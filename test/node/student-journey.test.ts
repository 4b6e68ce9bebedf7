import { beforeEach, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { en, sv } from '../../src/messages.ts';
import { EDUCATION_LEVELS } from '../../src/taxonomy/index.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import {
  api,
  KARLSKRONA,
  OCC,
  organisationWithMember,
  placementBody,
  profileBody,
  publish,
  SKILL,
  student,
} from '../support/placements.ts';

/**
 * Issue 18, a student's way in: registering, the first sign-in, the profile's education level and
 * graduation month, the ranked list's reasons and the dates on the placement pages, through the
 * pages' HTTP surface. The browser test (test/browser/student-journey.test.ts) walks the same way.
 */
let t: TestApp;
let csrf: { cookie: string; token: string };
beforeEach(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
});

type Fields = Record<string, string> | [string, string][];

function post(path: string, fields: Fields, who?: SignedInPerson, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(fields);
  body.set('_csrf', csrf.token);
  return request(t.app, path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookies(csrf.cookie, who?.cookie),
      ...headers,
    },
    body: body.toString(),
  });
}

async function page(path: string, who?: SignedInPerson, headers: Record<string, string> = {}) {
  const response = await request(t.app, path, { headers: { cookie: cookies(who?.cookie), ...headers } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The text a reader sees in <main>: tags dropped, entities of the templates read back. */
function mainText(html: string): string {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The sign-in link of the latest mail to an address: its token and the page it names. */
async function mailedLink(email: string) {
  const [latest] = await listOutbox(t.deps.db, email);
  const link = new URL(latest?.links[0] ?? '');
  return { token: link.searchParams.get('token') ?? '', next: link.searchParams.get('next') ?? '' };
}

/** Confirms a mailed link as the verify page's form does; the answer's Location is where the person lands. */
async function confirm(link: { token: string; next: string }) {
  const response = await post('/sign-in/verify', { token: link.token, next: link.next || '/account' });
  expect(response.status).toBe(303);
  return response.headers.get('location');
}

describe('registering as a student', () => {
  it('says where the link went and how long it works, the same for a new address and one with an account', async () => {
    await signIn(t, { email: 'anna@foretag.se', name: 'Anna Andersson' });
    for (const email of ['stina@student.se', 'anna@foretag.se']) {
      const response = await post('/register', { name: 'Stina', email });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/register/sent?email=${encodeURIComponent(email)}`);
      const text = mainText(await page(response.headers.get('location') ?? ''));
      expect(text).toContain(
        `Vi har skickat en länk till ${email}. Öppna den inom 15 minuter för att logga in och fylla i din profil.`,
      );
      expect(text).not.toContain('har ett konto');
    }
  });

  it('mails a new address a welcome and an address with an account that it had one, each with a sign-in link', async () => {
    await signIn(t, { email: 'anna@foretag.se', name: 'Anna Andersson' });
    await post('/register', { name: 'Stina', email: 'stina@student.se' });
    await post('/register', { name: 'Någon', email: 'anna@foretag.se' });
    const [welcome] = await listOutbox(t.deps.db, 'stina@student.se');
    expect(welcome?.subject).toBe(sv['register.mail.new.subject']);
    // Greeting and signature come from the one mail composer (src/mail/compose.ts), as in every mail.
    expect(welcome?.text).toMatch(/^Hej!\n/);
    expect(welcome?.text).toContain('Du är registrerad som student');
    expect(welcome?.links[0]).toMatch(/\/sign-in\/verify\?token=/);
    const [existing] = await listOutbox(t.deps.db, 'anna@foretag.se');
    expect(existing?.subject).toBe(sv['register.mail.existing.subject']);
    expect(existing?.text).toMatch(/^Hej!\n/);
    expect(existing?.text).toContain('Adressen har redan ett konto');
    expect(existing?.links[0]).toMatch(/\/sign-in\/verify\?token=/);
  });

  it('says it in English to an English reader', async () => {
    const response = await post('/register', { name: 'Alex', email: 'alex@example.com' }, undefined, {
      'accept-language': 'en',
    });
    const text = mainText(await page(response.headers.get('location') ?? '', undefined, { 'accept-language': 'en' }));
    expect(text).toContain(
      'We have sent a link to alex@example.com. Open it within 15 minutes to sign in and fill in your profile.',
    );
    const [mail] = await listOutbox(t.deps.db, 'alex@example.com');
    expect(mail?.subject).toBe(en['register.mail.new.subject']);
  });
});

describe('the first sign-in', () => {
  it('takes a newly registered student from the mailed link to the profile form', async () => {
    await post('/register', { name: 'Stina', email: 'stina@student.se' });
    expect(await confirm(await mailedLink('stina@student.se'))).toBe('/students/profile');
  });

  it('takes a student without a profile who asks for a link later to the profile form too', async () => {
    await post('/register', { name: 'Stina', email: 'stina@student.se' });
    await post('/sign-in', { email: 'stina@student.se', next: '/account' });
    expect(await confirm(await mailedLink('stina@student.se'))).toBe('/students/profile');
  });

  it('takes a student who has saved a profile to the account page', async () => {
    const me = await student(t, { email: 'stina@student.se' });
    expect((await api(t, 'PUT', '/api/v1/students/me/profile', me, profileBody())).status).toBe(200);
    await post('/sign-in', { email: 'stina@student.se', next: '/account' });
    expect(await confirm(await mailedLink('stina@student.se'))).toBe('/account');
  });

  it('keeps the page the link names, and takes someone who is not a student to the account page', async () => {
    await post('/register', { name: 'Stina', email: 'stina@student.se' });
    await post('/sign-in', { email: 'stina@student.se', next: '/placements' });
    expect(await confirm(await mailedLink('stina@student.se'))).toBe('/placements');
    await signIn(t, { email: 'anna@foretag.se' });
    await post('/sign-in', { email: 'anna@foretag.se', next: '/account' });
    expect(await confirm(await mailedLink('anna@foretag.se'))).toBe('/account');
  });
});

describe('the profile form', () => {
  it("offers the education level in the survey's groups, with the SUN levels inside each", async () => {
    const html = await page('/students/profile', await student(t));
    expect(html).toContain(`<label for="field-level">${sv['profile.level']}`);
    expect(html).toContain(`<optgroup label="${sv['educationLevel.upper-secondary']}">`);
    expect(html).toContain('<option value="41">Eftergymnasial utbildning, kortare än 2 år</option>');
    expect(html).not.toMatch(/<option value="\d\d">\d\d /);
    const english = await page('/students/profile', await student(t), { 'accept-language': 'en' });
    expect(english).toContain(`<optgroup label="${en['educationLevel.bachelor'].replace("'", '&#x27;')}">`);
    // SUN 2020 names its levels in Swedish only: an English page shows them so, marked lang="sv".
    expect(english).toContain(`<option value="53" lang="sv">${sv['sunLevel.53']}</option>`);
  });

  it('names the SUN levels in Swedish as the reference data does', async () => {
    const codes = EDUCATION_LEVELS.flatMap((g) => g.sunLevels);
    const rows = await t.deps.db
      .selectFrom('sun_levels')
      .select(['code', 'name_sv'])
      .where('code', 'in', codes)
      .execute();
    expect(rows).toHaveLength(codes.length);
    for (const row of rows) expect(sv[`sunLevel.${row.code}` as keyof typeof sv], row.code).toBe(row.name_sv);
  });

  it('offers the graduation as month names and the years from last year to six years ahead', async () => {
    const html = await page('/students/profile', await student(t));
    const years = [...html.matchAll(/<option value="(\d{4})"/g)].map((m) => m[1]);
    // The test clock stands in November 2026.
    expect(years).toEqual(['2025', '2026', '2027', '2028', '2029', '2030', '2031', '2032']);
    expect(html).toContain('<option value="02">februari</option>');
    const english = await page('/students/profile', await student(t), { 'accept-language': 'en' });
    expect(english).toContain('<option value="02">February</option>');
  });

  it('stores the chosen month and year as YYYY-MM and shows them chosen again', async () => {
    const me = await student(t);
    const response = await post(
      '/students/profile',
      {
        level: '53',
        expectedGraduationMonth: '06',
        expectedGraduationYear: '2028',
        visibility: 'hidden',
        version: '0',
      },
      me,
    );
    expect(response.status).toBe(303);
    const profile = (await (await api(t, 'GET', '/api/v1/students/me/profile', me)).json()) as Record<string, unknown>;
    expect(profile).toMatchObject({ level: '53', expectedGraduation: '2028-06' });
    const html = await page('/students/profile', me);
    expect(html).toContain('<option value="06" selected>juni</option>');
    expect(html).toContain('<option value="2028" selected>2028</option>');
    expect(html).toContain('<option value="53" selected>');
  });

  it('re-renders a month without a year with the error at the year, keeps the month and saves nothing', async () => {
    const me = await student(t);
    const response = await post(
      '/students/profile',
      { programme: 'Datateknik', expectedGraduationMonth: '06', visibility: 'hidden', version: '0' },
      me,
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    const message = sv['profile.validation.graduationYear'];
    expect(html).toContain(`<a href="#field-expectedGraduationYear">${message}</a>`);
    expect(html).toMatch(new RegExp(`id="error-expectedGraduationYear">.*${message}`));
    expect(html).toContain('id="field-expectedGraduationYear" name="expectedGraduationYear" aria-invalid="true"');
    expect(html).toContain('<option value="06" selected>juni</option>');
    expect(html).toContain('value="Datateknik"');
    const stored = (await (await api(t, 'GET', '/api/v1/students/me/profile', me)).json()) as { version: number };
    expect(stored.version).toBe(0);
  });

  it('re-renders a year without a month, and a year outside the range, with the error at the field to correct', async () => {
    const me = await student(t);
    const noMonth = await post(
      '/students/profile',
      { expectedGraduationYear: '2027', visibility: 'hidden', version: '0' },
      me,
    );
    expect(noMonth.status).toBe(422);
    expect(await noMonth.text()).toContain(
      `<a href="#field-expectedGraduationMonth">${sv['profile.validation.graduationMonth']}</a>`,
    );
    const tooLate = await post(
      '/students/profile',
      { expectedGraduationMonth: '06', expectedGraduationYear: '2040', visibility: 'hidden', version: '0' },
      me,
    );
    expect(tooLate.status).toBe(422);
    const html = await tooLate.text();
    expect(html).toContain('<a href="#field-expectedGraduationYear">Välj ett år mellan 2025 och 2032.</a>');
    const badMonth = await post(
      '/students/profile',
      { expectedGraduationMonth: '13', expectedGraduationYear: '2027', visibility: 'hidden', version: '0' },
      me,
    );
    expect(badMonth.status).toBe(422);
    expect(await badMonth.text()).toContain(
      `<a href="#field-expectedGraduationMonth">${sv['profile.validation.graduationMonthList']}</a>`,
    );
  });

  it('still saves a graduation year the profile already holds once it has left the range', async () => {
    const me = await student(t);
    await api(t, 'PUT', '/api/v1/students/me/profile', me, profileBody({ expectedGraduation: '2023-06' }));
    const html = await page('/students/profile', me);
    expect(html).toContain('<option value="2023" selected>2023</option>');
    const response = await post(
      '/students/profile',
      { expectedGraduationMonth: '06', expectedGraduationYear: '2023', visibility: 'hidden', version: '1' },
      me,
    );
    expect(response.status).toBe(303);
  });
});

/** A placement with a deadline of 31 January 2027 and a student whose profile matches it on four wishes of five. */
async function matchingPlacement() {
  const { org, member } = await organisationWithMember(t, 'Kodkusten AB');
  const placement = await publish(t, member, placementBody(org.id, { skillIds: [SKILL.python, SKILL.javascript] }));
  const me = await student(t, { name: 'Stina' });
  const saved = await api(
    t,
    'PUT',
    '/api/v1/students/me/profile',
    me,
    profileBody({
      skillIds: [SKILL.python],
      occupationIds: [OCC.software],
      municipalityCodes: [KARLSKRONA],
      expectedGraduation: '2027-06',
      level: '41',
    }),
  );
  expect(saved.status).toBe(200);
  return { org, member, placement, me };
}

describe('the ranked list', () => {
  it('lists each reason on its own line, with the matched skills, and says how many wishes it meets instead of a score', async () => {
    const { me } = await matchingPlacement();
    const html = await page('/placements/recommended', me);
    expect(html).toContain('<li>Yrket du söker: Mjukvaru- och systemutvecklare m.fl.</li>');
    expect(html).toContain('<li>Kompetenser som matchar: Python</li>');
    expect(html).toContain('<li>Ort inom räckhåll: Karlskrona</li>');
    expect(html).toContain('<li>Perioden passar med när du tar examen</li>');
    // Occupation, skills, place and period of the five wishes the profile states (the level is
    // not met: the placement names none).
    expect(mainText(html)).toContain('Matchar 4 av 5 önskemål i din profil:');
    expect(mainText(html)).toContain(sv['recommended.order']);
    expect(mainText(html)).not.toMatch(/Poäng|\d+\.\d\d/);
  });

  it('keeps the API fields: score, matchedOn and the reason as one sentence', async () => {
    const { me } = await matchingPlacement();
    const body = (await (await api(t, 'GET', '/api/v1/placements/recommended', me)).json()) as {
      items: { score: number; matchedOn: string[]; reason: string }[];
    };
    expect(body.items[0]?.score).toBeGreaterThan(0);
    expect(body.items[0]?.matchedOn).toContain('Python');
    expect(body.items[0]?.reason).toMatch(/^matchar: Python; /);
  });
});

describe('dates on the placement pages', () => {
  it('are written as in running text, "31 januari 2027", on every page, never as ISO dates', async () => {
    const { org, member, placement, me } = await matchingPlacement();
    expect((await post(`/placements/${placement.id}/apply`, { message: 'Jag kan Python.' }, me)).status).toBe(303);
    const pages: [string, SignedInPerson | undefined][] = [
      ['/placements', undefined],
      [`/placements/${placement.id}`, undefined],
      ['/placements/recommended', me],
      ['/students/applications', me],
      [`/organisations/${org.id}/placements`, member],
      [`/organisations/${org.id}/applications`, member],
    ];
    for (const [path, who] of pages) {
      const text = mainText(await page(path, who));
      expect(text, path).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      if (path.includes('applications')) expect(text, path).toContain('28 november 2026');
      else expect(text, path).toContain('31 januari 2027');
    }
    const detail = mainText(await page(`/placements/${placement.id}`));
    expect(detail).toContain('1 mars 2027 – 31 maj 2027');
    const english = mainText(await page('/placements', undefined, { 'accept-language': 'en' }));
    expect(english).toContain('Application deadline: 31 January 2027');
  });
});
