import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FieldError } from '../../http/errors.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import { listSpecialisations } from '../../taxonomy/index.ts';
import { type FormErrors, toFormErrors } from '../../web/forms.ts';
import type { GapQueryInput } from './schemas.ts';

/**
 * Filters the gap cannot show, as errors at the specialisation select with the table that can be
 * shown under it (422): a specialisation the strategy does not have (the table without it), and any
 * focus area. The publication has no focus area by occupation (a gap for one would be a new
 * total), so a focus area is answered with the nearest published table, its specialisation's, and
 * the page says so; the form offers no focus area. An old or edited address still lands on figures.
 */
export async function strategyFilterErrors(
  db: Kysely<Database>,
  lang: Language,
  query: GapQueryInput,
): Promise<{ form: FormErrors; query: GapQueryInput } | undefined> {
  if (!query.specialisation && !query.focusArea) return undefined;
  const t = translator(lang);
  const specialisations = await listSpecialisations(db);
  const errors: FieldError[] = [];
  const { specialisation, focusArea, ...rest } = query;
  const known = specialisation ? specialisations.find((s) => s.code === specialisation) : undefined;
  if (specialisation && !known)
    errors.push({ path: 'specialisation', message: t('education.validation.specialisation') });
  let shown = known?.code;
  if (focusArea) {
    const owner = specialisations.find((s) => s.focusAreas.some((f) => f.code === focusArea));
    const area = owner?.focusAreas.find((f) => f.code === focusArea);
    const en = lang === 'en';
    shown = shown ?? owner?.code;
    const nearest = t('education.gaps.focusAreaNotPublished', {
      nearest: t('publication.table.specialisation-ssyk4-horizon'),
    });
    const instead =
      owner && area && shown === owner.code
        ? ` ${t('education.gaps.focusAreaShown', { specialisation: en ? owner.nameEn : owner.nameSv, focusArea: en ? area.nameEn : area.nameSv })}`
        : '';
    errors.push({
      path: 'specialisation',
      message: area ? `${nearest}${instead}` : `${t('education.validation.focusArea')} ${nearest}`,
    });
  }
  if (errors.length === 0) return undefined;
  return { form: toFormErrors(errors), query: { ...rest, ...(shown ? { specialisation: shown } : {}) } };
}
