import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { publishClosedRounds } from '../support/demand.ts';
import { organisationWithMember, placementBody, publish, SKILL } from '../support/placements.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

let t: TestApp;
let anna: SignedInPerson;
let erik: SignedInPerson;
let csrf: { cookie: string; token: string };
const form = '/rounds/round-1/responses/org-a';
const api = '/api/v1/rounds/round-1/responses/org-a';

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOpenRound(t);
  await t.deps.db
    .insertInto('round_targets')
    .values({
      round_id: 'round-1',
      organisation_id: 'org-a',
      sector: 'naringsliv',
      size_class: '10-49',
      municipality_code: '1080',
    })
    .execute();
  anna = await signIn(t, { name: 'Anna', memberships: [{ organisationId: 'org-a' }] });
  erik = await signIn(t, { name: 'Erik', memberships: [{ organisationId: 'org-a' }] });
  csrf = await csrfPair(t.app);
});

const get = (path: string, who: SignedInPerson) => request(t.app, path, { headers: { cookie: who.cookie } });

/** A form post as a browser sends it: repeated names for ticked checkboxes, the CSRF token. */
function post(path: string, who: SignedInPerson, fields: [string, string][]) {
  const body = new URLSearchParams([['_csrf', csrf.token], ...fields]);
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(csrf.cookie, who.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name}`);
  return match[1] ?? '';
}

/** The value attribute of the input with this id. */
function inputValue(html: string, id: string): string | undefined {
  const input = new RegExp(`<input id="${id.replace(/\./g, '\\.')}"[^>]*>`).exec(html)?.[0];
  return input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
}

const isChecked = (html: string, id: string) =>
  new RegExp(`<input id="${id.replace(/[./]/g, (c) => `\\${c}`)}"[^>]*\\schecked`).test(html);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The form as the person typed it: organisation questions and one complete need line. */
function filled(version: string, submissionId: string, overrides: [string, string][] = []): [string, string][] {
  const base: [string, string][] = [
    ['version', version],
    ['submissionId', submissionId],
    ['employeesNow', '40'],
    ['expectedChange1y', '3'],
    ['expectedChange3y', '-2'],
    ['obstacles', 'housing'],
    ['obstacles', 'few-applicants'],
    ['providerInterest', 'yes'],
    ['contactConsent', 'true'],
    ['needs.0.line', '1'],
    ['needs.0.occupationQuery', 'Mjukvaru- och systemutvecklare m.fl. (2512)'],
    ['needs.0.occupationId', 'DJh5_yyF_hEM'],
    ['needs.0.focusAreas', 'tech/mjukvaruutveckling'],
    ['needs.0.headcount', '3'],
    ['needs.0.horizon', '1-3'],
    ['needs.0.educationLevel', 'bachelor'],
    ['needs.0.difficulty', '4'],
    ['needs.0.strategies', 'recruit-local'],
    ['needs.0.placementKinds', 'lia'],
    ['needs.0.placementCount', '2'],
    ['needs.0.comment', 'Gärna Python'],
  ];
  const replaced = new Set(overrides.map(([name]) => name));
  return [...base.filter(([name]) => !replaced.has(name)), ...overrides.filter(([, value]) => value !== '')];
}

async function openForm(who: SignedInPerson) {
  const html = await (await get(form, who)).text();
  return { html, version: hidden(html, 'version'), submissionId: hidden(html, 'submissionId') };
}

describe('the survey list', () => {
  it('shows the open round an organisation is asked in, with where the response stands', async () => {
    let html = await (await get('/surveys', anna)).text();
    expect(text(html)).toContain('Runda round-1');
    expect(text(html)).toContain('Inte påbörjat');
    expect(html).toContain(`href="${form}"`);
    expect(html).toMatch(/href="\/surveys" aria-current="page">Enkäter</);
    const { version, submissionId } = await openForm(anna);
    await post(form, anna, filled(version, submissionId, [['action', 'save']]));
    html = await (await get('/surveys', erik)).text();
    expect(text(html)).toContain('Utkast sparat av Anna');
  });

  it('lists nothing for a person without an organisation, and has no Enkäter link for them', async () => {
    const student = await signIn(t, { roles: ['student'] });
    const html = await (await get('/surveys', student)).text();
    expect(text(html)).toContain('Du är inte medlem i någon organisation');
    expect(html).not.toContain('href="/surveys"');
  });
});

describe('the response form without JavaScript', () => {
  it('renders a response not yet started at version 0 with one empty need line, open, and a submission id made by the server', async () => {
    const { html, version, submissionId } = await openForm(anna);
    expect(version).toBe('0');
    expect(submissionId).toMatch(/^[\w-]{8,}$/);
    expect(html).toContain('id="field-employeesNow"');
    expect(html).toContain('value="save"');
    // The autosave script PUTs to the API's address for this response.
    expect(html).toContain('data-autosave="/api/v1/rounds/round-1/responses/org-a"');
    expect(html).toMatch(/<div class="need need--open" id="need-1"/);
    expect(html).not.toContain('id="need-2"');
    expect(text(html)).toContain('Inte sparat än');
  });

  it('shows no message key instead of a text, in Swedish or English', async () => {
    for (const lang of ['sv', 'en']) {
      const headers = { cookie: cookies(csrf.cookie, anna.cookie, `lang=${lang}`) };
      const { version } = await openForm(anna);
      const response = await request(t.app, form, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['_csrf', csrf.token],
          ...filled(version, 'sub-keys-0001', [['action', 'add']]),
        ]).toString(),
      });
      expect(response.status).toBe(303);
      const html = await (await request(t.app, form, { headers })).text();
      expect(html).toContain('id="need-2"');
      expect(html.match(/(survey|educationLevel|validation)\.[a-zA-Z]+\.[\w.-]+/g) ?? []).toEqual([]);
    }
  });

  it('saves a draft and redirects back with "Sparat", the answers read back by a colleague', async () => {
    const { version, submissionId } = await openForm(anna);
    const saved = await post(form, anna, filled(version, submissionId, [['action', 'save']]));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${form}?saved=1`);
    const html = await (await get(`${form}?saved=1`, erik)).text();
    expect(text(html)).toContain('Sparat.');
    expect(hidden(html, 'version')).toBe('1');
    expect(inputValue(html, 'field-employeesNow')).toBe('40');
    expect(inputValue(html, 'field-needs.0.headcount')).toBe('3');
    expect(hidden(html, 'needs.0.occupationId')).toBe('DJh5_yyF_hEM');
    expect(isChecked(html, 'field-needs.0.focusAreas-tech-mjukvaruutveckling')).toBe(true);
    expect(isChecked(html, 'field-obstacles-housing')).toBe(true);
    const stored = (await (await get(api, anna)).json()) as { organisation: unknown; needs: unknown[] };
    expect(stored.organisation).toEqual({
      employeesNow: 40,
      expectedChange1y: 3,
      expectedChange3y: -2,
      obstacles: ['housing', 'few-applicants'],
      providerInterest: 'yes',
      contactConsent: true,
    });
    expect(stored.needs[0]).toMatchObject({ occupationId: 'DJh5_yyF_hEM', headcount: 3, comment: 'Gärna Python' });
  });

  it('adds a need line by saving what is typed and going to the new line, and removes one the same way', async () => {
    const { version, submissionId } = await openForm(anna);
    const added = await post(form, anna, filled(version, submissionId, [['action', 'add']]));
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`${form}#need-2`);
    let stored = (await (await get(api, anna)).json()) as { organisation: { employeesNow: number }; needs: unknown[] };
    expect(stored.organisation.employeesNow).toBe(40);
    expect(stored.needs).toHaveLength(2);
    expect(stored.needs[0]).toMatchObject({ occupationId: 'DJh5_yyF_hEM', headcount: 3 });
    let html = await (await get(form, anna)).text();
    expect(html).toMatch(/<div class="need need--open" id="need-2"/);
    expect(inputValue(html, 'field-needs.0.headcount')).toBe('3');
    expect(inputValue(html, 'field-employeesNow')).toBe('40');
    // The second line gets a headcount, then the first is removed: the second moves up.
    const removed = await post(form, anna, [
      ...filled('1', submissionId),
      ['needs.1.line', '1'],
      ['needs.1.headcount', '7'],
      ['action', 'remove:0'],
    ]);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`${form}#needs`);
    html = await (await get(form, anna)).text();
    expect(html).not.toContain('id="need-2"');
    expect(inputValue(html, 'field-needs.0.headcount')).toBe('7');
    stored = (await (await get(api, anna)).json()) as typeof stored;
    expect(stored.needs).toEqual([expect.objectContaining({ headcount: 7, occupationId: null })]);
  });

  it('searches occupations with a plain post and offers the matches as radio buttons, keeping the rest', async () => {
    const { version, submissionId } = await openForm(anna);
    const searched = await post(form, anna, [
      ['version', version],
      ['submissionId', submissionId],
      ['employeesNow', '12'],
      ['needs.0.line', '1'],
      ['needs.0.occupationQuery', 'mjukvaru'],
      ['action', 'search:0'],
    ]);
    expect(searched.status).toBe(200);
    let html = await searched.text();
    expect(html).toMatch(/type="radio" name="needs\.0\.occupationId" value="DJh5_yyF_hEM"/);
    expect(text(html)).toContain('Mjukvaru- och systemutvecklare m.fl. (2512)');
    expect(inputValue(html, 'field-employeesNow')).toBe('12');
    expect(inputValue(html, 'field-needs.0.occupationQuery')).toBe('mjukvaru');
    // Choosing one and asking for its skills lists the related skills as checkboxes.
    const skills = await post(form, anna, [
      ['version', version],
      ['submissionId', submissionId],
      ['needs.0.line', '1'],
      ['needs.0.occupationQuery', 'mjukvaru'],
      ['needs.0.occupationId', 'DJh5_yyF_hEM'],
      ['needs.0.skillQuery', 'python'],
      ['action', 'skills:0'],
    ]);
    html = await skills.text();
    expect(html).toMatch(/type="checkbox" name="needs\.0\.skillIds" value="[^"]+"/);
    expect(text(html)).toMatch(/Python/i);
    expect(hidden(html, 'needs.0.occupationId')).toBe('DJh5_yyF_hEM');
  });

  it("suggests the eight skills of the occupation that the region's open placements ask for most, the most asked first", async () => {
    // Of the 396 skills related to software developers, Java and Python are far past the first
    // alphabetically; open placements that ask for them (Java twice, Python once) put them first.
    const employer = await organisationWithMember(t, 'Annonsören AB');
    for (const skills of [[SKILL.python, SKILL.java], [SKILL.java]])
      await publish(t, employer.member, placementBody(employer.org.id, { skillIds: skills }));
    const { version, submissionId } = await openForm(anna);
    const saved = await post(form, anna, [...filled(version, submissionId), ['action', 'save']]);
    expect(saved.status).toBe(303);
    const html = await (await get(form, anna)).text();
    const offered = [...html.matchAll(/type="checkbox" name="needs\.0\.skillIds" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toHaveLength(8);
    expect(offered.slice(0, 2)).toEqual([SKILL.java, SKILL.python]);
    const labels = [
      ...html.matchAll(/name="needs\.0\.skillIds" value="[^"]+"[^>]*> <label for="[^"]+">([^<]+)<\/label>/g),
    ].map((m) =>
      (m[1] ?? '')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;/g, "'")
        .replace(/&#x3D;/g, '='),
    );
    expect(labels).toHaveLength(8);
    expect(labels[1]).toBe('Python, programmeringsspråk');
    // After the two that placements ask for, the rest follow alphabetically.
    expect(labels.slice(2)).toEqual([...labels.slice(2)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('shows the job title that found an occupation, and offers the nearest titles when nothing matched', async () => {
    const search = async (q: string) =>
      text(
        await (
          await post(form, anna, [
            ['version', '0'],
            ['needs.0.line', '1'],
            ['needs.0.occupationQuery', q],
            ['action', 'search:0'],
          ])
        ).text(),
      );
    expect(await search('programmerare')).toContain(
      'Systemutvecklare/Programmerare → Mjukvaru- och systemutvecklare m.fl. (2512)',
    );
    const typo = await search('progammerare');
    expect(typo).toContain('Inga yrken matchade sökningen');
    expect(typo).toContain(
      'Menade du något av dessa yrken? Programmerare → Mjukvaru- och systemutvecklare m.fl. (2512)',
    );
  });

  it('says so when the search finds nothing', async () => {
    const html = await (
      await post(form, anna, [
        ['version', '0'],
        ['needs.0.line', '1'],
        ['needs.0.occupationQuery', 'qqqxxxzzz'],
        ['action', 'search:0'],
      ])
    ).text();
    expect(text(html)).toContain('Inga yrken matchade sökningen');
  });
});

describe('conflicts without JavaScript', () => {
  it("re-renders a stale save with the colleague's version beside the person's own input, and lets them take over", async () => {
    const annaForm = await openForm(anna);
    const erikForm = await openForm(erik);
    await post(
      form,
      erik,
      filled(erikForm.version, erikForm.submissionId, [
        ['needs.0.headcount', '9'],
        ['action', 'save'],
      ]),
    );
    const stale = await post(
      form,
      anna,
      filled(annaForm.version, annaForm.submissionId, [
        ['needs.0.headcount', '5'],
        ['action', 'save'],
      ]),
    );
    expect(stale.status).toBe(409);
    const html = await stale.text();
    const box = text(html.slice(html.indexOf('id="conflict-title"'), html.indexOf('id="response-form"')));
    expect(box).toContain('Erik sparade svaret');
    expect(box).toContain('Sparat av Erik');
    expect(box).toMatch(/Antal personer 9/);
    expect(box).toMatch(/Antal personer 5/);
    // Her own input is still in the form, based on the version she read; taking over is a deliberate button.
    expect(inputValue(html, 'field-needs.0.headcount')).toBe('5');
    expect(hidden(html, 'version')).toBe('0');
    expect(hidden(html, 'conflictVersion')).toBe('1');
    expect(html).toMatch(/form="response-form" name="action" value="take-over"/);
    let stored = (await (await get(api, anna)).json()) as { version: number; needs: { headcount: number }[] };
    expect(stored.needs[0]?.headcount).toBe(9);
    // Saving again the ordinary way still refuses; taking over stores hers.
    const again = await post(
      form,
      anna,
      filled('0', annaForm.submissionId, [
        ['needs.0.headcount', '5'],
        ['action', 'save'],
      ]),
    );
    expect(again.status).toBe(409);
    const takeOver = await post(
      form,
      anna,
      filled('0', annaForm.submissionId, [
        ['needs.0.headcount', '5'],
        ['conflictVersion', '1'],
        ['action', 'take-over'],
      ]),
    );
    expect(takeOver.status).toBe(303);
    stored = (await (await get(api, anna)).json()) as typeof stored;
    expect(stored).toMatchObject({ version: 2, needs: [{ headcount: 5 }] });
  });
});

describe('errors in the form', () => {
  it('shows a 422 at the field and in the summary, with the input kept and nothing stored', async () => {
    const { version, submissionId } = await openForm(anna);
    const response = await post(
      form,
      anna,
      filled(version, submissionId, [
        ['needs.0.headcount', 'tio'],
        ['employeesNow', '-1'],
        ['obstacles', 'housing'],
        ['obstacles', 'language'],
        ['obstacles', 'location'],
        ['obstacles', 'experience'],
        ['action', 'save'],
      ]),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#field-needs.0.headcount"');
    expect(html).toContain('href="#field-employeesNow"');
    expect(html).toContain('href="#field-obstacles"');
    expect(text(html)).toContain('Välj högst tre hinder.');
    expect(html).toMatch(/<input id="field-obstacles-language"[^>]*checked/);
    expect(html).toContain('id="error-needs.0.headcount"');
    expect(text(html)).toContain('Ange antal personer som ett heltal från 1 till 10 000.');
    expect(inputValue(html, 'field-needs.0.headcount')).toBe('tio');
    expect(await t.deps.db.selectFrom('responses').selectAll().execute()).toEqual([]);
  });

  it('names the missing fields of a need when submitting, after saving the draft', async () => {
    const { version, submissionId } = await openForm(anna);
    const response = await post(form, anna, [
      ['version', version],
      ['submissionId', submissionId],
      ['needs.0.line', '1'],
      ['needs.0.occupationId', 'DJh5_yyF_hEM'],
      ['needs.0.headcount', '2'],
      ['action', 'submit'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const field of [
      'needs.0.horizon',
      'needs.0.educationLevel',
      'needs.0.difficulty',
      'needs.0.specialisations',
    ]) {
      expect(html).toContain(`href="#field-${field}"`);
      expect(html).toContain(`id="field-${field}"`);
    }
    // The draft was saved, so the form now carries the new version.
    expect(hidden(html, 'version')).toBe('1');
    expect(inputValue(html, 'field-needs.0.headcount')).toBe('2');
  });
});

describe('submitting', () => {
  it('submits once for a double click and shows the summary, and the form lists the revision', async () => {
    const { version, submissionId } = await openForm(anna);
    const fields = filled(version, submissionId, [['action', 'submit']]);
    const first = await post(form, anna, fields);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`${form}/summary?submitted=1`);
    const second = await post(form, anna, fields);
    expect(second.headers.get('location')).toBe(`${form}/summary?submitted=1`);
    expect(await t.deps.db.selectFrom('response_revisions').select('revision').execute()).toEqual([{ revision: 1 }]);
    const summary = text(await (await get(`${form}/summary?submitted=1`, anna)).text());
    expect(summary).toContain('Tack! Ert svar är inskickat. Ni kan ändra och skicka in det igen fram till');
    // People read when it was submitted, not the revision counter.
    const submittedAt = /Inskickat \d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}/;
    const html = text(await (await get(form, erik)).text());
    expect(html).toMatch(submittedAt);
    expect(html).not.toContain('revision');
    expect(html).toMatch(/1 .* Anna .*Ändrade frågor: .*behov tillagda: 1/);
    const list = text(await (await get('/surveys', erik)).text());
    expect(list).toMatch(submittedAt);
  });
});

describe('a closed round', () => {
  it('shows the answers read-only and refuses a save with a clear message, changing nothing', async () => {
    const { version, submissionId } = await openForm(anna);
    await post(form, anna, filled(version, submissionId, [['action', 'save']]));
    await t.deps.db.updateTable('rounds').set({ status: 'closed', closed_at: '2026-11-28T08:00:00Z' }).execute();
    const page = await (await get(form, anna)).text();
    expect(page).not.toContain('id="response-form"');
    expect(text(page)).toContain('Omgången tar inte emot svar');
    expect(text(page)).toContain('Mjukvaru- och systemutvecklare m.fl. (2512)');
    const late = await post(
      form,
      anna,
      filled('1', submissionId, [
        ['needs.0.headcount', '99'],
        ['action', 'save'],
      ]),
    );
    expect(late.status).toBe(409);
    expect(text(await late.text())).toContain('Omgången är stängd och svaren är låsta');
    const stored = (await (await get(api, anna)).json()) as { version: number; needs: { headcount: number }[] };
    expect(stored).toMatchObject({ version: 1, needs: [{ headcount: 3 }] });
  });
});

describe('the give-back summary', () => {
  const SOFTWARE = 'DJh5_yyF_hEM';
  const DOCTORS = 'ek9W_qqp_XpF';
  const ENGINEERS = 'PRQn_9yw_NJA';

  async function submitFor(orgId: string, needs: Record<string, unknown>[]) {
    const person = await signIn(t, { memberships: [{ organisationId: orgId }] });
    const headers = { cookie: person.cookie, 'content-type': 'application/json' };
    const path = `/api/v1/rounds/round-1/responses/${orgId}`;
    const put = await request(t.app, path, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ version: 0, organisation: {}, needs }),
    });
    expect(put.status).toBe(200);
    const submitted = await request(t.app, `${path}/submit`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ submissionId: `submit-${orgId}` }),
    });
    expect(submitted.status).toBe(200);
  }

  /** Four organisations' needs: doctors by two (hidden), software by four alike, engineers dominated by one. */
  async function submitFour() {
    for (const [id, n] of [
      ['org-b', 2],
      ['org-c', 3],
      ['org-d', 4],
    ] as const)
      await createOrganisation(t, id, { orgNumber: orgNumber(n) });
    await submitFor('org-a', [
      need({ occupationId: DOCTORS, headcount: 3 }),
      need({ occupationId: SOFTWARE, headcount: 3 }),
      need({ occupationId: ENGINEERS, headcount: 1 }),
    ]);
    await submitFor('org-b', [
      need({ occupationId: DOCTORS, headcount: 2 }),
      need({ occupationId: SOFTWARE, headcount: 3 }),
      need({ occupationId: ENGINEERS, headcount: 1 }),
    ]);
    await submitFor('org-c', [
      need({ occupationId: SOFTWARE, headcount: 4 }),
      need({ occupationId: ENGINEERS, headcount: 1 }),
    ]);
    await submitFor('org-d', [
      need({ occupationId: SOFTWARE, headcount: 2 }),
      need({ occupationId: ENGINEERS, headcount: 50 }),
    ]);
  }
  const regionRows = (html: string) => {
    const region = html.slice(html.indexOf('<tbody>', html.indexOf('id="region-demand"')));
    return [...region.matchAll(/<tr(?: data-cell="([^"]*)")?>([\s\S]*?)<\/tr>/g)].map((m) => ({
      cell: (m[1] ?? '').replace(/&#x3D;/g, '='),
      text: text(m[2] ?? ''),
    }));
  };

  it("shows its own answers while the round is open, and when the region's figures appear, but no regional figure", async () => {
    await submitFour();
    for (const [lang, when] of [
      ['sv', 'Regionens siffror publiceras när omgången stänger 31 januari 2027'],
      ['en', 'figures are published when the round closes on 31 January 2027'],
    ] as const) {
      const response = await request(t.app, `${form}/summary`, {
        headers: { cookie: cookies(anna.cookie, `lang=${lang}`) },
      });
      const html = text(await response.text());
      expect(html).toContain(when);
      expect(
        regionRows(await (await request(t.app, `${form}/summary`, { headers: { cookie: anna.cookie } })).text()),
      ).toEqual([]);
      expect(html).toMatch(/AT-läkare \(2213\) (Om 1–3 år|In 1–3 years) 3/);
    }
  });

  it("shows, once the round has closed, the region's published figures for its occupations: true values, or dold with the reason and the nearest coarser figure", async () => {
    await submitFour();
    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'round-1').execute();
    await publishClosedRounds(t);
    const html = await (await get(`${form}/summary`, anna)).text();
    expect(text(html)).toMatch(/omgångens publicering, version 1, publicerad/);
    const rows = regionRows(html);
    expect(rows).toHaveLength(9);
    for (const row of rows.filter((r) => r.cell)) {
      const truth = t.database.sqlite.raw
        .prepare(
          `select c.true_headcount as hc, c.true_organisations as orgs, c.status from publication_cells c
           join publications p on p.id = c.publication_id where p.round_id = 'round-1' and c.cell_id = ?`,
        )
        .get(row.cell) as { hc: number; orgs: number; status: string };
      if (truth.status === 'published') expect(row.text, row.cell).toMatch(new RegExp(` ${truth.orgs} ${truth.hc}$`));
      else
        expect(row.text, row.cell).toMatch(
          / dold dold (för få svar|några få står för nästan allt|skyddar en annan siffra)/,
        );
    }
    // Doctors: two organisations, too few answers.
    expect(rows.find((r) => r.cell === 'horizon=1-3|occupation@4=2213')?.text).toContain('dold dold för få svar');
    // Engineers: one organisation has 50 of 53.
    expect(rows.find((r) => r.cell === 'horizon=1-3|occupation@4=2144')?.text).toContain(
      'dold dold några få står för nästan allt',
    );
    // A horizon nobody stated is a published nought.
    expect(rows.find((r) => r.text.startsWith('Mjukvaru- och systemutvecklare'))?.text).toMatch(/Inom 1 år 0 0$/);
    expect(text(html)).toContain('Dold betyder att siffran inte visas');
    // Its own needs, as submitted.
    const own = text(html.slice(html.indexOf('id="own-needs"'), html.indexOf('id="region-demand"')));
    expect(own).toContain('AT-läkare (2213) Om 1–3 år 3 Tech');
  });

  it('tells an organisation that has not submitted where to go', async () => {
    const html = text(await (await get(`${form}/summary`, anna)).text());
    expect(html).toContain('Ni har inte skickat in något svar i den här omgången ännu.');
  });

  it('shows the explanation in English too', async () => {
    await submitFor('org-a', [need()]);
    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'round-1').execute();
    await publishClosedRounds(t);
    const response = await request(t.app, `${form}/summary`, { headers: { cookie: cookies(anna.cookie, 'lang=en') } });
    const html = text(await response.text());
    expect(html).toContain('Hidden means that the figure is not shown');
    expect(html).toContain('In 1–3 years hidden hidden too few answers');
  });
});
