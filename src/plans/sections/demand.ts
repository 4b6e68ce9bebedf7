import { type Publication, readNamedSkillIds } from '../../publication/index.ts';
import { HORIZONS } from '../../surveys/index.ts';
import { cell, type Label, type PlanCell, type PlanRow, type PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput } from './context.ts';
import {
  type CellScope,
  coarserPublished,
  labelsBoth,
  type PlanEntry,
  planEntries,
  scopedId,
  scopedKind,
  topRows,
} from './demand-figures.ts';

/**
 * The demand section's tables, every figure a cell of the round's publication (the tables
 * `specialisation-horizon`, `specialisation-ssyk4-horizon`, `difficulty-specialisation` and
 * `strategy-specialisation`, or their margins over specialisation for a plan over all of them).
 */

const counts = (input: SectionInput): Label[] => [
  both(input, 'plans.column.headcount'),
  both(input, 'plans.column.organisations'),
];

/** Demand by horizon, with the total: what the whole plan rests on. */
async function byHorizon(input: SectionInput): Promise<PlanTable> {
  const entries = await planEntries(input, input.publication, [scopedKind(input, ['horizon']), scopedKind(input, [])]);
  const rows: PlanRow[] = HORIZONS.flatMap((h) => {
    const e = entries.get(scopedId(input, { horizon: h }));
    return e ? [{ key: h, label: both(input, `horizon.${h}`), cells: [e.headcount, e.organisations] }] : [];
  });
  const total = entries.get(scopedId(input, {}));
  if (total)
    rows.push({ key: 'total', label: both(input, 'plans.row.total'), cells: [total.headcount, total.organisations] });
  return {
    key: 'demand-horizon',
    section: 'demand',
    title: both(input, 'plans.table.demandHorizon'),
    columns: counts(input),
    rows,
    evidence: evidenceUrl(input, { by: ['horizon'] }),
  };
}

const occupationToken = (key: Record<string, string>) => Object.keys(key).find((t) => t.startsWith('occupation@'));

/**
 * The occupations most in demand, one table per horizon, from the publication's occupation × horizon
 * table. The protected view leaves hidden occupations out, says how many, and shows the nearest
 * published coarser group they belong to (SSYK 3, 2 or 1, or all horizons) so the reader still
 * learns where the demand is.
 */
async function topOccupations(input: SectionInput): Promise<PlanTable[]> {
  const kind = scopedKind(input, ['horizon', 'occupation@4']);
  const entries = [...(await planEntries(input, input.publication, [kind])).values()];
  const coarser =
    input.view === 'protected'
      ? await coarserPublished(
          input,
          input.publication,
          kind,
          entries.filter((e) => e.headcount.suppressed).map((e) => e.id),
        )
      : new Map<string, PlanEntry>();
  const codes = [...entries, ...coarser.values()].flatMap((e) => {
    const token = occupationToken(e.key);
    return token ? [e.key[token] ?? ''] : [];
  });
  const label = await labelsBoth(input, 'occupation', [...new Set(codes)]);
  const coarserLabel = (e: PlanEntry): Label => {
    const code = e.key[occupationToken(e.key) ?? ''] ?? '';
    const key = e.key.horizon === undefined ? 'plans.row.coarserAllHorizons' : 'plans.row.coarser';
    return {
      sv: input.t.sv(key, { name: label(code).sv, code }),
      en: input.t.en(key, { name: label(code).en, code }),
    };
  };
  return HORIZONS.map((h) => {
    const { rows, hidden } = topRows(
      entries.filter((e) => e.key.horizon === h),
      'occupation@4',
      label,
    );
    const groups = new Map<string, PlanEntry>();
    for (const e of hidden) {
      const group = coarser.get(e.id);
      if (group) groups.set(group.id, group);
    }
    const groupRows: PlanRow[] = [...groups.values()]
      .sort((a, b) => b.order - a.order || a.id.localeCompare(b.id))
      .slice(0, 5)
      .map((g) => ({ key: `coarser:${g.id}`, label: coarserLabel(g), cells: [g.headcount, g.organisations] }));
    const noteKey = groupRows.length > 0 ? 'plans.note.hiddenRowsCoarser' : 'plans.note.hiddenRows';
    return {
      key: `demand-occupations-${h}`,
      section: 'demand',
      title: {
        sv: input.t.sv('plans.table.topOccupations', { horizon: input.t.sv(`horizon.${h}`).toLowerCase() }),
        en: input.t.en('plans.table.topOccupations', { horizon: input.t.en(`horizon.${h}`).toLowerCase() }),
      },
      columns: counts(input),
      rows: [...rows, ...groupRows],
      evidence: evidenceUrl(input, { by: ['occupation', 'horizon'] }),
      ...(hidden.length > 0 ? { note: both(input, noteKey, { count: hidden.length }) } : {}),
    };
  });
}

