import type { Kysely } from 'kysely';
import { auditIn } from '../../audit/index.ts';
import { NotFound } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { findCampaign, listCampaignLines } from './queries.ts';
import type { CampaignTracking, OccupationRow, OrganisationRow, TimeFigure } from './schemas.ts';
import { daysBetween, presentPublicCampaign } from './service.ts';

/**
 * A campaign's figures for the secretariat (decision 0032): applications, interviews, offers and
 * hires per organisation and per occupation group, and time to fill against posts filled alone.
 *
 * Time to fill, exactly: for each hire through the campaign, the calendar days from the campaign's
 * opening day to the hire day; for each post an organisation filled outside any campaign (recorded
 * on its own page) in the campaign's occupation groups, the days from its round's closing day
 * (Swedish time) to the day it was filled. Each side: the count and the median (the mean of the
 * two middle values when the count is even).
 */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function figure(days: { organisationId: string; days: number }[], minOrganisations: number): TimeFigure {
  const organisations = new Set(days.map((d) => d.organisationId)).size;
  return {
    count: days.length,
    medianDays: median(days.map((d) => d.days)),
    organisations,
    belowDisclosure: organisations < minOrganisations,
  };
}

/** Route counts per organisation for one campaign (confirmed applications only). */
async function routeCounts(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom('campaign_application_routes as r')
    .innerJoin('campaign_applications as a', 'a.id', 'r.application_id')
    .select((eb) => [
      'r.organisation_id',
      eb.fn.countAll<number>().as('applications'),
      eb.fn.count<number>('r.interview_on').as('interviews'),
      eb.fn.count<number>('r.offer_on').as('offers'),
      eb.fn.sum<number>(eb.case().when('r.status', '=', 'hired').then(1).else(0).end()).as('hires'),
    ])
    .where('a.campaign_id', '=', campaignId)
    .where('a.confirmed_at', 'is not', null)
    .groupBy('r.organisation_id')
    .execute();
}

/** Each hire through the campaign: its organisation, the line's occupation group and the day. */
async function campaignHires(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom('campaign_application_routes as r')
    .innerJoin('campaign_applications as a', 'a.id', 'r.application_id')
    .innerJoin('campaign_lines as l', 'l.id', 'r.hired_line_id')
    .select(['r.organisation_id', 'l.ssyk_code', 'r.hired_on'])
    .where('a.campaign_id', '=', campaignId)
    .where('r.status', '=', 'hired')
    .where('r.hired_on', 'is not', null)
    .execute();
}

/** Posts filled alone in these occupation groups (SSYK prefixes of 3 or 4 digits). */
async function aloneFills(db: Kysely<Database>, occupations: readonly string[]) {
  if (occupations.length === 0) return [];
  return db
    .selectFrom('need_line_fills')
    .select(['organisation_id', 'round_closes_on', 'filled_on'])
    .where((eb) => eb.or(occupations.map((code) => eb('ssyk_code', 'like', `${code}%`))))
    .execute();
}

export async function campaignTracking(scope: Scope, campaignId: string): Promise<CampaignTracking> {
  const { db, atomic, config } = scope.deps;
  const row = await findCampaign(db, campaignId);
  if (!row) throw new NotFound();
  const campaign = await presentPublicCampaign(scope, row);
  const lines = await listCampaignLines(db, { campaignId });
  const counts = await routeCounts(db, campaignId);
  const hires = await campaignHires(db, campaignId);
  const alone = await aloneFills(db, row.occupations);
  const min = config.disclosure.minOrganisations;

  const organisations = new Map<string, OrganisationRow>();
  for (const line of lines.filter((l) => l.status === 'confirmed')) {
    const o = organisations.get(line.organisation.id) ?? {
      organisation: line.organisation,
      posts: 0,
      applications: 0,
      interviews: 0,
      offers: 0,
      hires: 0,
    };
    o.posts += line.posts ?? 0;
    organisations.set(o.organisation.id, o);
  }
  for (const c of counts) {
    const o = organisations.get(c.organisation_id);
    if (!o) continue;
    o.applications = Number(c.applications);
    o.interviews = Number(c.interviews);
    o.offers = Number(c.offers);
    o.hires = Number(c.hires ?? 0);
  }
  const occupations = new Map<string, OccupationRow & { orgs: Set<string> }>();
  for (const line of lines.filter((l) => l.status === 'confirmed')) {
    const ssyk = line.occupation.ssyk ?? '';
    const name = campaign.organisations.flatMap((o) => o.posts).find((p) => p.occupation.ssyk === ssyk)?.occupation ?? {
      ssyk,
      nameSv: ssyk,
      nameEn: ssyk,
    };
    const o = occupations.get(ssyk) ?? { occupation: name, posts: 0, hires: 0, organisations: 0, orgs: new Set() };
    o.posts += line.posts ?? 0;
    o.orgs.add(line.organisation.id);
    occupations.set(ssyk, o);
  }
  for (const hire of hires) {
    const o = occupations.get(hire.ssyk_code ?? '');
    if (o) o.hires += 1;
  }
  const distinct = await db
    .selectFrom('campaign_applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  const orgRows = [...organisations.values()];
  const sum = (key: 'posts' | 'applications' | 'interviews' | 'offers' | 'hires') =>
    orgRows.reduce((total, o) => total + o[key], 0);

  await atomic([auditIn(scope, { action: 'campaign.tracking-viewed', targetType: 'campaign', targetId: campaignId })]);
  return {
    campaign,
    lines: lines.map(({ campaignId: _, ...line }) => line),
    organisations: orgRows,
    occupations: [...occupations.values()].map(({ orgs, ...o }) => ({ ...o, organisations: orgs.size })),
    totals: {
      posts: sum('posts'),
      applications: Number(distinct?.n ?? 0),
      routes: sum('applications'),
      interviews: sum('interviews'),
      offers: sum('offers'),
      hires: sum('hires'),
    },
    timeToFill: {
      campaign: figure(
        hires.map((h) => ({ organisationId: h.organisation_id, days: daysBetween(row.opensOn, h.hired_on ?? '') })),
        min,
      ),
      alone: figure(
        alone.map((f) => ({ organisationId: f.organisation_id, days: daysBetween(f.round_closes_on, f.filled_on) })),
        min,
      ),
    },
  };
}
