import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findContacts } from './round-mail.ts';

/**
 * Who was asked and who answered, counted in SQL over the round's targets (fixed when it opened,
 * with the attributes they had then) and their responses. A target counts as answered when its
 * response has been submitted; a draft does not count.
 */
export interface RateCell {
  key: string | null;
  /** The municipality's or SNI section's name; null for sector and size class (labels are in the catalogue). */
  name: string | null;
  targeted: number;
  submitted: number;
}

export const RATE_DIMENSIONS = ['sector', 'sizeClass', 'municipality', 'sniSection'] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];

export interface ResponseRates {
  round: string;
  overall: { targeted: number; submitted: number };
  by: Record<RateDimension, RateCell[]>;
}

export async function findResponseRates(db: Kysely<Database>, roundId: string): Promise<ResponseRates> {
  const rows = await sql<{ dim: string; key: string | null; name: string | null; targeted: number; submitted: number }>`
    with t as (
      select t.sector, t.size_class, t.municipality_code, t.sni_section,
             case when r.status = 'submitted' then 1 else 0 end as done
      from round_targets t
      left join responses r on r.round_id = t.round_id and r.organisation_id = t.organisation_id
      where t.round_id = ${roundId}
    )
    select 'overall' as dim, null as key, null as name, count(*) as targeted, coalesce(sum(done), 0) as submitted from t
    union all
    select 'sector', sector, null, count(*), sum(done) from t group by sector
    union all
    select 'sizeClass', size_class, null, count(*), sum(done) from t group by size_class
    union all
    select 'municipality', municipality_code, (select short_name from municipalities where code = municipality_code),
           count(*), sum(done) from t group by municipality_code
    union all
    select 'sniSection', sni_section, (select name_sv from sni where code = sni_section), count(*), sum(done)
    from t group by sni_section`.execute(db);
  const by: Record<RateDimension, RateCell[]> = { sector: [], sizeClass: [], municipality: [], sniSection: [] };
  let overall = { targeted: 0, submitted: 0 };
  for (const row of rows.rows) {
    const counts = { targeted: Number(row.targeted), submitted: Number(row.submitted) };
    if (row.dim === 'overall') overall = counts;
    else by[row.dim as RateDimension]?.push({ key: row.key, name: row.name, ...counts });
  }
  for (const cells of Object.values(by)) cells.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  return { round: roundId, overall, by };
}

/** Targeted and submitted per round, for the list of rounds. */
export async function countResponsesByRound(
  db: Kysely<Database>,
): Promise<Map<string, { targeted: number; submitted: number }>> {
  const rows = await sql<{ round_id: string; targeted: number; submitted: number }>`
    select t.round_id, count(*) as targeted, coalesce(sum(case when r.status = 'submitted' then 1 else 0 end), 0) as submitted
    from round_targets t
    left join responses r on r.round_id = t.round_id and r.organisation_id = t.organisation_id
    group by t.round_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.round_id, { targeted: Number(r.targeted), submitted: Number(r.submitted) }]));
}

export interface NonResponder {
  organisationId: string;
  name: string;
  orgNumber: string;
  sector: string;
  sizeClass: string;
  municipalityCode: string;
  municipalityName: string | null;
  /** `not-started`: nothing saved; `draft`: saved but not submitted. */
  status: 'not-started' | 'draft';
  lastSavedAt: string | null;
  invitedAt: string | null;
  remindedAt: string | null;
  reminders: number;
  contacts: { name: string; email: string }[];
}

/** The targets without a submitted response, by name, with the people to reach and the last reminder. */
export async function listNonResponders(
  db: Kysely<Database>,
  roundId: string,
  page: { limit: number; offset: number },
): Promise<{ items: NonResponder[]; nextOffset: number | null }> {
  const rows = await sql<{
    id: string;
    name: string;
    org_number: string;
    sector: string;
    size_class: string;
    municipality_code: string;
    municipality_name: string | null;
    status: string | null;
    updated_at: string | null;
    invited_at: string | null;
    reminded_at: string | null;
    reminders: number;
  }>`
    select o.id, o.name, o.org_number, t.sector, t.size_class, t.municipality_code, m.short_name as municipality_name,
           r.status, r.updated_at, t.invited_at, t.reminded_at, t.reminders
    from round_targets t
    join organisations o on o.id = t.organisation_id
    left join municipalities m on m.code = t.municipality_code
    left join responses r on r.round_id = t.round_id and r.organisation_id = t.organisation_id
    where t.round_id = ${roundId} and (r.status is null or r.status != 'submitted')
    order by o.name, o.id
    limit ${page.limit + 1} offset ${page.offset}`.execute(db);
  const pageRows = rows.rows.slice(0, page.limit);
  const contacts = await findContacts(
    db,
    pageRows.map((r) => r.id),
  );
  return {
    items: pageRows.map((r) => ({
      organisationId: r.id,
      name: r.name,
      orgNumber: r.org_number,
      sector: r.sector,
      sizeClass: r.size_class,
      municipalityCode: r.municipality_code,
      municipalityName: r.municipality_name,
      status: r.status === 'draft' ? 'draft' : 'not-started',
      lastSavedAt: r.updated_at,
      invitedAt: r.invited_at,
      remindedAt: r.reminded_at,
      reminders: r.reminders,
      contacts: contacts.filter((p) => p.organisationId === r.id).map((p) => ({ name: p.name, email: p.email })),
    })),
    nextOffset: rows.rows.length > page.limit ? page.offset + page.limit : null,
  };
}
