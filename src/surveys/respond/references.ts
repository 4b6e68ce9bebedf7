import type { Kysely } from 'kysely';
import { InvalidFields, type KeyedProblem } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { ResponseDocument } from '../schemas.ts';

/**
 * Every concept a response names must exist in the reference data: occupation groups, skills,
 * specialisations, and focus areas of the specialisation they are given under. One query per kind,
 * whatever the number of need lines; a precise path and message per unknown id.
 */
export async function checkReferences(db: Kysely<Database>, document: ResponseDocument): Promise<void> {
  const occupationIds = [...new Set(document.needs.flatMap((n) => (n.occupationId ? [n.occupationId] : [])))];
  const skillIds = [...new Set(document.needs.flatMap((n) => n.skillIds))];
  const [occupations, skills, focusAreas, specialisations] = await Promise.all([
    occupationIds.length ? db.selectFrom('occupations').select('id').where('id', 'in', occupationIds).execute() : [],
    skillIds.length ? db.selectFrom('skills').select('id').where('id', 'in', skillIds).execute() : [],
    db.selectFrom('focus_areas').select(['code', 'specialisation_code']).execute(),
    db.selectFrom('specialisations').select('code').execute(),
  ]);
  const knownOccupations = new Set(occupations.map((o) => o.id));
  const knownSkills = new Set(skills.map((s) => s.id));
  const knownSpecialisations = new Set(specialisations.map((s) => s.code));
  const focusOf = new Map(focusAreas.map((f) => [f.code, f.specialisation_code]));
  const errors: KeyedProblem[] = [];
  document.needs.forEach((need, i) => {
    if (need.occupationId && !knownOccupations.has(need.occupationId)) {
      errors.push({
        path: `needs.${i}.occupationId`,
        messageKey: 'validation.survey.unknownOccupation',
        params: { id: need.occupationId },
      });
    }
    need.skillIds.forEach((id, k) => {
      if (!knownSkills.has(id))
        errors.push({ path: `needs.${i}.skillIds.${k}`, messageKey: 'validation.survey.unknownSkill', params: { id } });
    });
    need.specialisations.forEach((choice, k) => {
      if (!knownSpecialisations.has(choice.code)) {
        errors.push({
          path: `needs.${i}.specialisations.${k}.code`,
          messageKey: 'validation.survey.unknownSpecialisation',
          params: { code: choice.code },
        });
        return;
      }
      choice.focusAreas.forEach((code, f) => {
        if (focusOf.get(code) !== choice.code) {
          errors.push({
            path: `needs.${i}.specialisations.${k}.focusAreas.${f}`,
            messageKey: 'validation.survey.unknownFocusArea',
            params: { code, specialisation: choice.code },
          });
        }
      });
    });
  });
  if (errors.length > 0) throw new InvalidFields(errors);
}
