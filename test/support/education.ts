import type { TestApp } from './app.ts';
import { createOrganisation } from './organisations.ts';

/**
 * Education fixtures: a providing organisation, offering bodies with real reference codes, and
 * offerings written straight into the tables (factories, not the API under test).
 */
export const OCCUPATION = {
  software: { id: 'DJh5_yyF_hEM', ssyk: '2512' },
  welder: { id: 'wQ1E_Bzk_ZyA', ssyk: '7212' },
  security: { id: 'BAeH_eg8_T2d', ssyk: '2516' },
};

/** Skills the taxonomy links to welders only (jobtech_ssyk4_skill_relations.csv). */
export const WELDING_SKILLS = [
  { id: '2WMS_bAY_GRT', label: 'Påläggssvetsning' },
  { id: '32kt_xrc_cpE', label: 'Rostfria stål och andra legerade stål, materialkunskap svets' },
  { id: 'JNLp_2Aq_cnD', label: 'Titan och andra speciella materia, materialkunskap svets' },
];
export const PYTHON_SKILL = 'qfkh_ZRK_w4W';

export async function createProvider(t: TestApp, overrides: { name?: string } = {}) {
  const org = await createOrganisation(t, { name: overrides.name ?? 'Yrkeshögskolan i Blekinge', sector: 'offentlig' });
  await t.deps.db.updateTable('organisations').set({ is_education_provider: 1 }).where('id', '=', org.id).execute();
  return org;
}

export function offeringBody(providerId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: 'Systemutvecklare .NET',
    providerId,
    form: 'yh',
    sunLevel: '41',
    sunField: '481',
    occupationIds: [OCCUPATION.software.id],
    skillIds: [PYTHON_SKILL],
    annualPlaces: 35,
    annualGraduates: 28,
    municipalityCode: '1080',
    distance: false,
    language: 'sv',
    pace: 100,
    startDates: ['2027-08-23'],
    url: 'https://example.se/utbildning',
    ...overrides,
  };
}

let counter = 0;

export async function plantOffering(
  t: TestApp,
  providerId: string,
  o: { name: string; graduates: number; occupationIds?: string[]; skillIds?: string[] },
): Promise<string> {
  const id = `offering-${++counter}`;
  const at = t.deps.now().toISOString();
  const { db } = t.deps;
  await db
    .insertInto('offerings')
    .values({
      id,
      provider_id: providerId,
      name: o.name,
      form: 'yh',
      sun_level: '41',
      sun_field: '521',
      annual_places: o.graduates,
      annual_graduates: o.graduates,
      municipality_code: '1080',
      distance: 0,
      language: 'sv',
      pace: 100,
      start_dates: '[]',
      url: null,
      description: null,
      is_demo: 0,
      version: 1,
      write_id: id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const occupationId of o.occupationIds ?? [])
    await db.insertInto('offering_occupations').values({ offering_id: id, occupation_id: occupationId }).execute();
  for (const skillId of o.skillIds ?? [])
    await db.insertInto('offering_skills').values({ offering_id: id, skill_id: skillId }).execute();
  return id;
}
