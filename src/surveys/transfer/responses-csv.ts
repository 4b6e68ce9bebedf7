/**
 * The columns of the responses CSV (docs/api.md, "Responses as CSV"). The export writes all of
 * them; the import reads the code columns and ignores the name columns, so an exported file can be
 * corrected in a spreadsheet and imported into an open round. One row per need line; an
 * organisation that answered only the organisation questions has one row with empty need columns.
 */
export const ORGANISATION_COLUMNS = [
  'organisationId',
  'organisationName',
  'orgNumber',
  'sector',
  'sizeClass',
  'municipalityCode',
  'municipalityName',
] as const;

export const ANSWER_COLUMNS = [
  'employeesNow',
  'expectedChange1y',
  'expectedChange3y',
  'obstacles',
  'obstaclesOther',
  'providerInterest',
  'contactConsent',
] as const;

export const SUBMISSION_COLUMNS = ['revision', 'submittedAt', 'onBehalf'] as const;

export const NEED_COLUMNS = [
  'line',
  'occupationId',
  'ssykCode',
  'occupationName',
  'skillIds',
  'skillNames',
  'specialisations',
  'specialisationNames',
  'focusAreas',
  'focusAreaNames',
  'headcount',
  'horizon',
  'educationLevel',
  'educationLevelName',
  'difficulty',
  'strategies',
  'placementKinds',
  'placementCount',
  'comment',
] as const;

/**
 * Questionnaire version 3's work form (decision 0035): workPlace (on-site, hybrid, remote), extent
 * (full-time, part-time) and openToSharing (true/false); empty in a round of an earlier version.
 */
const WORK_FORM_COLUMNS = ['workPlace', 'extent', 'openToSharing'] as const;

/**
 * Columns added later, at the end so that a reader by position keeps working. `partnerNeedsWork`
 * (questionnaire version 2's question) is `true` too where a version 1 answer has the strategy
 * relocation-family, the same fact; empty where it was not answered.
 */
export const LATER_NEED_COLUMNS = ['partnerNeedsWork', ...WORK_FORM_COLUMNS] as const;

export const RESPONSE_CSV_COLUMNS = [
  ...ORGANISATION_COLUMNS,
  ...ANSWER_COLUMNS,
  ...SUBMISSION_COLUMNS,
  ...NEED_COLUMNS,
  ...LATER_NEED_COLUMNS,
] as const;
export type ResponseCsvColumn = (typeof RESPONSE_CSV_COLUMNS)[number];

/** Columns the import reads that describe the need; a row with all of them empty carries no need. */
export const NEED_INPUT_COLUMNS = [
  'occupationId',
  'skillIds',
  'specialisations',
  'focusAreas',
  'headcount',
  'horizon',
  'educationLevel',
  'difficulty',
  'strategies',
  'placementKinds',
  'placementCount',
  'comment',
  'partnerNeedsWork',
  'workPlace',
  'extent',
  'openToSharing',
] as const satisfies readonly ResponseCsvColumn[];

/** Codes in one cell are separated by "|"; names by " | ". */
export const LIST_SEPARATOR = '|';
export const joinCodes = (codes: readonly string[]) => codes.join(LIST_SEPARATOR);
export const joinNames = (names: readonly string[]) => names.join(` ${LIST_SEPARATOR} `);
export const splitCodes = (cell: string) =>
  cell
    .split(LIST_SEPARATOR)
    .map((code) => code.trim())
    .filter(Boolean);

/**
 * The export prefixes a text cell that a spreadsheet would run as a formula with an apostrophe
 * (src/http/csv.ts); the import takes it off again, so a file goes out and back unchanged.
 */
export const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
