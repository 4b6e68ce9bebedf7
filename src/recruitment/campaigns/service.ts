import { expressionBuilder } from 'kysely';
import { auditIfIn, auditIn } from '../../audit/index.ts';
import { DomainError, Invalid, NotFound, StaleVersion } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import { listSubmittedNeedLines, type SubmittedNeedLine } from '../../surveys/index.ts';
import { recruitsPeople } from '../eligibility.ts';
import { stockholmDate } from '../move-cases/queries.ts';
import {
  type CampaignRow,
  findCampaign,
  kommunNames,
  listCampaignLines,
  listCampaignRows,
  listVisitDays,
  ssykNames,
} from './queries.ts';
import type {
  CampaignCreate,
  FillCreate,
  LineAnswer,
  NeedLineFill,
  OrganisationCampaign,
  ProposalGroup,
  PublicCampaign,
  VisitDayCreate,
} from './schemas.ts';

/**
 * Joint recruitment campaigns (decision 0032): the secretariat bundles need lines that recruit,
 * each organisation confirms its own lines (or declines) before anything of them shows in public,
 * and the public page shows the campaign with its confirmed posts and visit days.
 */

const eb = expressionBuilder<Database>();

export const today = (scope: Scope) => stockholmDate(scope.now);

const toProposalLine = (l: SubmittedNeedLine) => ({
  id: l.id,
  organisation: { id: l.organisationId, name: l.organisationName },
  roundId: l.roundId,
  roundName: l.roundName,
  lineNo: l.lineNo,
  occupation: { ssyk: l.ssyk, labelSv: l.occupationLabelSv, labelEn: l.occupationLabelEn },
  headcount: l.headcount,
  horizon: l.horizon,
  strategies: l.strategies,
});

/**
 * The need lines of the latest rounds that are to be met by recruiting, grouped by occupation group
 * (SSYK 4, or 3) and the organisation's kommun; groups with more organisations first. The
 * secretariat's view: the lines are confidential survey answers.
 */