/**
 * The skills at least `minOrganisations` organisations named, as the publication lists them: names
 * only, alphabetical, no figures (a count per skill is not part of the publication).
 */
async function namedSkills(input: SectionInput): Promise<PlanTable> {
  const ids = await readNamedSkillIds(input.db, input.publication, input.specialisation ?? '');
  const label = await labelsBoth(input, 'skill', ids);
  const rows = ids
    .map((id) => ({ key: id, label: label(id), cells: [] }))
    .sort((a, b) => a.label.sv.localeCompare(b.label.sv, 'sv') || a.key.localeCompare(b.key));
  const params = { count: input.rule.minOrganisations };
  return {
    key: 'demand-skills',
    section: 'demand',
    title: both(input, 'plans.table.namedSkills', params),
    columns: [],
    rows,
    evidence: evidenceUrl(input, {}),
    note: both(input, 'plans.note.namedSkills', params),
  };
}

const INDICATOR_ROWS = ['recruit-outside', 'relocation-family', 'remote', 'train-staff'] as const;
const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** A figure computed from cells: hidden (in the protected view) when the publication hides one of them. */
function derived(input: CellScope, parts: (PlanEntry | undefined)[], value: number | null, format: PlanCell['format']) {
  const hidden = parts.find((p) => p?.headcount.reason);
  const suppressed = input.view === 'protected' && hidden !== undefined;
  return {
    value: suppressed ? null : value,
    suppressed,
    reason: hidden?.headcount.reason ?? null,
    format,
  } satisfies PlanCell;
}

/**
 * Difficulty and how organisations mean to meet their needs, from the publication's difficulty and
 * strategy tables. The mean is given only where the whole distribution over difficulty is published;
 * a share only where both its strategy cell and the total are. `publication` null (a later round not
 * published yet): no figures.
 */
export async function recruitmentIndicators(input: CellScope, publication: Publication | null) {
  const empty = (format: PlanCell['format']) => cell(null, format);
  if (!publication) {
    return {
      mean: empty('mean'),
      shares: Object.fromEntries(INDICATOR_ROWS.map((code) => [code, empty('share')])) as Record<string, PlanCell>,
      base: empty('number'),
      organisations: empty('number'),
    };
  }
  const entries = await planEntries(input, publication, [
    scopedKind(input, ['difficulty']),
    scopedKind(input, ['strategy']),
    scopedKind(input, []),
  ]);
  const base = entries.get(scopedId(input, {}));
  const difficulties = [...entries.values()].filter((e) => e.key.difficulty !== undefined);
  const sum = difficulties.reduce((s, e) => s + (e.headcount.value ?? 0), 0);
  const weighted = difficulties.reduce((s, e) => s + Number(e.key.difficulty) * (e.headcount.value ?? 0), 0);
  const mean = derived(input, [...difficulties, base], sum > 0 ? round2(weighted / sum) : null, 'mean');
  const total = base?.headcount.value ?? null;
  const shares: Record<string, PlanCell> = Object.fromEntries(
    INDICATOR_ROWS.map((code) => {
      // A strategy no line names has no cell: a published zero.
      const part = entries.get(scopedId(input, { strategy: code }));
      const value = total && total > 0 ? round4((part?.headcount.value ?? 0) / total) : null;
      return [code, derived(input, [part, base], value, 'share')];
    }),
  );
  return {
    mean,
    shares,
    base: base?.headcount ?? cell(0),
    organisations: base?.organisations ?? cell(0),
  };
}

