import { z } from 'zod';
import { TASK_KINDS, TASK_OWNERS, TASK_STATES } from './checklist.ts';

/** Move cases' inputs and answers (decision 0028): the JSON API's and the pages' schemas. */

export const CASE_OUTCOMES = ['moved-in', 'did-not-move', 'withdrawn'] as const;
export const CASE_RELATIONS = ['household', 'organisation', 'guide', 'queue', 'secretariat'] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];
export const HOUSING_TENURES = ['rent', 'buy'] as const;

const month = z
  .string({ error: 'moveCase.validation.month' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'moveCase.validation.month' })
  .describe('YYYY-MM');
const day = z.iso.date({ error: 'moveCase.validation.date' }).describe('YYYY-MM-DD');
const kommunCode = z.string().regex(/^\d{4}$/, { error: 'moveCase.validation.kommun' });
const count = z
  .number({ error: 'moveCase.validation.children' })
  .int({ error: 'moveCase.validation.children' })
  .min(0, { error: 'moveCase.validation.children' })
  .max(20, { error: 'moveCase.validation.children' });
const rooms = z
  .number({ error: 'moveCase.validation.rooms' })
  .int({ error: 'moveCase.validation.rooms' })
  .min(1, { error: 'moveCase.validation.rooms' })
  .max(10, { error: 'moveCase.validation.rooms' });
const note = z.string().max(2000, { error: 'moveCase.validation.note' });
const version = z.number().int().min(1).describe('the version you read; a stale one gets 409');

export const childrenSchema = z
  .object({ age0to5: count, age6to15: count, age16to19: count })
  .describe('How many children in each age band; no names, no ages');
export const housingSchema = z.object({
  tenure: z.enum(HOUSING_TENURES, { error: 'moveCase.validation.tenure' }),
  rooms,
  kommuner: z
    .array(kommunCode)
    .max(10, { error: 'moveCase.validation.kommunerTooMany' })
    .describe('kommun codes the household would live in, most wished first'),
});

const recruitName = z
  .string({ error: 'moveCase.validation.recruitName' })
  .trim()
  .min(1, { error: 'moveCase.validation.recruitName' })
  .max(200, { error: 'moveCase.validation.recruitName' });
const recruitEmail = z
  .string({ error: 'moveCase.validation.recruitEmail' })
  .trim()
  .min(1, { error: 'moveCase.validation.recruitEmail' })
  .max(254, { error: 'validation.email.invalid' })
  .pipe(z.email({ error: 'validation.email.invalid' }))
  .transform((email) => email.toLowerCase());

/** POST /api/v1/move-cases */
export const moveCaseCreate = z.object({
  organisationId: z.string().min(1).max(100),
  needLineId: z
    .string()
    .min(1)
    .max(100)
    .describe('a submitted need line of the organisation that recruits from outside'),
  recruit: z.object({ name: recruitName, email: recruitEmail }),
  partnerComes: z.boolean({ error: 'moveCase.validation.partnerComes' }),
  children: childrenSchema,
  housing: housingSchema,
  earliestMove: month,
  offerAcceptedOn: day
    .optional()
    .describe('the day the recruit accepted the offer, if they have; it can also be given later or at closing'),
});
export type MoveCaseCreate = z.infer<typeof moveCaseCreate>;

/** PATCH /api/v1/move-cases/{id}: the household's details; a field left out stays as stored. */
export const moveCasePatch = z.object({
  version,
  partnerComes: z.boolean({ error: 'moveCase.validation.partnerComes' }).optional(),
  children: childrenSchema.optional(),
  housing: housingSchema.optional(),
  earliestMove: month.optional(),
  offerAcceptedOn: day.optional().describe('the day the recruit accepted the offer'),
});
export type MoveCasePatch = z.infer<typeof moveCasePatch>;

/** POST /api/v1/move-cases/{id}/partner: the partner, invited by name and address. */
export const partnerInvite = z.object({
  name: z
    .string({ error: 'moveCase.validation.partnerName' })
    .trim()
    .min(1, { error: 'moveCase.validation.partnerName' })
    .max(200, { error: 'moveCase.validation.partnerName' }),
  email: z
    .string({ error: 'moveCase.validation.partnerEmail' })
    .trim()
    .min(1, { error: 'moveCase.validation.partnerEmail' })
    .max(254, { error: 'validation.email.invalid' })
    .pipe(z.email({ error: 'validation.email.invalid' }))
    .transform((email) => email.toLowerCase()),
});
export type PartnerInvite = z.infer<typeof partnerInvite>;

