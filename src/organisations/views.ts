import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { encodeCursor } from '../http/pagination.ts';
import type { Translate } from '../i18n/i18n.ts';
import { listMunicipalities } from '../taxonomy/index.ts';
import { listSniDivisions, type Organisation } from './queries.ts';
import { SECTORS, SIZE_CLASSES } from './schemas.ts';

/** What the organisation templates show: labels in the reader's language, options for the selects. */
export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export function sectorOptions(t: Translate, selected: string | undefined, any?: string): Option[] {
  const options = SECTORS.map((s) => ({ value: s, label: t(`organisation.sector.${s}`), selected: s === selected }));
  return any === undefined ? options : [{ value: '', label: any, selected: !selected }, ...options];
}

export function sizeClassOptions(t: Translate, selected: string | undefined): Option[] {
  return SIZE_CLASSES.map((s) => ({ value: s, label: t(`organisation.size.${s}`), selected: s === selected }));
}

/** SNI divisions and municipalities (the region's own first) for the form's selects. */
export async function referenceOptions(
  db: Kysely<Database>,
  t: Translate,
  selected: { sniDivision?: string | undefined; municipalityCode?: string | undefined },
  any?: string,
  lang: 'sv' | 'en' = 'sv',
) {
  const [divisions, municipalities] = await Promise.all([listSniDivisions(db), listMunicipalities(db, {})]);
  const choose = { value: '', label: any ?? t('organisation.form.choose'), selected: false };
  return {
    sniOptions: [
      { ...choose, selected: !selected.sniDivision },
      ...divisions.map((d) => ({
        value: d.code,
        label: `${d.code} – ${d.name}`,
        selected: d.code === selected.sniDivision,
        // SNI 2007 is named in Swedish only: marked so on an English page.
        ...(lang === 'en' ? { lang: 'sv' as const } : {}),
      })),
    ],
    municipalityOptions: [
      { ...choose, selected: !selected.municipalityCode },
      ...municipalities.map((m) => ({
        value: m.code,
        label: `${m.shortName} (${m.code})`,
        selected: m.code === selected.municipalityCode,
      })),
    ],
  };
}

/** An organisation as the pages show it. */
export function describeOrganisation(org: Organisation, t: Translate) {
  return {
    ...org,
    sectorLabel: t(`organisation.sector.${org.sector}`),
    sizeLabel: t(`organisation.size.${org.sizeClass}`),
    educationProviderLabel: t(org.isEducationProvider ? 'organisation.yes' : 'organisation.no'),
  };
}

/** The edit form's values as stored (strings, the way a form posts them). */
export function formValuesOf(org: Organisation): Record<string, string> {
  return {
    name: org.name,
    orgNumber: org.orgNumber,
    sector: org.sector,
    sniDivision: org.sniDivision ?? '',
    sizeClass: org.sizeClass,
    municipalityCode: org.municipalityCode,
    isEducationProvider: org.isEducationProvider ? 'true' : '',
    version: String(org.version),
  };
}

/** Previous and next links that keep the filters in the address, so a page can be bookmarked. */
export function paginationLinks(
  path: string,
  filters: Record<string, string | undefined>,
  page: { offset: number; limit: number; nextOffset: number | null },
) {
  const href = (offset: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    const cursor = offset > 0 ? encodeCursor(offset) : null;
    if (cursor) params.set('cursor', cursor);
    const query = params.toString();
    return query ? `${path}?${query}` : path;
  };
  return {
    previous: page.offset > 0 ? href(Math.max(0, page.offset - page.limit)) : null,
    next: page.nextOffset === null ? null : href(page.nextOffset),
  };
}

/** The fields of the organisation form, with the selects' options and the values as typed. */
export async function organisationFormData(
  db: Kysely<Database>,
  t: Translate,
  values: Record<string, string>,
  lang: 'sv' | 'en',
) {
  return {
    values,
    sectorOptions: sectorOptions(t, values.sector, t('organisation.form.choose')),
    sizeClassOptions: sizeClassOptions(t, values.sizeClass),
    ...(await referenceOptions(db, t, values, undefined, lang)),
  };
}
