import { beforeEach, describe, expect, it } from 'vitest';
import { emptyNeed } from '../../src/surveys/respond/form-mapping.ts';
import { mergeNeeds } from '../../src/surveys/respond/line-actions.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { publishClosedRounds } from '../support/demand.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * The need lines of the response form without JavaScript (issue 18): every button that changes the
 * lines saves the draft and redirects to the line (`#need-N`); a finished line is a summary; two
 * lines with the same occupation and horizon are flagged, never merged by themselves; an error
 * names its line.
 */
let t: TestApp;
let anna: SignedInPerson;
let csrf: { cookie: string; token: string };
const form = '/rounds/round-1/responses/org-a';
const api = '/api/v1/rounds/round-1/responses/org-a';
const SOFTWARE = 'DJh5_yyF_hEM';
const WELDER = 'wQ1E_Bzk_ZyA';

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  await createOpenRound(t);
  anna = await signIn(t, { name: 'Anna', memberships: [{ organisationId: 'org-a' }] });
  csrf = await csrfPair(t.app);
});

const get = (path: string, lang = 'sv') =>
  request(t.app, path, { headers: { cookie: cookies(anna.cookie, `lang=${lang}`) } });

function post(fields: [string, string][], lang = 'sv') {
  const body = new URLSearchParams([['_csrf', csrf.token], ...fields]);
  return request(t.app, form, {
    method: 'POST',
    headers: {
      cookie: cookies(csrf.cookie, anna.cookie, `lang=${lang}`),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: body.toString(),
  });
}

async function stored() {
  return (await (await get(api)).json()) as { version: number; needs: Record<string, unknown>[] };
}

/** Saves the draft through the API, as the autosave script does. */
async function saveNeeds(needs: Record<string, unknown>[]) {
  const response = await request(t.app, api, {
    method: 'PUT',
    headers: { cookie: anna.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ version: (await stored()).version, organisation: {}, needs }),
  });
  expect(response.status).toBe(200);
}

/** A stored line as the form posts it. */
function posted(index: number, n: Record<string, string | string[]>): [string, string][] {
  return [
    [`needs.${index}.line`, '1'],
    ...Object.entries(n).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v): [string, string] => [`needs.${index}.${name}`, v]),
    ),
  ];
}
const finished = (occupationId: string, horizon: string, headcount = '3') => ({
  occupationId,
  specialisations: 'tech',
  headcount,
  horizon,
  educationLevel: 'bachelor',
  difficulty: '4',
});

