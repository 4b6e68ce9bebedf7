import { describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/mail/mailer.ts';
import { createTestApp, csrfPair, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn } from '../support/auth.ts';
import { moveCaseBody, moveCaseWorld, openCase, signInFromMail } from '../support/move-cases.ts';
import { outbox, send } from '../support/rounds.ts';

/** Move cases through the JSON API (issue 19, decision 0028). The clock stands at 2026-11-28. */

interface CaseJson {
  id: string;
  status: string;
  relation: string;
  version: number;
  recruit: { name: string; email: string } | null;
  guide: { id: string } | null;
  tasks: { id: string; kind: string; owner: string; dueOn: string; state: string; version: number; overdue: boolean }[];
  accessLog: { name: string | null; as: string }[] | null;
}

const orgOf = async (t: TestApp, lineId: string) =>
  (
    await t.deps.db
      .selectFrom('need_lines')
      .select('organisation_id')
      .where('id', '=', lineId)
      .executeTakeFirstOrThrow()
  ).organisation_id;

async function household(t: TestApp, email = 'robin@example.se'): Promise<SignedInPerson> {
  const { cookie } = await signInFromMail(t, email);
  return { userId: '', sessionId: '', email, cookie };
}

describe('move cases', () => {
  it('opens a case from a need line that recruits from outside, with the checklist that fits the household, and mails the recruit a sign-in link to it', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const response = await send(
      t,
      'POST',
      '/api/v1/move-cases',
      w.memberA,
      moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside),
    );
    expect(response.status).toBe(201);
    const kase = (await response.json()) as CaseJson;
    expect(kase.relation).toBe('organisation');
    expect(kase.tasks.map((task) => `${task.kind}:${task.owner}:${task.dueOn}`).sort()).toEqual([
      'healthcare:household:2027-03-15',
      'housing:organisation:2027-01-30',
      'partner-job:guide:2026-12-31',
      'population-register:household:2027-03-08',
      'school:household:2027-01-30',
      'sfi:household:2027-03-31',
    ]);
    const [mail] = await outbox(t, 'move-case');
    expect(mail?.to).toBe('robin@example.se');
    expect(mail?.links[0]).toContain(`next=%2Fmove-cases%2F${kase.id}`);
  });

  it('tells every relocation guide that a new case waits in the queue, by occupation and month, without the household', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const queued = await outbox(t, 'move-case-queued');
    expect(queued.map((m) => m.to).sort()).toEqual([w.guide.email, w.otherGuide.email].sort());
    for (const mail of queued) {
      expect(mail.links).toEqual([`http://localhost:8787/move-cases/${kase.id}`]);
      expect(mail.text).toContain('flytt tidigast mars 2027');
      expect(mail.text).toContain('moving March 2027 at the earliest');
      expect(mail.text).not.toContain('Robin');
    }
  });

  it('leaves out the school and the partner’s job when no child and no partner move', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = await orgOf(t, w.lines.outside);
    const kase = await openCase(
      t,
      w.memberA,
      moveCaseBody(org, w.lines.outside, { partnerComes: false, children: { age0to5: 0, age6to15: 0, age16to19: 0 } }),
    );
    expect(kase.tasks.map((task) => task.kind).sort()).toEqual(['healthcare', 'housing', 'population-register', 'sfi']);
  });

  it('refuses (422) a need line that only recruits locally, naming the need line', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const response = await send(
      t,
      'POST',
      '/api/v1/move-cases',
      w.memberA,
      moveCaseBody(await orgOf(t, w.lines.local), w.lines.local),
    );
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['needLineId']);
    expect(await t.deps.db.selectFrom('move_cases').select('id').execute()).toEqual([]);
  });

  it('refuses (404) a need line of another organisation, and an organisation the caller is not a member of', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const orgA = await orgOf(t, w.lines.outside);
    // A's member names B's line under A, and B's member names A's line under A.
    expect((await send(t, 'POST', '/api/v1/move-cases', w.memberA, moveCaseBody(orgA, w.lines.otherOrg))).status).toBe(
      404,
    );
    expect((await send(t, 'POST', '/api/v1/move-cases', w.memberB, moveCaseBody(orgA, w.lines.outside))).status).toBe(
      404,
    );
    expect(await t.deps.db.selectFrom('move_cases').select('id').execute()).toEqual([]);
  });

  it('refuses a move month before this month and a kommun that does not exist (422, by field)', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = await orgOf(t, w.lines.outside);
    const past = await send(
      t,
      'POST',
      '/api/v1/move-cases',
      w.memberA,
      moveCaseBody(org, w.lines.outside, { earliestMove: '2026-10' }),
    );
    expect(past.status).toBe(422);
    expect(((await past.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('earliestMove');
    const nowhere = await send(
      t,
      'POST',
      '/api/v1/move-cases',
      w.memberA,
      moveCaseBody(org, w.lines.outside, { housing: { tenure: 'buy', rooms: 4, kommuner: ['9999'] } }),
    );
    expect(nowhere.status).toBe(422);
  });

  it('shows the household only its own case, and no other', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const mine = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const theirs = await openCase(
      t,
      w.memberB,
      moveCaseBody(await orgOf(t, w.lines.otherOrg), w.lines.otherOrg, {
        recruit: { name: 'Kim Annan', email: 'kim@example.se' },
      }),
    );
    const robin = await household(t);
    const list = (await (await send(t, 'GET', '/api/v1/move-cases', robin)).json()) as {
      items: { id: string; relation: string }[];
    };
    expect(list.items).toEqual([expect.objectContaining({ id: mine.id, relation: 'household' })]);
    expect((await send(t, 'GET', `/api/v1/move-cases/${mine.id}`, robin)).status).toBe(200);
    expect((await send(t, 'GET', `/api/v1/move-cases/${theirs.id}`, robin)).status).toBe(404);
    expect((await send(t, 'GET', `/api/v1/move-cases/${mine.id}`, w.memberB)).status).toBe(404);
  });

  it('lets the household mark its own task done, but not the organisation’s or the guide’s (403)', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const robin = await household(t);
    const own = kase.tasks.find((task) => task.kind === 'healthcare');
    const housing = kase.tasks.find((task) => task.kind === 'housing');
    const done = await send(t, 'PATCH', `/api/v1/move-cases/${kase.id}/tasks/${own?.id}`, robin, {
      version: own?.version,
      state: 'done',
      note: 'Vårdcentralen i Ronneby',
    });
    expect(done.status).toBe(200);
    const after = (await done.json()) as CaseJson;
    expect(after.tasks.find((task) => task.id === own?.id)).toMatchObject({ state: 'done', version: 2 });
    const refused = await send(t, 'PATCH', `/api/v1/move-cases/${kase.id}/tasks/${housing?.id}`, robin, {
      version: housing?.version,
      state: 'done',
    });
    expect(refused.status).toBe(403);
    // The same stale version again is a conflict, and nothing changes.
    const stale = await send(t, 'PATCH', `/api/v1/move-cases/${kase.id}/tasks/${own?.id}`, robin, {
      version: own?.version,
      state: 'open',
    });
    expect(stale.status).toBe(409);
  });

  it('shows a guide the cases assigned to them and the unassigned queue, but not another guide’s cases or closed unassigned ones', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const org = await orgOf(t, w.lines.outside);
    const first = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside));
    const second = await openCase(
      t,
      w.memberA,
      moveCaseBody(org, w.lines.outside, { recruit: { name: 'B', email: 'b@example.se' } }),
    );
    const third = await openCase(
      t,
      w.memberA,
      moveCaseBody(org, w.lines.outside, { recruit: { name: 'C', email: 'c@example.se' } }),
    );
    // The queue: every guide sees all three.
    const queue = (await (await send(t, 'GET', '/api/v1/move-cases', w.guide)).json()) as {
      items: { id: string; relation: string }[];
    };
    expect(queue.items.map((i) => i.relation)).toEqual(['queue', 'queue', 'queue']);
    expect((await send(t, 'POST', `/api/v1/move-cases/${first.id}/assignment`, w.guide)).status).toBe(200);
    // Taken: the case has left the other guide's queue, so it is not theirs to know of.
    expect((await send(t, 'POST', `/api/v1/move-cases/${first.id}/assignment`, w.otherGuide)).status).toBe(404);
    expect((await send(t, 'POST', `/api/v1/move-cases/${second.id}/assignment`, w.otherGuide)).status).toBe(200);
    // The secretariat closes the third, still unassigned.
    const closed = await send(t, 'POST', `/api/v1/move-cases/${third.id}/closure`, w.secretariat, {
      version: third.version,
      outcome: 'withdrawn',
    });
    expect(closed.status).toBe(200);
    const seen = (await (await send(t, 'GET', '/api/v1/move-cases', w.guide)).json()) as {
      items: { id: string; relation: string }[];
    };
    expect(seen.items).toEqual([expect.objectContaining({ id: first.id, relation: 'guide' })]);
    expect((await send(t, 'GET', `/api/v1/move-cases/${second.id}`, w.guide)).status).toBe(404);
    expect((await send(t, 'GET', `/api/v1/move-cases/${third.id}`, w.guide)).status).toBe(404);
    // A guide closes its own case with the outcome; a member of the organisation may not (403).
    const current = (await (await send(t, 'GET', `/api/v1/move-cases/${first.id}`, w.guide)).json()) as CaseJson;
    expect(
      (
        await send(t, 'POST', `/api/v1/move-cases/${first.id}/closure`, w.memberA, {
          version: current.version,
          outcome: 'moved-in',
        })
      ).status,
    ).toBe(403);
    const movedIn = await send(t, 'POST', `/api/v1/move-cases/${first.id}/closure`, w.guide, {
      version: current.version,
      outcome: 'moved-in',
      movedInOn: '2026-11-27',
      movedToKommun: '1082',
      offerAcceptedOn: '2026-10-15',
    });
    expect(movedIn.status).toBe(200);
    expect(await movedIn.json()).toMatchObject({
      status: 'closed',
      outcome: 'moved-in',
      movedInOn: '2026-11-27',
      offerAcceptedOn: '2026-10-15',
      movedToKommun: '1082',
    });
  });

  it('logs every view by the organisation and the guide, and shows the household who viewed its case', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, w.guide);
    await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.guide);
    const robin = await household(t);
    const seen = (await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, robin)).json()) as CaseJson;
    // Opened (the member's answer is a view), taken (the guide's answer), then read by the guide.
    expect(seen.accessLog?.map((e) => `${e.name} as ${e.as}`)).toEqual([
      'Greta Lots as guide',
      'Greta Lots as guide',
      'Anna Arbetsgivare as organisation',
    ]);
    // The household's own views are not in it; the organisation and the guide see no log.
    const again = (await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, robin)).json()) as CaseJson;
    expect(again.accessLog).toHaveLength(3);
    const asMember = (await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.memberA)).json()) as CaseJson;
    expect(asMember.accessLog).toBeNull();
  });

  it('lets the household change its own details with the version it read, and refuses a stale version (409)', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const robin = await household(t);
    const changed = await send(t, 'PATCH', `/api/v1/move-cases/${kase.id}`, robin, {
      version: kase.version,
      children: { age0to5: 1, age6to15: 1, age16to19: 0 },
      earliestMove: '2027-05',
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      version: kase.version + 1,
      children: { age0to5: 1, age6to15: 1, age16to19: 0 },
      earliestMove: '2027-05',
      housing: { tenure: 'rent', rooms: 3 },
    });
    const stale = await send(t, 'PATCH', `/api/v1/move-cases/${kase.id}`, robin, {
      version: kase.version,
      partnerComes: false,
    });
    expect(stale.status).toBe(409);
  });

  it('gives the relocation-guide role through the secretariat, after which the person sees the queue and may take a case', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const lots = await signIn(t, { name: 'Ny Lots' });
    expect((await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, lots)).status).toBe(403);
    const granted = await send(t, 'POST', `/api/v1/users/${lots.userId}/roles`, w.secretariat, {
      role: 'relocation-guide',
    });
    expect(granted.status).toBe(204);
    const me = (await (await send(t, 'GET', '/api/v1/me', lots)).json()) as { roles: string[] };
    expect(me.roles).toEqual(['relocation-guide']);
    const queue = (await (await send(t, 'GET', '/api/v1/move-cases', lots)).json()) as {
      items: { id: string; relation: string }[];
    };
    expect(queue.items).toEqual([expect.objectContaining({ id: kase.id, relation: 'queue' })]);
    expect((await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, lots)).status).toBe(200);
  });

  it('lets anyone working the case add a task, the household too, but not a guide who has not taken it (403)', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const kase = await openCase(t, w.memberA, moveCaseBody(await orgOf(t, w.lines.outside), w.lines.outside));
    const robin = await household(t);
    const task = { title: 'Säga upp lägenheten i Umeå', owner: 'household', dueOn: '2027-01-31' };
    const added = await send(t, 'POST', `/api/v1/move-cases/${kase.id}/tasks`, robin, task);
    expect(added.status).toBe(201);
    const after = (await added.json()) as CaseJson;
    expect(after.tasks.find((x) => x.kind === 'other')).toMatchObject({
      owner: 'household',
      dueOn: '2027-01-31',
      state: 'open',
    });
    expect((await send(t, 'POST', `/api/v1/move-cases/${kase.id}/tasks`, w.guide, task)).status).toBe(403);
    expect((await send(t, 'POST', `/api/v1/move-cases/${kase.id}/tasks`, w.memberB, task)).status).toBe(404);
    const bad = await send(t, 'POST', `/api/v1/move-cases/${kase.id}/tasks`, robin, { ...task, dueOn: '31/1' });
    expect(bad.status).toBe(422);
  });
});