async function indicatorTable(input: SectionInput): Promise<PlanTable> {
  const figures = await recruitmentIndicators(input, input.publication);
  return {
    key: 'demand-indicators',
    section: 'demand',
    title: both(input, 'plans.table.indicators'),
    columns: [both(input, 'plans.column.value')],
    rows: [
      { key: 'difficulty-mean', label: both(input, 'plans.indicator.difficulty-mean'), cells: [figures.mean] },
      ...INDICATOR_ROWS.map((code) => ({
        key: `${code}-share`,
        label: both(input, `plans.indicator.${code}-share`),
        cells: [figures.shares[code] ?? cell(null, 'share')],
      })),
    ],
    evidence: evidenceUrl(input, {}),
    ...(input.view === 'protected' ? { note: both(input, 'plans.note.indicators') } : {}),
  };
}

/**
 * Change by occupation since the previous round: the difference of two publications' cells, shown
 * only where both publish the cell (a cell one round lacks had no demand: a published zero).
 */
async function change(input: SectionInput): Promise<PlanTable | null> {
  const previous = input.previousRound;
  if (!previous) return null;
  const table: PlanTable = {
    key: 'demand-change',
    section: 'demand',
    title: both(input, 'plans.table.change', { previous: previous.name }),
    columns: [
      both(input, 'plans.column.previous'),
      both(input, 'plans.column.current'),
      both(input, 'plans.column.change'),
    ],
    rows: [],
    evidence: evidenceUrl(input, { by: ['occupation'], compare: previous.id }),
  };
  if (!input.previousPublication) {
    table.note = both(input, 'plans.note.previousNotPublished', { previous: previous.name });
    return table;
  }
  if (input.previousNotComparable.length > 0) {
    // Figures of two different questions side by side would read as a change (issue 18).
    table.note = both(input, 'plans.note.previousNotComparable', { previous: previous.name });
    return table;
  }
  const kind = scopedKind(input, ['occupation@4']);
  const [before, after] = await Promise.all([
    planEntries(input, input.previousPublication, [kind]),
    planEntries(input, input.publication, [kind]),
  ]);
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const compared = ids.map((id) => {
    const from = before.get(id);
    const to = after.get(id);
    const code = (from ?? to)?.key['occupation@4'] ?? '';
    const fromValue = from?.headcount.value ?? 0;
    const toValue = to?.headcount.value ?? 0;
    const side = (e: PlanEntry | undefined, value: number): PlanCell => ({
      value,
      suppressed: false,
      reason: e?.headcount.reason ?? null,
      format: 'number',
    });
    return {
      code,
      hidden: Boolean(from?.headcount.suppressed || to?.headcount.suppressed),
      change: toValue - fromValue,
      cells: [
        side(from, fromValue),
        side(to, toValue),
        { ...side(from?.headcount.reason ? from : to, toValue - fromValue), format: 'change' as const },
      ],
    };
  });
  const shown = compared
    .filter((e) => !e.hidden && e.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.code.localeCompare(b.code))
    .slice(0, 10);
  const label = await labelsBoth(
    input,
    'occupation',
    shown.map((e) => e.code),
  );
  table.rows = shown.map((e) => ({ key: e.code, label: label(e.code), cells: e.cells }));
  const hidden = compared.filter((e) => e.hidden).length;
  if (hidden > 0) table.note = both(input, 'plans.note.changeHidden', { count: hidden });
  return table;
}

/** The demand section's tables. */
export async function demandTables(input: SectionInput): Promise<PlanTable[]> {
  const tables = [
    await byHorizon(input),
    ...(await topOccupations(input)),
    await namedSkills(input),
    await indicatorTable(input),
  ];
  const changed = await change(input);
  return changed ? [...tables, changed] : tables;
}
