import { type CompiledQuery, type Expression, expressionBuilder } from 'kysely';
import { auditIn } from '../../audit/index.ts';
import { OFFERINGS } from '../../cache/names.ts';
import { bumpVersions } from '../../cache/versions.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { ImportRefused } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { readCsvRecords } from '../../http/csv.ts';
import { describeIssues } from '../../http/validation.ts';
import { translator } from '../../i18n/i18n.ts';
import { mayWriteFor, providerAllowed, type Writer } from '../access.ts';
import { resolveOccupationTokens, resolveSkillTokens } from '../offerings/form.ts';
import { loadKnownCodes, referenceErrors } from '../references.ts';
import { type OfferingCreate, offeringCreateSchema } from '../schemas.ts';

/**
 * Offerings from CSV (docs/api.md, "Importing offerings"), all or nothing like the organisations
 * import: every row is checked (format, reference codes, the writer's right to the provider) and
 * any problem refuses the file with a row-by-row report; a good file is stored as one atomic batch
 * of three statements whatever its size (JSON arrays through json_each; D1 binds at most 100
 * parameters). Lists inside a cell are separated by `|`.
 */
export const OFFERING_CSV_COLUMNS = [
  'name',
  'providerId',
  'form',
  'sunLevel',
  'sunField',
  'occupations',
  'skills',
  'annualPlaces',
  'annualGraduates',
  'municipalityCode',
  'distance',
  'language',
  'pace',
  'startDates',
  'url',
] as const;
export const MAX_OFFERING_ROWS = 5000;
export const OFFERING_IMPORT_REFUSED = 'education.import.refused';

export interface OfferingImportProblem {
  path: string;
  row: number;
  field: string;
  message: string;
}

const TRUE_WORDS = new Set(['true', 'ja', 'yes', '1', 'x', 'j', 'y']);
const split = (cell: string) =>
  cell
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);

/** The file's problems are described in the reader's language (`scope.lang`): they are the refusal's report. */
export async function importOfferings(scope: Scope, writer: Writer, text: string): Promise<number> {
  const { db } = scope.deps;
  const t = translator(scope.lang);
  const problems: OfferingImportProblem[] = [];
  const problem = (row: number, field: string, message: string) =>
    problems.push({ path: field ? `rows.${row}.${field}` : `rows.${row}`, row, field, message });
  const refuse = () =>
    new ImportRefused(
      OFFERING_IMPORT_REFUSED,
      'education.import.refusedDetail',
      problems.sort((a, b) => a.row - b.row),
    );

  const read = readCsvRecords(text);
  if ('unreadable' in read) {
    problem(read.unreadable.line, '', t('import.error.unreadable', { detail: read.unreadable.detail }));
    throw refuse();
  }
  const [header, ...records] = read.records;
  if (!header || records.length === 0) {
    problem(1, '', t('import.error.empty'));
    throw refuse();
  }
  const byName = new Map(header.cells.map((name, index) => [name.trim().toLowerCase(), index]));
  for (const column of ['name', 'providerId', 'form', 'sunLevel', 'sunField', 'annualPlaces', 'annualGraduates'])
    if (!byName.has(column.toLowerCase())) problem(header.line, column, t('import.error.missingColumn', { column }));
  if (records.length > MAX_OFFERING_ROWS)
    problem(header.line, '', t('import.error.tooMany', { max: MAX_OFFERING_ROWS }));
  if (problems.length > 0) throw refuse();

  const parsed: { row: number; offering: OfferingCreate }[] = [];
  for (const { line, cells } of records) {
    const cell = (column: string) => cells[byName.get(column.toLowerCase()) ?? -1] ?? '';
    const result = offeringCreateSchema.safeParse({
      name: cell('name'),
      providerId: cell('providerId'),
      form: cell('form'),
      sunLevel: cell('sunLevel'),
      sunField: cell('sunField'),
      occupationIds: await resolveOccupationTokens(db, split(cell('occupations'))),
      skillIds: await resolveSkillTokens(db, split(cell('skills'))),
      annualPlaces: cell('annualPlaces') || undefined,
      annualGraduates: cell('annualGraduates') || undefined,
      municipalityCode: cell('municipalityCode') || null,
      distance: TRUE_WORDS.has(cell('distance').toLowerCase()),
      language: cell('language') || 'sv',
      pace: cell('pace') || 100,
      startDates: split(cell('startDates')),
      url: cell('url') || null,
    });
    if (!result.success) {
      for (const e of describeIssues(result.error.issues, scope.lang, t)) problem(line, e.path, e.message);
      continue;
    }
    parsed.push({ row: line, offering: result.data });
  }
  const known = await loadKnownCodes(
    db,
    parsed.map((p) => p.offering),
  );
  for (const { row, offering } of parsed) {
    for (const e of referenceErrors(offering, known, t)) problem(row, e.path, e.message);
    if (known.providers.has(offering.providerId) && !mayWriteFor(writer, offering.providerId))
      problem(row, 'providerId', t('education.error.notYourProvider'));
  }
  if (problems.length > 0) throw refuse();

  const { ids, statements } = insertAll(
    scope.deps,
    writer,
    parsed.map((p) => p.offering),
  );
  await scope.deps.atomic([
    ...statements,
    auditIn(scope, { action: 'offering.imported', targetType: 'offering', detail: { count: ids.length, ids } }),
  ]);
  return parsed.length;
}

