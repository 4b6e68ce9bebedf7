import { taxonomyEn, taxonomySv } from './messages.ts';
import { registerTaxonomyRoutes } from './routes.ts';

/** Education levels a need is stated in (grouped SUN levels), for forms and filters of other features. */
export { EDUCATION_LEVEL_CODES, EDUCATION_LEVELS } from './education-levels.ts';
/** A form's schema over taxonomy pickers: names resolved, the API's schema and the form's own rules, one parse. */
export { taxonomyFormSchema } from './form-schema.ts';
/** Reference names in the reader's language: SCB's English SSYK names, Swedish-only names marked. */
export {
  findOccupationNames,
  findSkillNames,
  type NamedText,
  nameInMessage,
  occupationName,
  type ReferenceName,
  swedishName,
} from './names.ts';
/** Occupation groups by job title, group name or SSYK code, with the title that matched. */
export {
  type NearOccupation,
  type OccupationMatch,
  type OccupationSearch,
  searchOccupations,
} from './occupation-search.ts';
/** The occupation/skill picker's form fields: resolved to codes, labelled, unresolved entries described. */
export { describeUnresolved, labelTaxonomyFields, type PostedForm, resolveTaxonomyFields } from './picker-form.ts';
/** Reference lookups: occupations, skills, municipalities, specialisations and their use. */
export {
  countReferenceFigures,
  findOccupationById,
  findOccupationsByIds,
  listMunicipalities,
  listSpecialisations,
  type Occupation,
  placementSkillUse,
  type Skill,
  type Specialisation,
  searchSkills,
} from './queries.ts';
/** Free-text taxonomy entries resolved to reference codes. */
export { pickerNames, resolveEntries } from './resolve.ts';

/** Reference data: occupations, skills, SUN, SNI, kommuner, specialisations. */
export const feature = {
  name: 'taxonomy',
  messages: { sv: taxonomySv, en: taxonomyEn },
  routes: [registerTaxonomyRoutes],
};
