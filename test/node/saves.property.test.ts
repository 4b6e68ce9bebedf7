import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followUps } from '../../src/placements/jobs.ts';
import { NETWORK_TERMS_VERSION } from '../../src/recruitment/network/schemas.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type SignedInPerson, signIn, signInExisting, signInSecretariat } from '../support/auth.ts';
import { applicationBody, campaignWorld, confirmLine, createCampaign } from '../support/campaigns.ts';
import { createProvider, OCCUPATION, offeringBody, PYTHON_SKILL, WELDING_SKILLS } from '../support/education.ts';
import { moveCaseBody, moveCaseWorld, openCase } from '../support/move-cases.ts';
import { createOrganisation, nextOrgNumber } from '../support/organisations.ts';
import { caseWithInvitedPartner, householdPerson, organisationOfLine, PARTNER_EMAIL } from '../support/partners.ts';
import {
  api,
  KARLSKRONA,
  newSession,
  OCC,
  organisationWithMember,
  placementBody,
  profileBody,
  publish,
  RONNEBY,
  SKILL,
  student,
} from '../support/placements.ts';
import { createPlanThroughApi, plantPlanRound } from '../support/plans.ts';
import { createOpenRound, need, orgNumber, createOrganisation as surveyOrganisation } from '../support/surveys.ts';

/**
 * Saves replace only what they carry (issue 15). For every PUT and PATCH of the JSON API, bodies made
 * of random subsets of a valid body's fields, always with the right version, are sent to a stored
 * object: whatever the answer, a field the body leaves out keeps its stored value, and a body that
 * leaves out a field the operation needs (every field of a PUT) is refused with 4xx and changes nothing.
 */
type Fields = Record<string, unknown>;

interface Subject {
  url: string;
  who: SignedInPerson;
  /** The fields a body may carry; each run sends a random subset of them. */
  fields: string[];
  /** The body that carries `chosen` (from one of two valid variants, so that values really change). */
  body(variant: 0 | 1, chosen: string[]): Fields;
  /** Each field's stored value as the API reads it back, and the stored version where there is one. */
  read(): Promise<{ fields: Fields; version?: number }>;
  /** Bodies the operation must refuse: those without a field it requires. */
  mustRefuse(chosen: string[]): boolean;
  /** Whether every body it need not refuse is accepted (false where the state decides, e.g. status moves). */
  acceptsTheRest: boolean;
}

type Setup = (t: TestApp) => Promise<Subject>;

/** The fields of one of two variants. */
const pickFrom =
  (variants: [Fields, Fields]) =>
  (variant: 0 | 1, chosen: string[]): Fields =>
    Object.fromEntries(chosen.map((field) => [field, variants[variant][field]]));

const pick = (source: Fields, fields: string[]): Fields => Object.fromEntries(fields.map((f) => [f, source[f]]));

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  const answer = await response;
  expect(answer.status, await answer.clone().text()).toBeLessThan(300);
  return (await answer.json()) as T;
}

const lacksAny = (fields: string[]) => (chosen: string[]) => fields.some((f) => !chosen.includes(f));

