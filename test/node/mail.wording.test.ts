import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { ENGLISH_SEPARATOR, MAIL_KINDS, type MailKind } from '../../src/mail/index.ts';
import { followUps } from '../../src/placements/jobs.ts';
import { sharedPostJob } from '../../src/recruitment/flexible/jobs.ts';
import { followUpJob } from '../../src/recruitment/follow-ups/jobs.ts';
import { informPartners } from '../../src/recruitment/matching/jobs.ts';
import { recruitmentJobs } from '../../src/recruitment/move-cases/jobs.ts';
import { partnerJobs } from '../../src/recruitment/partners/jobs.ts';
import { returnerDigests, returnerRenewals } from '../../src/recruitment/returners/jobs.ts';
import { runScheduled } from '../../src/scheduled.ts';
import { createTestApp, request, type TestApp } from '../support/app.ts';
import { cookies, type SignedInPerson, signIn, signInSecretariat } from '../support/auth.ts';
import { applicationBody, campaignWorld, confirmLine, createCampaign } from '../support/campaigns.ts';
import { moveCaseBody, moveCaseWorld, openCase } from '../support/move-cases.ts';
import { householdPerson } from '../support/partners.ts';
import { api, newSession, organisationWithMember, placementBody, publish, student } from '../support/placements.ts';
import { createPlanThroughApi, json, plantPlanRound } from '../support/plans.ts';
import { addContact, answers, createRound, outbox, send, submit } from '../support/rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from '../support/surveys.ts';

/**
 * Every mail the service sends opens with a greeting and ends with the one signature that names
 * the secretariat's contact address (issue 18), in each language it is written in: the reader's
 * for mail a person asks for in a request, Swedish then English for the rest.
 */
const CONTACT = 'kompetensbron@region.example';
const SIGNATURE = {
  sv: `Med vänliga hälsningar\nRegion Blekinge – Kompetensbron\nFrågor? Kontakta sekretariatet: ${CONTACT}`,
  en: `Kind regards\nRegion Blekinge – Kompetensbron\nQuestions? Contact the secretariat: ${CONTACT}`,
};
const GREETING = { sv: 'Hej!\n\n', en: 'Hello,\n\n' };

let t: TestApp;
let admin: SignedInPerson;
beforeEach(async () => {
  t = await createTestApp({
    config: { CONTACT_EMAIL: CONTACT, ADMIN_EMAILS: 'sv.sekretariat@region.example,en.sekretariat@region.example' },
  });
  admin = await signInSecretariat(t);
});

const inLanguage = (cookie: string, lang: 'sv' | 'en') => `${cookie}; lang=${lang}`;

