import type { TestApp } from './app.ts';
import { type SignedInPerson, signIn } from './auth.ts';
import { answers, send, submit } from './rounds.ts';
import { createOpenRound, createOrganisation, need, orgNumber } from './surveys.ts';

/**
 * A world for campaigns: organisations A, B and C in Karlskrona, each with a submitted line for
 * software developers (SSYK 2512) that recruits; A has a second 2512 line and one that only trains
 * its own staff. Their members and the secretariat. The clock stands at 2026-11-28.
 */
export interface CampaignWorld {
  orgs: { a: string; b: string; c: string };
  members: { a: SignedInPerson; b: SignedInPerson; c: SignedInPerson };
  secretariat: SignedInPerson;
  round: string;
  lines: { a: string; a2: string; aTrain: string; b: string; c: string };
}

let counter = 0;

export async function campaignWorld(t: TestApp): Promise<CampaignWorld> {
  const n = ++counter;
  const a = await createOrganisation(t, `camp-a${n}`, { orgNumber: orgNumber(700 + n * 3) });
  const b = await createOrganisation(t, `camp-b${n}`, { orgNumber: orgNumber(701 + n * 3), municipality: '1082' });
  const c = await createOrganisation(t, `camp-c${n}`, { orgNumber: orgNumber(702 + n * 3) });
  const round = await createOpenRound(t, `round-camp${n}`);
  const members = {
    a: await signIn(t, { name: 'Alva A', memberships: [{ organisationId: a }] }),
    b: await signIn(t, { name: 'Bo B', memberships: [{ organisationId: b }] }),
    c: await signIn(t, { name: 'Cilla C', memberships: [{ organisationId: c }] }),
  };
  await submit(t, members.a, round, a, {
    organisation: answers,
    needs: [
      need({ strategies: ['recruit-outside'], headcount: 4 }),
      need({ strategies: ['recruit-local'], headcount: 3 }),
      need({ strategies: ['train-staff'], headcount: 2 }),
    ],
  });
  await submit(t, members.b, round, b, { organisation: answers, needs: [need({ strategies: ['recruit-local'] })] });
  await submit(t, members.c, round, c, { organisation: answers, needs: [need({ strategies: ['recruit-outside'] })] });
  const lineOf = async (org: string, lineNo: number) =>
    (
      await t.deps.db
        .selectFrom('need_lines')
        .select('id')
        .where('organisation_id', '=', org)
        .where('line_no', '=', lineNo)
        .executeTakeFirstOrThrow()
    ).id;
  return {
    orgs: { a, b, c },
    members,
    secretariat: await signIn(t, { name: 'Sara Sekretariat', roles: ['secretariat'] }),
    round,
    lines: {
      a: await lineOf(a, 1),
      a2: await lineOf(a, 2),
      aTrain: await lineOf(a, 3),
      b: await lineOf(b, 1),
      c: await lineOf(c, 1),
    },
  };
}

export function campaignBody(lineIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    titleSv: '12 roller inom inbyggda system och cybersäkerhet i Karlskrona–Ronneby',
    titleEn: '12 embedded and cybersecurity roles in Karlskrona–Ronneby',
    descriptionSv: 'Flera arbetsgivare söker utvecklare. Sök en gång och välj vilka som får din ansökan.',
    descriptionEn: 'Several employers are looking for developers. Apply once and choose who gets your application.',
    occupations: ['2512'],
    kommuner: ['1080', '1081'],
    opensOn: '2026-11-01',
    closesOn: '2027-01-31',
    lineIds,
    ...overrides,
  };
}

export interface CampaignJson {
  campaign: { id: string };
  lines: { id: string; organisation: { id: string }; version: number; status: string }[];
}

export async function createCampaign(t: TestApp, w: CampaignWorld, lineIds: string[], overrides = {}) {
  const response = await send(t, 'POST', '/api/v1/campaigns', w.secretariat, campaignBody(lineIds, overrides));
  if (response.status !== 201) throw new Error(`campaign not created: ${response.status} ${await response.text()}`);
  return (await response.json()) as CampaignJson;
}

/** The organisation's member confirms its campaign line with `posts` posts. */
export async function confirmLine(
  t: TestApp,
  who: SignedInPerson,
  org: string,
  line: { id: string; version: number },
  posts: number,
) {
  const response = await send(t, 'POST', `/api/v1/organisations/${org}/campaign-lines/${line.id}`, who, {
    version: line.version,
    confirm: true,
    posts,
  });
  if (response.status !== 200) throw new Error(`not confirmed: ${response.status} ${await response.text()}`);
}

export function applicationBody(organisationIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: 'Kim Kandidat',
    email: 'kim@example.se',
    letter: 'Jag bygger inbyggda system och vill flytta till Blekinge.',
    cv: 'https://example.se/kim-cv',
    earliestStart: '2027-03-01',
    partnerNeedsWork: true,
    organisationIds,
    ...overrides,
  };
}
