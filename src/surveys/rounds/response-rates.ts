import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
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
  // One statement over the round's targets with their responses (`t`), counted whole and per
  // dimension: five terms, the most D1 allows in one compound SELECT.
  const rows = await db
    .with('t', (qc) =>
      qc
        .selectFrom('round_targets as t')
        .leftJoin('responses as r', (join) =>
          join.onRef('r.round_id', '=', 't.round_id').onRef('r.organisation_id', '=', 't.organisation_id'),
        )
        .select((eb) => [
          't.sector',
          't.size_class',
          't.municipality_code',
          't.sni_section',
          eb.case().when('r.status', '=', 'submitted').then(1).else(0).end().as('done'),
        ])
        .where('t.round_id', '=', roundId),
    )
    .selectFrom('t')
    .select((eb) => [
      eb.val<string>('overall').as('dim'),
      eb.lit(null).$castTo<string | null>().as('key'),
      eb.lit(null).$castTo<string | null>().as('name'),
      eb.fn.countAll<number>().as('targeted'),
      eb.fn.coalesce(eb.fn.sum<number>('done'), eb.lit(0)).as('submitted'),
    ])
    .unionAll((eb) =>
      eb
        .selectFrom('t')
        .select((eb) => [
          eb.val<string>('sector').as('dim'),
          't.sector as key',
          eb.lit(null).$castTo<string | null>().as('name'),
          eb.fn.countAll<number>().as('targeted'),
          eb.fn.sum<number>('done').as('submitted'),
        ])
        .groupBy('t.sector'),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('t')
        .select((eb) => [
          eb.val<string>('sizeClass').as('dim'),
          't.size_class as key',
          eb.lit(null).$castTo<string | null>().as('name'),
          eb.fn.countAll<number>().as('targeted'),
          eb.fn.sum<number>('done').as('submitted'),
        ])
        .groupBy('t.size_class'),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('t')
        .select((eb) => [
          eb.val<string>('municipality').as('dim'),
          't.municipality_code as key',
          eb
            .selectFrom('municipalities as m')
            .select('m.short_name')
            .whereRef('m.code', '=', 't.municipality_code')
            .as('name'),
          eb.fn.countAll<number>().as('targeted'),
          eb.fn.sum<number>('done').as('submitted'),
        ])
        .groupBy('t.municipality_code'),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('t')
        .select((eb) => [
          eb.val<string>('sniSection').as('dim'),
          't.sni_section as key',
          eb.selectFrom('sni as s').select('s.name_sv').whereRef('s.code', '=', 't.sni_section').as('name'),
          eb.fn.countAll<number>().as('targeted'),
          eb.fn.sum<number>('done').as('submitted'),
        ])
        .groupBy('t.sni_section'),
    )
    .execute();
  const by: Record<RateDimension, RateCell[]> = { sector: [], sizeClass: [], municipality: [], sniSection: [] };
  let overall = { targeted: 0, submitted: 0 };
  for (const row of rows) {
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
  const rows = await db
    .selectFrom('round_targets as t')
    .leftJoin('responses as r', (join) =>
      join.onRef('r.round_id', '=', 't.round_id').onRef('r.organisation_id', '=', 't.organisation_id'),
    )
    .select((eb) => [
      't.round_id',
      eb.fn.countAll<number>().as('targeted'),
      eb.fn
        .coalesce(eb.fn.sum<number>(eb.case().when('r.status', '=', 'submitted').then(1).else(0).end()), eb.lit(0))
        .as('submitted'),
    ])
    .groupBy('t.round_id')
    .execute();
  return new Map(rows.map((r) => [r.round_id, { targeted: Number(r.targeted), submitted: Number(r.submitted) }]));
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
  const rows = await db
    .selectFrom('round_targets as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .leftJoin('municipalities as m', 'm.code', 't.municipality_code')
    .leftJoin('responses as r', (join) =>
      join.onRef('r.round_id', '=', 't.round_id').onRef('r.organisation_id', '=', 't.organisation_id'),
    )
    .select([
      'o.id',
      'o.name',
      'o.org_number',
      't.sector',
      't.size_class',
      't.municipality_code',
      'm.short_name as municipality_name',
      'r.status',
      'r.updated_at',
      't.invited_at',
      't.reminded_at',
      't.reminders',
    ])
    .where('t.round_id', '=', roundId)
    .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'submitted')]))
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  const pageRows = rows.slice(0, page.limit);
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
    nextOffset: rows.length > page.limit ? page.offset + page.limit : null,
  };
}
