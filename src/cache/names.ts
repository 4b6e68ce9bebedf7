/**
 * The data_versions names, one place for the data that cached values are made from. The feature
 * that writes the data raises its name in the write's batch (bumpVersions); the features that keep
 * values made from it name it in `dependsOn`.
 */

/** A round's need lines and answers: raised by surveys' submission and import. */
export const roundLines = (roundId: string) => `round-lines:${roundId}`;

/** The placement catalogue (placements and their skills, words and focus areas): raised by every placement write. */
export const PLACEMENTS = 'placements';

/** Education offerings and their occupations and skills: raised by every offering write and import. */
export const OFFERINGS = 'offerings';

/**
 * The reference tables the job-title index is built from (occupations, their names and synonyms,
 * SSYK): set by the reference seed to a digest of what it wrote, so the same data keeps the version.
 */
export const OCCUPATION_TITLES = 'occupation-titles';
