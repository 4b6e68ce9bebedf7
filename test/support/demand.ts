import { seedDemo } from '../../src/node/database.ts';
import { inlineRunner, requestMissingPublications, runPublications } from '../../src/publication/jobs.ts';
import type { TestApp } from './app.ts';
import { createOrganisation, orgNumber, submittedResponse } from './surveys.ts';

/**
 * A constructed round for demand tests, written straight into the tables that demand reads:
 * a submitted response per organisation and its need lines. Occupation and specialisation codes
 * are real reference rows.
 */
export interface PlantedLine {
  org: string;
  headcount: number;
  /** A JobTech occupation id with its SSYK code. */
  occupation?: { id: string; ssyk: string | null };
  horizon?: '0-1' | '1-3' | '3-5';
  educationLevel?: string;
  difficulty?: number;
  strategies?: ('recruit_local' | 'recruit_outside' | 'relocation_family' | 'train_staff' | 'remote' | 'consultants')[];
  specialisation?: string;
  focusArea?: string;
}

export const SOFTWARE = { id: 'DJh5_yyF_hEM', ssyk: '2512' };
export const WELDER = { id: 'wQ1E_Bzk_ZyA', ssyk: '7212' };
export const SECURITY = { id: 'BAeH_eg8_T2d', ssyk: '2516' };

const at = '2026-10-01T08:00:00.000Z';
let orgCounter = 500;

export async function plantRound(
  t: TestApp,
  round: { id: string; status?: 'open' | 'closed'; opensAt?: string; name?: string; questionnaireVersion?: number },
  organisations: { id: string; municipality?: string; sector?: string; sizeClass?: string }[],
  lines: PlantedLine[],
): Promise<void> {
  const { db } = t.deps;
  const opensAt = round.opensAt ?? '2026-09-01T00:00:00.000Z';
  await db
    .insertInto('rounds')
    .values({
      id: round.id,
      name: round.name ?? `Runda ${round.id}`,
      period: opensAt.slice(0, 4),
      opens_at: opensAt,
      closes_at: new Date(new Date(opensAt).getTime() + 60 * 86_400_000).toISOString(),
      status: round.status ?? 'closed',
      questionnaire_version: round.questionnaireVersion ?? 1,
      target: '{}',
      created_at: at,
      opened_at: opensAt,
    })
    .execute();
  for (const org of organisations) {
    const exists = await db.selectFrom('organisations').select('id').where('id', '=', org.id).executeTakeFirst();
    if (!exists) await createOrganisation(t, org.id, { orgNumber: orgNumber(++orgCounter), ...org });
    await submittedResponse(db, round.id, org.id, at).execute();
    await db
      .insertInto('submitted_responses')
      .values({
        round_id: round.id,
        organisation_id: org.id,
        revision: 1,
        sector: org.sector ?? 'naringsliv',
        size_class: org.sizeClass ?? '10-49',
        municipality_code: org.municipality ?? '1080',
        obstacles: '[]',
        sni_section: null,
        employees_now: null,
        expected_change_1y: null,
        expected_change_3y: null,
        provider_interest: null,
        contact_consent: 0,
        submitted_at: at,
      })
      .execute();
  }
  let n = 0;
  for (const line of lines) {
    const id = `${round.id}-line-${++n}`;
    const has = (s: NonNullable<PlantedLine['strategies']>[number]) => (line.strategies?.includes(s) ? 1 : 0);
    const occupation = line.occupation ?? SOFTWARE;
    await db
      .insertInto('need_lines')
      .values({
        id,
        round_id: round.id,
        organisation_id: line.org,
        line_no: n,
        occupation_id: occupation.id,
        ssyk_code: occupation.ssyk,
        headcount: line.headcount,
        horizon: line.horizon ?? '1-3',
        education_level: line.educationLevel ?? 'bachelor',
        difficulty: line.difficulty ?? 3,
        recruit_local: has('recruit_local'),
        recruit_outside: has('recruit_outside'),
        relocation_family: has('relocation_family'),
        train_staff: has('train_staff'),
        remote: has('remote'),
        consultants: has('consultants'),
        placement_kinds: null,
        placement_count: null,
        comment: null,
      })
      .execute();
    await db
      .insertInto('need_line_focus')
      .values({
        need_line_id: id,
        specialisation_code: line.specialisation ?? 'tech',
        focus_area_code: line.focusArea ?? '',
      })
      .execute();
  }
  // A closed round's figures are its publication, computed as the scheduled job does.
  if ((round.status ?? 'closed') === 'closed') await publishClosedRounds(t);
}

/** Computes the publication of every closed round that lacks one, as the scheduled job does. */
export async function publishClosedRounds(t: TestApp): Promise<number> {
  return runPublications(t.deps, t.deps.now(), inlineRunner(t.deps));
}

/**
 * Closes a round and asks for its publication without computing it, as a round looks in the
 * minutes after it closed: its figures are being computed.
 */
export async function closeUnpublished(t: TestApp, roundId: string): Promise<void> {
  await t.deps.db.updateTable('rounds').set({ status: 'closed' }).where('id', '=', roundId).execute();
  await requestMissingPublications(t.deps, t.deps.now());
}

/** The demo data with its closed round published, as the server has it after start. */
export async function seedPublishedDemo(t: TestApp, at = new Date('2026-11-28T10:00:00Z')): Promise<void> {
  await seedDemo(t.database, at);
  await publishClosedRounds(t);
}
