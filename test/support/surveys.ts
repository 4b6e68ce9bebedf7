import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { TestApp } from './app.ts';

/** Organisations and an open round, written straight into the database for survey tests. */
const at = '2026-11-01T08:00:00.000Z';

export async function createOrganisation(
  t: TestApp,
  id: string,
  options: { orgNumber: string; municipality?: string; sector?: string; sizeClass?: string; sni?: string },
): Promise<string> {
  await t.deps.db
    .insertInto('organisations')
    .values({
      id,
      name: `Organisation ${id}`,
      org_number: options.orgNumber,
      sector: options.sector ?? 'naringsliv',
      sni_division: options.sni ?? '62',
      size_class: options.sizeClass ?? '10-49',
      municipality_code: options.municipality ?? '1080',
      is_education_provider: 0,
      is_demo: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

/** Valid organisation numbers: 9 digits from `n`, third digit 6, and the Luhn check digit. */
export function orgNumber(n: number): string {
  const nine = `556${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

export async function createOpenRound(
  t: TestApp,
  id = 'round-1',
  closesAt = '2027-01-31T00:00:00.000Z',
  questionnaireVersion = 1,
): Promise<string> {
  await t.deps.db
    .insertInto('rounds')
    .values({
      id,
      name: `Runda ${id}`,
      period: '2026',
      opens_at: at,
      closes_at: closesAt,
      status: 'open',
      questionnaire_version: questionnaireVersion,
      target: '{}',
      created_at: at,
      opened_at: at,
    })
    .execute();
  return id;
}

/** A complete need line with real codes: software developers (SSYK 2512), Tech / software. */
export function need(overrides: Record<string, unknown> = {}) {
  return {
    occupationId: 'DJh5_yyF_hEM',
    skillIds: [],
    specialisations: [{ code: 'tech', focusAreas: ['mjukvaruutveckling'] }],
    headcount: 3,
    horizon: '1-3',
    educationLevel: 'bachelor',
    difficulty: 4,
    strategies: ['recruit-local', 'remote'],
    placementOffer: { kinds: ['lia', 'exjobb'], count: 2 },
    comment: '',
    ...overrides,
  };
}

/** The response row of an organisation that submitted once at `at` (planted rounds); execute or compile it. */
export function submittedResponse(db: Kysely<Database>, roundId: string, organisationId: string, at: string) {
  return db.insertInto('responses').values({
    round_id: roundId,
    organisation_id: organisationId,
    version: 1,
    status: 'submitted',
    draft: '{}',
    updated_at: at,
    updated_by: null,
    revision: 1,
    submitted_version: 1,
    submitted_at: at,
    submitted_by: null,
  });
}
