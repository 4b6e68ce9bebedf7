import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CampaignLine, PublicCampaign } from './schemas.ts';

/** Reads of campaigns (recruitment owns campaigns, campaign_lines, campaign_visit_*, campaign_application*). */

export interface CampaignRow {
  id: string;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  occupations: string[];
  kommuner: string[];
  opensOn: string;
  closesOn: string;
}

const strings = (json: string): string[] => {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

function campaignQuery(db: Kysely<Database>) {
  return db
    .selectFrom('campaigns')
    .select([
      'id',
      'title_sv',
      'title_en',
      'description_sv',
      'description_en',
      'occupations',
      'kommuner',
      'opens_on',
      'closes_on',
    ]);
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof campaignQuery>['executeTakeFirst']>>>;

const toCampaign = (r: Row): CampaignRow => ({
  id: r.id,
  titleSv: r.title_sv,
  titleEn: r.title_en,
  descriptionSv: r.description_sv,
  descriptionEn: r.description_en,
  occupations: strings(r.occupations),
  kommuner: strings(r.kommuner),
  opensOn: r.opens_on,
  closesOn: r.closes_on,
});

export async function findCampaign(db: Kysely<Database>, id: string): Promise<CampaignRow | undefined> {
  const row = await campaignQuery(db).where('id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

/** Campaigns public on `today` (opened), those still taking applications only when `openOnly`. */
export async function listCampaignRows(
  db: Kysely<Database>,
  filter: { publicOn?: string; openOn?: string },
): Promise<CampaignRow[]> {
  const rows = await campaignQuery(db)
    .$if(filter.publicOn !== undefined, (q) => q.where('opens_on', '<=', filter.publicOn ?? ''))
    .$if(filter.openOn !== undefined, (q) =>
      q.where('opens_on', '<=', filter.openOn ?? '').where('closes_on', '>=', filter.openOn ?? ''),
    )
    .orderBy('opens_on', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map(toCampaign);
}

/** Occupation group names by SSYK code (3 or 4 digits). */
export async function ssykNames(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<Map<string, { sv: string; en: string }>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('ssyk').select(['code', 'name_sv', 'name_en']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, { sv: r.name_sv, en: r.name_en }]));
}

export async function kommunNames(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** A campaign's lines with their organisations; `status` narrows them (the public reads 'confirmed' only). */
export async function listCampaignLines(
  db: Kysely<Database>,
  filter: { campaignId?: string; organisationId?: string; status?: 'confirmed' },
): Promise<(CampaignLine & { campaignId: string })[]> {
  const rows = await db
    .selectFrom('campaign_lines as l')
    .innerJoin('organisations as org', 'org.id', 'l.organisation_id')
    .innerJoin('occupations as o', 'o.id', 'l.occupation_id')
    .leftJoin('ssyk as s', 's.code', 'l.ssyk_code')
    .select([
      'l.id',
      'l.campaign_id',
      'l.organisation_id',
      'org.name as organisation_name',
      'l.ssyk_code',
      'o.label_sv',
      's.name_en',
      'l.need_line_no',
      'l.round_id',
      'l.headcount',
      'l.status',
      'l.posts',
      'l.answered_at',
      'l.version',
    ])
    .$if(filter.campaignId !== undefined, (q) => q.where('l.campaign_id', '=', filter.campaignId ?? ''))
    .$if(filter.organisationId !== undefined, (q) => q.where('l.organisation_id', '=', filter.organisationId ?? ''))
    .$if(filter.status !== undefined, (q) => q.where('l.status', '=', 'confirmed'))
    .orderBy('org.name')
    .orderBy('l.ssyk_code')
    .orderBy('l.need_line_no')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    occupation: { ssyk: r.ssyk_code, labelSv: r.label_sv, labelEn: r.name_en ?? r.label_sv },
    lineNo: r.need_line_no,
    roundId: r.round_id,
    headcount: r.headcount,
    status: r.status as CampaignLine['status'],
    posts: r.posts,
    answeredAt: r.answered_at,
    version: r.version,
  }));
}

/** Visit days with their sign-up counts. */
export async function listVisitDays(db: Kysely<Database>, campaignId: string): Promise<PublicCampaign['visitDays']> {
  const rows = await db
    .selectFrom('campaign_visit_days as d')
    .leftJoin('campaign_visit_signups as s', 's.visit_day_id', 'd.id')
    .select((eb) => ['d.id', 'd.day', 'd.place', 'd.places_limit', eb.fn.count<number>('s.email').as('signed_up')])
    .where('d.campaign_id', '=', campaignId)
    .groupBy(['d.id', 'd.day', 'd.place', 'd.places_limit'])
    .orderBy('d.day')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.day,
    place: r.place,
    limit: r.places_limit,
    signedUp: Number(r.signed_up),
    full: Number(r.signed_up) >= r.places_limit,
  }));
}

/**
 * The organisations an application is routed to and not withdrawn from: whose members are told
 * that a confirmed application has come.
 */
export async function listRoutedOrganisationIds(db: Kysely<Database>, applicationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('campaign_application_routes')
    .select('organisation_id')
    .where('application_id', '=', applicationId)
    .where('status', '!=', 'withdrawn')
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

/**
 * The confirmed lines of the organisations' campaigns that take applications on `today`: need lines
 * an organisation chose to make public (decision 0032), so the only need lines matching may show a
 * partner by name unasked (decision 0031).
 */
export async function listOpenConfirmedLines(
  db: Kysely<Database>,
  filter: { organisationIds: readonly string[]; today: string },
): Promise<
  {
    campaignId: string;
    needLineId: string;
    organisationId: string;
    occupationId: string;
    ssyk: string | null;
    horizon: string;
    remote: boolean;
  }[]
> {
  if (filter.organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('campaign_lines as l')
    .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .innerJoin('need_lines as n', 'n.id', 'l.need_line_id')
    .select([
      'l.campaign_id',
      'l.need_line_id',
      'l.organisation_id',
      'l.occupation_id',
      'l.ssyk_code',
      'n.horizon',
      'n.remote',
    ])
    .where('l.status', '=', 'confirmed')
    .where('l.organisation_id', 'in', [...filter.organisationIds])
    .where('c.opens_on', '<=', filter.today)
    .where('c.closes_on', '>=', filter.today)
    .orderBy('c.closes_on')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    needLineId: r.need_line_id,
    organisationId: r.organisation_id,
    occupationId: r.occupation_id,
    ssyk: r.ssyk_code,
    horizon: r.horizon,
    remote: r.remote === 1,
  }));
}
