import type { z } from 'zod';
import { describeIssues } from '../../http/validation.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import { orgNumberSchema } from '../../organisations/index.ts';
import {
  MAX_NEEDS,
  type OrganisationAnswers,
  organisationAnswers,
  type SubmittableNeed,
  submittableNeed,
} from '../schemas.ts';
import {
  booleanCell,
  type CsvRow,
  columnOf,
  type ImportProblem,
  integerCell,
  problemAt,
  readResponseRecords,
} from './import-read.ts';
import { ANSWER_COLUMNS, NEED_INPUT_COLUMNS, splitCodes } from './responses-csv.ts';

export interface ParsedNeed {
  row: number;
  need: SubmittableNeed;
  /** Focus area codes as given; import-references.ts puts each under its specialisation. */
  focusAreas: string[];
}

export interface ParsedResponse {
  orgNumber: string;
  /** The organisationId column, if the file has one: it must match the org number. */
  organisationId: string | undefined;
  firstRow: number;
  organisation: OrganisationAnswers;
  needs: ParsedNeed[];
}

type Answers = Map<string, { value: string; row: number }>;

function needOf(row: CsvRow) {
  const { cell } = row;
  const kinds = splitCodes(cell('placementKinds'));
  return submittableNeed.safeParse({
    occupationId: cell('occupationId') || undefined,
    skillIds: splitCodes(cell('skillIds')),
    specialisations: splitCodes(cell('specialisations')).map((code) => ({ code, focusAreas: [] })),
    headcount: integerCell(cell('headcount')),
    horizon: cell('horizon') || undefined,
    educationLevel: cell('educationLevel') || undefined,
    difficulty: integerCell(cell('difficulty')),
    strategies: splitCodes(cell('strategies')),
    placementOffer:
      kinds.length || cell('placementCount') ? { kinds, count: integerCell(cell('placementCount')) } : null,
    comment: cell('comment'),
    partnerNeedsWork: booleanCell(cell('partnerNeedsWork')) ?? null,
    workPlace: cell('workPlace') || null,
    extent: cell('extent') || null,
    openToSharing: booleanCell(cell('openToSharing')),
  });
}

function answersOf(answers: Answers) {
  const value = (column: string) => answers.get(column)?.value ?? '';
  const given = {
    employeesNow: integerCell(value('employeesNow')),
    expectedChange1y: integerCell(value('expectedChange1y')),
    expectedChange3y: integerCell(value('expectedChange3y')),
    obstacles: value('obstacles') ? splitCodes(value('obstacles')) : undefined,
    obstaclesOther: value('obstaclesOther') || undefined,
    providerInterest: value('providerInterest') || undefined,
    contactConsent: booleanCell(value('contactConsent')),
  };
  return organisationAnswers.safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
}

/**
 * Reads the responses CSV into one document per organisation (rows grouped by org number, in any
 * order) and checks every row against the survey's own schemas, so that one pass reports every
 * problem. Organisation answers may stand on every row of the organisation or on one of them;
 * values that differ between its rows are a problem. References (does the occupation exist?) are
 * checked by import-references.ts.
 */
export function parseResponsesCsv(text: string, lang: Language, t: Translate) {
  const read = readResponseRecords(text, t);
  const problems: ImportProblem[] = [...read.problems];
  const report = (row: number, issues: z.core.$ZodIssue[], column?: string) => {
    for (const [i, e] of describeIssues(issues, lang, t).entries()) {
      problems.push(problemAt(row, column ?? columnOf(issues[i]?.path ?? []), e.message));
    }
  };
  const responses = new Map<string, ParsedResponse & { answers: Answers }>();
  for (const row of read.rows) {
    const { line, cell } = row;
    const orgNumber = orgNumberSchema.safeParse(cell('orgNumber'));
    if (!orgNumber.success) {
      report(line, orgNumber.error.issues, 'orgNumber');
      continue;
    }
    let response = responses.get(orgNumber.data);
    if (!response) {
      const organisationId = cell('organisationId') || undefined;
      response = {
        orgNumber: orgNumber.data,
        organisationId,
        firstRow: line,
        organisation: {},
        needs: [],
        answers: new Map(),
      };
      responses.set(orgNumber.data, response);
    }
    for (const column of ANSWER_COLUMNS) {
      const value = cell(column);
      const earlier = response.answers.get(column);
      if (value === '') continue;
      if (!earlier) response.answers.set(column, { value, row: line });
      else if (earlier.value !== value) {
        problems.push(problemAt(line, column, t('responseImport.error.differs', { row: earlier.row })));
      }
    }
    if (NEED_INPUT_COLUMNS.every((column) => cell(column) === '')) continue;
    const need = needOf(row);
    if (!need.success) report(line, need.error.issues);
    else if (need.data.strategies.includes('relocation-family') && need.data.partnerNeedsWork === false)
      problems.push(problemAt(line, 'partnerNeedsWork', t('validation.survey.partnerNeedsWorkContradicts')));
    else if (response.needs.length >= MAX_NEEDS)
      problems.push(problemAt(line, '', t('validation.survey.tooManyNeeds')));
    else response.needs.push({ row: line, need: need.data, focusAreas: splitCodes(cell('focusAreas')) });
  }
  const parsed: ParsedResponse[] = [];
  for (const { answers, ...response } of responses.values()) {
    const result = answersOf(answers);
    if (result.success && response.needs.length === 0 && Object.keys(result.data).length === 0) {
      problems.push(problemAt(response.firstRow, '', t('survey.submit.empty')));
    } else if (result.success) parsed.push({ ...response, organisation: result.data });
    else
      for (const issue of result.error.issues) {
        const column = columnOf(issue.path);
        report(answers.get(column)?.row ?? response.firstRow, [issue], column);
      }
  }
  return { responses: parsed, problems };
}
