import { z } from 'zod';

/** Relocation guides' kommuner and a case's named guide (decision 0036). */

const kommunCode = z.string().regex(/^\d{4}$/, { error: 'guides.validation.kommun' });

export const guideParams = z.object({ userId: z.string().min(1).max(200) });
export const caseParams = z.object({ id: z.string().min(1).max(200) });

export const guideKommunerBody = z.object({
  kommuner: z
    .array(kommunCode)
    .max(50, { error: 'guides.validation.kommun' })
    .describe('the kommuner the guide serves; empty: the whole region'),
});
export type GuideKommunerBody = z.infer<typeof guideKommunerBody>;

export const caseGuideBody = z.object({
  guideUserId: z.string({ error: 'guides.validation.guide' }).min(1, { error: 'guides.validation.guide' }).max(200),
});

export const relocationGuide = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  kommuner: z.array(z.string()).describe('empty: the whole region'),
});
export type RelocationGuide = z.infer<typeof relocationGuide>;
export const relocationGuideList = z.object({ items: z.array(relocationGuide), nextCursor: z.null() });
