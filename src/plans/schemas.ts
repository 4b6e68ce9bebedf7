import { z } from 'zod';
import { cursorSchema, limitSchema } from '../http/pagination.ts';
import { INDICATORS } from './measures.ts';
import { MAX_SECTION_LENGTH, SECTION_KEYS } from './sections.ts';

export const planIdParams = z.object({ id: z.string().min(1).max(100) });

export const planCreateSchema = z.object({
  roundId: z.string().min(1, { error: 'plans.validation.required' }).max(100),
  specialisation: z.string().min(1, { error: 'plans.validation.required' }).max(100),
  language: z.enum(['sv', 'en']).optional(),
});

const sectionEdit = z.object({
  key: z.enum(SECTION_KEYS, { error: 'plans.validation.sectionKey' }),
  markdown: z.string().max(MAX_SECTION_LENGTH, { error: 'plans.validation.tooLong' }),
});

const measureEdit = z.object({
  id: z.string().min(1).max(20),
  title: z.string().trim().min(1, { error: 'plans.validation.required' }).max(300).optional(),
  owner: z.string().trim().min(1, { error: 'plans.validation.required' }).max(200).optional(),
  timeline: z.string().trim().min(1, { error: 'plans.validation.required' }).max(200).optional(),
  target: z.number({ error: 'plans.validation.target' }).min(0).max(1_000_000).nullable().optional(),
  indicator: z
    .enum(INDICATORS, { error: 'plans.validation.indicator' })
    .optional()
    .describe('choosing another indicator takes its baseline from the plan’s protected figures'),
});

export const planPatchSchema = z.object({
  version: z.number({ error: 'validation.version.required' }).int().min(1),
  sections: z.array(sectionEdit).max(SECTION_KEYS.length),
  measures: z.array(measureEdit).max(50).optional(),
});

export const reviewSkippedReason = z
  .string()
  .trim()
  .max(2000, { error: 'plans.validation.reason' })
  .describe('Adopting: why the plan is adopted though no invited reviewer has commented (kept in its history)');

export const planStatusSchema = z.object({
  status: z.enum(['draft', 'review', 'adopted'], { error: 'plans.validation.status' }),
  version: z.number().int().min(1).optional(),
  confirm: z
    .boolean()
    .optional()
    .describe('Adopting publishes the plan to everyone: `true` is required with status "adopted"'),
  reviewSkippedReason: reviewSkippedReason.optional(),
});

export const planRegenerateSchema = z.object({
  version: z.number({ error: 'validation.version.required' }).int().min(1),
  roundId: z.string().min(1).max(100).optional(),
});

export const commentSchema = z.object({
  version: z.number({ error: 'validation.version.required' }).int().min(1),
  sectionKey: z.enum(SECTION_KEYS, { error: 'plans.validation.sectionKey' }).optional(),
  body: z
    .string()
    .trim()
    .min(1, { error: 'plans.validation.required' })
    .max(5000, { error: 'plans.validation.tooLong' }),
});

export const reviewerSchema = z.object({
  email: z.email({ error: 'validation.email.invalid' }).max(254),
});

export const planListQuery = z.object({ cursor: cursorSchema.optional(), limit: limitSchema(100, 50) });
export const planViewQuery = z.object({ view: z.enum(['raw', 'protected']).optional() });
export const diffQuery = z.object({
  from: z.coerce.number({ error: 'validation.version.required' }).int().min(1),
  to: z.coerce.number({ error: 'validation.version.required' }).int().min(1),
});

const label = z.object({ sv: z.string(), en: z.string() });
const planCell = z.object({
  value: z.number().nullable(),
  suppressed: z.boolean(),
  reason: z.enum(['few', 'dominance', 'secondary']).nullable(),
  format: z.enum(['number', 'share', 'mean', 'change']),
});
export const planTableSchema = z.object({
  key: z.string(),
  section: z.string(),
  title: label,
  columns: z.array(label),
  rows: z.array(
    z.object({
      key: z.string(),
      label: label.extend({
        enLang: z
          .literal('sv')
          .optional()
          .describe('Present where `en` is a Swedish reference name: the data has no English one (a skill, say).'),
      }),
      cells: z.array(planCell),
    }),
  ),
  evidence: z.string().describe('The filtered insight page the figures come from'),
  note: label.optional(),
});
export const measureSchema = z.object({
  id: z.string(),
  competenceMeasure: z.string(),
  title: z.string(),
  owner: z.string(),
  timeline: z.string(),
  indicator: z.enum(INDICATORS),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
});
export const planSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  specialisation: z.string(),
  language: z.enum(['sv', 'en']),
  status: z.enum(['draft', 'review', 'adopted']),
  version: z.number(),
  figures: z.enum(['raw', 'protected']).describe('raw: the secretariat’s unprotected draft figures'),
  published: z.boolean(),
  source: z.object({ roundId: z.string(), roundName: z.string(), computedAt: z.string(), figuresHash: z.string() }),
  sections: z.array(z.object({ key: z.string(), title: z.string(), markdown: z.string(), html: z.string() })),
  tables: z.array(planTableSchema),
  measures: z.array(measureSchema),
  followUp: z.array(
    z.object({
      measureId: z.string(),
      indicator: z.string(),
      baseline: z.number().nullable(),
      target: z.number().nullable(),
      later: z.array(z.object({ roundId: z.string(), value: z.number().nullable() })),
    }),
  ),
  adoptedAt: z.string().nullable(),
  reviewSkippedReason: z
    .string()
    .nullable()
    .describe('Why the plan was adopted without an invited reviewer’s comment; null if it was reviewed'),
});
export const planSummarySchema = z.object({
  id: z.string(),
  roundId: z.string(),
  roundName: z.string(),
  specialisation: z.string(),
  status: z.enum(['draft', 'review', 'adopted']),
  version: z.number(),
  updatedAt: z.string(),
  adoptedAt: z.string().nullable(),
});
export const planListSchema = z.object({ items: z.array(planSummarySchema), nextCursor: z.string().nullable() });
export const versionListSchema = z.object({
  items: z.array(
    z.object({
      version: z.number(),
      kind: z.string(),
      status: z.string(),
      author: z.string(),
      createdAt: z.string(),
      roundId: z.string(),
      note: z.string().nullable().describe('A status change’s note: why an adopted plan’s review was skipped'),
      figuresHash: z.string().nullable().describe('The raw figures’ hash: the secretariat only'),
    }),
  ),
});
/** A review comment (`PlanComment` in queries.ts). */
export const commentResponseSchema = z.object({
  id: z.string(),
  version: z.number(),
  sectionKey: z.string().nullable(),
  author: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const commentListSchema = z.object({ items: z.array(commentResponseSchema) });

/** Two versions compared (`PlanDiff` in diff.ts); `figures` is empty for everyone but the secretariat. */
export const planDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  sections: z.array(
    z.object({
      key: z.string(),
      changed: z.boolean(),
      parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      field: z.string(),
      before: z.union([z.string(), z.number()]).nullable(),
      after: z.union([z.string(), z.number()]).nullable(),
    }),
  ),
  figures: z.array(
    z.object({
      table: z.string(),
      row: z.string(),
      rowLabel: z.object({ sv: z.string(), en: z.string() }),
      column: z.number().int(),
      format: z.enum(['number', 'share', 'mean', 'change']),
      before: z.number().nullable(),
      after: z.number().nullable(),
    }),
  ),
});
