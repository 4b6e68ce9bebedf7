import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { createProvider, OCCUPATION, WELDING_SKILLS } from '../support/education.ts';
import {
  api,
  KARLSKRONA,
  OCC,
  organisationWithMember,
  placementBody,
  publish,
  SKILL,
  student,
} from '../support/placements.ts';

/**
 * The taxonomy picker's server side (src/taxonomy/resolve.ts): the placement form, the student
 * profile and the offering form take occupation groups and skills by name, store ids, name what
 * they cannot find with suggestions, and show stored ids as labels.
 */
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

const PYTHON = 'Python, programmeringsspråk';
const CAD = 'CAD-konstruktion/CAD-ritning';

async function post(who: SignedInPerson, path: string, fields: [string, string][]) {
  const csrf = await csrfPair(t.app);
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(csrf.cookie, who.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['_csrf', csrf.token], ...fields]).toString(),
  });
}

const page = async (who: SignedInPerson, path: string) =>
  readable(await (await request(t.app, path, { headers: { cookie: cookies(who.cookie, 'lang=sv') } })).text());

/** The page's text with Handlebars' escapes undone, to compare with what a person reads. */
const readable = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');

/** The two skills' labels, one a line, in either order (the stored order is the database's). */
const bothLabels = (html: string) =>
  html.includes(`>${PYTHON}\n${CAD}</textarea>`) || html.includes(`>${CAD}\n${PYTHON}</textarea>`);

function placementFields(overrides: Record<string, string>): [string, string][] {
  return Object.entries({
    kind: 'lia',
    title: 'LIA i svetsning',
    description: 'Du svetsar.',
    municipalityCode: KARLSKRONA,
    periodStart: '2027-03-01',
    periodEnd: '2027-05-31',
    places: '1',
    applyBy: '2027-01-31',
    language: 'sv',
    contact: 'lia@example.se',
    ...overrides,
  });
}

