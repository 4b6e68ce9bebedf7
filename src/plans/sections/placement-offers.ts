import { sql } from 'kysely';
import { PLACEMENT_KINDS } from '../../surveys/questionnaire.ts';
import { cell, type PlanCell, type PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput } from './context.ts';

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
  const filter = input.specialisation
    ? sql`and exists (select 1 from need_line_focus f where f.need_line_id = nl.id and f.specialisation_code = ${input.specialisation})`
    : sql``;
  const result = await sql<{ kind: string | null; headcount: number; organisations: number }>`
    with lines as (
      select nl.id, nl.organisation_id as org, nl.placement_count as hc, nl.placement_kinds as kinds
      from need_lines nl
      where nl.round_id = ${input.round.id} and nl.placement_count > 0 ${filter}
    ), facts as (
      select k.value as kind, org, sum(hc) as hc from lines, json_each(lines.kinds) k group by k.value, org
      union all
      select null, org, sum(hc) from lines group by org
    )
    select kind, sum(hc) as headcount, count(*) as organisations from facts group by kind`.execute(input.db);
  return result.rows.map((r) => ({
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