/** POST /api/v1/move-cases/{id}/tasks */
export const taskCreate = z.object({
  title: z
    .string({ error: 'moveCase.validation.taskTitle' })
    .trim()
    .min(1, { error: 'moveCase.validation.taskTitle' })
    .max(200, { error: 'moveCase.validation.taskTitle' }),
  owner: z.enum(TASK_OWNERS, { error: 'moveCase.validation.owner' }),
  dueOn: day,
  note: note.default(''),
});
export type TaskCreate = z.infer<typeof taskCreate>;

/** PATCH /api/v1/move-cases/{id}/tasks/{taskId}: a field left out stays as stored. */
export const taskPatch = z.object({
  version,
  state: z.enum(TASK_STATES, { error: 'moveCase.validation.state' }).optional(),
  note: note.optional(),
  dueOn: day.optional(),
  owner: z.enum(TASK_OWNERS, { error: 'moveCase.validation.owner' }).optional(),
});
export type TaskPatch = z.infer<typeof taskPatch>;

/** POST /api/v1/move-cases/{id}/closure */
export const caseClosure = z
  .object({
    version,
    outcome: z.enum(CASE_OUTCOMES, { error: 'moveCase.validation.outcome' }),
    movedInOn: day.optional(),
    movedToKommun: kommunCode.optional(),
    offerAcceptedOn: day
      .optional()
      .describe('the day the offer was accepted, if the case does not hold it yet (needed to close as moved in)'),
  })
  .refine((c) => c.outcome !== 'moved-in' || c.movedInOn !== undefined, {
    path: ['movedInOn'],
    error: 'moveCase.validation.movedInOn',
  })
  .refine((c) => c.outcome !== 'moved-in' || c.movedToKommun !== undefined, {
    path: ['movedToKommun'],
    error: 'moveCase.validation.movedToKommun',
  });
export type CaseClosure = z.infer<typeof caseClosure>;

export const caseIdParams = z.object({ id: z.string().min(1).max(100) });
export const taskParams = z.object({ id: z.string().min(1).max(100), taskId: z.string().min(1).max(100) });
export const organisationParams = z.object({ id: z.string().min(1).max(100) });
export const caseListQuery = z.object({ status: z.enum(['open', 'closed']).optional() });

const person = z.object({ id: z.string(), name: z.string().nullable() });
const occupation = z.object({ id: z.string(), ssyk: z.string().nullable(), labelSv: z.string(), labelEn: z.string() });

export const moveTaskSchema = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string().nullable().describe('the task’s own wording; null: the kind names it'),
  owner: z.enum(TASK_OWNERS),
  dueOn: z.string(),
  state: z.enum(TASK_STATES),
  note: z.string(),
  overdue: z.boolean(),
  escalation: z.number().int().describe('0 none; 1 owner mailed; 2 guide mailed; 3 secretariat mailed'),
  version: z.number().int(),
});

