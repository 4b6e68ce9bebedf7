import { expressionBuilder } from 'kysely';
import { PLACEMENT_KINDS, placementOfferLines } from '../../surveys/index.ts';
import { cell, type PlanCell, type PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput } from './context.ts';

/** Each kind a need line offers (its JSON array of kinds), as rows of `k.value`. */
const kindsOfLine = expressionBuilder<{ lines: { kinds: string | null } }, 'lines'>()
  .fn<{ value: string }>('json_each', ['lines.kinds'])
  .as('k');

interface AggregatedOffer {
  kind: string | undefined;
  headcount: number;
  organisations: number;
}

/**
 * The internship and trainee places the round's organisations said they could offer beside their
 * needs (the questionnaire's `placementOffer`), per kind and in all: raw figures, for the
 * secretariat's draft. A line that offers several kinds counts once in each kind and once in the total.
 */
async function aggregateOffers(input: SectionInput): Promise<AggregatedOffer[]> {
  const { specialisation } = input;
  const rows = await input.db
    .with('lines', () => placementOfferLines(input.db, input.round.id, specialisation))
    .with('facts', (qc) =>
      qc
        .selectFrom(['lines', kindsOfLine])
        .select((eb) => ['k.value as kind', 'lines.org', eb.fn.sum<number>('lines.hc').as('hc')])
        .groupBy(['k.value', 'lines.org'])
        .$castTo<{ kind: string | null; org: string; hc: number }>()
        .unionAll(
          qc
            .selectFrom('lines')
            .select((eb) => [eb.lit(null).as('kind'), 'lines.org', eb.fn.sum<number>('lines.hc').as('hc')])
            .groupBy('lines.org'),
        ),
    )
    .selectFrom('facts')
    .select((eb) => [
      'facts.kind',
      eb.fn.sum<number>('facts.hc').as('headcount'),
      eb.fn.countAll<number>().as('organisations'),
    ])
    .groupBy('facts.kind')
    .execute();
  return rows.map((r) => ({
    kind: r.kind === null ? undefined : String(r.kind),
    headcount: Number(r.headcount),
    organisations: Number(r.organisations),
  }));
}

/**
 * The offered places are the secretariat's to see, in its raw draft only. They are a measure of the
 * survey's need lines that the round's publication does not hold, and a table protected on its own
 * is exactly what issue 16 showed can be undone: two plans (all specialisations, and one of them)
 * protected apart could be subtracted down to one organisation's places. The published plan (and
 * the protected preview) says so instead of giving figures.
 */
export async function placementOfferTable(input: SectionInput): Promise<PlanTable> {
  const table: PlanTable = {
    key: 'placement-offers',
    section: 'placements',
    title: both(input, 'plans.table.placementOffers'),
    columns: [both(input, 'plans.column.places'), both(input, 'plans.column.organisations')],
    rows: [],
    evidence: evidenceUrl(input, {}),
  };
  if (input.view !== 'raw') {
    table.note = both(input, 'plans.note.placementOffersNotPublished');
    return table;
  }
  const entries = await aggregateOffers(input);
  const cells = (e: AggregatedOffer): PlanCell[] => [cell(e.headcount), cell(e.organisations)];
  table.rows = [...PLACEMENT_KINDS, undefined].flatMap((kind) => {
    const e = entries.find((x) => x.kind === kind);
    if (!e) return [];
    return [
      {
        key: kind ?? 'total',
        label: kind ? both(input, `plans.placementKind.${kind}`) : both(input, 'plans.row.total'),
        cells: cells(e),
      },
    ];
  });
  table.note = both(input, 'plans.note.placementOffersRaw');
  return table;
}