export async function proposeCampaigns(scope: Scope, by: 'ssyk4' | 'ssyk3' = 'ssyk4'): Promise<ProposalGroup[]> {
  const { db } = scope.deps;
  const lines = (await listSubmittedNeedLines(db, {})).filter((l) => recruitsPeople(l) && l.ssyk);
  const groups = new Map<string, { ssyk: string; kommun: string; lines: SubmittedNeedLine[] }>();
  for (const line of lines) {
    const ssyk = (line.ssyk ?? '').slice(0, by === 'ssyk3' ? 3 : 4);
    const key = `${ssyk}|${line.kommun}`;
    const group = groups.get(key) ?? { ssyk, kommun: line.kommun, lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  }
  const names = await ssykNames(
    db,
    [...groups.values()].map((g) => g.ssyk),
  );
  const kommuner = await kommunNames(
    db,
    [...groups.values()].map((g) => g.kommun),
  );
  return [...groups.values()]
    .map((g) => ({
      occupation: { ssyk: g.ssyk, nameSv: names.get(g.ssyk)?.sv ?? g.ssyk, nameEn: names.get(g.ssyk)?.en ?? g.ssyk },
      kommun: { code: g.kommun, name: kommuner.get(g.kommun) ?? g.kommun },
      organisations: new Set(g.lines.map((l) => l.organisationId)).size,
      headcount: g.lines.reduce((sum, l) => sum + l.headcount, 0),
      lines: g.lines.map(toProposalLine),
    }))
    .sort((a, b) => b.organisations - a.organisations || a.occupation.ssyk.localeCompare(b.occupation.ssyk));
}

/** Codes that exist in the reference table, or 422 at `field`. */
async function requireCodes(
  scope: Scope,
  table: 'ssyk' | 'municipalities',
  codes: readonly string[],
  field: string,
  key: string,
): Promise<void> {
  const unique = [...new Set(codes)];
  const found = await scope.deps.db.selectFrom(table).select('code').where('code', 'in', unique).execute();
  if (found.length !== unique.length) throw new Invalid(field, key);
}

/**
 * Creates a campaign and invites the selected need lines (each must recruit); nothing about a
 * line shows in public until its organisation confirms it. One batch with the audit entry.
 */
export async function createCampaign(scope: Scope, input: CampaignCreate): Promise<{ id: string }> {
  const user = actingUser(scope);
  const { db, atomic, newId } = scope.deps;
  await requireCodes(scope, 'ssyk', input.occupations, 'occupations', 'campaign.validation.occupations');
  await requireCodes(scope, 'municipalities', input.kommuner, 'kommuner', 'campaign.validation.kommun');
  if (input.closesOn < today(scope)) throw new Invalid('closesOn', 'campaign.validation.closesPast');
  const lineIds = [...new Set(input.lineIds)];
  const lines = await listSubmittedNeedLines(db, { lineIds });
  if (lines.length !== lineIds.length || !lines.every(recruitsPeople))
    throw new Invalid('lineIds', 'campaign.validation.lineNotRecruiting');
  const id = newId();
  const at = scope.now.toISOString();
  await atomic([
    db
      .insertInto('campaigns')
      .values({
        id,
        title_sv: input.titleSv,
        title_en: input.titleEn,
        description_sv: input.descriptionSv,
        description_en: input.descriptionEn,
        occupations: JSON.stringify([...new Set(input.occupations)]),
        kommuner: JSON.stringify([...new Set(input.kommuner)]),
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        created_by: user.userId,
        created_at: at,
      })
      .compile(),
    db
      .insertInto('campaign_lines')
      .values(
        lines.map((l) => ({
          id: newId(),
          campaign_id: id,
          organisation_id: l.organisationId,
          round_id: l.roundId,
          need_line_id: l.id,
          need_line_no: l.lineNo,
          occupation_id: l.occupationId,
          ssyk_code: l.ssyk,
          headcount: l.headcount,
          invited_at: at,
        })),
      )
      .compile(),
    auditIn(scope, {
      action: 'campaign.created',
      targetType: 'campaign',
      targetId: id,
      detail: { lines: lines.length, organisations: new Set(lines.map((l) => l.organisationId)).size },
    }),
  ]);
  return { id };
}

/** The campaign as anyone may see it: the secretariat's words, confirmed posts only, visit days. */
export async function presentPublicCampaign(scope: Scope, campaign: CampaignRow): Promise<PublicCampaign> {
  const { db } = scope.deps;
  const lines = await listCampaignLines(db, { campaignId: campaign.id, status: 'confirmed' });
  const names = await ssykNames(db, [...campaign.occupations, ...lines.map((l) => l.occupation.ssyk ?? '')]);
  const kommuner = await kommunNames(db, campaign.kommuner);
  const occupationOf = (ssyk: string) => ({
    ssyk,
    nameSv: names.get(ssyk)?.sv ?? ssyk,
    nameEn: names.get(ssyk)?.en ?? ssyk,
  });
  const organisations = new Map<string, PublicCampaign['organisations'][number]>();
  for (const line of lines) {
    const org = organisations.get(line.organisation.id) ?? { ...line.organisation, posts: [], totalPosts: 0 };
    const ssyk = line.occupation.ssyk ?? '';
    const same = org.posts.find((p) => p.occupation.ssyk === ssyk);
    if (same) same.posts += line.posts ?? 0;
    else org.posts.push({ occupation: occupationOf(ssyk), posts: line.posts ?? 0 });
    org.totalPosts += line.posts ?? 0;
    organisations.set(org.id, org);
  }
  const d = today(scope);
  return {
    id: campaign.id,
    titleSv: campaign.titleSv,
    titleEn: campaign.titleEn,
    descriptionSv: campaign.descriptionSv,
    descriptionEn: campaign.descriptionEn,
    occupations: campaign.occupations.map(occupationOf),
    kommuner: campaign.kommuner.map((code) => ({ code, name: kommuner.get(code) ?? code })),
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    open: campaign.opensOn <= d && d <= campaign.closesOn,
    totalPosts: [...organisations.values()].reduce((sum, o) => sum + o.totalPosts, 0),
    organisations: [...organisations.values()],
    visitDays: await listVisitDays(db, campaign.id),
  };
}

/** A campaign that is public today (opened), or 404; the secretariat sees it before it opens. */
export async function requirePublicCampaign(scope: Scope, id: string): Promise<CampaignRow> {
  const campaign = await findCampaign(scope.deps.db, id);
  const secretariat = scope.principal?.kind === 'user' && scope.principal.roles.includes('secretariat');
  if (!campaign || (campaign.opensOn > today(scope) && !secretariat)) throw new NotFound();
  return campaign;
}

export async function viewPublicCampaign(scope: Scope, id: string): Promise<PublicCampaign> {
  return presentPublicCampaign(scope, await requirePublicCampaign(scope, id));
}

/** Campaigns that take applications today. */
export async function listOpenCampaigns(scope: Scope): Promise<PublicCampaign[]> {
  const rows = await listCampaignRows(scope.deps.db, { openOn: today(scope) });
  return Promise.all(rows.map((row) => presentPublicCampaign(scope, row)));
}

/**
 * Open campaigns for people interested in these occupation groups (SSYK prefixes) and kommuner:
 * for a returner pool (issue 19) to tell its members when a campaign opens. Empty lists match all.
 */
export async function openCampaignsFor(
  scope: Scope,
  interest: { ssyk?: readonly string[]; kommuner?: readonly string[] },
): Promise<PublicCampaign[]> {
  const campaigns = await listOpenCampaigns(scope);
  const ssyk = interest.ssyk ?? [];
  const kommuner = interest.kommuner ?? [];
  return campaigns.filter(
    (c) =>
      (ssyk.length === 0 ||
        c.occupations.some((o) => ssyk.some((s) => o.ssyk.startsWith(s) || s.startsWith(o.ssyk)))) &&
      (kommuner.length === 0 || c.kommuner.some((k) => kommuner.includes(k.code))),
  );
}

/** Every campaign, for the secretariat's list. */
export async function listAllCampaigns(scope: Scope): Promise<PublicCampaign[]> {
  const rows = await listCampaignRows(scope.deps.db, {});
  return Promise.all(rows.map((row) => presentPublicCampaign(scope, row)));
}

export async function addVisitDay(scope: Scope, campaignId: string, input: VisitDayCreate): Promise<string> {
  actingUser(scope);
  const { db, atomic, newId } = scope.deps;
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw new NotFound();
  if (input.date < today(scope)) throw new Invalid('date', 'campaign.validation.datePast');
  const id = newId();
  await atomic([
    db
      .insertInto('campaign_visit_days')
      .values({
        id,
        campaign_id: campaignId,
        day: input.date,
        place: input.place,
        places_limit: input.limit,
        created_at: scope.now.toISOString(),
      })
      .compile(),
    auditIn(scope, { action: 'campaign.visit-day-added', targetType: 'campaign', targetId: campaignId }),
  ]);
  return id;
}

/**
 * Signs a person up for a visit day: one statement that inserts only while the day has places
 * left, so two last sign-ups cannot both take the last place. The same address twice is one sign-up.
 */
export async function signUpForVisit(
  scope: Scope,
  campaignId: string,
  dayId: string,
  input: { name: string; email: string },
): Promise<PublicCampaign['visitDays'][number]> {
  await requirePublicCampaign(scope, campaignId);
  const { db, atomic } = scope.deps;
  const day = (await listVisitDays(db, campaignId)).find((d) => d.id === dayId);
  if (!day) throw new NotFound();
  if (day.date < today(scope)) throw new DomainError('conflict', 'campaign.error.visitPast');
  const hasRoom = eb(
    eb
      .selectFrom('campaign_visit_signups')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('visit_day_id', '=', dayId),
    '<',
    eb.selectFrom('campaign_visit_days').select('places_limit').where('id', '=', dayId),
  );
  const already = await db
    .selectFrom('campaign_visit_signups')
    .select('email')
    .where('visit_day_id', '=', dayId)
    .where('email', '=', input.email)
    .executeTakeFirst();
  if (!already) {
    // The audit entry first: its condition is read before the insert takes the place.
    const [, result] = await atomic([
      auditIfIn(
        scope,
        { action: 'campaign.visit-signed-up', targetType: 'campaign', targetId: campaignId, detail: { dayId } },
        hasRoom,
      ),
      db
        .insertInto('campaign_visit_signups')
        .columns(['visit_day_id', 'email', 'name', 'created_at'])
        .expression(
          db
            .selectNoFrom((s) => [
              s.val(dayId).as('visit_day_id'),
              s.val(input.email).as('email'),
              s.val(input.name).as('name'),
              s.val(scope.now.toISOString()).as('created_at'),
            ])
            .where(hasRoom),
        )
        .onConflict((oc) => oc.doNothing())
        .compile(),
    ]);
    if (Number(result?.numAffectedRows ?? 0) !== 1)
      throw new DomainError('conflict', 'campaign.error.visitFull', { titleKey: 'campaign.error.visitFullTitle' });
  }
  const after = (await listVisitDays(db, campaignId)).find((d) => d.id === dayId);
  if (!after) throw new NotFound();
  return after;
}

/** The campaigns an organisation's lines were invited to, with each line's answer. */
export async function listOrganisationCampaigns(scope: Scope, organisationId: string): Promise<OrganisationCampaign[]> {
  const { db } = scope.deps;
  const lines = await listCampaignLines(db, { organisationId });
  const ids = [...new Set(lines.map((l) => l.campaignId))];
  const campaigns: OrganisationCampaign[] = [];
  for (const id of ids) {
    const c = await findCampaign(db, id);
    if (!c) continue;
    campaigns.push({
      id: c.id,
      titleSv: c.titleSv,
      titleEn: c.titleEn,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      lines: lines.filter((l) => l.campaignId === id).map(({ campaignId: _, ...line }) => line),
    });
  }
  return campaigns.sort((a, b) => b.opensOn.localeCompare(a.opensOn));
}

/**
 * A member of the organisation confirms a line with the posts it advertises, or declines it. A
 * line may be answered again (a decline turned into a confirmation) until the campaign closes.
 */
export async function answerLine(
  scope: Scope,
  organisationId: string,
  lineId: string,
  answer: LineAnswer,
): Promise<void> {
  const user = actingUser(scope);
  const { db, atomic } = scope.deps;
  const line = await db
    .selectFrom('campaign_lines as l')
    .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .select(['l.version', 'c.closes_on', 'l.campaign_id'])
    .where('l.id', '=', lineId)
    .where('l.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!line) throw new NotFound();
  if (line.closes_on < today(scope))
    throw new DomainError('conflict', 'campaign.error.closed', { titleKey: 'campaign.error.closedTitle' });
  const stillHolds = eb.exists(
    eb.selectFrom('campaign_lines').select('id').where('id', '=', lineId).where('version', '=', answer.version),
  );
  const [, result] = await atomic([
    auditIfIn(
      scope,
      {
        action: 'campaign.line-answered',
        targetType: 'campaign',
        targetId: line.campaign_id,
        detail: { lineId, confirm: answer.confirm, posts: answer.confirm ? (answer.posts ?? null) : null },
      },
      stillHolds,
    ),
    db
      .updateTable('campaign_lines')
      .set((u) => ({
        status: answer.confirm ? 'confirmed' : 'declined',
        posts: answer.confirm ? (answer.posts ?? null) : null,
        answered_by: user.userId,
        answered_at: scope.now.toISOString(),
        version: u('version', '+', 1),
      }))
      .where('id', '=', lineId)
      .where('organisation_id', '=', organisationId)
      .where('version', '=', answer.version)
      .compile(),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1)
    throw new StaleVersion('campaign.conflict.title', 'campaign.conflict.detail', answer.version, line.version);
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A post of one of the organisation's need lines filled on its own: the comparison for campaigns'
 * time to fill. A line in a campaign the organisation confirmed is filled through the campaign, so
 * it is refused here; no more fills than the line's headcount; not before the round closed.
 */
export async function recordFill(scope: Scope, organisationId: string, input: FillCreate): Promise<string> {
  const user = actingUser(scope);
  const { db, atomic, newId } = scope.deps;
  const [line] = await listSubmittedNeedLines(db, { lineIds: [input.needLineId], organisationIds: [organisationId] });
  if (!line) throw new NotFound();
  const closesOn = stockholmDate(new Date(line.roundClosesAt));
  if (input.filledOn > today(scope)) throw new Invalid('filledOn', 'campaign.validation.fillFuture');
  if (input.filledOn < closesOn) throw new Invalid('filledOn', 'campaign.validation.fillBeforeClose');
  const inCampaign = await db
    .selectFrom('campaign_lines')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', line.roundId)
    .where('need_line_no', '=', line.lineNo)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  if (inCampaign) throw new Invalid('needLineId', 'campaign.validation.fillInCampaign');
  const sameLine = eb
    .selectFrom('need_line_fills')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('round_id', '=', line.roundId)
    .where('need_line_no', '=', line.lineNo);
  const id = newId();
  const [result] = await atomic([
    db
      .insertInto('need_line_fills')
      .columns([
        'id',
        'organisation_id',
        'round_id',
        'need_line_id',
        'need_line_no',
        'occupation_id',
        'ssyk_code',
        'round_closes_on',
        'filled_on',
        'created_by',
        'created_at',
      ])
      .expression(
        db
          .selectNoFrom((s) => [
            s.val(id).as('id'),
            s.val(organisationId).as('organisation_id'),
            s.val(line.roundId).as('round_id'),
            s.val(line.id).as('need_line_id'),
            s.val(line.lineNo).as('need_line_no'),
            s.val(line.occupationId).as('occupation_id'),
            s.val(line.ssyk).as('ssyk_code'),
            s.val(closesOn).as('round_closes_on'),
            s.val(input.filledOn).as('filled_on'),
            s.val(user.userId).as('created_by'),
            s.val(scope.now.toISOString()).as('created_at'),
          ])
          .where(eb(sameLine, '<', line.headcount)),
      )
      .compile(),
    auditIfIn(
      scope,
      { action: 'need-line.filled', targetType: 'organisation', targetId: organisationId, detail: { fillId: id } },
      eb.exists(eb.selectFrom('need_line_fills').select('id').where('id', '=', id)),
    ),
  ]);
  if (Number(result?.numAffectedRows ?? 0) !== 1) throw new Invalid('needLineId', 'campaign.validation.fillAllFilled');
  return id;
}

export async function listFills(scope: Scope, organisationId: string): Promise<NeedLineFill[]> {
  const rows = await scope.deps.db
    .selectFrom('need_line_fills')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('filled_on', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    needLineId: r.need_line_id,
    roundId: r.round_id,
    lineNo: r.need_line_no,
    occupation: { ssyk: r.ssyk_code },
    roundClosesOn: r.round_closes_on,
    filledOn: r.filled_on,
    days: daysBetween(r.round_closes_on, r.filled_on),
  }));
}