export const moveCaseSummary = z.object({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  relation: z.enum(CASE_RELATIONS).describe('how the caller sees the case'),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  occupation,
  recruitName: z.string().nullable(),
  earliestMove: z.string().nullable(),
  guide: person.nullable(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
});
export type MoveCaseSummary = z.infer<typeof moveCaseSummary>;
export const moveCaseList = z.object({ items: z.array(moveCaseSummary), nextCursor: z.null() });

export const moveCaseSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  relation: z.enum(CASE_RELATIONS),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  needLine: z.object({ roundId: z.string(), lineNo: z.number().int() }).nullable(),
  occupation,
  recruit: z.object({ name: z.string(), email: z.string() }).nullable(),
  partner: z
    .object({ name: z.string(), email: z.string(), acceptedAt: z.string().nullable() })
    .nullable()
    .describe(
      'the partner’s own household row: invited by the organisation or the guide, accepted by the partner alone',
    ),
  partnerComes: z.boolean().nullable(),
  children: childrenSchema.nullable(),
  housing: housingSchema.nullable(),
  earliestMove: z.string().nullable(),
  guide: person.nullable(),
  openedBy: person.nullable(),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  movedInOn: z.string().nullable(),
  movedToKommun: z.string().nullable(),
  offerAcceptedOn: z.string().nullable().describe('the day the recruit accepted the offer (YYYY-MM once erased)'),
  specialisations: z.array(z.string()).describe('the need line’s specialisations, copied when the case opened'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  erased: z.boolean().describe('the personal details are erased; only the outcome is kept'),
  tasks: z.array(moveTaskSchema),
  followUps: z
    .array(
      z.object({
        person: z.enum(['recruit', 'partner']),
        wave: z.number().int(),
        dueOn: z.string(),
        state: z.string(),
        answeredAt: z.string().nullable(),
        inRegion: z.boolean().nullable(),
        kommun: z.string().nullable(),
        inWork: z.boolean().nullable(),
        workSince: z.string().nullable(),
        occupationGroup: z.string().nullable(),
        networkEmployer: z.string().nullable(),
        recommend: z.string().nullable(),
      }),
    )
    .nullable()
    .describe('the follow-ups after the move and their answers (decision 0029); shown to the household only'),
  accessLog: z
    .array(z.object({ at: z.string(), name: z.string().nullable(), as: z.enum(CASE_RELATIONS) }))
    .nullable()
    .describe('who has viewed the case, newest first; shown to the household only'),
});
export type MoveCase = z.infer<typeof moveCaseSchema>;
export type MoveTask = z.infer<typeof moveTaskSchema>;

/** The recruitment part of a person's export (src/privacy): the move cases they are the household of. */
export const recruitmentDataExport = z.array(moveCaseSchema);

/* The pages' forms: what a browser posts (text), read into the API's shapes. */

const blankIsUndefined = (v: unknown) => (v === '' ? undefined : v);
const formCount = z.preprocess((v) => (v === '' || v === undefined ? 0 : Number(v)), count);
const formVersion = z.preprocess((v) => Number(v), version);

/** The household's details as the form posts them (prepare gathers the kommun checkboxes). */
export const detailsForm = z.object({
  partnerComes: z.enum(['yes', 'no'], { error: 'moveCase.validation.partnerComes' }),
  children0to5: formCount,
  children6to15: formCount,
  children16to19: formCount,
  housingTenure: z.enum(HOUSING_TENURES, { error: 'moveCase.validation.tenure' }),
  housingRooms: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), rooms),
  housingKommuner: z.array(kommunCode).max(10, { error: 'moveCase.validation.kommunerTooMany' }),
  earliestMove: month,
  offerAcceptedOn: z.preprocess(blankIsUndefined, day.optional()),
});
export type DetailsForm = z.infer<typeof detailsForm>;

export const newCaseForm = detailsForm.extend({ recruitName, recruitEmail });

export const detailsEditForm = detailsForm.extend({ version: formVersion });

/** A task's state and note, from the row's own form on the case page. */
export const taskUpdateForm = z.object({
  version: formVersion,
  state: z.enum(TASK_STATES, { error: 'moveCase.validation.state' }),
  note: note.default(''),
});

export const closeForm = z
  .object({
    version: formVersion,
    outcome: z.enum(CASE_OUTCOMES, { error: 'moveCase.validation.outcome' }),
    movedInOn: z.preprocess(blankIsUndefined, day.optional()),
    movedToKommun: z.preprocess(blankIsUndefined, kommunCode.optional()),
    offerAcceptedOn: z.preprocess(blankIsUndefined, day.optional()),
  })
  .refine((c) => c.outcome !== 'moved-in' || c.movedInOn !== undefined, {
    path: ['movedInOn'],
    error: 'moveCase.validation.movedInOn',
  })
  .refine((c) => c.outcome !== 'moved-in' || c.movedToKommun !== undefined, {
    path: ['movedToKommun'],
    error: 'moveCase.validation.movedToKommun',
  });

export const newCaseQuery = z.object({ line: z.string().max(100).optional() });
