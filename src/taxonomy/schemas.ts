import { z } from 'zod';
import { cursorSchema, limitSchema } from '../http/pagination.ts';

const searchText = z.string().trim().max(100).optional().describe('Words or a code to search for');

export const occupationQuery = z.object({
  q: searchText,
  ssyk: z
    .string()
    .regex(/^\d{1,4}$/, { error: 'validation.ssyk.format' })
    .optional()
    .describe('SSYK 2012 code or prefix (1–4 digits)'),
  limit: limitSchema(100, 20),
  cursor: cursorSchema.optional(),
});

export const skillQuery = z.object({
  q: searchText,
  occupation: z.string().max(32).optional().describe('JobTech occupation-group concept id'),
  limit: limitSchema(200, 50),
  cursor: cursorSchema.optional(),
});

export const municipalityQuery = z.object({
  county: z
    .string()
    .regex(/^\d{2}$/, { error: 'validation.county.format' })
    .optional(),
  scope: z.enum(['all', 'region']).default('all').describe("'region' lists only the region's own kommuner"),
});

const nextCursor = z.string().nullable();

const occupation = {
  id: z.string().describe('JobTech ssyk-level-4 concept id'),
  ssyk: z.string().nullable(),
  labelSv: z.string(),
  labelEn: z.string().nullable(),
};

export const occupationList = z.object({
  items: z.array(
    z.object({
      ...occupation,
      matchedTitle: z
        .string()
        .nullable()
        .describe(
          'The job title the query matched (a JobTech occupation name, synonym or alias), when not the group itself',
        ),
      matchedBy: z
        .enum(['code', 'group', 'name', 'alias', 'synonym', 'keyword', 'definition'])
        .nullable()
        .describe('What the query matched; null without a query'),
    }),
  ),
  nextCursor,
  didYouMean: z
    .array(z.object({ title: z.string().describe('A job title near the query'), ...occupation }))
    .describe('When the query matched nothing: the nearest job titles and their groups'),
});

export const skillList = z.object({
  items: z.array(z.object({ id: z.string(), labelSv: z.string() })),
  nextCursor,
});

const focusArea = z.object({ code: z.string(), nameSv: z.string(), nameEn: z.string() });
export const specialisationList = z.object({
  items: z.array(focusArea.extend({ focusAreas: z.array(focusArea) })),
  nextCursor,
});

export const municipalityList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      shortName: z.string(),
      countyCode: z.string(),
      countyName: z.string(),
      inRegion: z.boolean(),
    }),
  ),
  nextCursor,
});

export const educationLevelList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      nameSv: z.string(),
      nameEn: z.string(),
      sunLevels: z.array(z.object({ code: z.string(), nameSv: z.string() })),
    }),
  ),
  nextCursor,
});