describe('a household signing in later', () => {
  it('lands on its open move case when its sign-in link names no page, and not once the case is closed', async () => {
    const t = await createTestApp();
    const w = await moveCaseWorld(t);
    const organisationId = (
      await t.deps.db
        .selectFrom('need_lines')
        .select('organisation_id')
        .where('id', '=', w.lines.outside)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const kase = await openCase(t, w.memberA, moveCaseBody(organisationId, w.lines.outside));
    // The invitation's link makes the household's account; a later sign-in asks for a new link.
    await signInFromMail(t, 'robin@example.se');
    const csrf = await csrfPair(t.app);
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(csrf.cookie) },
      body: new URLSearchParams({ ...fields, _csrf: csrf.token }).toString(),
    });
    const landing = async () => {
      expect((await request(t.app, '/sign-in', form({ email: 'robin@example.se', next: '/account' }))).status).toBe(
        303,
      );
      const [mail] = await listOutbox(t.deps.db, 'robin@example.se');
      const token = new URL(mail?.links[0] ?? 'http://x/').searchParams.get('token') ?? '';
      const confirmed = await request(t.app, '/sign-in/verify', form({ token, next: '/account' }));
      expect(confirmed.status).toBe(303);
      return confirmed.headers.get('location');
    };
    expect(await landing()).toBe(`/move-cases/${kase.id}`);

    const current = (await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.secretariat)).json()) as {
      version: number;
    };
    const closed = await send(t, 'POST', `/api/v1/move-cases/${kase.id}/closure`, w.secretariat, {
      version: current.version,
      outcome: 'withdrawn',
    });
    expect(closed.status).toBe(200);
    expect(await landing()).toBe('/account');
  });
});
