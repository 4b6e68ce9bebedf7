import { type Language, translator } from '../i18n/i18n.ts';
import { renderToString } from '../web/render.ts';
import type { PlanFigures } from './figures.ts';

/** A plan's sections in order; each has prose (edited) and tables (generated). */
export const SECTION_KEYS = [
  'summary',
  'specialisation',
  'demand',
  'education-gap',
  'placements',
  'measures',
  'follow-up',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const MAX_SECTION_LENGTH = 20_000;

/**
 * The first draft's prose, from the section templates in templates/plans/sections/ (Markdown,
 * its sentences from the message catalogue), filled in with the figures they speak of.
 */
export function draftProse(figures: PlanFigures, lang: Language): Record<SectionKey, string> {
  const t = translator(lang);
  // The largest published occupation (a coarser group standing in for hidden ones is no occupation).
  const topOf = (key: string) =>
    figures.tables.find((tb) => tb.key === key)?.rows.find((r) => !r.key.startsWith('coarser:'))?.label[lang];
  const total = figures.tables.find((tb) => tb.key === 'demand-horizon')?.rows.find((r) => r.key === 'total');
  const data = {
    lang,
    t,
    round: figures.round.name,
    previous: figures.previousRound?.name ?? null,
    specialisation: figures.specialisation?.name[lang] ?? t('plans.allSpecialisations'),
    focusAreas: figures.specialisation?.focusAreas.map((f) => f.name[lang]) ?? [],
    headcount: total?.cells[0]?.value ?? null,
    organisations: total?.cells[1]?.value ?? null,
    topNow: topOf('demand-occupations-0-1') ?? null,
    topLater: topOf('demand-occupations-3-5') ?? null,
  };
  return Object.fromEntries(
    SECTION_KEYS.map((key) => [key, renderToString(`plans/sections/${key}`, data).trim()]),
  ) as Record<SectionKey, string>;
}
