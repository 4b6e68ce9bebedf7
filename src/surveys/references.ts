import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { AppError, type FieldError } from '../http/errors.ts';
import type { ResponseDocument } from './schemas.ts';

/**
 * Every concept a response names must exist in the reference data: occupation groups, skills,
 * specialisations, and focus areas of the specialisation they are given under. One query per kind,
 * whatever the number of need lines; a precise path and message per unknown id.
 */
export async function checkReferences(
  c: Context<AppEnv>,
  document: ResponseDocument,
  _mode: 'draft' | 'submit',
): Promise<void> {
  const { db } = c.get('deps');
  const t = c.get('t');
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
  const errors: FieldError[] = [];
  document.needs.forEach((need, i) => {
    if (need.occupationId && !knownOccupations.has(need.occupationId)) {
      errors.push({
        path: `needs.${i}.occupationId`,
        message: t('validation.survey.unknownOccupation', { id: need.occupationId }),
      });
    }
    need.skillIds.forEach((id, k) => {
      if (!knownSkills.has(id))
        errors.push({ path: `needs.${i}.skillIds.${k}`, message: t('validation.survey.unknownSkill', { id }) });
    });
    need.specialisations.forEach((choice, k) => {
      if (!knownSpecialisations.has(choice.code)) {
        errors.push({
          path: `needs.${i}.specialisations.${k}.code`,
          message: t('validation.survey.unknownSpecialisation', { code: choice.code }),
        });
        return;
      }
      choice.focusAreas.forEach((code, f) => {
        if (focusOf.get(code) !== choice.code) {
          errors.push({
            path: `needs.${i}.specialisations.${k}.focusAreas.${f}`,
            message: t('validation.survey.unknownFocusArea', { code, specialisation: choice.code }),
          });
        }
      });
    });
  });
  if (errors.length > 0) {
    throw new AppError(422, 'error.validation.title', {
      detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    });
  }
}
