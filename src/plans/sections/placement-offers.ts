import { sql } from 'kysely';
import { protectTable, type TableEntry } from '../../demand/protect-table.ts';
import { PLACEMENT_KINDS } from '../../surveys/questionnaire.ts';
import type { PlanCell, PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput } from './context.ts';

/**
 * The internship and trainee places the round's organisations said they could offer beside their
 * needs (the questionnaire's `placementOffer`), per kind and in all, through the same disclosure
 * control as demand: organisations count as contributors, places as the headcount. A line that
 * offers several kinds counts once in each kind and once in the total.
 */
async function aggregateOffers(input: SectionInput): Promise<TableEntry[]> {
  const n = input.rule.dominanceN;
  const filter = input.specialisation
    ? sql`and exists (select 1 from need_line_focus f where f.need_line_id = nl.id and f.specialisation_code = ${input.specialisation})`
    : sql``;
  const result = await sql<{ kind: string | null; headcount: number; organisations: number; top: number }>`
    with lines as (
      select nl.id, nl.organisation_id as org, nl.placement_count as hc, nl.placement_kinds as kinds
      from need_lines nl
      where nl.round_id = ${input.round.id} and nl.placement_count > 0 ${filter}
    ), facts as (
      select k.value as kind, org, sum(hc) as hc from lines, json_each(lines.kinds) k group by k.value, org
      union all
      select null, org, sum(hc) from lines group by org
    ), ranked as (
      select kind, hc, row_number() over (partition by kind order by hc desc) as rn from facts
    )
    select kind, sum(hc) as headcount, count(*) as organisations, sum(case when rn <= ${n} then hc else 0 end) as top
    from ranked group by kind`.execute(input.db);
  return result.rows.map(
    (r): TableEntry => ({
      key: r.kind === null ? {} : { kind: String(r.kind) },
      headcount: Number(r.headcount),
      organisations: Number(r.organisations),
      topContributors: Number(r.top),
    }),
  );
}

/**
 * A line offering several kinds counts in each, so the total is not the sum of the kinds: total
 * minus a published kind could give back a hidden one. The published table therefore has no total
 * row, and the kinds are protected as a line without one; the secretariat's raw table keeps it.
 */
export async function placementOfferTable(input: SectionInput): Promise<PlanTable> {
  const all = await aggregateOffers(input);
  const raw = input.view === 'raw';
  const entries = raw ? all : all.filter((e) => e.key.kind !== undefined);
  const published = protectTable(['kind'], entries, input.rule);
  const cells = (i: number): PlanCell[] => {
    const e = entries[i];
    const p = published[i];
    const one = (rawValue: number | undefined, value: number | null | undefined): PlanCell => ({
      value: raw ? (rawValue ?? null) : (value ?? null),
      suppressed: raw ? false : (p?.suppressed ?? true),
      reason: p?.reason ?? null,
      format: 'number',
    });
    return [one(e?.headcount, p?.headcount), one(e?.organisations, p?.organisations)];
  };
  const index = (kind: string | undefined) => entries.findIndex((e) => e.key.kind === kind);
  const rows = [...PLACEMENT_KINDS, undefined].flatMap((kind) => {
    const i = index(kind);
    if (i < 0) return [];
    return [
      {
        key: kind ?? 'total',
        label: kind ? both(input, `plans.placementKind.${kind}`) : both(input, 'plans.row.total'),
        cells: cells(i),
      },
    ];
  });
  return {
    key: 'placement-offers',
    section: 'placements',
    title: both(input, 'plans.table.placementOffers'),
    columns: [both(input, 'plans.column.places'), both(input, 'plans.column.organisations')],
    rows,
    evidence: evidenceUrl(input, {}),
  };
}