describe('the placement form with the taxonomy picker', () => {
  it('stores the ids of an occupation and skills typed by name, any case, one a line or comma-separated', async () => {
    const { org, member } = await organisationWithMember(t);
    const response = await post(
      member,
      `/organisations/${org.id}/placements/new`,
      placementFields({
        occupationId: '  svetsare OCH gasskärare ',
        skillIds: `${PYTHON}, ${CAD}\n${WELDING_SKILLS[0]?.label}`,
      }),
    );
    expect(response.status).toBe(303);
    const placements = await t.deps.db.selectFrom('placements').select(['id', 'occupation_id']).execute();
    expect(placements.map((p) => p.occupation_id)).toEqual([OCC.welder]);
    const skills = await t.deps.db.selectFrom('placement_skills').select('skill_id').execute();
    expect(skills.map((s) => s.skill_id).sort()).toEqual([SKILL.python, SKILL.cad, WELDING_SKILLS[0]?.id].sort());
  });

  it('takes an occupation by its English label', async () => {
    const { org, member } = await organisationWithMember(t);
    const response = await post(
      member,
      `/organisations/${org.id}/placements/new`,
      placementFields({ occupationId: 'Welders and flame cutters', skillIds: SKILL.cad }),
    );
    expect(response.status).toBe(303);
    const stored = await t.deps.db.selectFrom('placements').select('occupation_id').executeTakeFirstOrThrow();
    expect(stored.occupation_id).toBe(OCC.welder);
  });

  it('names a misspelt skill with a suggestion and keeps every entry as typed, storing nothing', async () => {
    const { org, member } = await organisationWithMember(t);
    const typed = `${CAD}\nPyton`;
    const response = await post(
      member,
      `/organisations/${org.id}/placements/new`,
      placementFields({ occupationId: 'Svetsare och gasskärare', skillIds: typed }),
    );
    expect(response.status).toBe(422);
    const html = readable(await response.text());
    expect(html).toContain(`Vi hittade inte ”Pyton”. Menade du ${PYTHON}?`);
    expect(html).toContain('href="#field-skillIds"');
    expect(html).toContain(`>${typed}</textarea>`);
    expect(html).toContain('value="Svetsare och gasskärare"');
    expect(await t.deps.db.selectFrom('placements').select('id').execute()).toEqual([]);
  });

  it('says the same in English, and names an occupation it cannot find', async () => {
    const { org, member } = await organisationWithMember(t);
    const csrf = await csrfPair(t.app);
    const response = await request(t.app, `/organisations/${org.id}/placements/new`, {
      method: 'POST',
      headers: {
        cookie: cookies(csrf.cookie, member.cookie, 'lang=en'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['_csrf', csrf.token],
        ...placementFields({ occupationId: 'Svetsere', skillIds: 'Pyton' }),
      ]).toString(),
    });
    expect(response.status).toBe(422);
    const html = readable(await response.text());
    expect(html).toContain(`We could not find “Pyton”. Did you mean ${PYTHON}?`);
    expect(html).toContain('We could not find “Svetsere”. Did you mean Svetsare och gasskärare?');
  });

  it('asks for one occupation when two are typed, in Swedish and English, and stores nothing', async () => {
    const { org, member } = await organisationWithMember(t);
    const typed = 'Svetsare och gasskärare, Welders and flame cutters\nMjukvaru- och systemutvecklare m.fl.';
    for (const [lang, message] of [
      ['sv', 'Välj bara ett yrke. En plats kan bara gälla ett yrke.'],
      ['en', 'Choose only one occupation. A placement can be for only one occupation.'],
    ] as const) {
      const csrf = await csrfPair(t.app);
      const response = await request(t.app, `/organisations/${org.id}/placements/new`, {
        method: 'POST',
        headers: {
          cookie: cookies(csrf.cookie, member.cookie, `lang=${lang}`),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams([
          ['_csrf', csrf.token],
          ...placementFields({ occupationId: typed.replace('\n', ', '), skillIds: SKILL.cad }),
        ]).toString(),
      });
      expect(response.status).toBe(422);
      expect(readable(await response.text())).toContain(message);
    }
    expect(await t.deps.db.selectFrom('placements').select('id').execute()).toEqual([]);
  });

  it("shows a name it cannot find beside the schema's own errors, keeping every ticked specialisation", async () => {
    const { org, member } = await organisationWithMember(t);
    const response = await post(member, `/organisations/${org.id}/placements/new`, [
      ...placementFields({ occupationId: 'Svetsere', skillIds: SKILL.cad, title: 'x', places: 'many' }),
      ['specialisations', 'tech'],
      ['specialisations', 'missions'],
    ]);
    expect(response.status).toBe(422);
    const html = readable(await response.text());
    const summary = [...html.matchAll(/<a href="#field-(\w+)">/g)].map((m) => m[1]);
    expect(summary).toEqual(['occupationId', 'title', 'places']);
    expect(html).toContain('Vi hittade inte ”Svetsere”. Menade du Svetsare och gasskärare?');
    expect(html).toContain('value="tech" checked');
    expect(html).toContain('value="missions" checked');
    expect(await t.deps.db.selectFrom('placements').select('id').execute()).toEqual([]);
  });

  it('shows labels, not ids, on the edit form, and saves them back unchanged', async () => {
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(t, member, placementBody(org.id, { skillIds: [SKILL.python, SKILL.cad] }));
    const editPath = `/organisations/${org.id}/placements/${placement.id}/edit`;
    const html = await page(member, editPath);
    expect(html).toContain('value="Mjukvaru- och systemutvecklare m.fl."');
    expect(bothLabels(html)).toBe(true);
    expect(html).not.toContain(SKILL.python);
    const saved = await post(member, editPath, [
      ...placementFields({
        version: '1',
        occupationId: 'Mjukvaru- och systemutvecklare m.fl.',
        skillIds: `${PYTHON}\n${CAD}`,
      }),
      ['specialisations', 'tech'],
    ]);
    expect(saved.status).toBe(303);
    const stored = (await (await api(t, 'GET', `/api/v1/placements/${placement.id}`)).json()) as {
      occupationId: string;
      skillIds: string[];
    };
    expect(stored.occupationId).toBe(OCC.software);
    expect([...stored.skillIds].sort()).toEqual([SKILL.python, SKILL.cad].sort());
  });
});

describe('the student profile with the taxonomy picker', () => {
  it('stores skills and occupations typed by name and shows them as labels again', async () => {
    const me = await student(t);
    const response = await post(me, '/students/profile', [
      ['programme', 'Högskoleingenjör'],
      ['skillIds', `${PYTHON}\n${CAD}`],
      ['occupationIds', 'Svetsare och gasskärare, Software- and system developers'],
      ['visibility', 'hidden'],
      ['version', '0'],
    ]);
    expect(response.status).toBe(303);
    const profile = (await (await api(t, 'GET', '/api/v1/students/me/profile', me)).json()) as {
      skillIds: string[];
      occupationIds: string[];
    };
    expect([...profile.skillIds].sort()).toEqual([SKILL.python, SKILL.cad].sort());
    expect([...profile.occupationIds].sort()).toEqual([OCC.software, OCC.welder].sort());
    const html = await page(me, '/students/profile');
    expect(bothLabels(html)).toBe(true);
    expect(html).toContain('Svetsare och gasskärare');
  });

  it('names a misspelt skill with its suggestion and keeps the input', async () => {
    const me = await student(t);
    const response = await post(me, '/students/profile', [
      ['skillIds', 'Pyton'],
      ['visibility', 'hidden'],
      ['version', '0'],
    ]);
    expect(response.status).toBe(422);
    const html = readable(await response.text());
    expect(html).toContain(`Vi hittade inte ”Pyton”. Menade du ${PYTHON}?`);
    expect(html).toContain('>Pyton</textarea>');
  });

  it('keeps every ticked kommun and specialisation when it refuses a misspelt skill', async () => {
    const me = await student(t);
    const response = await post(me, '/students/profile', [
      ['skillIds', 'Pyton'],
      ['municipalityCodes', KARLSKRONA],
      ['municipalityCodes', '1081'],
      ['specialisations', 'tech'],
      ['specialisations', 'missions'],
      ['visibility', 'hidden'],
      ['version', '0'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const value of [KARLSKRONA, '1081', 'tech', 'missions'])
      expect(html, value).toContain(`value="${value}" checked`);
  });
});

describe('the offering form with the taxonomy picker', () => {
  async function setUp() {
    const provider = await createProvider(t);
    const staff = await signIn(t, { memberships: [{ organisationId: provider.id, role: 'provider' }] });
    const fields = (overrides: Record<string, string>): [string, string][] =>
      Object.entries({
        providerId: provider.id,
        name: 'Svetsteknik',
        form: 'yh',
        sunLevel: '41',
        sunField: '521',
        annualPlaces: '20',
        annualGraduates: '16',
        municipalityCode: '1080',
        language: 'sv',
        pace: '100',
        startDates: '2027-08-23',
        ...overrides,
      });
    return { staff, fields };
  }

  it('stores the ids of occupations and skills typed by name and shows labels on the edit form', async () => {
    const { staff, fields } = await setUp();
    const response = await post(
      staff,
      '/education/offerings/new',
      fields({ occupations: 'svetsare och gasskärare', skills: `${WELDING_SKILLS[0]?.label}, ${PYTHON}` }),
    );
    expect(response.status).toBe(303);
    const offering = await t.deps.db.selectFrom('offerings').select('id').executeTakeFirstOrThrow();
    const occupations = await t.deps.db.selectFrom('offering_occupations').select('occupation_id').execute();
    expect(occupations.map((o) => o.occupation_id)).toEqual([OCCUPATION.welder.id]);
    const skills = await t.deps.db.selectFrom('offering_skills').select('skill_id').execute();
    expect(skills.map((s) => s.skill_id).sort()).toEqual([WELDING_SKILLS[0]?.id, SKILL.python].sort());
    const html = await page(staff, `/education/offerings/${offering.id}/edit`);
    expect(html).toContain('>Svetsare och gasskärare</textarea>');
    expect(html).not.toContain(`>${OCCUPATION.welder.ssyk}</textarea>`);
  });

  it('stores the group of a job title typed without script, and suggests the nearest title for a misspelt one', async () => {
    const { staff, fields } = await setUp();
    const response = await post(
      staff,
      '/education/offerings/new',
      fields({ occupations: 'Mjukvaruutvecklare\nsjöingenjör', skills: PYTHON }),
    );
    expect(response.status).toBe(303);
    const occupations = await t.deps.db.selectFrom('offering_occupations').select('occupation_id').execute();
    expect(occupations.map((o) => o.occupation_id).sort()).toEqual(['DJh5_yyF_hEM', 'Rsoy_sS6_6c4']);
    const typo = await post(
      staff,
      '/education/offerings/new',
      fields({ occupations: 'sjukskoterska', skills: PYTHON }),
    );
    expect(typo.status).toBe(422);
    expect(readable(await typo.text())).toContain(
      'Vi hittade inte ”sjukskoterska”. Menade du Grundutbildade sjuksköterskor',
    );
  });

  it('names a misspelt occupation with its suggestion and keeps the input', async () => {
    const { staff, fields } = await setUp();
    const response = await post(staff, '/education/offerings/new', fields({ occupations: 'Svetsere', skills: PYTHON }));
    expect(response.status).toBe(422);
    const html = readable(await response.text());
    expect(html).toContain('Vi hittade inte ”Svetsere”. Menade du Svetsare och gasskärare?');
    expect(html).toContain('>Svetsere</textarea>');
    expect(html).toContain(`>${PYTHON}</textarea>`);
    expect(await t.deps.db.selectFrom('offerings').select('id').execute()).toEqual([]);
  });
});
