import { beforeEach, describe, expect, it } from 'vitest';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { addContact, createRound, outbox } from '../support/rounds.ts';
import { createOrganisation, orgNumber } from '../support/surveys.ts';

/** The secretariat's page for a round's reminder schedule (#9), through HTTP. */
let t: TestApp;
let admin: SignedInPerson;
let csrf: { cookie: string; token: string };
let roundId: string;

beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  admin = await signInSecretariat(t);
  csrf = await csrfPair(t.app);
  await createOrganisation(t, 'org-a', { orgNumber: orgNumber(1) });
  roundId = await createRound(t, admin, { opensAt: '2026-12-01T07:00:00Z', closesAt: '2026-12-18T16:00:00Z' });
});

const page = (path: string, who = admin, lang?: string) =>
  request(t.app, path, { headers: { cookie: cookies(who.cookie, lang ? `lang=${lang}` : undefined) } });
function postForm(path: string, fields: Record<string, string>, who = admin) {
  const body = new URLSearchParams({ _csrf: csrf.token, ...fields });
  return request(t.app, path, {
    method: 'POST',
    headers: { cookie: cookies(who.cookie, csrf.cookie), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

describe('the reminder schedule page', () => {
  it('is linked from the round, and saves Swedish dates and times that scheduled work then sends', async () => {
    const roundPage = await (await page(`/admin/rounds/${roundId}`)).text();
    expect(roundPage).toContain(`href="/admin/rounds/${roundId}/reminder-schedule"`);

    const empty = await page(`/admin/rounds/${roundId}/reminder-schedule`);
    expect(empty.status).toBe(200);
    const html = await empty.text();
    expect(html).toContain('<h1>Påminnelser</h1>');
    expect(html).toContain('<label for="field-date0">Datum');
    expect(html).toContain('<legend>Påminnelse 1</legend>');

    // 10 December 08:00 in Stockholm (winter: UTC+1), and one without a time (08:00).
    const saved = await postForm(`/admin/rounds/${roundId}/reminder-schedule`, {
      date0: '2026-12-10',
      time0: '08:00',
      date2: '2026-12-15',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/rounds/${roundId}/reminder-schedule?notice=saved`);
    const rows = await t.deps.db.selectFrom('round_reminders').select('remind_at').orderBy('remind_at').execute();
    expect(rows.map((r) => r.remind_at)).toEqual(['2026-12-10T07:00:00.000Z', '2026-12-15T07:00:00.000Z']);

    const shown = await (await page(`/admin/rounds/${roundId}/reminder-schedule?notice=saved`)).text();
    expect(shown).toContain('Påminnelserna är sparade.');
    expect(shown).toContain('value="2026-12-10"');
    expect(shown).toContain('value="08:00"');

    const anna = await addContact(t, 'org-a');
    await runScheduled(t.deps, new Date('2026-12-01T07:00:00Z'));
    await runScheduled(t.deps, new Date('2026-12-10T07:00:00Z'));
    expect((await outbox(t, 'round-reminder')).map((m) => m.to)).toEqual([anna]);
    t.setNow(new Date('2026-12-10T08:00:00Z'));
    admin = await signInSecretariat(t);
    const after = await (await page(`/admin/rounds/${roundId}/reminder-schedule`, admin, 'en')).text();
    expect(after).toContain('Reminders sent');
    expect(after).toContain('(messages: 1)');
  });

  it('re-renders with 422 and the error at the field for a date that is not real or outside the round', async () => {
    const bad = await postForm(`/admin/rounds/${roundId}/reminder-schedule`, { date0: '2026-02-30', time0: '08:00' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('href="#field-date0"');
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1); // the date, not the time beside it
    expect(html).toContain('value="2026-02-30"');

    const outside = await postForm(`/admin/rounds/${roundId}/reminder-schedule`, {
      date0: '2026-12-05',
      date1: '2027-01-10',
    });
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('href="#field-date1"');
    expect(await t.deps.db.selectFrom('round_reminders').selectAll().execute()).toEqual([]);
  });

  it('is for the secretariat only', async () => {
    const member = await signIn(t, { memberships: [{ organisationId: 'org-a' }] });
    expect((await page(`/admin/rounds/${roundId}/reminder-schedule`, member)).status).toBe(403);
  });
});
