import { z } from 'zod';

/** Joint recruitment campaigns' inputs and answers (decision 0032): the JSON API's and the pages' schemas. */

export const ROUTE_STATUSES = ['received', 'interview', 'offer', 'hired', 'not-hired', 'withdrawn'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];
/** What an organisation may set; 'received' is where a route starts, 'withdrawn' the candidate's own. */
export const SETTABLE_STATUSES = ['interview', 'offer', 'hired', 'not-hired'] as const;
export const LINE_STATUSES = ['invited', 'confirmed', 'declined'] as const;

const text = (key: string, max: number) =>
  z.string({ error: key }).trim().min(1, { error: key }).max(max, { error: key });
const day = z.iso.date({ error: 'campaign.validation.date' }).describe('YYYY-MM-DD');
const ssykCode = z.string().regex(/^\d{3,4}$/, { error: 'campaign.validation.occupation' });
const kommunCode = z.string().regex(/^\d{4}$/, { error: 'campaign.validation.kommun' });
const id = z.string().min(1).max(100);
const version = z.number().int().min(1).describe('the version you read; a stale one gets 409');
const email = z
  .string({ error: 'campaign.validation.email' })
  .trim()
  .min(1, { error: 'campaign.validation.email' })
  .max(254, { error: 'validation.email.invalid' })
  .pipe(z.email({ error: 'validation.email.invalid' }))
  .transform((e) => e.toLowerCase());
const personName = text('campaign.validation.name', 200);

/** POST /api/v1/campaigns (the secretariat) */
export const campaignCreate = z
  .object({
    titleSv: text('campaign.validation.title', 200),
    titleEn: text('campaign.validation.title', 200),
    descriptionSv: text('campaign.validation.description', 4000),
    descriptionEn: text('campaign.validation.description', 4000),
    occupations: z
      .array(ssykCode)
      .min(1, { error: 'campaign.validation.occupations' })
      .max(20, { error: 'campaign.validation.occupations' })
      .describe('SSYK 2012 codes of 3 or 4 digits'),
    kommuner: z
      .array(kommunCode)
      .min(1, { error: 'campaign.validation.kommuner' })
      .max(20, { error: 'campaign.validation.kommuner' }),
    opensOn: day,
    closesOn: day,
    lineIds: z
      .array(id)
      .min(1, { error: 'campaign.validation.lines' })
      .max(200, { error: 'campaign.validation.lines' })
      .describe('need lines to invite; each organisation confirms its own before it shows anywhere'),
  })
  .refine((c) => c.closesOn >= c.opensOn, { path: ['closesOn'], error: 'campaign.validation.closesBeforeOpens' });
export type CampaignCreate = z.infer<typeof campaignCreate>;

/** POST /api/v1/campaigns/{id}/visit-days */
export const visitDayCreate = z.object({
  date: day,
  place: text('campaign.validation.place', 200),
  limit: z
    .number({ error: 'campaign.validation.limit' })
    .int({ error: 'campaign.validation.limit' })
    .min(1, { error: 'campaign.validation.limit' })
    .max(10000, { error: 'campaign.validation.limit' }),
});
export type VisitDayCreate = z.infer<typeof visitDayCreate>;

/** POST /api/v1/campaigns/{id}/visit-days/{dayId}/sign-ups */
export const signUpCreate = z.object({ name: personName, email });
/** The campaign page's one sign-up form: the day is a choice among those with places left. */
export const signUpForm = signUpCreate.extend({
  dayId: z.string({ error: 'campaign.validation.visitDay' }).min(1, { error: 'campaign.validation.visitDay' }).max(100),
});

/** POST /api/v1/organisations/{id}/campaign-lines/{lineId}: confirm with the posts advertised, or decline. */
export const lineAnswer = z
  .object({
    version,
    confirm: z.boolean({ error: 'campaign.validation.confirm' }),
    posts: z
      .number({ error: 'campaign.validation.posts' })
      .int({ error: 'campaign.validation.posts' })
      .min(1, { error: 'campaign.validation.posts' })
      .max(1000, { error: 'campaign.validation.posts' })
      .optional(),
  })
  .refine((a) => !a.confirm || a.posts !== undefined, { path: ['posts'], error: 'campaign.validation.posts' });
