import { beforeEach, describe, expect, it } from 'vitest';
import { WEIGHTS } from '../../src/placements/students/ranking.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson } from '../support/auth.ts';
import { plantRound, publishClosedRounds, SECURITY, SOFTWARE, WELDER } from '../support/demand.ts';

const SYSTEMS_ANALYST = { id: 'UXKZ_3zZ_ipB', ssyk: '2511' };

import {
  api,
  KARLSKRONA,
  OCC,
  organisationWithMember,
  placementBody,
  profileBody,
  publish,
  RONNEBY,
  SKILL,
  student,
} from '../support/placements.ts';

/**
 * The ranking on a constructed catalogue: each pair of placements differs in one feature, so the
 * difference of their scores is that feature's documented weight (docs/decisions/0013).
 */
let t: TestApp;
let member: SignedInPerson;
let orgId: string;
beforeEach(async () => {
  t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
  const o = await organisationWithMember(t);
  member = o.member;
  orgId = o.org.id;
});

/** A neutral placement: Ronneby, not remote, no specialisation, a period that fits no graduation. */
const base = (title: string, overrides: Record<string, unknown> = {}) =>
  placementBody(orgId, {
    title,
    occupationId: OCC.welder,
    skillIds: [],
    specialisations: [],
    municipalityCode: RONNEBY,
    periodStart: '2027-08-01',
    periodEnd: '2027-12-31',
    applyBy: '2027-01-31',
    ...overrides,
  });

async function recommended(who: SignedInPerson) {
  const response = await api(t, 'GET', '/api/v1/placements/recommended', who);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    items: {
      id: string;
      title: string;
      score: number;
      matchedOn: string[];
      reason: string;
      demandLink: string | null;
    }[];
  };
  return body.items;
}

async function studentWith(profile: Record<string, unknown>) {
  const s = await student(t);
  const saved = await api(t, 'PUT', '/api/v1/students/me/profile', s, profileBody(profile));
  expect(saved.status).toBe(200);
  return s;
}

const scoreOf = (items: { title: string; score: number }[], title: string) => {
  const item = items.find((i) => i.title === title);
  if (!item) throw new Error(`${title} not recommended`);
  return item.score;
};

