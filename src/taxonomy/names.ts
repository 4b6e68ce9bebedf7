import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { Occupation } from './queries.ts';
import { findOccupationsByIds } from './queries.ts';

/**
 * Reference names in the reader's language (issue 18). SCB names SSYK 2012 in English at every
 * level; JobTech's own occupation groups (those without an SSYK code), its skills and job titles,
 * SUN 2020 and SNI 2007 are named in Swedish only, which an English page shows in Swedish, marked
 * `lang: 'sv'` (WCAG 3.1.2) for the template to put on the element that holds the name.
 */
export interface ReferenceName {
  name: string;
  lang?: 'sv';
}

/** A name the reference data has only in Swedish, as a page in `lang` shows it. */
export function swedishName(name: string, lang: 'sv' | 'en'): ReferenceName {
  return lang === 'en' ? { name, lang: 'sv' } : { name };
}

/**
 * An occupation group by its English name where SCB has one (its SSYK-4 group's, or for
 * JobTech's merged codes such as 1410 the SSYK-3 group's, as the taxonomy API's `labelEn`), else
 * by JobTech's Swedish name.
 */
export function occupationName(occupation: Pick<Occupation, 'labelSv' | 'labelEn'>, lang: 'sv' | 'en'): ReferenceName {
  return lang === 'en' && occupation.labelEn ? { name: occupation.labelEn } : swedishName(occupation.labelSv, lang);
}

/** Occupation groups' names by JobTech id; an id the table lacks is left out. */
export async function findOccupationNames(
  db: Kysely<Database>,
  ids: readonly string[],
  lang: 'sv' | 'en',
): Promise<Map<string, ReferenceName>> {
  const occupations = await findOccupationsByIds(db, ids);
  return new Map(occupations.map((o) => [o.id, occupationName(o, lang)]));
}

/** Skills' names by JobTech id (Swedish only); an id the table lacks is left out. */
export async function findSkillNames(
  db: Kysely<Database>,
  ids: readonly string[],
  lang: 'sv' | 'en',
): Promise<Map<string, ReferenceName>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, swedishName(r.label_sv, lang)]));
}

/** A text holding at most one reference name, split around it (templates/partials/named-text.hbs). */
export interface NamedText {
  before: string;
  name?: ReferenceName;
  after?: string;
}

/**
 * A message with one reference name in it, split around the name so that the element holding the
 * name can carry `lang` (the message's own words are in the page's language).
 */
export function nameInMessage(
  t: Translate,
  key: string,
  param: string,
  name: ReferenceName,
  params: Record<string, string | number> = {},
): NamedText {
  const mark = '\u0000';
  const [before = '', after = ''] = t(key, { ...params, [param]: mark }).split(mark);
  return { before, name, after };
}