/** Sends every kind of mail: the ones a request words in both reader languages, the rest once. */
async function sendEveryKind(): Promise<Map<string, 'sv' | 'en' | 'both'>> {
  const language = new Map<string, 'sv' | 'en' | 'both'>();
  for (const lang of ['sv', 'en'] as const) {
    // sign-in (a known address) and no-account (an unknown one)
    for (const email of [`${lang}.sekretariat@region.example`, `${lang}.okand@example.se`]) {
      const asked = await request(t.app, '/api/v1/auth/sign-in-links', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `lang=${lang}` },
        body: JSON.stringify({ email }),
      });
      expect(asked.status).toBe(202);
      language.set(email, lang);
    }
    // invitation to an organisation, in the inviter's language
    const { org } = await organisationWithMember(t, `Organisation ${lang}`);
    const invitee = `${lang}.inbjuden@example.se`;
    const invited = await request(t.app, `/api/v1/organisations/${org.id}/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: inLanguage(admin.cookie, lang) },
      body: JSON.stringify({ email: invitee, role: 'member' }),
    });
    expect(invited.status).toBe(201);
    language.set(invitee, lang);
  }
  // plan-review, in the inviting person's language
  await plantPlanRound(t);
  const plan = await createPlanThroughApi(t, admin.cookie, { roundId: 'round-p1', specialisation: 'tech' });
  for (const lang of ['sv', 'en'] as const) {
    const reviewer = `${lang}.granskare@example.se`;
    const response = await request(
      t.app,
      `/api/v1/plans/${plan.id}/reviewers`,
      json(inLanguage(admin.cookie, lang), 'POST', { email: reviewer }),
    );
    expect(response.status).toBe(204);
    language.set(reviewer, lang);
  }

  // round-invitation and round-reminder: Swedish and English in one mail
  const contact = await addContact(t, (await organisationWithMember(t, 'Varvet AB')).org.id);
  const round = await createRound(t, admin);
  expect((await send(t, 'POST', `/api/v1/rounds/${round}/open`, admin)).status).toBe(200);
  t.setNow(new Date('2026-11-30T09:00:00Z'));
  const freshAdmin = await signInSecretariat(t);
  expect((await send(t, 'POST', `/api/v1/rounds/${round}/reminders`, freshAdmin)).status).toBe(202);
  language.set(contact, 'both');

  // application (to the student and the organisation), and the follow-up after the period
  const { org, member } = await organisationWithMember(t, 'Kodkusten AB');
  const placement = await publish(
    t,
    member,
    placementBody(org.id, { applyBy: '2026-12-10', periodStart: '2026-12-15', periodEnd: '2027-01-31' }),
  );
  const applicant = await student(t, { email: 'ella@student.example.se' });
  const applied = await api(t, 'POST', `/api/v1/placements/${placement.id}/applications`, applicant, {
    message: 'Hej',
  });
  expect(applied.status).toBe(201);
  const { id } = (await applied.json()) as { id: string };
  for (const status of ['in-dialogue', 'offered'])
    await api(t, 'PATCH', `/api/v1/applications/${id}`, member, { status });
  await api(t, 'PATCH', `/api/v1/applications/${id}`, await newSession(t, applicant), { status: 'accepted' });
  await followUps.run(t.deps, new Date('2027-05-01T08:00:00Z'));
  language.set(applicant.email, 'both');
  language.set(member.email, 'both');

  // move-case (the household's invitation) and move-case-escalation (a stalled task, to the guide)
  t.setNow(new Date('2026-11-30T09:00:00Z'));
  const w = await moveCaseWorld(t);
  const line = await t.deps.db
    .selectFrom('need_lines')
    .select('organisation_id')
    .where('id', '=', w.lines.outside)
    .executeTakeFirstOrThrow();
  const kase = await openCase(t, w.memberA, moveCaseBody(line.organisation_id, w.lines.outside));
  expect((await send(t, 'POST', `/api/v1/move-cases/${kase.id}/assignment`, w.guide)).status).toBe(200);
  // move-case-guide: the secretariat hands the case to another guide and back (decision 0036)
  for (const guide of [w.otherGuide, w.guide]) {
    const path = `/api/v1/move-cases/${kase.id}/guide`;
    expect((await send(t, 'PUT', path, w.secretariat, { guideUserId: guide.userId })).status).toBe(204);
  }
  language.set(w.otherGuide.email, 'both');
  expect((await runScheduled(t.deps, new Date('2027-01-01T09:00:00Z'), recruitmentJobs)).failed).toBe(0);
  language.set('robin@example.se', 'both');
  // The partner is invited while the case is open (a closed case takes no new household row).
  const partnerEmail = 'pat@example.se';
  expect(
    (await send(t, 'POST', `/api/v1/move-cases/${kase.id}/partner`, w.memberA, { name: 'Pat', email: partnerEmail }))
      .status,
  ).toBe(201);
  // move-follow-up: the case closes as moved in, and three months later the household is asked
  const current = (await (await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, w.guide)).json()) as {
    version: number;
  };
  const closure = {
    outcome: 'moved-in',
    movedInOn: '2026-11-30',
    movedToKommun: '1080',
    offerAcceptedOn: '2026-10-01',
  };
  expect(
    (await send(t, 'POST', `/api/v1/move-cases/${kase.id}/closure`, w.guide, { version: current.version, ...closure }))
      .status,
  ).toBe(200);
  expect((await runScheduled(t.deps, new Date('2027-03-05T09:00:00Z'), [followUpJob])).failed).toBe(0);
  language.set(w.guide.email, 'both');

  // partner-consent-renewal: the partner shares a profile for 6 months; 14 days before it ends
  // the partner is asked to renew.
  t.setNow(new Date('2026-11-30T09:00:00Z'));
  const partner = await householdPerson(t, partnerEmail);
  await send(t, 'GET', `/api/v1/move-cases/${kase.id}`, partner);
  expect(
    (
      await send(t, 'PUT', '/api/v1/me/partner-profile', partner, {
        occupationIds: ['DJh5_yyF_hEM'],
        skillIds: [],
        languages: ['sv'],
        earliestStart: null,
        kommuner: ['1080'],
        workModes: ['remote'],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await send(t, 'POST', '/api/v1/me/partner-profile/consents', partner, {
        recipient: 'network',
        purpose: 'consider',
        months: 6,
      })
    ).status,
  ).toBe(201);
  expect((await runScheduled(t.deps, new Date('2027-05-20T09:00:00Z'), partnerJobs)).failed).toBe(0);
  language.set(partnerEmail, 'both');

  // partner-notice: organisation A joins the network, and matching at once tells its members of an
  // anonymous match, A says it would like to get in touch (the partner is told) and the partner accepts (A is told).
  const memberA = w.memberA;
  const partnerNow = partner;
  expect(
    (
      await send(t, 'PUT', `/api/v1/organisations/${line.organisation_id}/network`, memberA, {
        termsVersion: '2026-12',
        acceptTerms: true,
      })
    ).status,
  ).toBeLessThan(300);
  const notices = (await (
    await send(t, 'GET', `/api/v1/organisations/${line.organisation_id}/partner-notices`, memberA)
  ).json()) as { items: { id: string; version: number }[] };
  const [notice] = notices.items;
  expect(
    (
      await send(
        t,
        'POST',
        `/api/v1/organisations/${line.organisation_id}/partner-notices/${notice?.id}/interest`,
        w.memberA,
        {
          interested: true,
          version: notice?.version,
        },
      )
    ).status,
  ).toBe(204);
  expect(
    (
      await send(t, 'POST', `/api/v1/me/partner-profile/notices/${notice?.id}/answer`, partnerNow, {
        accept: true,
        version: (notice?.version ?? 0) + 1,
      })
    ).status,
  ).toBe(204);
  language.set(w.memberA.email, 'both');
  // partner-openings: the partner shares the profile with A to be told about openings, A tells
  // them of its need line, and the weekly digest names it (both languages).
  expect(
    (
      await send(t, 'POST', '/api/v1/me/partner-profile/consents', partnerNow, {
        recipient: 'organisation',
        organisationId: line.organisation_id,
        purpose: 'inform',
        months: 6,
      })
    ).status,
  ).toBe(201);
  const informed = await t.deps.db.selectFrom('partner_profiles').select('id').executeTakeFirstOrThrow();
  expect(
    (
      await send(
        t,
        'POST',
        `/api/v1/organisations/${line.organisation_id}/partner-profiles/${informed.id}/tips`,
        memberA,
        {
          source: 'need',
          openingId: w.lines.outside,
          note: 'Hör gärna av dig.',
        },
      )
    ).status,
  ).toBe(201);
  expect((await informPartners.run(t.deps, t.deps.now())).changed).toBe(1);
  // campaign-application (the link that confirms a candidate's application), in the candidate's language
  const cw = await campaignWorld(t);
  const campaign = await createCampaign(t, cw, [cw.lines.a]);
  const campaignLine = campaign.lines[0] ?? { id: '', version: 1 };
  await confirmLine(t, cw.members.a, cw.orgs.a, campaignLine, 1);
  for (const lang of ['sv', 'en'] as const) {
    const email = `${lang}.kandidat@example.se`;
    const applied = await request(t.app, `/api/v1/campaigns/${campaign.campaign.id}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `lang=${lang}` },
      body: JSON.stringify(applicationBody([cw.orgs.a], { email })),
    });
    expect(applied.status).toBe(202);
    language.set(email, lang);
  }
  // campaign-routed (to the members of the organisation a confirmed application goes to), in both
  const signedIn = await signIn(t, { email: 'inloggad.kandidat@example.se' });
  const routed = await request(t.app, `/api/v1/campaigns/${campaign.campaign.id}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: signedIn.cookie },
    body: JSON.stringify(applicationBody([cw.orgs.a], { email: 'inloggad.kandidat@example.se' })),
  });
  expect(routed.status).toBe(201);
  language.set(cw.members.a.email, 'both');
  // returner (the sign-up's link, in the reader's language)
  for (const lang of ['sv', 'en'] as const) {
    const signedUp = await request(t.app, '/api/v1/returners', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `lang=${lang}` },
      body: JSON.stringify({
        name: 'Johanna',
        email: `${lang}.atervandare@example.se`,
        connection: 'studied',
        occupationIds: ['DJh5_yyF_hEM'],
        earliestMove: null,
        kommuner: [],
        remote: 'any',
        consent: true,
      }),
    });
    expect(signedUp.status).toBe(202);
    language.set(`${lang}.atervandare@example.se`, lang);
  }
  // returner-digest and returner-renewal (Swedish and English), to a confirmed entry
  const returner = 'johanna@example.se';
  await t.deps.db
    .insertInto('returners')
    .values({
      id: 'returner-mail',
      email: returner,
      name: 'Johanna',
      connection: 'studied',
      remote: 'any',
      status: 'active',
      consented_at: '2026-11-30T09:00:00.000Z',
      expires_at: '2027-11-30T09:00:00.000Z',
      created_at: '2026-11-30T09:00:00.000Z',
      updated_at: '2026-11-30T09:00:00.000Z',
    })
    .execute();
  await t.deps.db
    .insertInto('returner_occupations')
    .values({ returner_id: 'returner-mail', occupation_id: 'DJh5_yyF_hEM', ssyk_code: '2512' })
    .execute();
  expect((await returnerDigests.run(t.deps, new Date('2026-12-01T09:00:00Z'))).changed).toBe(1);
  expect((await returnerRenewals.run(t.deps, new Date('2027-11-20T09:00:00Z'))).changed).toBe(1);
  language.set(returner, 'both');
  // shared-post-proposal (Swedish and English): two organisations' part-time needs, open to sharing
  await createOpenRound(t, 'round-flexible', undefined, 3);
  for (const [n, org] of ['flex-a', 'flex-b'].entries()) {
    await createOrganisation(t, org, { orgNumber: orgNumber(900 + n) });
    const member = await signIn(t, { email: `${org}@example.se`, memberships: [{ organisationId: org }] });
    await submit(t, member, 'round-flexible', org, {
      organisation: answers,
      needs: [need({ extent: 'part-time', workPlace: 'hybrid', openToSharing: true })],
    });
    language.set(`${org}@example.se`, 'both');
  }
  expect((await sharedPostJob.run(t.deps, t.deps.now())).changed).toBe(2);
  return language;
}

describe('mail wording', () => {
  it('opens every kind of mail with a greeting and ends it with the signature and the contact address, in Swedish and English', async () => {
    const language = await sendEveryKind();
    const seen = new Map<MailKind, Set<'sv' | 'en'>>();
    for (const mail of await outbox(t)) {
      const lang = language.get(mail.to);
      if (!lang) continue;
      const parts =
        lang === 'both'
          ? (['sv', 'en'] as const).map(
              (l, i) => [l, mail.text.split(`\n\n${ENGLISH_SEPARATOR}\n\n`)[i] ?? ''] as const,
            )
          : [[lang, mail.text] as const];
      if (lang === 'both') expect(mail.text.split(ENGLISH_SEPARATOR), mail.subject).toHaveLength(2);
      for (const [l, text] of parts) {
        expect(text.startsWith(GREETING[l]), `${mail.kind} (${l}) opens with the greeting:\n${text}`).toBe(true);
        expect(text.endsWith(SIGNATURE[l]), `${mail.kind} (${l}) ends with the signature:\n${text}`).toBe(true);
        // Swedish quotation marks in Swedish text, never straight ones.
        if (l === 'sv') expect(text, mail.kind).not.toMatch(/["']/);
        const kinds = seen.get(mail.kind as MailKind) ?? new Set();
        seen.set(mail.kind as MailKind, kinds.add(l));
      }
    }
    expect(Object.fromEntries([...seen].map(([kind, langs]) => [kind, [...langs].sort()]))).toEqual(
      Object.fromEntries(MAIL_KINDS.map((kind) => [kind, ['en', 'sv']])),
    );
  });
});

describe('the contact address', () => {
  it('is the CONTACT_EMAIL setting, by default the first ADMIN_EMAILS address', () => {
    const base = { APP_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...base, CONTACT_EMAIL: 'Kontakt@Region.example' }).mail.contact).toBe(
      'kontakt@region.example',
    );
    expect(loadConfig({ ...base, ADMIN_EMAILS: 'anna@region.example,bo@region.example' }).mail.contact).toBe(
      'anna@region.example',
    );
    expect(() => loadConfig({ ...base, CONTACT_EMAIL: 'not an address' })).toThrow(/CONTACT_EMAIL/);
  });

  it('is named in a mail sent through the API', async () => {
    const asked = await request(t.app, '/api/v1/auth/sign-in-links', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies('lang=sv') },
      body: JSON.stringify({ email: 'sv.sekretariat@region.example' }),
    });
    expect(asked.status).toBe(202);
    const [mail] = await outbox(t, 'sign-in');
    expect(mail?.text).toContain(`Frågor? Kontakta sekretariatet: ${CONTACT}`);
  });
});
