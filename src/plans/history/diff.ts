import { diffWords } from 'diff';
import type { PlanCell, PlanFigures } from '../figures.ts';
import type { Measure } from '../measures.ts';
import type { VersionContent } from '../queries.ts';
import { SECTION_KEYS } from '../sections.ts';

export interface TextPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface SectionDiff {
  key: string;
  changed: boolean;
  parts: TextPart[];
}

export interface FigureChange {
  table: string;
  row: string;
  rowLabel: { sv: string; en: string };
  column: number;
  format: PlanCell['format'];
  before: number | null;
  after: number | null;
}

export interface MeasureChange {
  id: string;
  field: string;
  before: string | number | null;
  after: string | number | null;
}

export interface PlanDiff {
  from: number;
  to: number;
  sections: SectionDiff[];
  measures: MeasureChange[];
  figures: FigureChange[];
}

/** Word-level differences of each prose section (jsdiff). */
export function diffSections(from: Record<string, string>, to: Record<string, string>): SectionDiff[] {
  return SECTION_KEYS.map((key) => {
    const parts = diffWords(from[key] ?? '', to[key] ?? '').map((p) => ({
      value: p.value,
      added: Boolean(p.added),
      removed: Boolean(p.removed),
    }));
    return { key, changed: parts.some((p) => p.added || p.removed), parts };
  });
}

/** Every generated figure that differs, by table, row and column; a row that came or went counts. */
export function diffFigures(from: PlanFigures, to: PlanFigures): FigureChange[] {
  const changes: FigureChange[] = [];
  const keys = [...new Set([...from.tables.map((t) => t.key), ...to.tables.map((t) => t.key)])];
  for (const key of keys) {
    const a = from.tables.find((t) => t.key === key);
    const b = to.tables.find((t) => t.key === key);
    const rows = [...new Set([...(a?.rows ?? []).map((r) => r.key), ...(b?.rows ?? []).map((r) => r.key)])];
    for (const rowKey of rows) {
      const ra = a?.rows.find((r) => r.key === rowKey);
      const rb = b?.rows.find((r) => r.key === rowKey);
      const width = Math.max(ra?.cells.length ?? 0, rb?.cells.length ?? 0);
      for (let column = 0; column < width; column++) {
        const before = ra?.cells[column]?.value ?? null;
        const after = rb?.cells[column]?.value ?? null;
        if (before !== after) {
          const label = (rb ?? ra)?.label ?? { sv: rowKey, en: rowKey };
          const format = (rb ?? ra)?.cells[column]?.format ?? 'number';
          changes.push({ table: key, row: rowKey, rowLabel: label, column, format, before, after });
        }
      }
    }
  }
  return changes;
}

const MEASURE_FIELDS = ['title', 'owner', 'timeline', 'indicator', 'baseline', 'target'] as const;

export function diffMeasures(from: Measure[], to: Measure[]): MeasureChange[] {
  const changes: MeasureChange[] = [];
  for (const m of to) {
    const before = from.find((x) => x.id === m.id);
    for (const field of MEASURE_FIELDS) {
      const a = before ? before[field] : null;
      if (a !== m[field]) changes.push({ id: m.id, field, before: a, after: m[field] });
    }
  }
  return changes;
}

/**
 * Two versions compared. Figures are compared only for the secretariat (`withFigures`): the
 * versions keep the raw figures, which no one else may see.
 */
export function diffVersions(from: VersionContent, to: VersionContent, withFigures: boolean): PlanDiff {
  return {
    from: from.version,
    to: to.version,
    sections: diffSections(from.sections, to.sections),
    measures: diffMeasures(from.measures, to.measures),
    figures: withFigures ? diffFigures(from.figures, to.figures) : [],
  };
}