export type LineAnswer = z.infer<typeof lineAnswer>;

/** POST /api/v1/campaigns/{id}/applications: one application, routed to the organisations chosen. */
export const applicationCreate = z.object({
  name: personName,
  email,
  letter: text('campaign.validation.letter', 4000),
  cv: text('campaign.validation.cv', 10000).describe('links to a CV or profile, or the CV as text'),
  earliestStart: day,
  partnerNeedsWork: z.boolean({ error: 'campaign.validation.partner' }),
  organisationIds: z
    .array(id)
    .min(1, { error: 'campaign.validation.organisations' })
    .max(50, { error: 'campaign.validation.organisations' })
    .describe('the taking-part organisations to send the application to'),
});
export type ApplicationCreate = z.infer<typeof applicationCreate>;

/** PATCH /api/v1/organisations/{id}/campaign-applications/{applicationId}: the organisation's status. */
export const routeUpdate = z
  .object({
    version,
    status: z.enum(SETTABLE_STATUSES, { error: 'campaign.validation.status' }),
    on: day.describe('the day it happened'),
    lineId: id.optional().describe('hired: the campaign line (post) the person was hired for'),
  })
  .refine((u) => u.status !== 'hired' || u.lineId !== undefined, {
    path: ['lineId'],
    error: 'campaign.validation.hiredLine',
  });
export type RouteUpdate = z.infer<typeof routeUpdate>;

/** POST /api/v1/organisations/{id}/need-line-fills: a post of a need line filled outside any campaign. */
export const fillCreate = z.object({ needLineId: id, filledOn: day });
export type FillCreate = z.infer<typeof fillCreate>;

export const campaignParams = z.object({ id });
export const visitDayParams = z.object({ id, dayId: id });
export const organisationParams = z.object({ id });
export const lineParams = z.object({ id, lineId: id });
export const orgApplicationParams = z.object({ id, applicationId: id });
export const routeParams = z.object({ id, orgId: id });
export const proposalQuery = z.object({ by: z.enum(['ssyk4', 'ssyk3']).optional() });

/* Answers */

const occupation = z.object({ ssyk: z.string(), nameSv: z.string(), nameEn: z.string() });
const named = z.object({ id: z.string(), name: z.string() });

export const visitDaySchema = z.object({
  id: z.string(),
  date: z.string(),
  place: z.string(),
  limit: z.number().int(),
  signedUp: z.number().int(),
  full: z.boolean(),
});

/** The public campaign: only confirmed lines, as their organisations confirmed them. */
export const publicCampaign = z.object({
  id: z.string(),
  titleSv: z.string(),
  titleEn: z.string(),
  descriptionSv: z.string(),
  descriptionEn: z.string(),
  occupations: z.array(occupation),
  kommuner: z.array(z.object({ code: z.string(), name: z.string() })),
  opensOn: z.string(),
  closesOn: z.string(),
  open: z.boolean().describe('takes applications today'),
  totalPosts: z.number().int(),
  organisations: z.array(
    named.extend({ posts: z.array(z.object({ occupation, posts: z.number().int() })), totalPosts: z.number().int() }),
  ),
  visitDays: z.array(visitDaySchema),
});
export type PublicCampaign = z.infer<typeof publicCampaign>;
export const campaignList = z.object({ items: z.array(publicCampaign.omit({ visitDays: true })) });

