import { beforeEach, describe, expect, it } from 'vitest';
import { sv } from '../../src/messages.ts';
import { retentionFigures } from '../../src/placements/follow-ups/service.ts';
import { closePastDeadline, followUps, placementJobs } from '../../src/placements/jobs.ts';
import { scheduledJobs } from '../../src/scheduled.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { api, newSession, organisationWithMember, placementBody, publish, student } from '../support/placements.ts';
import { outbox } from '../support/rounds.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
});

/** An accepted application to a placement whose period ends 2027-01-31. */
async function acceptedPlacement() {
  const { org, member } = await organisationWithMember(t);
  const placement = await publish(
    t,
    member,
    placementBody(org.id, {
      applyBy: '2026-12-10',
      periodStart: '2026-12-15',
      periodEnd: '2027-01-31',
      specialisations: [{ code: 'tech', focusAreas: [] }],
    }),
  );
  const s = await student(t, { email: 'ella@student.example.se' });
  const app = (await (
    await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, s, { message: 'Hej' })
  ).json()) as { id: string };
  for (const status of ['in-dialogue', 'offered'])
    await api(t, 'PATCH', `/api/v1/applications/${app.id}`, member, { status });
  await api(t, 'PATCH', `/api/v1/applications/${app.id}`, s, { status: 'accepted' });
  return { org, member, placement, student: s, app };
}

describe('placement jobs', () => {
  it('are on the scheduler list', () => {
    for (const job of placementJobs) expect(scheduledJobs()).toContain(job);
  });

  it('close placements past their deadline once, even when two runs start together', async () => {
    const { org, member } = await organisationWithMember(t);
    const past = await publish(t, member, placementBody(org.id, { applyBy: '2026-12-01' }));
    await publish(t, member, placementBody(org.id, { applyBy: '2027-01-31' }));
    const at = new Date('2026-12-02T08:00:00Z');
    const [a, b] = await Promise.all([closePastDeadline.run(t.deps, at), closePastDeadline.run(t.deps, at)]);
    expect((a?.changed ?? 0) + (b?.changed ?? 0)).toBe(1);
    expect((await closePastDeadline.run(t.deps, at)).changed).toBe(0);
    const row = await t.deps.db
      .selectFrom('placements')
      .select(['status', 'version'])
      .where('id', '=', past.id)
      .executeTakeFirst();
    expect(row).toEqual({ status: 'closed', version: 2 });
  });

  it('makes and mails the 3- and 12-month follow-ups to both sides once each, however many runs', async () => {
    const w = await acceptedPlacement();
    expect((await followUps.run(t.deps, new Date('2027-04-30T08:00:00Z'))).changed).toBe(0);
    const threeMonths = new Date('2027-05-01T08:00:00Z');
    await Promise.all([followUps.run(t.deps, threeMonths), followUps.run(t.deps, threeMonths)]);
    await followUps.run(t.deps, threeMonths);
    let mails = await outbox(t, 'follow-up');
    expect(mails.map((m) => m.to).sort()).toEqual(['ella@student.example.se', w.member.email].sort());
    await Promise.all([
      followUps.run(t.deps, new Date('2028-02-01T08:00:00Z')),
      followUps.run(t.deps, new Date('2028-02-01T08:00:00Z')),
    ]);
    mails = await outbox(t, 'follow-up');
    expect(mails).toHaveLength(4);
    expect(await t.deps.db.selectFrom('follow_ups').select('id').execute()).toHaveLength(4);
  });

  it('mails each follow-up in Swedish first and English second, subject and body', async () => {
    const w = await acceptedPlacement();
    await followUps.run(t.deps, new Date('2027-05-01T08:00:00Z'));
    const mails = await outbox(t, 'follow-up');
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.subject).toBe(
        'Hur gick det efter LIA i mjukvaruutveckling? / How did it go after LIA i mjukvaruutveckling?',
      );
      const [swedish = '', english = ''] = mail.text.split('\n\n— In English —\n\n');
      expect(swedish).toContain('Det har gått 3 månader sedan perioden för ”LIA i mjukvaruutveckling” slutade.');
      expect(english).toContain('It is 3 months since the period of “LIA i mjukvaruutveckling” ended.');
      expect(swedish).toContain(mail.links[0]);
      expect(english).toContain(mail.links[0]);
    }
    expect(mails.map((m) => m.to).sort()).toEqual(['ella@student.example.se', w.member.email].sort());
  });

  it('asks the student about themselves and the organisation about the student', async () => {
    const w = await acceptedPlacement();
    await followUps.run(t.deps, new Date('2027-05-01T08:00:00Z'));
    t.setNow(new Date('2027-05-02T08:00:00Z'));
    const studentPage = await (await api(t, 'GET', '/follow-ups', await newSession(t, w.student))).text();
    expect(studentPage).toContain(sv['followUp.stayed.student']);
    expect(studentPage).not.toContain(sv['followUp.stayed']);
    const memberPage = await (await api(t, 'GET', '/follow-ups', await newSession(t, w.member))).text();
    expect(memberPage).toContain(sv['followUp.stayed']);
    expect(memberPage).not.toContain(sv['followUp.stayed.student']);
  });

  it('takes each side’s answer once, only from that side, and counts it in the retention figures', async () => {
    const w = await acceptedPlacement();
    await followUps.run(t.deps, new Date('2027-05-01T08:00:00Z'));
    t.setNow(new Date('2027-05-02T08:00:00Z'));
    const studentNow = await newSession(t, w.student);
    const memberNow = await newSession(t, w.member);
    const outsider = await signIn(t, { roles: ['student'] });
    const mine = (await (await api(t, 'GET', '/api/v1/follow-ups', studentNow)).json()) as {
      items: { id: string; side: string }[];
    };
    expect(mine.items.map((f) => f.side)).toEqual(['student']);
    const id = mine.items[0]?.id ?? '';
    expect(
      (await api(t, 'PUT', `/api/v1/follow-ups/${id}`, outsider, { hired: true, stayedInRegion: true })).status,
    ).toBe(404);
    expect(
      (await api(t, 'PUT', `/api/v1/follow-ups/${id}`, studentNow, { hired: true, stayedInRegion: true })).status,
    ).toBe(204);
    expect(
      (await api(t, 'PUT', `/api/v1/follow-ups/${id}`, studentNow, { hired: false, stayedInRegion: false })).status,
    ).toBe(409);
    const orgSide = (await (await api(t, 'GET', '/api/v1/follow-ups', memberNow)).json()) as {
      items: { id: string }[];
    };
    await api(t, 'PUT', `/api/v1/follow-ups/${orgSide.items[0]?.id}`, memberNow, {
      hired: true,
      stayedInRegion: false,
    });
    const figures = await retentionFigures(t.deps.db, { from: '2027-01-01', to: '2027-12-31', specialisation: 'tech' });
    expect(figures.byMonths).toEqual([
      { months: 3, side: 'organisation', answered: 1, hired: 1, stayedInRegion: 0 },
      { months: 3, side: 'student', answered: 1, hired: 1, stayedInRegion: 1 },
    ]);
    expect(
      (await retentionFigures(t.deps.db, { from: '2027-01-01', to: '2027-12-31', specialisation: 'missions' }))
        .byMonths,
    ).toEqual([]);
  });
});
