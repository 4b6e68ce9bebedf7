import { completeOrgNumber } from '../../src/organisations/org-number.ts';
import type { TestApp } from './app.ts';

let counter = 0;

/** A valid org number not used by any other test organisation (third digit 9, a real check digit). */
export function nextOrgNumber(): string {
  return completeOrgNumber(`559${String(++counter).padStart(6, '0')}`);
}

export interface TestOrganisation {
  id: string;
  name: string;
  orgNumber: string;
}

/** An organisation row, straight into the database (a factory, not the API under test). */
export async function createOrganisation(
  t: TestApp,
  overrides: { name?: string; orgNumber?: string; municipalityCode?: string; sector?: string } = {},
): Promise<TestOrganisation> {
  const id = `org-${++counter}`;
  const name = overrides.name ?? `Testbolaget ${counter} AB`;
  const orgNumber = overrides.orgNumber ?? nextOrgNumber();
  const at = t.deps.now().toISOString();
  await t.deps.db
    .insertInto('organisations')
    .values({
      id,
      name,
      org_number: orgNumber,
      sector: overrides.sector ?? 'naringsliv',
      sni_division: '62',
      size_class: '10-49',
      municipality_code: overrides.municipalityCode ?? '1080',
      is_education_provider: 0,
      is_demo: 0,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, name, orgNumber };
}

/** A valid POST /api/v1/organisations body. */
export function organisationBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Marinteknik i Karlskrona AB',
    orgNumber: nextOrgNumber(),
    sector: 'naringsliv',
    sniDivision: '30',
    sizeClass: '50-249',
    municipalityCode: '1080',
    isEducationProvider: false,
    ...overrides,
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
