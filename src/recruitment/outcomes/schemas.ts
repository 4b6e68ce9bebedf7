import { z } from 'zod';
import { OUTCOME_MEASURES, OUTCOME_STATUSES } from './tables.ts';

/** The outcome figures' API shapes (decision 0036). */

const blank = (v: unknown) => (v === '' ? undefined : v);

export const outcomeFilter = z.object({
  measure: z.preprocess(blank, z.enum(OUTCOME_MEASURES, { error: 'moveOutcomes.validation.measure' }).optional()),
  year: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}$/, { error: 'moveOutcomes.validation.year' })
      .optional(),
  ),
  specialisation: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z0-9-]{1,60}$/, { error: 'moveOutcomes.validation.specialisation' })
      .optional(),
  ),
  kommun: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}$/, { error: 'moveOutcomes.validation.kommun' })
      .optional(),
  ),
});
export type OutcomeFilter = z.infer<typeof outcomeFilter>;

export const publicOutcome = z.object({
  id: z.string(),
  measure: z.enum(OUTCOME_MEASURES),
  specialisation: z.string().nullable().describe('null: every specialisation'),
  kommun: z.string().nullable().describe('the kommun moved to; null: the whole region'),
  year: z.string().nullable().describe('the year of the move-in; null: every year'),
  status: z.enum(OUTCOME_STATUSES).nullable().describe('null: the margin over the status'),
  value: z.number().int().nullable().describe('households (partners for partner-work-*); null when hidden'),
  hidden: z.boolean().describe('hidden by the disclosure control (too few households, or to protect another cell)'),
  medianWeeks: z
    .number()
    .int()
    .nullable()
    .describe('moved-in only: median weeks from the accepted offer to the move-in, where enough households have it'),
  computedAt: z.string(),
});
export type PublicOutcome = z.infer<typeof publicOutcome>;

export const outcomeList = z.object({ items: z.array(publicOutcome), nextCursor: z.null() });