const proposalLine = z.object({
  id: z.string(),
  organisation: named,
  roundId: z.string(),
  roundName: z.string(),
  lineNo: z.number().int(),
  occupation: z.object({ ssyk: z.string().nullable(), labelSv: z.string(), labelEn: z.string() }),
  headcount: z.number().int(),
  horizon: z.string(),
  strategies: z.array(z.string()),
});
export type ProposalLine = z.infer<typeof proposalLine>;
export const proposalList = z.object({
  items: z.array(
    z.object({
      occupation,
      kommun: z.object({ code: z.string(), name: z.string() }),
      organisations: z.number().int(),
      headcount: z.number().int(),
      lines: z.array(proposalLine),
    }),
  ),
});
export type ProposalGroup = z.infer<typeof proposalList>['items'][number];

export const campaignLineSchema = z.object({
  id: z.string(),
  organisation: named,
  occupation: z.object({ ssyk: z.string().nullable(), labelSv: z.string(), labelEn: z.string() }),
  lineNo: z.number().int(),
  roundId: z.string(),
  headcount: z.number().int().describe('the need line’s own headcount (confidential)'),
  status: z.enum(LINE_STATUSES),
  posts: z.number().int().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number().int(),
});
export type CampaignLine = z.infer<typeof campaignLineSchema>;

const figure = z.object({
  count: z.number().int(),
  medianDays: z.number().nullable(),
  organisations: z.number().int(),
  belowDisclosure: z
    .boolean()
    .describe('fewer organisations than the disclosure rule asks: shown to the secretariat only'),
});
export type TimeFigure = z.infer<typeof figure>;

const counts = {
  posts: z.number().int().describe('confirmed posts'),
  applications: z.number().int().describe('confirmed applications routed here (withdrawn ones too)'),
  interviews: z.number().int().describe('routes with an interview'),
  offers: z.number().int().describe('routes with an offer'),
  hires: z.number().int(),
};
export const organisationRow = z.object({ organisation: named, ...counts });
export const occupationRow = z.object({
  occupation,
  posts: z.number().int(),
  hires: z.number().int(),
  organisations: z.number().int(),
});
export type OrganisationRow = z.infer<typeof organisationRow>;
export type OccupationRow = z.infer<typeof occupationRow>;

/** The secretariat's view of a campaign: every line, the figures, time to fill against lines filled alone. */
export const campaignTracking = z.object({
  campaign: publicCampaign,
  lines: z.array(campaignLineSchema),
  organisations: z.array(organisationRow),
  occupations: z.array(occupationRow),
  totals: z.object({
    ...counts,
    applications: z.number().int().describe('confirmed applications (one routed to two organisations counts once)'),
    routes: z.number().int().describe('copies sent to organisations'),
  }),
  timeToFill: z.object({
    campaign: figure.describe('days from the campaign’s opening to each hire'),
    alone: figure.describe('days from the round’s close to each post filled outside a campaign, same occupations'),
  }),
});
export type CampaignTracking = z.infer<typeof campaignTracking>;

export const organisationCampaigns = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      titleSv: z.string(),
      titleEn: z.string(),
      opensOn: z.string(),
      closesOn: z.string(),
      lines: z.array(campaignLineSchema),
    }),
  ),
});
export type OrganisationCampaign = z.infer<typeof organisationCampaigns>['items'][number];

const routeSchema = z.object({
  status: z.enum(ROUTE_STATUSES),
  interviewOn: z.string().nullable(),
  offerOn: z.string().nullable(),
  hiredOn: z.string().nullable(),
  notHiredOn: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  hiredLineId: z.string().nullable(),
  version: z.number().int(),
});

/** An application as one organisation sees it: its own route only, never the others chosen. */
export const organisationApplication = z.object({
  id: z.string(),
  campaign: z.object({ id: z.string(), titleSv: z.string(), titleEn: z.string() }),
  name: z.string(),
  email: z.string(),
  letter: z.string(),
  cv: z.string(),
  earliestStart: z.string(),
  partnerNeedsWork: z.boolean(),
  receivedAt: z.string(),
  route: routeSchema,
});
export type OrganisationApplication = z.infer<typeof organisationApplication>;
export const organisationApplicationList = z.object({
  items: z.array(organisationApplication.omit({ letter: true, cv: true })),
});

