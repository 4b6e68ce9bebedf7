import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { Dimension } from './dimensions.ts';

/** Names for the codes of a demand table, in the reader's language where the data has both. */
export async function labelsFor(
  db: Kysely<Database>,
  dimension: Dimension,
  codes: string[],
  lang: 'sv' | 'en',
  t: Translate,
): Promise<Map<string, string>> {
  const named = await namesFor(db, dimension, codes, lang, t);
  return new Map([...named].map(([code, n]) => [code, n.name]));
}

/** A name and, on an English page, `lang: 'sv'` where the reference data has only a Swedish one. */
export interface DimensionName {
  name: string;
  lang?: 'sv';
}

/**
 * `labelsFor` with the language of each name: SSYK 2012 has English names at every level (SCB's),
 * JobTech's own occupation groups (its merged codes such as 1410), skills and job titles have only
 * Swedish ones, which an English page shows in Swedish, marked so (WCAG 3.1.2).
 */
export async function namesFor(
  db: Kysely<Database>,
  dimension: Dimension,
  codes: string[],
  lang: 'sv' | 'en',
  t: Translate,
): Promise<Map<string, DimensionName>> {
  const swedish = (name: string): DimensionName => (lang === 'en' ? { name, lang: 'sv' } : { name });
  if (dimension === 'occupation' && codes.length > 0) {
    // JobTech's merged codes (1410 = SSYK 1411 + 1412) take the minor group's English name, as the
    // taxonomy's own answers do (src/taxonomy/queries.ts selectOccupations).
    const minors = [...new Set(codes.filter((c) => /^\d{4}$/.test(c)).map((c) => c.slice(0, 3)))];
    const [ssyk, jobtech] = await Promise.all([
      db
        .selectFrom('ssyk')
        .select(['code', 'name_sv', 'name_en'])
        .where('code', 'in', [...codes, ...minors])
        .execute(),
      db
        .selectFrom('occupations')
        .select(['id', 'ssyk_code', 'label_sv'])
        .where((eb) => eb.or([eb('id', 'in', codes), eb('ssyk_code', 'in', codes)]))
        .execute(),
    ]);
    const names = new Map<string, DimensionName>();
    // JobTech's own group names first (they cover its merged codes such as 1410), SSYK's English
    // names over them on an English page, its Swedish ones where JobTech has none.
    for (const o of jobtech) {
      names.set(o.id, swedish(o.label_sv));
      if (o.ssyk_code) names.set(o.ssyk_code, swedish(o.label_sv));
    }
    const scb = new Map(ssyk.map((s) => [s.code, s]));
    for (const code of codes) {
      const s = scb.get(code);
      if (s && lang === 'en' && s.name_en) names.set(code, { name: s.name_en });
      else if (s && !names.has(code)) names.set(code, swedish(s.name_sv));
      else if (!s && lang === 'en' && names.has(code)) {
        const minor = scb.get(code.slice(0, 3));
        if (minor?.name_en && /^\d{4}$/.test(code)) names.set(code, { name: minor.name_en });
      }
    }
    return names;
  }
  if (dimension === 'skill' && codes.length > 0) {
    const rows = await db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', codes).execute();
    return new Map(rows.map((r) => [r.id, swedish(r.label_sv)]));
  }
  const plain = await plainLabels(db, dimension, codes, lang, t);
  return new Map([...plain].map(([code, name]) => [code, { name }]));
}

async function plainLabels(
  db: Kysely<Database>,
  dimension: Dimension,
  codes: string[],
  lang: 'sv' | 'en',
  t: Translate,
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  switch (dimension) {
    case 'specialisation': {
      const rows = await db
        .selectFrom('specialisations')
        .select(['code', 'name_sv', 'name_en'])
        .where('code', 'in', codes)
        .execute();
      return new Map(rows.map((r) => [r.code, lang === 'en' ? r.name_en : r.name_sv]));
    }
    case 'focusArea': {
      const rows = await db
        .selectFrom('focus_areas')
        .select(['code', 'name_sv', 'name_en'])
        .where('code', 'in', codes)
        .execute();
      return new Map(rows.map((r) => [r.code, lang === 'en' ? r.name_en : r.name_sv]));
    }
    case 'occupation':
    case 'skill':
      // Named with their language in namesFor.
      return new Map();
    case 'municipality': {
      const rows = await db
        .selectFrom('municipalities')
        .select(['code', 'short_name'])
        .where('code', 'in', codes)
        .execute();
      return new Map(rows.map((r) => [r.code, r.short_name]));
    }
    case 'sector':
      return new Map(codes.map((c) => [c, t(`organisation.sector.${c}`)]));
    case 'sizeClass':
      return new Map(codes.map((c) => [c, t('demand.sizeClass', { size: c })]));
    case 'horizon':
      return new Map(codes.map((c) => [c, t(`horizon.${c}`)]));
    case 'educationLevel':
      return new Map(codes.map((c) => [c, t(`educationLevel.${c}`)]));
  }
}
