import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies } from '../support/auth.ts';
import { api, organisationWithMember, placementBody, publish, student } from '../support/placements.ts';
import { outbox } from '../support/rounds.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

type App = { id: string; status: string; message: string; student: { name: string; email: string | null } };
const items = async (r: Response) => ((await r.json()) as { items: App[] }).items;

async function world() {
  const a = await organisationWithMember(t, 'Firma A');
  const b = await organisationWithMember(t, 'Firma B');
  const placement = await publish(t, a.member, placementBody(a.org.id));
  const other = await publish(t, b.member, placementBody(b.org.id, { title: 'Hos B' }));
  const anna = await student(t, { name: 'Anna Student', email: 'anna@student.example.se' });
  const bo = await student(t, { name: 'Bo Student', email: 'bo@student.example.se' });
  return { a, b, placement, other, anna, bo };
}

describe('applications', () => {
  it('takes one application per student and placement, and tells both sides by mail', async () => {
    const w = await world();
    const first = await api(t, 'POST', `/api/v1/placements/${w.placement.id}/applications`, w.anna, {
      message: 'Jag vill gärna göra LIA hos er.',
    });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: 'received', student: { name: 'Anna Student' } });
    const again = await api(t, 'POST', `/api/v1/placements/${w.placement.id}/applications`, w.anna, {
      message: 'Igen',
    });
    expect(again.status).toBe(409);
    const mails = await outbox(t, 'application');
    expect(mails.map((m) => m.to).sort()).toEqual([w.a.member.email, 'anna@student.example.se'].sort());
  });

  it('words every application mail in Swedish first and English second, whatever language the sender reads', async () => {
    const w = await world();
    const created = (await (
      await request(t.app, `/api/v1/placements/${w.placement.id}/applications`, {
        method: 'POST',
        headers: { cookie: cookies(w.anna.cookie, 'lang=en'), 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Hello' }),
      })
    ).json()) as App;
    await api(t, 'PATCH', `/api/v1/applications/${created.id}`, w.a.member, { status: 'in-dialogue' });
    const mails = await outbox(t, 'application');
    const subjects = mails.map((m) => `${m.to}: ${m.subject}`).sort();
    expect(subjects).toEqual(
      [
        `${w.a.member.email}: Ny ansökan: LIA i mjukvaruutveckling / New application: LIA i mjukvaruutveckling`,
        'anna@student.example.se: Din ansökan till LIA i mjukvaruutveckling är mottagen / Your application for LIA i mjukvaruutveckling has been received',
        `${w.a.member.email}: Ansökan till LIA i mjukvaruutveckling: Samtal pågår / Application for LIA i mjukvaruutveckling: In conversation`,
        'anna@student.example.se: Ansökan till LIA i mjukvaruutveckling: Samtal pågår / Application for LIA i mjukvaruutveckling: In conversation',
      ].sort(),
    );
    for (const mail of mails) {
      const parts = mail.text.split('\n\n— In English —\n\n');
      expect(parts, mail.subject).toHaveLength(2);
      expect(parts[0]).toMatch(/^Hej!\n\n(En student|Vi har|Ansökan till)/);
      expect(parts[1]).toMatch(/^Hello,\n\n(A student|We have|The application for)/);
      expect(parts[0]).toContain('Med vänliga hälsningar');
      expect(parts[1]).toContain('Kind regards');
    }
  });

  it('refuses an application after the deadline and to an unknown placement', async () => {
    const w = await world();
    const soon = await publish(t, w.a.member, placementBody(w.a.org.id, { applyBy: '2026-11-30' }));
    t.setNow(new Date('2026-12-01T08:00:00Z'));
    const late = await student(t);
    expect((await api(t, 'POST', `/api/v1/placements/${soon.id}/applications`, late, { message: 'Sent' })).status).toBe(
      409,
    );
    expect((await api(t, 'POST', '/api/v1/placements/nope/applications', late, { message: 'x' })).status).toBe(404);
  });

  it('shows a student only their own applications and an organisation only the applicants to its placements', async () => {
    const w = await world();
    await api(t, 'POST', `/api/v1/placements/${w.placement.id}/applications`, w.anna, { message: 'Anna till A' });
    await api(t, 'POST', `/api/v1/placements/${w.other.id}/applications`, w.bo, { message: 'Bo till B' });
    const annas = await items(await api(t, 'GET', '/api/v1/applications', w.anna));
    expect(annas.map((x) => x.message)).toEqual(['Anna till A']);
    const bos = await items(await api(t, 'GET', '/api/v1/applications', w.bo));
    expect(bos.map((x) => x.message)).toEqual(['Bo till B']);
    const forA = await items(await api(t, 'GET', '/api/v1/applications', w.a.member));
    expect(forA.map((x) => x.student.name)).toEqual(['Anna Student']);
    const forB = await items(await api(t, 'GET', '/api/v1/applications', w.b.member));
    expect(forB.map((x) => x.student.name)).toEqual(['Bo Student']);
    expect(await items(await api(t, 'GET', `/api/v1/applications?organisation=${w.a.org.id}`, w.b.member))).toEqual([]);
    const annaApp = annas[0]?.id ?? '';
    expect(
      (await api(t, 'PATCH', `/api/v1/applications/${annaApp}`, w.b.member, { status: 'in-dialogue' })).status,
    ).toBe(404);
    expect((await api(t, 'PATCH', `/api/v1/applications/${annaApp}`, w.bo, { status: 'withdrawn' })).status).toBe(404);
  });

  it('moves through received → in dialogue → offered → accepted, refusing moves out of order, and mails each change', async () => {
    const w = await world();
    const created = (await (
      await api(t, 'POST', `/api/v1/placements/${w.placement.id}/applications`, w.anna, { message: 'Hej' })
    ).json()) as App;
    const move = (who: typeof w.anna, status: string) =>
      api(t, 'PATCH', `/api/v1/applications/${created.id}`, who, { status });
    expect((await move(w.a.member, 'offered')).status).toBe(409);
    expect((await move(w.anna, 'in-dialogue')).status).toBe(409);
    expect((await move(w.a.member, 'bogus')).status).toBe(422);
    expect((await move(w.a.member, 'in-dialogue')).status).toBe(200);
    expect((await move(w.a.member, 'offered')).status).toBe(200);
    const accepted = await move(w.anna, 'accepted');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 'accepted' });
    expect((await move(w.anna, 'withdrawn')).status).toBe(409);
    const toStudent = (await outbox(t, 'application')).filter((m) => m.to === 'anna@student.example.se');
    expect(toStudent).toHaveLength(4);
  });

  it('lets the student withdraw, after which the organisation cannot move it', async () => {
    const w = await world();
    const created = (await (
      await api(t, 'POST', `/api/v1/placements/${w.placement.id}/applications`, w.anna, { message: 'Hej' })
    ).json()) as App;
    expect((await api(t, 'PATCH', `/api/v1/applications/${created.id}`, w.anna, { status: 'withdrawn' })).status).toBe(
      200,
    );
    expect(
      (await api(t, 'PATCH', `/api/v1/applications/${created.id}`, w.a.member, { status: 'in-dialogue' })).status,
    ).toBe(409);
  });
});