/** The candidate's own application, with every route they chose. */
export const candidateApplication = z.object({
  id: z.string(),
  campaign: z.object({ id: z.string(), titleSv: z.string(), titleEn: z.string() }),
  name: z.string(),
  email: z.string(),
  letter: z.string(),
  cv: z.string(),
  earliestStart: z.string(),
  partnerNeedsWork: z.boolean(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  routes: z.array(routeSchema.extend({ organisation: named })),
});
export type CandidateApplication = z.infer<typeof candidateApplication>;
export const candidateApplicationList = z.object({ items: z.array(candidateApplication) });
export const applicationAccepted = z.object({
  status: z.literal('confirm-by-mail').describe('a link to confirm was mailed to the address given'),
});

export const needLineFill = z.object({
  id: z.string(),
  needLineId: z.string(),
  roundId: z.string(),
  lineNo: z.number().int(),
  occupation: z.object({ ssyk: z.string().nullable() }),
  roundClosesOn: z.string(),
  filledOn: z.string(),
  days: z.number().int(),
});
export const needLineFillList = z.object({ items: z.array(needLineFill) });
export type NeedLineFill = z.infer<typeof needLineFill>;

/** The campaigns part of a person's export (src/privacy): their applications and visit-day sign-ups. */
export const campaignDataExport = z.object({
  applications: z.array(candidateApplication),
  visitDays: z.array(z.object({ campaignId: z.string(), date: z.string(), place: z.string(), signedUpAt: z.string() })),
});

/* The pages' forms: what a browser posts (text), read into the API's shapes. */

const lines = (v: unknown) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v);
export const campaignForm = z
  .object({
    titleSv: text('campaign.validation.title', 200),
    titleEn: text('campaign.validation.title', 200),
    descriptionSv: text('campaign.validation.description', 4000),
    descriptionEn: text('campaign.validation.description', 4000),
    occupations: z.preprocess(
      lines,
      z
        .array(ssykCode)
        .min(1, { error: 'campaign.validation.occupations' })
        .max(20, { error: 'campaign.validation.occupations' }),
    ),
    kommuner: z
      .array(kommunCode)
      .min(1, { error: 'campaign.validation.kommuner' })
      .max(20, { error: 'campaign.validation.kommuner' }),
    opensOn: day,
    closesOn: day,
    lineIds: z
      .array(id)
      .min(1, { error: 'campaign.validation.lines' })
      .max(200, { error: 'campaign.validation.lines' }),
  })
  .refine((c) => c.closesOn >= c.opensOn, { path: ['closesOn'], error: 'campaign.validation.closesBeforeOpens' });

export const visitDayForm = z.object({
  date: day,
  place: text('campaign.validation.place', 200),
  limit: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), visitDayCreate.shape.limit),
});

export const lineAnswerForm = z
  .object({
    version: z.preprocess((v) => Number(v), version),
    decision: z.enum(['confirm', 'decline'], { error: 'campaign.validation.confirm' }),
    posts: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), lineAnswer.shape.posts),
  })
  .refine((a) => a.decision === 'decline' || a.posts !== undefined, {
    path: ['posts'],
    error: 'campaign.validation.posts',
  });

export const applicationForm = z.object({
  name: personName,
  email,
  letter: text('campaign.validation.letter', 4000),
  cv: text('campaign.validation.cv', 10000),
  earliestStart: day,
  partnerNeedsWork: z.enum(['yes', 'no'], { error: 'campaign.validation.partner' }),
  organisationIds: z
    .array(id)
    .min(1, { error: 'campaign.validation.organisations' })
    .max(50, { error: 'campaign.validation.organisations' }),
});

export const routeForm = z
  .object({
    version: z.preprocess((v) => Number(v), version),
    status: z.enum(SETTABLE_STATUSES, { error: 'campaign.validation.status' }),
    on: day,
    lineId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
  })
  .refine((u) => u.status !== 'hired' || u.lineId !== undefined, {
    path: ['lineId'],
    error: 'campaign.validation.hiredLine',
  });
