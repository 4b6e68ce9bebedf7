import { toCsv } from '../../http/csv.ts';
import { formatDateTime } from '../../i18n/dates.ts';
import { type Language, translator } from '../../i18n/i18n.ts';
import {
  displaySections,
  type FollowUpRow,
  formatCell,
  formatIndicator,
  type PlanContent,
  planTitle,
} from '../content.ts';
import type { PlanStatus } from '../queries.ts';

const cellText = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdownTable(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cellText).join(' | ')} |`);
  return lines.join('\n');
}

/**
 * The plan as one Markdown document: the prose as written, each generated table as a Markdown
 * table with its evidence link. A hidden figure is written "dold" / "hidden".
 */
export function planMarkdown(
  content: PlanContent,
  meta: { status: PlanStatus; origin: string; followUp: { rounds: { name: string }[]; rows: FollowUpRow[] } },
  lang: Language,
): string {
  const t = translator(lang);
  const out: string[] = [`# ${planTitle(content.figures, lang)}`, ''];
  out.push(
    `${t('plans.meta.status')}: ${t(`plans.status.${meta.status}`)} · ${t('plans.meta.version')} ${content.version} · ${t(
      'plans.meta.source',
      {
        round: content.figures.round.name,
        computedAt: formatDateTime(content.computedAt, lang),
        hash: content.figuresHash.slice(0, 12),
      },
    )}`,
    '',
  );
  // A draft with raw figures says so at the top and under every section heading, so that any
  // printed or copied part of it carries the mark.
  const internal = content.view === 'raw' ? `**${t('plans.internal')}**` : null;
  if (internal) out.push(internal, '', `> ${t('plans.raw.warning')}`, '');
  for (const section of displaySections(content, lang)) {
    out.push(`## ${section.title}`, '');
    if (internal) out.push(internal, '');
    out.push(section.markdown, '');
    for (const table of section.tables) {
      out.push(`### ${table.title}`, '');
      if (table.rows.length > 0) {
        out.push(
          markdownTable(
            ['', ...table.columns],
            table.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
          ),
          '',
        );
      }
      if (table.note) out.push(`*${table.note}*`, '');
      out.push(`${t('plans.evidence')}: <${meta.origin}${table.evidence}>`, '');
    }
    if (section.key === 'measures') {
      out.push(
        markdownTable(
          measureHeader(lang),
          content.measures.map((m) => [
            t(`plans.measure.${m.competenceMeasure}`),
            m.title,
            m.owner,
            m.timeline,
            t(`plans.indicator.${m.indicator}`),
            formatIndicator(m.indicator, m.baseline, lang),
            formatIndicator(m.indicator, m.target, lang),
          ]),
        ),
        '',
      );
    }
    if (section.key === 'follow-up') {
      out.push(
        markdownTable(
          [
            t('plans.column.indicator'),
            t('plans.column.baseline'),
            t('plans.column.target'),
            ...meta.followUp.rounds.map((r) => r.name),
          ],
          meta.followUp.rows.map((r) => [
            `${r.measure.title} (${t(`plans.indicator.${r.measure.indicator}`)})`,
            formatIndicator(r.measure.indicator, r.baseline, lang),
            formatIndicator(r.measure.indicator, r.target, lang),
            ...r.later.map((l) => formatIndicator(r.measure.indicator, l.value, lang)),
          ]),
        ),
        '',
      );
    }
  }
  return `${out.join('\n').trim()}\n`;
}

export function measureHeader(lang: Language): string[] {
  const t = translator(lang);
  return [
    t('plans.column.competenceMeasure'),
    t('plans.column.measure'),
    t('plans.column.owner'),
    t('plans.column.timeline'),
    t('plans.column.indicator'),
    t('plans.column.baseline'),
    t('plans.column.target'),
  ];
}

/** Every generated figure as one CSV row: table, row, column, value (`:c` where hidden), as shown. */
export function planCsv(content: PlanContent, lang: Language): string {
  const t = translator(lang);
  const rows: (string | number | null)[][] = [];
  for (const table of content.figures.tables) {
    for (const row of table.rows) {
      row.cells.forEach((c, i) => {
        rows.push([
          table.key,
          table.title[lang],
          row.key,
          row.label[lang],
          table.columns[i]?.[lang] ?? '',
          c.suppressed ? ':c' : c.value,
          formatCell(c, lang),
        ]);
      });
    }
  }
  return toCsv(
    [
      t('plans.csv.table'),
      t('plans.csv.tableTitle'),
      t('plans.csv.row'),
      t('plans.csv.rowLabel'),
      t('plans.csv.column'),
      t('plans.csv.value'),
      t('plans.csv.formatted'),
    ],
    rows,
  );
}
