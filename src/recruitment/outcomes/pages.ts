import { z } from 'zod';
import { PUBLIC, type Routes } from '../../http/routes.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { listMunicipalities, listSpecialisations } from '../../taxonomy/index.ts';
import { render } from '../../web/render.ts';
import { listOutcomes } from './service.ts';
import { OUTCOME_BY, outcomeTableModel } from './views.ts';

/**
 * The outcome figures' page (decision 0036). Public, as the demand figures are: every figure on it
 * has passed the disclosure control, and the competence plans that read them are public too.
 */

const pageQuery = z.object({
  by: z.preprocess(
    (v) => (v === '' || v === undefined ? 'year' : v),
    z.enum(OUTCOME_BY, { error: 'moveOutcomes.validation.by' }),
  ),
  year: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}$/, { error: 'moveOutcomes.validation.year' })
      .optional(),
  ),
});

export function registerOutcomePages(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/recruitment/outcomes',
      kind: 'page',
      access: PUBLIC,
      summary: 'Outcome figures of the households that moved here, protected',
      query: pageQuery,
    },
    async (c, { query }) => {
      const t = c.get('t');
      const lang = c.get('lang');
      const { db, config } = c.get('deps');
      const cells = await listOutcomes(db);
      const [kommuner, specialisations] = await Promise.all([
        listMunicipalities(db, { regionOnly: false }),
        listSpecialisations(db),
      ]);
      const names = new Map<string, string>([
        ...kommuner.map((k): [string, string] => [k.code, k.name]),
        ...specialisations.map((s): [string, string] => [s.code, lang === 'en' ? s.nameEn : s.nameSv]),
      ]);
      const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE');
      const years = [...new Set(cells.map((cell) => cell.year).filter((y): y is string => y !== null))].sort();
      const table =
        cells.length === 0
          ? null
          : outcomeTableModel(
              cells,
              query.by,
              query.year,
              (code) => names.get(code) ?? code,
              t,
              (n) => number.format(n),
            );
      return render(c, 'recruitment/outcomes', {
        title: t('moveOutcomes.title'),
        nav: 'outcomes',
        protectedNote: t('moveOutcomes.protected', { min: config.disclosure.minOrganisations }),
        byOptions: OUTCOME_BY.map((by) => ({
          value: by,
          label: t(`moveOutcomes.filter.by.${by}`),
          selected: by === query.by,
        })),
        yearOptions: [
          { value: '', label: t('moveOutcomes.filter.allYears'), selected: query.year === undefined },
          ...years.map((y) => ({ value: y, label: y, selected: y === query.year })),
        ],
        table,
        caption: `${t('moveOutcomes.title')} – ${t(`moveOutcomes.filter.by.${query.by}`)}${
          query.by !== 'year' && query.year ? `, ${query.year}` : ''
        }`,
        computedNote: t('moveOutcomes.computedAt', { at: formatDateTime(cells[0]?.computedAt, lang) }),
        apiNote: t('moveOutcomes.api', { url: '/api/v1/recruitment/outcomes' }),
      });
    },
  );
}
