import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** An organisation's own submitted needs in a round, per occupation × horizon. */
export interface OwnNeed {
  occupationId: string;
  occupationLabel: string;
  ssyk: string | null;
  horizon: string;
  headcount: number;
  specialisations: string[];
}

export async function listOrganisationNeeds(
  db: Kysely<Database>,
  roundId: string,
  organisationId: string,
): Promise<OwnNeed[]> {
  const result = await sql<{
    occupation_id: string;
    label_sv: string;
    ssyk_code: string | null;
    horizon: string;
    headcount: number;
    specialisations: string | null;
  }>`
    select n.occupation_id, o.label_sv, n.ssyk_code, n.horizon, sum(n.headcount) as headcount,
           (select group_concat(distinct f.specialisation_code)
              from need_lines m join need_line_focus f on f.need_line_id = m.id
             where m.round_id = n.round_id and m.organisation_id = n.organisation_id
               and m.occupation_id = n.occupation_id and m.horizon = n.horizon) as specialisations
    from need_lines n join occupations o on o.id = n.occupation_id
    where n.round_id = ${roundId} and n.organisation_id = ${organisationId}
    group by n.occupation_id, n.horizon
    order by o.label_sv, n.horizon`.execute(db);
  return result.rows.map((row) => ({
    occupationId: row.occupation_id,
    occupationLabel: row.label_sv,
    ssyk: row.ssyk_code,
    horizon: row.horizon,
    headcount: Number(row.headcount),
    specialisations: row.specialisations ? row.specialisations.split(',').sort() : [],
  }));
}
