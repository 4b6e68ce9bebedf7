import type { InferResult, Kysely } from 'kysely';
import { jsonValues } from '../../db/queries.ts';
import type { Database } from '../../db/schema.ts';
import { type CsvValue, csvCell } from '../../http/csv.ts';
import { translator } from '../../i18n/i18n.ts';
import { partnerNeedsWork } from '../questionnaire-answers.ts';
import { type DraftNeed, type ResponseDocument, responseDocument } from '../schemas.ts';
import { joinCodes, joinNames, RESPONSE_CSV_COLUMNS, type ResponseCsvColumn } from './responses-csv.ts';

/**
 * A round's submitted responses as CSV, as they were submitted (the latest revision's document),
 * with codes and Swedish names. Written as a stream, a few hundred organisations at a time, so a
 * large round never sits in memory as one string.
 */
const CHUNK = 200;
const sv = translator('sv');

function chunkQuery(db: Kysely<Database>, roundId: string, after: string) {
  return db
    .selectFrom('responses as r')
    .innerJoin('response_revisions as v', (join) =>
      join
        .onRef('v.round_id', '=', 'r.round_id')
        .onRef('v.organisation_id', '=', 'r.organisation_id')
        .onRef('v.revision', '=', 'r.revision'),
    )
    .innerJoin('submitted_responses as s', (join) =>
      join.onRef('s.round_id', '=', 'r.round_id').onRef('s.organisation_id', '=', 'r.organisation_id'),
    )
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('municipalities as m', 'm.code', 's.municipality_code')
    .select([
      'r.organisation_id',
      'o.name',
      'o.org_number',
      's.sector',
      's.size_class',
      's.municipality_code',
      'm.short_name as municipality_name',
      'v.revision',
      'v.submitted_at',
      'v.on_behalf',
      'v.document',
    ])
    .where('r.round_id', '=', roundId)
    .where('r.status', '=', 'submitted')
    .where('r.organisation_id', '>', after)
    .orderBy('r.organisation_id')
    .limit(CHUNK);
}

type SubmittedRow = InferResult<ReturnType<typeof chunkQuery>>[number];

async function nextChunk(db: Kysely<Database>, roundId: string, after: string): Promise<SubmittedRow[]> {
  return chunkQuery(db, roundId, after).execute();
}

type Names = Map<string, { name: string; ssyk?: string | null }>;

/** Names of the occupations and skills a chunk names: one parameter each, whatever their number. */
async function lookUpNames(db: Kysely<Database>, needs: DraftNeed[]): Promise<{ occupations: Names; skills: Names }> {
  const occupationIds = [...new Set(needs.flatMap((n) => (n.occupationId ? [n.occupationId] : [])))];
  const skillIds = [...new Set(needs.flatMap((n) => n.skillIds))];
  const [occupations, skills] = await Promise.all([
    db
      .selectFrom('occupations')
      .select(['id', 'label_sv', 'ssyk_code'])
      .where('id', 'in', jsonValues(occupationIds))
      .execute(),
    db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', jsonValues(skillIds)).execute(),
  ]);
  return {
    occupations: new Map(occupations.map((o) => [o.id, { name: o.label_sv, ssyk: o.ssyk_code }])),
    skills: new Map(skills.map((s) => [s.id, { name: s.label_sv }])),
  };
}

async function loadFocusNames(db: Kysely<Database>) {
  const [specialisations, focusAreas] = await Promise.all([
    db.selectFrom('specialisations').select(['code', 'name_sv']).execute(),
    db.selectFrom('focus_areas').select(['code', 'name_sv']).execute(),
  ]);
  return {
    specialisations: new Map(specialisations.map((s) => [s.code, s.name_sv])),
    focusAreas: new Map(focusAreas.map((f) => [f.code, f.name_sv])),
  };
}

type FocusNames = Awaited<ReturnType<typeof loadFocusNames>>;
type Row = Partial<Record<ResponseCsvColumn, CsvValue>>;

