import type { Kysely } from 'kysely';
import { jsonValues } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { OrganisationAnswers, SubmittableNeed } from '../schemas.ts';
import type { ParsedResponse } from './import-parse.ts';
import { type ImportProblem, problemAt } from './import-read.ts';

export interface ImportDocument {
  organisation: OrganisationAnswers;
  needs: SubmittableNeed[];
}

export interface CheckedResponse {
  organisationId: string;
  organisationName: string;
  firstRow: number;
  document: ImportDocument;
}

/** Which of these values exist in `table.column`: one parameter, whatever their number (D1 binds at most 100). */
async function existing(db: Kysely<Database>, table: 'occupations' | 'skills', values: Iterable<string>) {
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', jsonValues([...new Set(values)]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The import's reference checks, as references.ts makes them for a response: the organisation
 * (by org number, and its id if the file gives one), occupation groups, skills, specialisations,
 * and focus areas, each of which goes under its own specialisation, which the row must name.
 */
export async function checkImportReferences(
  db: Kysely<Database>,
  t: Translate,
  responses: ParsedResponse[],
): Promise<{ checked: CheckedResponse[]; problems: ImportProblem[] }> {
  const needs = responses.flatMap((r) => r.needs);
  const [organisations, occupations, skills, specialisations, focusAreas] = await Promise.all([
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'org_number'])
      .where('org_number', 'in', jsonValues(responses.map((r) => r.orgNumber)))
      .execute(),
    existing(
      db,
      'occupations',
      needs.map((n) => n.need.occupationId),
    ),
    existing(
      db,
      'skills',
      needs.flatMap((n) => n.need.skillIds),
    ),
    db.selectFrom('specialisations').select('code').execute(),
    db.selectFrom('focus_areas').select(['code', 'specialisation_code']).execute(),
  ]);
  const byNumber = new Map(organisations.map((o) => [o.org_number, o]));
  const knownSpecialisations = new Set(specialisations.map((s) => s.code));
  const focusOf = new Map(focusAreas.map((f) => [f.code, f.specialisation_code]));
  const problems: ImportProblem[] = [];
  const checked: CheckedResponse[] = [];
  for (const response of responses) {
    const organisation = byNumber.get(response.orgNumber);
    if (!organisation) {
      problems.push(
        problemAt(
          response.firstRow,
          'orgNumber',
          t('responseImport.error.unknownOrganisation', { orgNumber: response.orgNumber }),
        ),
      );
    } else if (response.organisationId && response.organisationId !== organisation.id) {
      problems.push(
        problemAt(
          response.firstRow,
          'organisationId',
          t('responseImport.error.otherOrganisation', { orgNumber: response.orgNumber, id: response.organisationId }),
        ),
      );
    }
    for (const { row, need, focusAreas } of response.needs) {
      if (!occupations.has(need.occupationId)) {
        problems.push(
          problemAt(row, 'occupationId', t('validation.survey.unknownOccupation', { id: need.occupationId })),
        );
      }
      for (const id of need.skillIds.filter((skill) => !skills.has(skill))) {
        problems.push(problemAt(row, 'skillIds', t('validation.survey.unknownSkill', { id })));
      }
      for (const { code } of need.specialisations.filter((s) => !knownSpecialisations.has(s.code))) {
        problems.push(problemAt(row, 'specialisations', t('validation.survey.unknownSpecialisation', { code })));
      }
      for (const code of focusAreas) {
        const choice = need.specialisations.find((s) => s.code === focusOf.get(code));
        if (choice) choice.focusAreas.push(code);
        else problems.push(problemAt(row, 'focusAreas', t('responseImport.error.focusArea', { code })));
      }
    }
    if (organisation) {
      checked.push({
        organisationId: organisation.id,
        organisationName: organisation.name,
        firstRow: response.firstRow,
        document: { organisation: response.organisation, needs: response.needs.map((n) => n.need) },
      });
    }
  }
  return { checked, problems };
}
