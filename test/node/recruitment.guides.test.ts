import { describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { recruitmentJobs } from '../../src/recruitment/move-cases/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson } from '../support/auth.ts';
import { moveCaseBody, moveCaseWorld, openCase } from '../support/move-cases.ts';
import { outbox, send } from '../support/rounds.ts';

/**
 * Guides per kommun and a case's named guide (decision 0036): the secretariat sets a guide's
 * kommuner, the guide's queue is the cases there (and those with no kommun), and the secretariat
 * assigns or reassigns a case's guide, audited, telling the guides and the household.
 */

const orgOf = async (t: TestApp, lineId: string) =>
  (
    await t.deps.db
      .selectFrom('need_lines')
      .select('organisation_id')
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow()
  ).organisation_id;

const ids = async (t: TestApp, who: SignedInPerson) =>
  ((await (await send(t, 'GET', '/api/v1/move-cases', who)).json()) as { items: { id: string }[] }).items.map(
    (c) => c.id,
  );

async function threeCases(t: TestApp) {
  const w = await moveCaseWorld(t);
  const org = await orgOf(t, w.lines.outside);
  // Karlskrona and Karlshamn to live in; the workplace in organisation A's kommun (Karlskrona).
  const karlskrona = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside));
  const ronneby = await openCase(
    t,
    w.memberA,
    moveCaseBody(org, w.lines.outside, {
      recruit: { name: 'Rut', email: 'rut@example.se' },
      housing: { tenure: 'rent', rooms: 2, kommuner: ['1081'] },
    }),
  );
  const nowhere = await openCase(
    t,
    w.memberA,
    moveCaseBody(org, w.lines.outside, { recruit: { name: 'Noa', email: 'noa@example.se' } }),
  );
  await t.deps.db
    .updateTable('move_cases')
    .set({ housing_kommuner: null, housing_tenure: null, workplace_kommun: null })
    .where('id', '=', nowhere.id)
    .execute();
  return { w, karlskrona: karlskrona.id, ronneby: ronneby.id, nowhere: nowhere.id };
}