const text = (html: string) =>
  html
    .replace(/<template[\s\S]*?<\/template>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** Whether line N's questions are shown (not hidden) in the page. */
const isOpen = (html: string, n: number) => new RegExp(`<div class="need need--open" id="need-${n}"`).test(html);
/** The duplicate warning of line N, when it is shown. */
const warningOf = (html: string, n: number) => {
  const line = html.slice(html.indexOf(`id="need-${n}"`));
  const match = /<div class="need__warning" data-need-duplicate( hidden)?>\s*<p[^>]*>([^<]*)<\/p>/.exec(line);
  return match && !match[1] ? match[2] : undefined;
};

describe('adding and opening need lines without JavaScript', () => {
  it('adds a line by saving the form and redirecting to it, #need-N, where it is open and the finished one a summary', async () => {
    const response = await post([
      ['version', '0'],
      ['submissionId', 'sub-add-0001'],
      ...posted(0, finished(SOFTWARE, '1-3')),
      ['action', 'add'],
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${form}#need-2`);
    expect((await stored()).needs).toEqual([
      expect.objectContaining({ occupationId: SOFTWARE, headcount: 3 }),
      expect.objectContaining({ occupationId: null, headcount: null }),
    ]);
    const html = await (await get(form)).text();
    expect(isOpen(html, 2)).toBe(true);
    expect(isOpen(html, 1)).toBe(false);
    expect(text(html)).toContain(
      'Behov 1 Mjukvaru- och systemutvecklare m.fl. (2512) · 3 personer · Om 1–3 år Ändra behov 1 Ta bort behov 1',
    );
  });

  it('opens a finished line with "Ändra" by redirecting to ?line=N#need-N, the other finished lines staying summaries', async () => {
    await saveNeeds([need({ occupationId: SOFTWARE }), need({ occupationId: WELDER })]);
    const response = await post([
      ['version', '1'],
      ['submissionId', 'sub-edit-0001'],
      ...posted(0, finished(SOFTWARE, '1-3')),
      ...posted(1, finished(WELDER, '1-3')),
      ['action', 'edit:1'],
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${form}?line=2#need-2`);
    const html = await (await get(`${form}?line=2`)).text();
    expect(isOpen(html, 2)).toBe(true);
    expect(isOpen(html, 1)).toBe(false);
    expect(isOpen(await (await get(form)).text(), 2)).toBe(false);
  });

  it('keeps the new line open and shows the errors when the form cannot be saved, naming the line', async () => {
    const response = await post([
      ['version', '0'],
      ['submissionId', 'sub-add-0002'],
      ...posted(0, { ...finished(SOFTWARE, '1-3'), headcount: 'tio' }),
      ['action', 'add'],
    ]);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(isOpen(html, 1)).toBe(true);
    expect(isOpen(html, 2)).toBe(true);
    expect(html).toContain('<a href="#field-needs.0.headcount">Behov 1: Ange antal personer som ett heltal');
    expect((await stored()).version).toBe(0);
  });
});

describe('errors that name their line', () => {
  it('says "Behov 2: …" in the summary and at the field, the summary linking to the field, in Swedish and English', async () => {
    await saveNeeds([need({ occupationId: SOFTWARE }), need({ occupationId: WELDER, specialisations: [] })]);
    for (const [lang, message] of [
      ['sv', 'Behov 2: Välj minst ett specialiseringsområde för behovet.'],
      ['en', 'Need 2: Choose at least one specialisation for the need.'],
    ] as const) {
      const version = String((await stored()).version);
      const response = await post(
        [
          ['version', version],
          ['submissionId', `sub-error-${lang}-0001`],
          ...posted(0, finished(SOFTWARE, '1-3')),
          ...posted(1, { ...finished(WELDER, '1-3'), specialisations: [] }),
          ['action', 'submit'],
        ],
        lang,
      );
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain(`<li><a href="#field-needs.1.specialisations">${message}</a></li>`);
      const beside = html.indexOf('>', html.indexOf('id="error-needs.1.specialisations"')) + 1;
      expect(text(html.slice(beside))).toMatch(
        new RegExp(`^(Fel:|Error:) ${message.replace(/[.:]/g, (c) => `\\${c}`)}`),
      );
      expect(html).toContain('id="field-needs.1.specialisations"');
      // The line in error is open; the finished one is a summary.
      expect(isOpen(html, 2)).toBe(true);
      expect(isOpen(html, 1)).toBe(false);
    }
  });
});

describe('two lines with the same occupation and horizon', () => {
  beforeEach(async () => {
    await saveNeeds([
      need({ occupationId: SOFTWARE, horizon: '1-3', headcount: 3, skillIds: ['qfkh_ZRK_w4W'], comment: 'Backend' }),
      need({
        occupationId: SOFTWARE,
        horizon: '1-3',
        headcount: 2,
        skillIds: ['yQcc_fTn_JL5'],
        specialisations: [{ code: 'missions', focusAreas: [] }],
        strategies: ['train-staff'],
        comment: 'Frontend',
      }),
    ]);
  });

  const both: [string, string][] = [
    ...posted(0, { ...finished(SOFTWARE, '1-3'), skillIds: 'qfkh_ZRK_w4W', comment: 'Backend' }),
    ...posted(1, {
      ...finished(SOFTWARE, '1-3', '2'),
      specialisations: 'missions',
      skillIds: 'yQcc_fTn_JL5',
      strategies: 'train-staff',
      comment: 'Frontend',
    }),
  ];

  it('are both kept as saved, and the later one is flagged with "Slå ihop" and "Behåll båda"', async () => {
    expect((await stored()).needs).toHaveLength(2);
    const html = await (await get(form)).text();
    expect(warningOf(html, 2)).toBe(
      'Behov 2 har samma yrke och tidshorisont som behov 1. Slå ihop dem till ett behov, eller behåll båda om de är olika behov.',
    );
    expect(warningOf(html, 1)).toBeUndefined();
    expect(html).toMatch(/name="action" value="merge:1"[^>]*>Slå ihop</);
    expect(html).toMatch(/name="action" value="keep:1"[^>]*>Behåll båda</);
  });

  it('become one line when the person merges them: people added up, every choice of either kept', async () => {
    const response = await post([['version', '1'], ['submissionId', 'sub-merge-0001'], ...both, ['action', 'merge:1']]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${form}?line=1#need-1`);
    const { needs } = await stored();
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({
      occupationId: SOFTWARE,
      horizon: '1-3',
      headcount: 5,
      skillIds: ['qfkh_ZRK_w4W', 'yQcc_fTn_JL5'],
      specialisations: [
        { code: 'missions', focusAreas: [] },
        { code: 'tech', focusAreas: [] },
      ],
      strategies: ['train-staff'],
      comment: 'Backend\nFrontend',
    });
    const html = await (await get(`${form}?line=1`)).text();
    expect(isOpen(html, 1)).toBe(true);
    expect(html).not.toContain('id="need-2"');
  });

  it('stay two lines when the person keeps both, and the flag is gone', async () => {
    const response = await post([['version', '1'], ['submissionId', 'sub-keep-0001'], ...both, ['action', 'keep:1']]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${form}#need-2`);
    const { needs } = await stored();
    expect(needs).toHaveLength(2);
    expect(needs[0]).not.toHaveProperty('keepSeparate');
    expect(needs[1]).toMatchObject({ headcount: 2, keepSeparate: true });
    expect(warningOf(await (await get(form)).text(), 2)).toBeUndefined();
  });

  it('are submitted as two need lines and counted together in the published figures: headcount summed, the organisation once', async () => {
    for (const [id, n] of [
      ['org-b', 2],
      ['org-c', 3],
    ] as const) {
      await createOrganisation(t, id, { orgNumber: orgNumber(n) });
      const person = await signIn(t, { memberships: [{ organisationId: id }] });
      const path = `/api/v1/rounds/round-1/responses/${id}`;
      const headers = { cookie: person.cookie, 'content-type': 'application/json' };
      const put = await request(t.app, path, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ version: 0, organisation: {}, needs: [need({ occupationId: SOFTWARE, headcount: 1 })] }),
      });
      expect(put.status).toBe(200);
      const submit = await request(t.app, `${path}/submit`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ submissionId: `submit-${id}-0001` }),
      });
      expect(submit.status).toBe(200);
    }
    const submitted = await request(t.app, `${api}/submit`, {
      method: 'POST',
      headers: { cookie: anna.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: 'submit-org-a-0001' }),
    });
    expect(submitted.status).toBe(200);
    const lines = await t.deps.db
      .selectFrom('need_lines')
      .select(['headcount'])
      .where('organisation_id', '=', 'org-a')
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([{ headcount: 3 }, { headcount: 2 }]);

    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'round-1').execute();
    await publishClosedRounds(t);
    const cell = t.database.sqlite.raw
      .prepare(
        `select c.true_headcount as headcount, c.true_organisations as organisations from publication_cells c
         join publications p on p.id = c.publication_id where p.round_id = 'round-1' and c.cell_id = ?`,
      )
      .get('horizon=1-3|occupation@4=2512') as { headcount: number; organisations: number };
    expect(cell).toEqual({ headcount: 3 + 2 + 1 + 1, organisations: 3 });
  });
});

describe('merging two need lines of a version 2 round', () => {
  it('keeps that a partner also needs work when either line says so', () => {
    const line = (partnerNeedsWork: string) => ({ ...emptyNeed(), headcount: '1', partnerNeedsWork });
    expect(mergeNeeds(line(''), line('yes')).partnerNeedsWork).toBe('yes');
    expect(mergeNeeds(line('no'), line('yes')).partnerNeedsWork).toBe('yes');
    expect(mergeNeeds(line('no'), line('')).partnerNeedsWork).toBe('no');
    expect(mergeNeeds(line(''), line('')).partnerNeedsWork).toBe('');
  });
});