const cases: Record<string, Setup> = {
  async 'put /api/v1/rounds/:id/responses/:orgId'(t) {
    await surveyOrganisation(t, 'org-s', { orgNumber: orgNumber(901) });
    await createOpenRound(t, 'round-s');
    const who = await signIn(t, { memberships: [{ organisationId: 'org-s' }] });
    const url = '/api/v1/rounds/round-s/responses/org-s';
    const variants: [Fields, Fields] = [
      { organisation: { employeesNow: 40, obstacles: ['housing'], contactConsent: true }, needs: [need()] },
      {
        organisation: { employeesNow: 5 },
        needs: [need({ headcount: 7 }), need({ horizon: '3-5', comment: 'Svets' })],
      },
    ];
    await json(api(t, 'PUT', url, who, { version: 0, ...variants[0] }));
    return {
      url,
      who,
      fields: ['organisation', 'needs'],
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, who));
        return { fields: pick(stored, ['organisation', 'needs']), version: stored.version };
      },
      mustRefuse: lacksAny(['organisation', 'needs']),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/rounds/:id/reminder-schedule'(t) {
    await createOpenRound(t, 'round-r');
    const who = await signInSecretariat(t);
    const url = '/api/v1/rounds/round-r/reminder-schedule';
    const variants: [Fields, Fields] = [
      { remindAt: ['2026-12-10T09:00:00Z'] },
      { remindAt: ['2026-12-20T09:00:00Z', '2027-01-20T09:00:00Z'] },
    ];
    await json(api(t, 'PUT', url, who, variants[0]));
    return {
      url,
      who,
      fields: ['remindAt'],
      body: pickFrom(variants),
      async read() {
        const stored = await json<{ items: { remindAt: string }[] }>(api(t, 'GET', url, who));
        return { fields: { remindAt: stored.items.map((i) => i.remindAt) } };
      },
      mustRefuse: lacksAny(['remindAt']),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/organisations/:id/contact-consent'(t) {
    const { org, member: who } = await organisationWithMember(t);
    const url = `/api/v1/organisations/${org.id}/contact-consent`;
    const variants: [Fields, Fields] = [
      { secretariatMayContact: true, shownToProviders: true },
      { secretariatMayContact: false, shownToProviders: false },
    ];
    const fields = ['secretariatMayContact', 'shownToProviders'];
    await json(api(t, 'PUT', url, who, { version: 0, ...variants[0] }));
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, who));
        return { fields: pick(stored, fields), version: stored.version };
      },
      mustRefuse: lacksAny(fields),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/students/me/profile'(t) {
    const who = await student(t);
    const url = '/api/v1/students/me/profile';
    const variants: [Fields, Fields] = [
      profileBody({
        programme: 'Högskoleingenjör i datateknik',
        institution: 'BTH',
        level: '52',
        expectedGraduation: '2027-06',
        skillIds: [SKILL.python],
        occupationIds: [OCC.software],
        specialisations: [{ code: 'tech', focusAreas: ['mjukvaruutveckling'] }],
        municipalityCodes: [KARLSKRONA],
        remoteOk: true,
        languages: ['sv', 'en'],
        visibility: 'applications',
      }),
      profileBody({
        programme: 'Svetstekniker',
        institution: 'YH Blekinge',
        level: '41',
        skillIds: [SKILL.cad],
        occupationIds: [OCC.welder],
        specialisations: [{ code: 'smart-industri', focusAreas: [] }],
        municipalityCodes: [RONNEBY],
      }),
    ];
    const fields = Object.keys(variants[0]);
    await json(api(t, 'PUT', url, who, { version: 0, ...variants[0] }));
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, who));
        return { fields: pick(stored, fields), version: stored.version };
      },
      mustRefuse: lacksAny(fields),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/follow-ups/:id'(t) {
    const { org, member } = await organisationWithMember(t);
    const placement = await publish(
      t,
      member,
      placementBody(org.id, { applyBy: '2026-12-10', periodStart: '2026-12-15', periodEnd: '2027-01-31' }),
    );
    const applicant = await student(t);
    const application = await json<{ id: string }>(
      api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, applicant, { message: 'Hej' }),
    );
    for (const status of ['in-dialogue', 'offered'])
      await json(api(t, 'PATCH', `/api/v1/applications/${application.id}`, member, { status }));
    await json(api(t, 'PATCH', `/api/v1/applications/${application.id}`, applicant, { status: 'accepted' }));
    await followUps.run(t.deps, new Date('2027-05-01T08:00:00Z'));
    t.setNow(new Date('2027-05-02T08:00:00Z'));
    const who = await newSession(t, applicant);
    const mine = async () =>
      (await json<{ items: (Fields & { id: string })[] }>(api(t, 'GET', '/api/v1/follow-ups', who))).items[0];
    const id = (await mine())?.id;
    const fields = ['hired', 'stayedInRegion'];
    return {
      url: `/api/v1/follow-ups/${id}`,
      who,
      fields,
      body: pickFrom([
        { hired: true, stayedInRegion: false },
        { hired: false, stayedInRegion: true },
      ]),
      async read() {
        return { fields: pick((await mine()) ?? {}, fields) };
      },
      mustRefuse: lacksAny(fields),
      // Answered once: a second complete answer is a 409.
      acceptsTheRest: false,
    };
  },

  async 'patch /api/v1/me'(t) {
    const who = await signIn(t, { name: 'Anna Andersson' });
    return {
      url: '/api/v1/me',
      who,
      fields: ['name'],
      body: pickFrom([{ name: 'Anna Andersson' }, { name: 'Anna Berg' }]),
      async read() {
        return { fields: pick(await json<Fields>(api(t, 'GET', '/api/v1/me', who)), ['name']) };
      },
      mustRefuse: lacksAny(['name']),
      acceptsTheRest: true,
    };
  },

  async 'patch /api/v1/organisations/:id'(t) {
    const who = await signInSecretariat(t);
    const org = await createOrganisation(t);
    const url = `/api/v1/organisations/${org.id}`;
    const variants: [Fields, Fields] = [
      {
        name: 'Alfa Marin AB',
        orgNumber: nextOrgNumber(),
        sector: 'naringsliv',
        sniDivision: '62',
        sizeClass: '10-49',
        municipalityCode: '1080',
        isEducationProvider: false,
      },
      {
        name: 'Beta Verkstad AB',
        orgNumber: nextOrgNumber(),
        sector: 'offentlig',
        sniDivision: '30',
        sizeClass: '50-249',
        municipalityCode: '1081',
        isEducationProvider: true,
      },
    ];
    const fields = Object.keys(variants[0]);
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, who));
        return { fields: pick(stored, fields), version: stored.version };
      },
      mustRefuse: () => false,
      acceptsTheRest: true,
    };
  },

  async 'patch /api/v1/offerings/:id'(t) {
    const who = await signInSecretariat(t);
    const [first, second] = [await createProvider(t), await createProvider(t, { name: 'Komvux Ronneby' })];
    const variants: [Fields, Fields] = [
      offeringBody(first.id, { description: 'Två år, med LIA.' }),
      {
        name: 'Svetsare',
        providerId: second.id,
        form: 'komvux',
        sunLevel: '52',
        sunField: '521',
        occupationIds: [OCCUPATION.welder.id],
        skillIds: [WELDING_SKILLS[0]?.id],
        annualPlaces: 20,
        annualGraduates: 15,
        municipalityCode: '1081',
        distance: true,
        language: 'en',
        pace: 50,
        startDates: ['2028-01-15'],
        url: null,
        description: null,
      },
    ];
    const created = await json<{ id: string }>(api(t, 'POST', '/api/v1/offerings', who, variants[0]));
    expect(variants[0].skillIds).toEqual([PYTHON_SKILL]);
    const url = `/api/v1/offerings/${created.id}`;
    const fields = Object.keys(variants[1]);
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, who));
        return { fields: pick(stored, fields), version: stored.version };
      },
      mustRefuse: () => false,
      acceptsTheRest: true,
    };
  },

  async 'patch /api/v1/placements/:id'(t) {
    const { org, member: who } = await organisationWithMember(t);
    const { organisationId: _org, ...first } = placementBody(org.id, { educationLevel: null });
    const variants: [Fields, Fields] = [
      first,
      {
        kind: 'praktik',
        title: 'Praktik i svetsning',
        description: 'Du svetsar skrov på varvet.',
        occupationId: OCC.welder,
        skillIds: [SKILL.cad],
        specialisations: [{ code: 'smart-industri', focusAreas: ['marin-teknik'] }],
        municipalityCode: RONNEBY,
        remote: true,
        periodStart: '2027-04-01',
        periodEnd: '2027-06-30',
        places: 5,
        applyBy: '2027-02-15',
        paid: true,
        language: 'en',
        educationLevel: 'bachelor',
        requirements: 'Körkort',
        contact: 'varv@example.se',
      },
    ];
    const placement = await publish(t, who, { organisationId: org.id, ...first });
    const url = `/api/v1/placements/${placement.id}`;
    const fields = Object.keys(variants[1]);
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, who));
        return { fields: pick(stored, fields), version: stored.version };
      },
      mustRefuse: () => false,
      acceptsTheRest: true,
    };
  },

  async 'patch /api/v1/plans/:id'(t) {
    const who = await signInSecretariat(t);
    await plantPlanRound(t);
    const plan = await createPlanThroughApi(t, who.cookie, { roundId: 'round-p1', specialisation: 'tech' });
    const url = `/api/v1/plans/${plan.id}`;
    const sections = plan.sections.map((s) => s.key);
    const measureFields = ['title', 'owner', 'timeline', 'target'].map((f) => `m1.${f}`);
    const measureValue = (variant: 0 | 1, field: string) =>
      field === 'target' ? [10, 20][variant] : `${field} ${['ett', 'två'][variant]}`;
    type Plan = { version: number; sections: { key: string; markdown: string }[]; measures: Fields[] };
    return {
      url,
      who,
      fields: [...sections, ...measureFields],
      body(variant, chosen) {
        const body: Fields = {};
        const edits = chosen.filter((f) => sections.includes(f));
        // `sections` is required: a body without any section leaves it out, and must be refused.
        if (edits.length > 0) body.sections = edits.map((key) => ({ key, markdown: `${key}: text ${variant}` }));
        const measure = chosen.filter((f) => measureFields.includes(f)).map((f) => f.slice(3));
        if (measure.length > 0)
          body.measures = [{ id: 'm1', ...Object.fromEntries(measure.map((f) => [f, measureValue(variant, f)])) }];
        return body;
      },
      async read() {
        const stored = await json<Plan>(api(t, 'GET', url, who));
        const m1 = stored.measures.find((m) => m.id === 'm1') ?? {};
        return {
          fields: {
            ...Object.fromEntries(stored.sections.map((s) => [s.key, s.markdown])),
            ...Object.fromEntries(measureFields.map((f) => [f, m1[f.slice(3)]])),
          },
          version: stored.version,
        };
      },
      mustRefuse: (chosen) => !chosen.some((f) => sections.includes(f)),
      acceptsTheRest: true,
    };
  },

  async 'patch /api/v1/applications/:id'(t) {
    const { org, member: who } = await organisationWithMember(t);
    const placement = await publish(t, who, placementBody(org.id));
    const applicant = await student(t);
    const application = await json<{ id: string }>(
      api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, applicant, { message: 'Hej' }),
    );
    return {
      url: `/api/v1/applications/${application.id}`,
      who,
      fields: ['status'],
      body: pickFrom([{ status: 'in-dialogue' }, { status: 'offered' }]),
      async read() {
        const list = await json<{ items: (Fields & { id: string })[] }>(api(t, 'GET', '/api/v1/applications', who));
        return { fields: pick(list.items.find((a) => a.id === application.id) ?? {}, ['status']) };
      },
      mustRefuse: lacksAny(['status']),
      // Whether a move is allowed depends on the status it starts from.
      acceptsTheRest: false,
    };
  },

  async 'patch /api/v1/move-cases/:id'(t) {
    const w = await moveCaseWorld(t);
    const org = (
      await t.deps.db
        .selectFrom('need_lines')
        .select('organisation_id')
        .where('id', '=', w.lines.outside)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const kase = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside));
    const url = `/api/v1/move-cases/${kase.id}`;
    const fields = ['partnerComes', 'children', 'housing', 'earliestMove'];
    const variants: [Fields, Fields] = [
      {
        partnerComes: false,
        children: { age0to5: 0, age6to15: 2, age16to19: 0 },
        housing: { tenure: 'buy', rooms: 5, kommuner: ['1081'] },
        earliestMove: '2027-06',
      },
      {
        partnerComes: true,
        children: { age0to5: 1, age6to15: 0, age16to19: 1 },
        housing: { tenure: 'rent', rooms: 2, kommuner: ['1080', '1083'] },
        earliestMove: '2027-09',
      },
    ];
    return {
      url,
      who: w.memberA,
      fields,
      body: pickFrom(variants),
      async read() {
        const stored = await json<Fields & { version: number }>(api(t, 'GET', url, w.memberA));
        return { fields: pick(stored, fields), version: stored.version };
      },
      mustRefuse: () => false,
      acceptsTheRest: true,
    };
  },

  async 'patch /api/v1/move-cases/:id/tasks/:taskId'(t) {
    const w = await moveCaseWorld(t);
    const org = (
      await t.deps.db
        .selectFrom('need_lines')
        .select('organisation_id')
        .where('id', '=', w.lines.outside)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const kase = await openCase(t, w.memberA, moveCaseBody(org, w.lines.outside));
    const taskId = kase.tasks[0]?.id ?? '';
    const fields = ['state', 'note', 'dueOn', 'owner'];
    return {
      url: `/api/v1/move-cases/${kase.id}/tasks/${taskId}`,
      who: w.memberA,
      fields,
      body: pickFrom([
        { state: 'done', note: 'Klart', dueOn: '2027-02-01', owner: 'guide' },
        { state: 'not-needed', note: 'Behövs inte', dueOn: '2027-02-20', owner: 'household' },
      ]),
      async read() {
        const stored = await json<{ tasks: (Fields & { id: string; version: number })[] }>(
          api(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.memberA),
        );
        const task = stored.tasks.find((x) => x.id === taskId) ?? { version: 0 };
        return { fields: pick(task, fields), version: task.version };
      },
      mustRefuse: () => false,
      acceptsTheRest: true,
    };
  },
  async 'put /api/v1/relocation-guides/:userId/kommuner'(t) {
    const w = await moveCaseWorld(t);
    const url = `/api/v1/relocation-guides/${w.guide.userId}/kommuner`;
    const variants: [Fields, Fields] = [{ kommuner: ['1081'] }, { kommuner: ['1080', '1082'] }];
    await json(api(t, 'PUT', url, w.secretariat, variants[0]));
    return {
      url,
      who: w.secretariat,
      fields: ['kommuner'],
      body: pickFrom(variants),
      async read() {
        const guides = await json<{ items: (Fields & { id: string })[] }>(
          api(t, 'GET', '/api/v1/relocation-guides', w.secretariat),
        );
        return { fields: pick(guides.items.find((g) => g.id === w.guide.userId) ?? {}, ['kommuner']) };
      },
      mustRefuse: lacksAny(['kommuner']),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/move-cases/:id/guide'(t) {
    const w = await moveCaseWorld(t);
    const kase = await openCase(
      t,
      w.memberA,
      moveCaseBody(await organisationOfLine(t, w.lines.outside), w.lines.outside),
    );
    const url = `/api/v1/move-cases/${kase.id}/guide`;
    const variants: [Fields, Fields] = [{ guideUserId: w.guide.userId }, { guideUserId: w.otherGuide.userId }];
    const assigned = await api(t, 'PUT', url, w.secretariat, variants[0]);
    expect(assigned.status, await assigned.clone().text()).toBe(204);
    return {
      url,
      who: w.secretariat,
      fields: ['guideUserId'],
      body: pickFrom(variants),
      async read() {
        const stored = await json<{ guide: { id: string } | null }>(
          api(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.secretariat),
        );
        return { fields: { guideUserId: stored.guide?.id ?? null } };
      },
      mustRefuse: lacksAny(['guideUserId']),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/me/partner-profile'(t) {
    const w = await caseWithInvitedPartner(t);
    const who = await householdPerson(t, PARTNER_EMAIL);
    // The partner's own first view of the case accepts it: only then may they keep a profile.
    await json(api(t, 'GET', `/api/v1/move-cases/${w.kase.id}`, who));
    const url = '/api/v1/me/partner-profile';
    const variants: [Fields, Fields] = [
      {
        occupationIds: [OCC.software],
        skillIds: [SKILL.python, SKILL.java],
        languages: ['sv', 'en', 'pl'],
        earliestStart: '2027-04',
        kommuner: ['1080', '1081', '1290'],
        workModes: ['on-site', 'hybrid'],
        about: 'Byggnadsingenjör med tio års erfarenhet av broar.',
      },
      {
        occupationIds: [OCC.welder, OCC.software],
        skillIds: [SKILL.cad],
        languages: ['de'],
        earliestStart: null,
        kommuner: ['1082'],
        workModes: ['remote'],
        about: 'Svetsare, gärna på varvet.',
      },
    ];
    const fields = Object.keys(variants[0]);
    await json(api(t, 'PUT', url, who, variants[0]));
    type Named = { id?: string; code?: string };
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        const { profile } = await json<{ profile: Fields & { version: number } }>(api(t, 'GET', url, who));
        const ids = (list: unknown) => (list as Named[]).map((x) => x.id ?? x.code);
        return {
          fields: {
            ...pick(profile, ['languages', 'earliestStart', 'workModes', 'about']),
            occupationIds: ids(profile.occupations),
            skillIds: ids(profile.skills),
            kommuner: ids(profile.kommuner),
          },
          version: profile.version,
        };
      },
      // `about` is the one optional field (docs/api.md): left out, the stored text stays.
      mustRefuse: lacksAny(fields.filter((f) => f !== 'about')),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/returners/me'(t) {
    const url = '/api/v1/returners/me';
    const variants: [Fields, Fields] = [
      {
        name: 'Johanna Återvändare',
        connection: 'studied',
        occupationIds: [OCC.software],
        earliestMove: '2027-08',
        kommuner: ['1080'],
        remote: 'hybrid',
        languages: ['svenska', 'engelska'],
      },
      {
        name: 'Johanna Berg',
        connection: 'placement',
        occupationIds: [OCC.welder, OCC.software],
        earliestMove: null,
        kommuner: ['1081', '1082'],
        remote: 'on-site',
        languages: ['polska'],
      },
    ];
    const signedUp = await api(t, 'POST', '/api/v1/returners', undefined, {
      ...variants[0],
      email: 'johanna@example.se',
      consent: true,
    });
    expect(signedUp.status, await signedUp.clone().text()).toBe(202);
    const who = await householdPerson(t, 'johanna@example.se');
    const fields = Object.keys(variants[0]);
    return {
      url,
      who,
      fields,
      body: pickFrom(variants),
      async read() {
        // The first read also confirms the pending entry.
        const stored = await json<Fields & { occupations: { id: string }[]; version: number }>(api(t, 'GET', url, who));
        return {
          fields: { ...pick(stored, fields), occupationIds: stored.occupations.map((o) => o.id) },
          version: stored.version,
        };
      },
      // `languages` is the one optional field (docs/api.md): left out, the stored languages stay.
      mustRefuse: lacksAny(fields.filter((f) => f !== 'languages')),
      acceptsTheRest: true,
    };
  },

  async 'put /api/v1/organisations/:orgId/network'(t) {
    const { org, member: who } = await organisationWithMember(t);
    const url = `/api/v1/organisations/${org.id}/network`;
    // There is one valid body: the terms of the current version, accepted.
    const join = { termsVersion: NETWORK_TERMS_VERSION, acceptTerms: true };
    return {
      url,
      who,
      fields: ['termsVersion', 'acceptTerms'],
      body: pickFrom([join, join]),
      async read() {
        const stored = await json<{ member: boolean; termsVersion: string | null }>(api(t, 'GET', url, who));
        // The accepted terms are stored as the membership itself.
        return { fields: { termsVersion: stored.termsVersion, acceptTerms: stored.member } };
      },
      mustRefuse: lacksAny(['termsVersion', 'acceptTerms']),
      // Joined once: a second complete body is a 409.
      acceptsTheRest: false,
    };
  },

  async 'patch /api/v1/organisations/:id/campaign-applications/:applicationId'(t) {
    const w = await campaignWorld(t);
    const created = await createCampaign(t, w, [w.lines.a]);
    const line = created.lines.find((l) => l.organisation.id === w.orgs.a) ?? { id: '', version: 1 };
    await confirmLine(t, w.members.a, w.orgs.a, line, 3);
    const applied = await api(
      t,
      'POST',
      `/api/v1/campaigns/${created.campaign.id}/applications`,
      undefined,
      applicationBody([w.orgs.a]),
    );
    expect(applied.status, await applied.clone().text()).toBe(202);
    // The candidate confirms the address through the mailed link.
    const candidate = await householdPerson(t, 'kim@example.se');
    const [application] = (
      await json<{ items: { id: string }[] }>(api(t, 'GET', '/api/v1/campaign-applications', candidate))
    ).items;
    await json(api(t, 'GET', `/api/v1/campaign-applications/${application?.id}`, candidate));
    // A few days on, so that the two variants' days both lie between receipt and today.
    t.setNow(new Date('2026-12-03T09:00:00Z'));
    const who = await signInExisting(t, w.members.a.userId);
    const url = `/api/v1/organisations/${w.orgs.a}/campaign-applications/${application?.id}`;
    // Interview and offer, not the final hired / not hired, after which every change is a 409.
    const variants: [Fields, Fields] = [
      { status: 'interview', on: '2026-12-01', lineId: line.id },
      { status: 'offer', on: '2026-12-02', lineId: line.id },
    ];
    type Route = { status: string; interviewOn: string | null; offerOn: string | null; hiredLineId: string | null };
    return {
      url,
      who,
      fields: ['status', 'on', 'lineId'],
      body: pickFrom(variants),
      async read() {
        const { route } = await json<{ route: Route & { version: number } }>(api(t, 'GET', url, who));
        const on = route.status === 'interview' ? route.interviewOn : route.status === 'offer' ? route.offerOn : null;
        return { fields: { status: route.status, on, lineId: route.hiredLineId }, version: route.version };
      },
      // The day is the day of the status: the two come together; the line only with a hire.
      mustRefuse: lacksAny(['status', 'on']),
      acceptsTheRest: true,
    };
  },
};

describe('saves replace only what they carry', () => {
  it('covers every PUT and PATCH of the JSON API', async () => {
    const t = await createTestApp();
    const writes = t.app.routeTable
      .filter((r) => r.kind === 'api' && (r.method === 'put' || r.method === 'patch'))
      .map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(cases).sort()).toEqual(writes.sort());
  });

  for (const [route, setup] of Object.entries(cases)) {
    it(`${route}: a field left out keeps its stored value; a body without a required field is refused and changes nothing`, async () => {
      const t = await createTestApp({ now: new Date('2026-11-28T09:00:00Z') });
      const subject = await setup(t);
      const method = route.split(' ')[0]?.toUpperCase() ?? '';
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<0 | 1>(0, 1), fc.subarray(subject.fields), async (variant, chosen) => {
          const before = await subject.read();
          const body = subject.body(variant, chosen);
          if (before.version !== undefined) body.version = before.version;
          const response = await api(t, method, subject.url, subject.who, body);
          const status = response.status;
          const after = await subject.read();
          const sent = `${JSON.stringify(body)} → ${status} ${await response.text()}`;
          expect(status, sent).toBeLessThan(500);
          if (status < 300) accepted++;
          for (const field of subject.fields.filter((f) => !chosen.includes(f)))
            expect(after.fields[field], `${field} after ${sent}`).toEqual(before.fields[field]);
          if (subject.mustRefuse(chosen)) {
            expect(status, sent).toBeGreaterThanOrEqual(400);
            expect(after, sent).toEqual(before);
          } else if (subject.acceptsTheRest) {
            expect(status, sent).toBeLessThan(300);
          }
        }),
        // Both complete bodies first, so that accepted saves (and the values they change) are exercised;
        // then each body that leaves out exactly one field, the likeliest to wipe a field by a default.
        {
          numRuns: 15,
          examples: [
            [1, subject.fields],
            [0, subject.fields],
            ...subject.fields.map((left): [0 | 1, string[]] => [1, subject.fields.filter((f) => f !== left)]),
            [1, []],
          ],
        },
      );
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
