import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import type { PlanAccess } from './access.ts';
import type { PlanCell, PlanFigures, PlanTable } from './figures.ts';
import { measureIndicators } from './follow-up.ts';
import { renderMarkdown } from './markdown.ts';
import type { IndicatorCode, Measure } from './measures.ts';
import { SECTION_KEYS, type SectionKey } from './sections.ts';

/** What a reader is shown of a plan: the working draft (raw or protected) or the published plan. */
export interface PlanContent {
  view: 'raw' | 'protected';
  published: boolean;
  version: number;
  sections: Record<SectionKey, string>;
  html?: Record<string, string> | undefined;
  measures: Measure[];
  figures: PlanFigures;
  figuresHash: string;
  computedAt: string;
}

/**
 * What this reader is shown. An adopted plan is its published copy for everyone, the secretariat
 * included, whatever `view` asks for: its page, print view, Markdown and CSV are the published plan
 * and hold protected figures only (the raw figures of its versions stay in the history's diff).
 * Before adoption the secretariat sees the raw draft (or `protected` to preview) and reviewers
 * the protected one.
 */
export function contentFor(access: PlanAccess, requested: 'raw' | 'protected' | undefined): PlanContent {
  const { plan } = access;
  if (plan.status === 'adopted' && plan.published) {
    const p = plan.published;
    return {
      view: 'protected',
      published: true,
      version: p.version,
      sections: p.sections,
      html: p.html,
      measures: p.measures,
      figures: p.figures,
      figuresHash: p.figuresHash,
      computedAt: p.computedAt,
    };
  }
  const raw = access.kind === 'secretariat' && requested !== 'protected';
  return {
    view: raw ? 'raw' : 'protected',
    published: false,
    version: plan.version,
    sections: plan.sections,
    measures: plan.measures,
    figures: raw ? plan.figuresRaw : plan.figuresProtected,
    figuresHash: raw ? plan.figuresHash : (plan.figuresProtected.hash ?? ''),
    computedAt: plan.computedAt,
  };
}

const numberFormats = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };
const decimals = {
  sv: new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** A figure as people read it: "dold" / "hidden" where it is hidden (CSV and JSON keep `:c` / null). */
export function formatCell(cellValue: PlanCell, lang: Language): string {
  if (cellValue.suppressed) return translator(lang)('plans.suppressed');
  return formatValue(cellValue.value, cellValue.format, lang);
}

export function formatValue(value: number | null, format: PlanCell['format'], lang: Language): string {
  if (value === null) return '–';
  switch (format) {
    case 'share':
      return `${decimals[lang].format(Math.round(value * 1000) / 10)} %`;
    case 'mean':
      return decimals[lang].format(value);
    case 'change':
      return `${value > 0 ? '+' : ''}${numberFormats[lang].format(value)}`;
    default:
      return numberFormats[lang].format(value);
  }
}

export function formatIndicator(code: IndicatorCode, value: number | null, lang: Language): string {
  const format = code.endsWith('-share') ? 'share' : code === 'difficulty-mean' ? 'mean' : 'number';
  return formatValue(value, format, lang);
}

export interface DisplayTable {
  key: string;
  title: string;
  columns: string[];
  rows: {
    label: string;
    lang?: 'sv' | undefined;
    cells: { text: string; suppressed: boolean; wouldHide: boolean; reason: string | null }[];
  }[];
  evidence: string;
  note: string | null;
  empty: boolean;
}

export function displayTable(table: PlanTable, view: 'raw' | 'protected', lang: Language): DisplayTable {
  const t = translator(lang);
  return {
    key: table.key,
    title: table.title[lang],
    columns: table.columns.map((c) => c[lang]),
    rows: table.rows.map((r) => ({
      label: r.label[lang],
      lang: lang === 'en' ? r.label.enLang : undefined,
      cells: r.cells.map((c) => ({
        text: formatCell(c, lang),
        suppressed: c.suppressed,
        wouldHide: view === 'raw' && c.reason !== null,
        reason: c.reason ? t(`plans.reason.${c.reason}`) : null,
      })),
    })),
    evidence: table.evidence,
    note: table.note ? table.note[lang] : null,
    empty: table.rows.length === 0,
  };
}

export interface FollowUpRow {
  measure: Measure;
  baseline: number | null;
  target: number | null;
  later: { roundId: string; roundName: string; value: number | null }[];
}

/**
 * Each measure's indicator re-measured in the closed rounds after the plan's, protected, beside
 * its baseline and target.
 */
export async function followUp(
  db: Kysely<Database>,
  content: PlanContent,
  specialisation: string,
): Promise<{ rounds: { id: string; name: string }[]; rows: FollowUpRow[] }> {
  const base = await db
    .selectFrom('rounds')
    .select(['opens_at'])
    .where('id', '=', content.figures.round.id)
    .executeTakeFirst();
  const later = base
    ? await db
        .selectFrom('rounds')
        .select(['id', 'name'])
        .where('status', '=', 'closed')
        .where('opens_at', '>', base.opens_at)
        .orderBy('opens_at')
        .limit(5)
        .execute()
    : [];
  const scope = { db, specialisation: specialisation === 'all' ? null : specialisation };
  const measured = await Promise.all(later.map((r) => measureIndicators(scope, r.id)));
  return {
    rounds: later,
    rows: content.measures.map((m) => ({
      measure: m,
      baseline: m.baseline,
      target: m.target,
      later: later.map((r, i) => ({ roundId: r.id, roundName: r.name, value: measured[i]?.[m.indicator] ?? null })),
    })),
  };
}

export const sectionTitle = (key: string, lang: Language) => translator(lang)(`plans.section.${key}`);

/** The sections with their prose as HTML and their tables, in order. */
export function displaySections(content: PlanContent, lang: Language) {
  return SECTION_KEYS.map((key) => ({
    key,
    title: sectionTitle(key, lang),
    markdown: content.sections[key] ?? '',
    html: content.html?.[key] ?? renderMarkdown(content.sections[key] ?? ''),
    tables: content.figures.tables.filter((tb) => tb.section === key).map((tb) => displayTable(tb, content.view, lang)),
  }));
}

/** The plan's name: its specialisation (or all) and its round. */
export function planTitle(figures: PlanFigures, lang: Language): string {
  const t = translator(lang);
  return t('plans.title', {
    specialisation: figures.specialisation?.name[lang] ?? t('plans.allSpecialisations'),
    round: figures.round.name,
  });
}