describe('ranking placements for a student', () => {
  it('weights a matched skill by its rarity: a skill few placements ask for counts more than a common one', async () => {
    await publish(t, member, base('Vanlig kompetens', { skillIds: [SKILL.java] }));
    await publish(t, member, base('Sällsynt kompetens', { skillIds: [SKILL.cad] }));
    for (let i = 0; i < 4; i++) await publish(t, member, base(`Utfyllnad ${i}`, { skillIds: [SKILL.java] }));
    const s = await studentWith({ skillIds: [SKILL.java, SKILL.cad] });
    const items = await recommended(s);
    expect(items[0]?.title).toBe('Sällsynt kompetens');
    // 6 open placements: cad in 1 → 10 × (1 + ln(6/2)); java in 5 → 10 × (1 + ln(6/6)).
    expect(scoreOf(items, 'Sällsynt kompetens')).toBeCloseTo(10 * (1 + Math.log(3)), 2);
    expect(scoreOf(items, 'Vanlig kompetens')).toBeCloseTo(10, 2);
  });

  it('adds the documented points for a preferred kommun, remote work, a period that fits graduation and the level', async () => {
    await publish(t, member, base('Grund', { skillIds: [SKILL.python] }));
    await publish(t, member, base('Karlskrona', { skillIds: [SKILL.python], municipalityCode: KARLSKRONA }));
    await publish(t, member, base('Distans', { skillIds: [SKILL.python], remote: true }));
    await publish(
      t,
      member,
      base('Före examen', { skillIds: [SKILL.python], periodStart: '2027-03-01', periodEnd: '2027-05-31' }),
    );
    await publish(t, member, base('Rätt nivå', { skillIds: [SKILL.python], educationLevel: 'bachelor' }));
    await publish(t, member, base('Fel nivå', { skillIds: [SKILL.python], educationLevel: 'master' }));
    const s = await studentWith({
      skillIds: [SKILL.python],
      municipalityCodes: [KARLSKRONA],
      remoteOk: true,
      expectedGraduation: '2027-06',
      level: '52',
    });
    const items = await recommended(s);
    const grund = scoreOf(items, 'Grund');
    expect(scoreOf(items, 'Karlskrona') - grund).toBeCloseTo(WEIGHTS.municipality, 2);
    expect(scoreOf(items, 'Distans') - grund).toBeCloseTo(WEIGHTS.remote, 2);
    expect(scoreOf(items, 'Före examen') - grund).toBeCloseTo(WEIGHTS.period, 2);
    expect(scoreOf(items, 'Rätt nivå') - grund).toBeCloseTo(WEIGHTS.level, 2);
    expect(scoreOf(items, 'Fel nivå')).toBeCloseTo(grund, 2);
    expect(items[0]?.title).toBe('Karlskrona');
  });

  it('puts a trainee programme that starts after graduation ahead of one that starts before', async () => {
    await publish(
      t,
      member,
      base('Trainee tidigt', { kind: 'trainee', skillIds: [SKILL.python], periodStart: '2027-02-01' }),
    );
    await publish(
      t,
      member,
      base('Trainee efter', { kind: 'trainee', skillIds: [SKILL.python], periodStart: '2027-08-01' }),
    );
    const s = await studentWith({ skillIds: [SKILL.python], expectedGraduation: '2027-06' });
    expect((await recommended(s)).map((i) => i.title)).toEqual(['Trainee efter', 'Trainee tidigt']);
  });

  it('breaks ties by deadline and then id, and gives the same order every time', async () => {
    const later = await publish(t, member, base('Senare', { skillIds: [SKILL.python], applyBy: '2027-02-15' }));
    const a = await publish(t, member, base('Lika A', { skillIds: [SKILL.python] }));
    const b = await publish(t, member, base('Lika B', { skillIds: [SKILL.python] }));
    const s = await studentWith({ skillIds: [SKILL.python] });
    const first = (await recommended(s)).map((i) => i.id);
    expect(first).toEqual([[a.id, b.id].sort(), later.id].flat());
    await api(
      t,
      'PUT',
      '/api/v1/students/me/profile',
      s,
      profileBody({ skillIds: [SKILL.python], programme: 'Ändrad' }),
    );
    expect((await recommended(s)).map((i) => i.id)).toEqual(first);
  });

  it('explains each item, with the published count of organisations that need the occupation and never a hidden one', async () => {
    await plantRound(
      t,
      { id: 'round-demand' },
      [{ id: 'd1' }, { id: 'd2' }, { id: 'd3' }, { id: 'd4' }, { id: 'd5' }, { id: 'd6' }],
      [
        ...['d1', 'd2', 'd3', 'd4'].map((org) => ({
          org,
          headcount: 2,
          occupation: SOFTWARE,
          horizon: '1-3' as const,
        })),
        { org: 'd5', headcount: 7, occupation: WELDER, horizon: '1-3' as const },
        // The complement that secondary suppression hides beside the welder cell (the smallest).
        ...['d1', 'd2', 'd6'].map((org) => ({ org, headcount: 1, occupation: SECURITY, horizon: '1-3' as const })),
      ],
    );
    await publish(
      t,
      member,
      placementBody(orgId, {
        title: 'Mjukvara',
        skillIds: [SKILL.python, SKILL.cad],
        municipalityCode: KARLSKRONA,
        specialisations: [],
      }),
    );
    await publish(t, member, base('Svets', { skillIds: [SKILL.python] }));
    const s = await studentWith({ skillIds: [SKILL.python, SKILL.cad], municipalityCodes: [KARLSKRONA] });
    const items = await recommended(s);
    const software = items.find((i) => i.title === 'Mjukvara');
    expect(software?.reason).toBe(
      'matchar: CAD-konstruktion/CAD-ritning, Python; Karlskrona; 4 organisationer i regionen behöver personer i yrket om 1–3 år',
    );
    expect(software?.matchedOn).toEqual(['CAD-konstruktion/CAD-ritning', 'Python', 'Karlskrona']);
    expect(software?.demandLink).toContain('/demand?round=round-demand');
    const welder = items.find((i) => i.title === 'Svets');
    // One organisation in the welder's occupation, group and area: hidden at every level, and why.
    expect(welder?.reason).toContain('efterfrågan på yrket finns men siffran är dold (för få svar)');
    expect(welder?.reason).not.toMatch(/\d+ organisationer/);
    expect(JSON.stringify(welder)).not.toContain('"organisations":1');
  });

  it('gives the nearest published group’s figure where the occupation’s own is hidden, the same as the demand API’s', async () => {
    // As in the gap tests: with 2516 and 2511 hidden (one organisation each), the publication also
    // hides 2512, whose four organisations' figure would give their sum away; group 251 stays.
    await plantRound(
      t,
      { id: 'round-group' },
      [{ id: 'g1' }, { id: 'g2' }, { id: 'g3' }, { id: 'g4' }],
      [
        ...['g1', 'g2', 'g3', 'g4'].map((org) => ({
          org,
          headcount: 10,
          occupation: SOFTWARE,
          horizon: '1-3' as const,
        })),
        { org: 'g1', headcount: 3, occupation: SECURITY, horizon: '1-3' as const },
        { org: 'g2', headcount: 2, occupation: SYSTEMS_ANALYST, horizon: '1-3' as const },
      ],
    );
    const demand = await (await request(t.app, '/api/v1/demand?round=round-group&by=occupation,horizon')).json();
    expect(demand.cells.find((c: { key: Record<string, string> }) => c.key.occupation === '2512')?.suppressed).toBe(
      true,
    );
    const group = (
      await (await request(t.app, '/api/v1/demand?round=round-group&by=occupation,horizon&ssykLevel=3')).json()
    ).cells.find((c: { key: Record<string, string> }) => c.key.occupation === '251' && c.key.horizon === '1-3');
    expect(group).toMatchObject({ suppressed: false, organisations: 4 });

    await publish(
      t,
      member,
      placementBody(orgId, { title: 'Mjukvara', skillIds: [SKILL.python], specialisations: [] }),
    );
    const s = await studentWith({ skillIds: [SKILL.python] });
    const [item] = await recommended(s);
    expect(item?.reason).toContain(
      `${group.organisations} organisationer i regionen behöver personer i yrkesgruppen IT-arkitekter, systemutvecklare och testledare m.fl. om 1–3 år (siffran för just det här yrket är dold)`,
    );
    const english = await (
      await request(t.app, '/api/v1/placements/recommended', {
        headers: { cookie: cookies(s.cookie), 'accept-language': 'en' },
      })
    ).json();
    expect(english.items[0].reason).toContain('4 organisations in the region need people in the occupational group ');
    expect(english.items[0].demand).toMatchObject({ hidden: false, reason: 'secondary', ssykLevel: 3, horizon: '1-3' });
  });

  it('shows no demand while the round is unpublished, and the published figure once its publication is out', async () => {
    await plantRound(
      t,
      { id: 'round-later', status: 'open' },
      ['l1', 'l2', 'l3'].map((id) => ({ id })),
      ['l1', 'l2', 'l3'].map((org) => ({ org, headcount: 2, occupation: SOFTWARE, horizon: '0-1' as const })),
    );
    await publish(
      t,
      member,
      placementBody(orgId, { title: 'Mjukvara', skillIds: [SKILL.python], specialisations: [] }),
    );
    const s = await studentWith({ skillIds: [SKILL.python] });
    const open = await recommended(s);
    expect(open[0]?.reason).not.toContain('organisationer');
    expect(open[0]?.demandLink).toBeNull();
    // Closed, but its publication not computed yet: still no figure (an open round's would change).
    await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', 'round-later').execute();
    expect((await recommended(s))[0]?.reason).not.toContain('organisationer');
    await publishClosedRounds(t);
    const after = await recommended(s);
    expect(after[0]?.reason).toContain('3 organisationer i regionen behöver personer i yrket inom 1 år');
    expect(after[0]?.demandLink).toContain('/demand?round=round-later');
  });

  it('serves a repeated list as kept, but never once the profile, the catalogue or the language has changed', async () => {
    await publish(t, member, base('Svets', { skillIds: [SKILL.python] }));
    const s = await studentWith({ skillIds: [SKILL.python] });
    const first = await recommended(s);
    expect(first.map((i) => i.title)).toEqual(['Svets']);
    expect(await recommended(s)).toEqual(first);

    const english = await request(t.app, '/api/v1/placements/recommended', {
      headers: { cookie: cookies(s.cookie), 'accept-language': 'en' },
    });
    const inEnglish = (await english.json()) as { items: { reason: string }[] };
    expect(inEnglish.items[0]?.reason).toMatch(/^matches: Python/);
    expect((await recommended(s))[0]?.reason).toMatch(/^matchar: Python/);

    await publish(t, member, base('Mjukvara', { skillIds: [SKILL.python, SKILL.cad] }));
    expect((await recommended(s)).map((i) => i.title).sort()).toEqual(['Mjukvara', 'Svets']);

    const saved = await api(t, 'PUT', '/api/v1/students/me/profile', s, profileBody({ skillIds: [SKILL.cad] }));
    expect(saved.status).toBe(200);
    expect((await recommended(s)).map((i) => i.title)).toEqual(['Mjukvara']);
  });

  it("lists a placement once however many of the student's skills it asks for", async () => {
    await publish(t, member, base('Båda', { skillIds: [SKILL.python, SKILL.cad, SKILL.java] }));
    await publish(t, member, base('Bara en', { skillIds: [SKILL.python] }));
    const s = await studentWith({ skillIds: [SKILL.python, SKILL.cad, SKILL.java] });
    expect((await recommended(s)).map((i) => i.title)).toEqual(['Båda', 'Bara en']);
  });

  it('recommends nothing before a profile is saved, and only to students', async () => {
    await publish(t, member, base('Något', { skillIds: [SKILL.python] }));
    const s = await student(t);
    expect(await recommended(s)).toEqual([]);
    expect((await api(t, 'GET', '/api/v1/placements/recommended', member)).status).toBe(403);
    expect((await api(t, 'GET', '/api/v1/placements/recommended')).status).toBe(401);
  });

  it('keeps the profile as saved and refuses unknown codes with their paths', async () => {
    const s = await student(t);
    const bad = await api(
      t,
      'PUT',
      '/api/v1/students/me/profile',
      s,
      profileBody({ skillIds: ['nope'], municipalityCodes: ['9999'], level: '99' }),
    );
    expect(bad.status).toBe(422);
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['level', 'municipalityCodes.0', 'skillIds.0']);
    const ok = await api(
      t,
      'PUT',
      '/api/v1/students/me/profile',
      s,
      profileBody({
        programme: 'Högskoleingenjör i datateknik',
        institution: 'BTH',
        level: '52',
        expectedGraduation: '2027-06',
        skillIds: [SKILL.python],
        visibility: 'applications',
        version: 0,
      }),
    );
    expect(ok.status).toBe(200);
    const read = await (await api(t, 'GET', '/api/v1/students/me/profile', s)).json();
    expect(read).toMatchObject({
      programme: 'Högskoleingenjör i datateknik',
      level: '52',
      version: 1,
      visibility: 'applications',
    });
    const stale = await api(t, 'PUT', '/api/v1/students/me/profile', s, profileBody({ programme: 'x', version: 0 }));
    expect(stale.status).toBe(409);
  });

  it('refuses a profile save that leaves out a field, naming it, and the stored profile stays', async () => {
    const s = await studentWith({ programme: 'Datateknik', skillIds: [SKILL.python], municipalityCodes: [KARLSKRONA] });
    const before = await (await api(t, 'GET', '/api/v1/students/me/profile', s)).json();
    const { skillIds: _skills, municipalityCodes: _places, ...partial } = profileBody({ programme: 'Ändrad' });
    const response = await api(t, 'PUT', '/api/v1/students/me/profile', s, partial);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['municipalityCodes', 'skillIds']);
    expect(problem.errors[0]?.message).toContain('Fältet saknas');
    expect(await (await api(t, 'GET', '/api/v1/students/me/profile', s)).json()).toEqual(before);
  });
});
