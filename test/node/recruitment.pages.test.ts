import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/node/database.ts';
import { DEMO_MOVE_CASE_ID } from '../../src/seed/demo-move-cases.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signInExisting } from '../support/auth.ts';
import { moveCaseWorld } from '../support/move-cases.ts';
import { outbox } from '../support/rounds.ts';

/** The move case pages through HTTP (forms posted as a browser posts them). */

async function page(t: TestApp, path: string, who: SignedInPerson) {
  return request(t.app, path, { headers: { cookie: who.cookie } });
}

async function post(t: TestApp, path: string, who: SignedInPerson, fields: [string, string][]) {
  const csrf = await csrfPair(t.app);
  const body = new URLSearchParams([['_csrf', csrf.token], ...fields]);
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(who.cookie, csrf.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

const household: [string, string][] = [
  ['recruitName', 'Robin Rekryt'],
  ['recruitEmail', 'robin@example.se'],
  ['partnerComes', 'no'],
  ['children0to5', '0'],
  ['children6to15', '2'],
  ['children16to19', '0'],
  ['housingTenure', 'buy'],
  ['housingRooms', '5'],
  ['housingKommuner', '1080'],
  ['housingKommuner', '1083'],
  ['otherKommun', '1290'],
  ['earliestMove', '2027-04'],
];

describe('the move case pages', () => {
  it('list on the organisation’s page only the need lines that recruit from outside, each with a link to open a case', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = (
      await t.deps.db
        .selectFrom('need_lines')
        .select('organisation_id')
        .where('id', '=', w.lines.outside)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const member = await (await page(t, `/organisations/${org}`, w.memberA)).text();
    expect(member).toContain(`href="/organisations/${org}/move-cases"`);
    const html = await (await page(t, `/organisations/${org}/move-cases`, w.memberA)).text();
    expect(html).toContain(`/organisations/${org}/move-cases/new?line=${w.lines.outside}`);
    expect(html).not.toContain(`line=${w.lines.local}`);
    expect(html).toContain('Öppna flyttärende');
  });

  it('open a case from the form, with the kommuner ticked and chosen, and show it to the member', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = (
      await t.deps.db
        .selectFrom('need_lines')
        .select('organisation_id')
        .where('id', '=', w.lines.outside)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const response = await post(
      t,
      `/organisations/${org}/move-cases/new?line=${w.lines.outside}`,
      w.memberA,
      household,
    );
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/move-cases\/[^?]+\?notice=opened$/);
    const row = await t.deps.db.selectFrom('move_cases').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      partner_comes: 0,
      children_6_15: 2,
      housing_tenure: 'buy',
      housing_rooms: 5,
      earliest_move: '2027-04',
    });
    expect(JSON.parse(row.housing_kommuner ?? '[]')).toEqual(['1080', '1083', '1290']);
    const html = await (await page(t, location, w.memberA)).text();
    expect(html).toContain('Vi har skickat ett e-postmeddelande till robin@example.se');
    expect(html).toContain('Förskola och skola');
    expect(html).not.toContain('Jobb för partnern');
    expect(await outbox(t, 'move-case')).toHaveLength(1);
  });

  it('re-render the form with an error summary and the values kept when the form is incomplete (422)', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = (
      await t.deps.db
        .selectFrom('need_lines')
        .select('organisation_id')
        .where('id', '=', w.lines.outside)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const fields = household.filter(([name]) => name !== 'partnerComes' && name !== 'earliestMove');
    const response = await post(t, `/organisations/${org}/move-cases/new?line=${w.lines.outside}`, w.memberA, fields);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('error-summary');
    expect(html).toContain('href="#field-partnerComes"');
    expect(html).toContain('Svara om en partner flyttar med.');
    expect(html).toContain('href="#field-earliestMove"');
    expect(html).toContain('value="Robin Rekryt"');
    expect(html).toMatch(/id="field-housingKommuner-1083"[^>]*checked/);
    expect(await t.deps.db.selectFrom('move_cases').select('id').execute()).toEqual([]);
  });

  it('give the demo guide one move case with a partner, its tasks in different states, in English too', async () => {
    const t = await createTestApp();
    await seedDemo(t.database, new Date('2026-11-28T09:00:00Z'));
    const lotta = await signInExisting(t, 'demo-user-lotta');
    const list = await (await page(t, '/move-cases', lotta)).text();
    expect(list).toContain(`/move-cases/${DEMO_MOVE_CASE_ID}`);
    const html = await (await page(t, `/move-cases/${DEMO_MOVE_CASE_ID}`, lotta)).text();
    expect(html).toContain('Jobb för partnern');
    expect(html).toContain('Avsluta ärendet');
    const states = await t.deps.db
      .selectFrom('move_case_tasks')
      .select('state')
      .distinct()
      .where('case_id', '=', DEMO_MOVE_CASE_ID)
      .execute();
    expect(states.map((s) => s.state).sort()).toEqual(['done', 'not-needed', 'open']);
    const english = await request(t.app, `/move-cases/${DEMO_MOVE_CASE_ID}`, {
      headers: { cookie: cookies(lotta.cookie, 'lang=en') },
    });
    expect(await english.text()).toContain('A job for the partner');
  });
});
