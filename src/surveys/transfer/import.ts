import { expressionBuilder } from 'kysely';
import { Busy, ImportRefused } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import { jsonEach } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { translator } from '../../i18n/i18n.ts';
import { sha256Hex } from '../../identity/index.ts';
import { jsonField } from '../queries.ts';
import { conformToQuestionnaire } from '../questionnaire-answers.ts';
import { assertRoundOpen } from '../respond/responses.ts';
import { findRound, type Round } from '../rounds.ts';
import { type ImportEntry, importBatch } from './import-batch.ts';
import { parseResponsesCsv } from './import-parse.ts';
import { type ImportProblem, problemAt } from './import-read.ts';
import { checkImportReferences } from './import-references.ts';

export const RESPONSE_IMPORT_REFUSED = 'responseImport.error.title';

export interface ImportResult {
  /** Organisations whose response the file created and submitted. */
  imported: number;
  /** Organisations already imported from the same answers earlier (a repeated file). */
  unchanged: number;
}

function refused(problems: ImportProblem[]): ImportRefused {
  problems.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  return new ImportRefused(RESPONSE_IMPORT_REFUSED, 'import.error.detail', problems);
}

/**
 * Imports responses collected elsewhere (docs/api.md, "Importing responses") into an open round,
 * entered on the organisations' behalf and submitted. All or nothing: every row is checked first
 * and any problem refuses the file with a row-by-row report; a good file is one atomic batch
 * (import-batch.ts). Each organisation's submission id is derived from the round, the organisation
 * and its answers, so the same file again stores nothing new. An organisation that already has a
 * response in the round, from anywhere else, is a problem: the file never overwrites answers.
 */
export async function importResponses(scope: Scope, round: Round, text: string): Promise<ImportResult> {
  assertRoundOpen(scope, round);
  const { db, atomic } = scope.deps;
  // The row-by-row report is written in the reader's language where it is made (import-read.ts).
  const t = translator(scope.lang);
  const parsed = parseResponsesCsv(text, scope.lang, t);
  const references = await checkImportReferences(db, t, parsed.responses);
  const problems = [...parsed.problems, ...references.problems];
  if (problems.length > 0) throw refused(problems);

  const entries: ImportEntry[] = await Promise.all(
    references.checked.map(async (r) => ({
      organisationId: r.organisationId,
      submissionId: `import-${(await sha256Hex(`${round.id}\n${r.organisationId}\n${JSON.stringify(r.document)}`)).slice(0, 48)}`,
      // In the form of the round's questionnaire version, as a saved draft is (questionnaire-answers.ts).
      document: conformToQuestionnaire(r.document, round.questionnaireVersion),
    })),
  );
  const stored = await db
    .selectFrom('responses as r')
    .select((eb) => [
      'r.organisation_id',
      'r.status',
      eb
        .exists(
          eb
            .selectFrom('response_revisions as v')
            .select(eb.lit(1).as('one'))
            .whereRef('v.round_id', '=', 'r.round_id')
            .whereRef('v.organisation_id', '=', 'r.organisation_id')
            .where('v.submission_id', 'in', entryFields(entries, 'submissionId')),
        )
        .as('ours'),
    ])
    .where('r.round_id', '=', round.id)
    .where('r.organisation_id', 'in', entryFields(entries, 'organisationId'))
    .execute();
  const existing = new Map(stored.map((row) => [row.organisation_id, row]));
  for (const r of references.checked) {
    const found = existing.get(r.organisationId);
    if (found && !found.ours) {
      const status = t(
        found.status === 'submitted' ? 'responseImport.status.submitted' : 'responseImport.status.draft',
      );
      problems.push(
        problemAt(r.firstRow, 'orgNumber', t('responseImport.error.hasResponse', { name: r.organisationName, status })),
      );
    }
  }
  if (problems.length > 0) throw refused(problems);

  const fresh = entries.filter((e) => !existing.has(e.organisationId));
  if (fresh.length > 0) {
    await atomic(importBatch(scope, round.id, fresh));
    const landed = await db
      .selectFrom('response_revisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('submission_id', 'in', entryFields(fresh, 'submissionId'))
      .executeTakeFirst();
    if (Number(landed?.n ?? 0) !== fresh.length) {
      // Between the checks and the batch the round closed or someone saved a response: the
      // batch's first statement then wrote nothing, and neither did the rest.
      const current = await findRound(db, round.id);
      if (current) assertRoundOpen(scope, current);
      throw new Busy('responseImport.error.raced', 'survey.conflict.title');
    }
  }
  return { imported: fresh.length, unchanged: entries.length - fresh.length };
}

/** `(select json_extract(j.value, '$.field') from json_each(?) j)`: one field of every entry, as one parameter. */
function entryFields(entries: ImportEntry[], name: 'organisationId' | 'submissionId') {
  return expressionBuilder<Database>()
    .selectFrom(jsonEach(JSON.stringify(entries), 'j'))
    .select(jsonField<string>(name).as(name));
}