function needCells(
  need: DraftNeed,
  line: number,
  names: { occupations: Names; skills: Names },
  focus: FocusNames,
): Row {
  const occupation = need.occupationId ? names.occupations.get(need.occupationId) : undefined;
  const focusCodes = need.specialisations.flatMap((s) => s.focusAreas);
  return {
    line,
    occupationId: need.occupationId,
    ssykCode: occupation?.ssyk ?? null,
    occupationName: occupation?.name ?? null,
    skillIds: joinCodes(need.skillIds),
    skillNames: joinNames(need.skillIds.map((id) => names.skills.get(id)?.name ?? id)),
    specialisations: joinCodes(need.specialisations.map((s) => s.code)),
    specialisationNames: joinNames(need.specialisations.map((s) => focus.specialisations.get(s.code) ?? s.code)),
    focusAreas: joinCodes(focusCodes),
    focusAreaNames: joinNames(focusCodes.map((code) => focus.focusAreas.get(code) ?? code)),
    headcount: need.headcount,
    horizon: need.horizon,
    educationLevel: need.educationLevel,
    educationLevelName: need.educationLevel ? sv(`educationLevel.${need.educationLevel}`) : null,
    difficulty: need.difficulty,
    strategies: joinCodes(need.strategies),
    placementKinds: need.placementOffer ? joinCodes(need.placementOffer.kinds) : null,
    placementCount: need.placementOffer?.count ?? null,
    comment: need.comment,
    partnerNeedsWork: partnerNeedsWork(need) ? true : (need.partnerNeedsWork ?? null),
    workPlace: need.workPlace ?? null,
    extent: need.extent ?? null,
    openToSharing: need.openToSharing ?? null,
  };
}

function rowsOf(
  chunk: { r: SubmittedRow; document: ResponseDocument }[],
  names: { occupations: Names; skills: Names },
  focus: FocusNames,
): Row[] {
  return chunk.flatMap(({ r, document }) => {
    const o = document.organisation;
    const common: Row = {
      organisationId: r.organisation_id,
      organisationName: r.name,
      orgNumber: r.org_number,
      sector: r.sector,
      sizeClass: r.size_class,
      municipalityCode: r.municipality_code,
      municipalityName: r.municipality_name,
      employeesNow: o.employeesNow,
      expectedChange1y: o.expectedChange1y,
      expectedChange3y: o.expectedChange3y,
      obstacles: joinCodes(o.obstacles ?? []),
      obstaclesOther: o.obstaclesOther,
      providerInterest: o.providerInterest,
      contactConsent: o.contactConsent === undefined ? null : o.contactConsent,
      revision: r.revision,
      submittedAt: r.submitted_at,
      onBehalf: r.on_behalf === 1,
    };
    if (document.needs.length === 0) return [common];
    return document.needs.map((need, i) => ({ ...common, ...needCells(need, i + 1, names, focus) }));
  });
}

/** The CSV as a stream of UTF-8 bytes: byte-order mark, header, then one line per need line. */
export function streamResponsesCsv(
  db: Kysely<Database>,
  roundId: string,
  delimiter: ',' | ';',
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = (cells: CsvValue[]) => `${cells.map(csvCell).join(delimiter)}\r\n`;
  let after = '';
  let focus: FocusNames | undefined;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      focus = await loadFocusNames(db);
      controller.enqueue(encoder.encode(`\uFEFF${line([...RESPONSE_CSV_COLUMNS])}`));
    },
    async pull(controller) {
      const chunk = await nextChunk(db, roundId, after);
      const last = chunk.at(-1);
      if (!last || !focus) {
        controller.close();
        return;
      }
      after = last.organisation_id;
      const parsed = chunk.map((r) => ({ r, document: responseDocument.parse(JSON.parse(r.document)) }));
      const names = await lookUpNames(
        db,
        parsed.flatMap((p) => p.document.needs),
      );
      const rows = rowsOf(parsed, names, focus);
      controller.enqueue(encoder.encode(rows.map((row) => line(RESPONSE_CSV_COLUMNS.map((col) => row[col]))).join('')));
    },
  });
}