/** The columns each row of a file sets; the rest are the same for the whole file. */
const IMPORTED_COLUMNS = [
  'id',
  'provider_id',
  'name',
  'form',
  'sun_level',
  'sun_field',
  'annual_places',
  'annual_graduates',
  'municipality_code',
  'distance',
  'language',
  'pace',
  'start_dates',
  'url',
  'description',
  'write_id',
] as const satisfies readonly (keyof Database['offerings'])[];

// Expressions over the file's rows (`r`, one JSON object each), built apart from the statements.
const eb = expressionBuilder<Database & { r: { value: string } }, 'r'>();

function insertAll(
  deps: CoreDeps,
  writer: Writer,
  offerings: OfferingCreate[],
): { ids: string[]; statements: CompiledQuery[] } {
  const { db, newId, now } = deps;
  const at = now().toISOString();
  const rows = offerings.map((o) => {
    const id = newId();
    return {
      id,
      provider_id: o.providerId,
      name: o.name,
      form: o.form,
      sun_level: o.sunLevel,
      sun_field: o.sunField,
      annual_places: o.annualPlaces,
      annual_graduates: o.annualGraduates,
      municipality_code: o.municipalityCode,
      distance: o.distance ? 1 : 0,
      language: o.language,
      pace: o.pace,
      start_dates: JSON.stringify(o.startDates),
      url: o.url,
      description: o.description,
      write_id: id,
      occupations: o.occupationIds,
      skills: o.skillIds,
    };
  });
  const data = JSON.stringify(rows);
  // One JSON array of the rows, read back with json_each: a bound parameter per file, not per cell.
  const each = (json: Expression<string>) => eb.fn<{ value: string }>('json_each', [json]);
  const field = (column: string) => eb.fn<string>('json_extract', [eb.ref('r.value'), eb.val(`$.${column}`)]);
  const links = (list: 'occupations' | 'skills') =>
    db
      .selectFrom([each(eb.val(data)).as('r'), each(field(list)).as('l')])
      .select([field('id').as('offering_id'), 'l.value'])
      .where((w) =>
        w.exists(w.selectFrom('offerings as f').select(w.lit(1).as('one')).where('f.id', '=', field('id'))),
      );
  const statements = [
    db
      .insertInto('offerings')
      .columns([...IMPORTED_COLUMNS, 'is_demo', 'version', 'created_at', 'updated_at'])
      .expression(
        db
          .selectFrom(each(eb.val(data)).as('r'))
          .select((s) => [
            ...IMPORTED_COLUMNS.map((column) => field(column).as(column)),
            s.lit(0).as('is_demo'),
            s.lit(1).as('version'),
            s.val(at).as('created_at'),
            s.val(at).as('updated_at'),
          ])
          .where(providerAllowed(writer, field('provider_id'))),
      )
      .compile(),
    db
      .insertInto('offering_occupations')
      .orIgnore()
      .columns(['offering_id', 'occupation_id'])
      .expression(links('occupations'))
      .compile(),
    db
      .insertInto('offering_skills')
      .orIgnore()
      .columns(['offering_id', 'skill_id'])
      .expression(links('skills'))
      .compile(),
    // Gap figures made from the offerings before the import no longer hold (src/cache/names.ts).
    bumpVersions(db, [OFFERINGS]).compile(),
  ];
  return { ids: rows.map((r) => r.id), statements };
}
