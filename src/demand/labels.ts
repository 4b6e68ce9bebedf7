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
    case 'occupation': {
      const [ssyk, jobtech] = await Promise.all([
        db.selectFrom('ssyk').select(['code', 'name_sv', 'name_en']).where('code', 'in', codes).execute(),
        db
          .selectFrom('occupations')
          .select(['id', 'ssyk_code', 'label_sv'])
          .where((eb) => eb.or([eb('id', 'in', codes), eb('ssyk_code', 'in', codes)]))
          .execute(),
      ]);
      const names = new Map<string, string>();
      // JobTech's own group names first (they cover its merged codes such as 1410), SSYK's after.
      for (const o of jobtech) {
        names.set(o.id, o.label_sv);
        if (o.ssyk_code && lang === 'sv') names.set(o.ssyk_code, o.label_sv);
      }
      for (const s of ssyk)
        if (!names.has(s.code) || lang === 'en') names.set(s.code, lang === 'en' ? s.name_en : s.name_sv);
      return names;
    }
    case 'skill': {
      const rows = await db.selectFrom('skills').select(['id', 'label_sv']).where('id', 'in', codes).execute();
      return new Map(rows.map((r) => [r.id, r.label_sv]));
    }
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
