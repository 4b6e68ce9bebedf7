import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { SECTORS, SIZE_CLASSES } from '../organisations/schemas.ts';
import { HORIZONS } from '../surveys/questionnaire.ts';
import { EDUCATION_LEVEL_CODES } from '../taxonomy/education-levels.ts';
import { listMunicipalities, listSpecialisations } from '../taxonomy/queries.ts';
import type { Language, Translate } from '../web/i18n.ts';
import type { Dimension } from './dimensions.ts';
import { PAGE_DIMENSIONS, PAGE_FILTERS } from './page-query.ts';
import type { DemandRound } from './rounds.ts';

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

/** The codes of the dimensions whose order is not alphabetical, in their natural order. */
export const FIXED_ORDER: Partial<Record<Dimension, readonly string[]>> = {
  horizon: HORIZONS,
  educationLevel: EDUCATION_LEVEL_CODES,
  sizeClass: SIZE_CLASSES,
  sector: SECTORS,
};

/** Codes in display order: the natural order where there is one, else the reference order, else by name. */
export function orderCodes(
  d: Dimension,
  codes: Iterable<string>,
  label: (code: string) => string,
  reference: readonly string[] = [],
): string[] {
  const order = FIXED_ORDER[d] ?? reference;
  const rank = (code: string) => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || label(a).localeCompare(label(b), 'sv'));
}

/** The options of the page's selects: rounds, breakdowns, SSYK levels and a select per filter. */
export async function pageOptions(
  db: Kysely<Database>,
  t: Translate,
  lang: Language,
  input: {
    rounds: DemandRound[];
    round: DemandRound;
    compare: DemandRound | undefined;
    by: readonly string[];
    ssykLevel: number;
    filters: Partial<Record<Dimension, string[]>>;
  },
) {
  const [specialisations, municipalities] = await Promise.all([
    listSpecialisations(db),
    listMunicipalities(db, { regionOnly: true }),
  ]);
  const name = (item: { nameSv: string; nameEn: string }) => (lang === 'en' ? item.nameEn : item.nameSv);
  const choices = (d: Dimension, items: { value: string; label: string }[]) => [
    { value: '', label: t('demand.form.all'), selected: !input.filters[d]?.length },
    ...items.map((item) => ({ ...item, selected: input.filters[d]?.[0] === item.value })),
  ];
  const codes: Record<(typeof PAGE_FILTERS)[number], { value: string; label: string }[]> = {
    specialisation: specialisations.map((s) => ({ value: s.code, label: name(s) })),
    focusArea: specialisations.flatMap((s) => s.focusAreas.map((f) => ({ value: f.code, label: name(f) }))),
    horizon: HORIZONS.map((h) => ({ value: h, label: t(`horizon.${h}`) })),
    educationLevel: EDUCATION_LEVEL_CODES.map((e) => ({ value: e, label: t(`educationLevel.${e}`) })),
    municipality: municipalities.map((m) => ({ value: m.code, label: m.shortName })),
    sector: SECTORS.map((s) => ({ value: s, label: t(`organisation.sector.${s}`) })),
    sizeClass: SIZE_CLASSES.map((s) => ({ value: s, label: t('demand.sizeClass', { size: s }) })),
  };
  const breakdown = (i: number) => [
    ...(i === 0 ? [] : [{ value: '', label: t('demand.form.noBreakdown'), selected: input.by[i] === undefined }]),
    ...PAGE_DIMENSIONS.map((d) => ({ value: d, label: t(`demand.dimension.${d}`), selected: input.by[i] === d })),
  ];
  return {
    roundOptions: input.rounds.map((r) => ({
      value: r.id,
      label: r.status === 'closed' ? r.name : t('demand.form.roundOpen', { round: r.name }),
      selected: r.id === input.round.id,
    })),
    compareOptions: [
      { value: 'none', label: t('demand.form.noCompare'), selected: input.compare === undefined },
      ...input.rounds
        .filter((r) => r.id !== input.round.id)
        .map((r) => ({ value: r.id, label: r.name, selected: r.id === input.compare?.id })),
    ],
    breakdowns: [0, 1, 2].map((i) => ({
      name: 'by',
      id: i === 0 ? 'field-by' : `field-by-${i + 1}`,
      label: t(`demand.form.by${i + 1}`),
      options: breakdown(i),
    })),
    ssykOptions: [4, 3, 2, 1].map((level) => ({
      value: String(level),
      label: t('demand.form.ssykLevel.option', { level }),
      selected: level === input.ssykLevel,
    })),
    filterSelects: PAGE_FILTERS.map((d) => ({
      name: d,
      label: t(`demand.dimension.${d}`),
      options: choices(d, codes[d]),
    })),
    specialisationOrder: specialisations.map((s) => s.code),
  };
}
