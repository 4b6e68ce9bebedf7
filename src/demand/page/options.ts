import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import { SECTORS, SIZE_CLASSES } from '../../organisations/index.ts';
import type { CatalogueTable } from '../../publication/index.ts';
import { HORIZONS } from '../../surveys/index.ts';
import { EDUCATION_LEVEL_CODES, listMunicipalities, listSpecialisations } from '../../taxonomy/index.ts';
import type { Dimension } from '../dimensions.ts';
import type { DemandRound } from '../rounds.ts';
import { DEMAND_TABLES, tableDimensions } from '../tables.ts';
import { PAGE_FILTERS } from './schemas.ts';

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

/** The options of the page's selects: rounds, tables, the comparison and a select per filter the table has. */
export async function pageOptions(
  db: Kysely<Database>,
  t: Translate,
  lang: Language,
  input: {
    rounds: DemandRound[];
    round: DemandRound;
    compare: DemandRound | undefined;
    table: CatalogueTable;
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
  const dimensions = tableDimensions(input.table);
  return {
    roundOptions: input.rounds.map((r) => ({
      value: r.id,
      label: r.status === 'closed' ? r.name : t('demand.form.roundOpen', { round: r.name }),
      selected: r.id === input.round.id,
    })),
    // Only closed rounds publish figures to compare with.
    compareOptions: [
      { value: 'none', label: t('demand.form.noCompare'), selected: input.compare === undefined },
      ...input.rounds
        .filter((r) => r.id !== input.round.id && r.status === 'closed')
        .map((r) => ({ value: r.id, label: r.name, selected: r.id === input.compare?.id })),
    ],
    tableOptions: DEMAND_TABLES.map((table) => ({
      value: table.id,
      label: t(`publication.table.${table.id}`),
      selected: table.id === input.table.id,
    })),
    // The filters select rows and columns of the chosen table: one per dimension it has (an
    // occupation is picked by its row, not from a list of hundreds).
    filterSelects: PAGE_FILTERS.filter((d) => dimensions.includes(d)).map((d) => ({
      name: d,
      label: t(`demand.dimension.${d}`),
      options: choices(d, codes[d]),
    })),
    specialisationOrder: specialisations.map((s) => s.code),
  };
}