describe('guides per kommun', () => {
  it('shows a guide only the waiting cases in their kommuner, and the cases with no kommun', async () => {
    const t = await createTestApp();
    const { w, karlskrona, ronneby, nowhere } = await threeCases(t);
    const set = await send(t, 'PUT', `/api/v1/relocation-guides/${w.guide.userId}/kommuner`, w.secretariat, {
      kommuner: ['1081'],
    });
    expect(set.status, await set.clone().text()).toBe(200);
    expect(await set.json()).toMatchObject({ id: w.guide.userId, kommuner: ['1081'] });

    expect((await ids(t, w.guide)).sort()).toEqual([ronneby, nowhere].sort());
    expect((await send(t, 'GET', `/api/v1/move-cases/${karlskrona}`, w.guide)).status).toBe(404);
    expect((await send(t, 'POST', `/api/v1/move-cases/${karlskrona}/assignment`, w.guide)).status).toBe(404);
    expect((await send(t, 'POST', `/api/v1/move-cases/${ronneby}/assignment`, w.guide)).status).toBe(200);
    // A guide with no kommuner serves the whole region.
    expect(await ids(t, w.otherGuide)).toEqual(expect.arrayContaining([karlskrona, nowhere]));
    // The workplace's kommun counts too: Karlskrona (organisation A's) puts the first case in its area.
    await send(t, 'PUT', `/api/v1/relocation-guides/${w.otherGuide.userId}/kommuner`, w.secretariat, {
      kommuner: ['1080'],
    });
    expect((await ids(t, w.otherGuide)).sort()).toEqual([karlskrona, nowhere].sort());
  });

  it('refuses kommuner outside the region and anyone but the secretariat', async () => {
    const t = await createTestApp();
    const { w } = await threeCases(t);
    const path = `/api/v1/relocation-guides/${w.guide.userId}/kommuner`;
    expect((await send(t, 'PUT', path, w.secretariat, { kommuner: ['0180'] })).status).toBe(422);
    expect((await send(t, 'PUT', path, w.secretariat, { kommuner: ['x'] })).status).toBe(422);
    expect((await send(t, 'PUT', path, w.guide, { kommuner: ['1081'] })).status).toBe(403);
    expect((await send(t, 'GET', '/api/v1/relocation-guides', w.guide)).status).toBe(403);
    expect(
      (await send(t, 'PUT', `/api/v1/relocation-guides/${w.memberA.userId}/kommuner`, w.secretariat, { kommuner: [] }))
        .status,
    ).toBe(404);
  });

  it('sets a guide’s kommuner from the secretariat’s guides page', async () => {
    const t = await createTestApp();
    const { w } = await threeCases(t);
    const page = await request(t.app, '/recruitment/guides', { headers: { cookie: w.secretariat.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Greta Lots');
    const csrf = await csrfPair(t.app);
    const body = new URLSearchParams([
      ['_csrf', csrf.token],
      ['kommuner', '1081'],
      ['kommuner', '1082'],
    ]);
    const saved = await request(t.app, `/recruitment/guides/${w.guide.userId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookies(w.secretariat.cookie, csrf.cookie),
      },
      body: body.toString(),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    const guides = (await (await send(t, 'GET', '/api/v1/relocation-guides', w.secretariat)).json()) as {
      items: { id: string; kommuner: string[] }[];
    };
    expect(guides.items.find((g) => g.id === w.guide.userId)?.kommuner).toEqual(['1081', '1082']);
    const refused = await request(t.app, `/recruitment/guides/${w.guide.userId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookies(w.secretariat.cookie, csrf.cookie),
      },
      body: new URLSearchParams([
        ['_csrf', csrf.token],
        ['kommuner', '0180'],
      ]).toString(),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Välj bland regionens kommuner.');
  });
});

describe('a case’s named guide', () => {
  it('is assigned and reassigned by the secretariat, audited, and the guides and the household are told', async () => {
    const t = await createTestApp();
    const { w, karlskrona } = await threeCases(t);
    const assign = (guideUserId: string, who = w.secretariat) =>
      send(t, 'PUT', `/api/v1/move-cases/${karlskrona}/guide`, who, { guideUserId });
    expect((await assign(w.guide.userId)).status).toBe(204);
    const kase = (await (await send(t, 'GET', `/api/v1/move-cases/${karlskrona}`, w.guide)).json()) as {
      guide: { id: string } | null;
    };
    expect(kase.guide?.id).toBe(w.guide.userId);
    expect((await listOutbox(t.deps.db, w.guide.email)).some((m) => m.kind === 'move-case-guide')).toBe(true);
    expect((await listOutbox(t.deps.db, 'robin@example.se')).filter((m) => m.kind === 'move-case-guide')).toHaveLength(
      1,
    );

    expect((await assign(w.otherGuide.userId)).status).toBe(204);
    const toFormer = (await listOutbox(t.deps.db, w.guide.email)).filter((m) => m.kind === 'move-case-guide');
    expect(toFormer).toHaveLength(2);
    expect(toFormer.some((m) => m.text.includes('Gustav Lots'))).toBe(true);
    expect((await listOutbox(t.deps.db, 'robin@example.se')).filter((m) => m.kind === 'move-case-guide')).toHaveLength(
      2,
    );
    // The former guide no longer sees the case; the new one does.
    expect((await send(t, 'GET', `/api/v1/move-cases/${karlskrona}`, w.guide)).status).toBe(404);
    expect((await send(t, 'GET', `/api/v1/move-cases/${karlskrona}`, w.otherGuide)).status).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'move-case.guide-changed')
      .where('target_id', '=', karlskrona)
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([
      { from: null, to: w.guide.userId },
      { from: w.guide.userId, to: w.otherGuide.userId },
    ]);
  });

  it('refuses anyone but the secretariat, a person without the guide role, and a closed case', async () => {
    const t = await createTestApp();
    const { w, karlskrona } = await threeCases(t);
    const path = `/api/v1/move-cases/${karlskrona}/guide`;
    expect((await send(t, 'PUT', path, w.guide, { guideUserId: w.guide.userId })).status).toBe(403);
    expect((await send(t, 'PUT', path, w.memberA, { guideUserId: w.guide.userId })).status).toBe(403);
    expect((await send(t, 'PUT', path, w.secretariat, { guideUserId: w.memberA.userId })).status).toBe(422);
    expect((await send(t, 'PUT', path, w.secretariat, {})).status).toBe(422);
    expect(
      (await send(t, 'PUT', '/api/v1/move-cases/nope/guide', w.secretariat, { guideUserId: w.guide.userId })).status,
    ).toBe(404);
    await t.deps.db
      .updateTable('move_cases')
      .set({ status: 'closed', outcome: 'withdrawn' })
      .where('id', '=', karlskrona)
      .execute();
    expect((await send(t, 'PUT', path, w.secretariat, { guideUserId: w.guide.userId })).status).toBe(409);
  });
});

describe('guides’ mail follows their area', () => {
  const ADMIN = 'sekretariat@region.example';
  /** Greta serves Ronneby, Gustav Sölvesborg; organisation A's workplace is in Karlskrona. */
  async function twoAreas(t: TestApp) {
    const w = await moveCaseWorld(t);
    for (const [guide, kommun] of [
      [w.guide, '1081'],
      [w.otherGuide, '1083'],
    ] as const) {
      const set = await send(t, 'PUT', `/api/v1/relocation-guides/${guide.userId}/kommuner`, w.secretariat, {
        kommuner: [kommun],
      });
      expect(set.status).toBe(200);
    }
    return { w, org: await orgOf(t, w.lines.outside) };
  }
  const inKommuner = (kommuner: string[]) => ({ housing: { tenure: 'rent', rooms: 3, kommuner } });
  const queued = async (t: TestApp) => (await outbox(t, 'move-case-queued')).map((m) => m.to).sort();

  it('tells only the guides whose kommuner hold a new case, and that guide can open the link', async () => {
    const t = await createTestApp({ config: { ADMIN_EMAILS: ADMIN } });
    const { w, org } = await twoAreas(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside, inKommuner(['1081'])));
    expect(await queued(t)).toEqual([w.guide.email]);
    const [mail] = await outbox(t, 'move-case-queued');
    expect(mail?.links).toEqual([`http://localhost:8787/move-cases/${kase.id}`]);
    expect((await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.guide)).status).toBe(200);
    expect((await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.otherGuide)).status).toBe(404);
  });

  it('tells the secretariat, not the guides, of a new case no guide’s area holds', async () => {
    const t = await createTestApp({ config: { ADMIN_EMAILS: ADMIN } });
    const { w, org } = await twoAreas(t);
    // Karlshamn to live in, Karlskrona to work in: neither Ronneby nor Sölvesborg.
    const kase = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside, inKommuner(['1082'])));
    expect(await queued(t)).toEqual([ADMIN, w.secretariat.email].sort());
    const [mail] = await outbox(t, 'move-case-queued');
    expect(mail?.subject).toContain('Ingen inflyttarlots arbetar där ett nytt flyttärende hör hemma');
    expect(mail?.text).toContain('Tilldela det en lots på ärendets sida.');
    expect(mail?.text).toContain('Please assign it a guide on its page.');
    expect(mail?.text).not.toContain('Robin');
    expect(mail?.links).toEqual([`http://localhost:8787/move-cases/${kase.id}`]);
  });

  it('escalates an unassigned case’s stalled task to the guides whose area holds it, else to the secretariat', async () => {
    const t = await createTestApp({ config: { ADMIN_EMAILS: ADMIN } });
    const { w, org } = await twoAreas(t);
    // Both move in March 2027 with a partner: the partner's job (the guide's task) is due 2026-12-31.
    await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside, inKommuner(['1083'])));
    await openCase(
      t,
      w.memberA,
      moveCaseBody(org, w.lines.outside, {
        recruit: { name: 'Rut', email: 'rut@example.se' },
        ...inKommuner(['1060']),
      }),
    );
    const summary = await runScheduled(t.deps, new Date('2027-01-01T09:00:00Z'), recruitmentJobs);
    expect(summary.failed).toBe(0);
    const escalated = (await outbox(t, 'move-case-escalation')).map((m) => m.to).sort();
    expect(escalated).toEqual([w.otherGuide.email, ADMIN, w.secretariat.email].sort());
    expect(escalated).not.toContain(w.guide.email);
    // The secretariat is told why it hears of the task and asked to assign a guide; the guide is not.
    const mails = await outbox(t, 'move-case-escalation');
    const assignAsk = /Tilldela ärendet en lots[\s\S]*Please assign the case a guide/;
    for (const mail of mails) {
      if (mail.to === w.otherGuide.email) expect(mail.text).not.toMatch(assignAsk);
      else expect(mail.text).toMatch(assignAsk);
    }
  });
});
