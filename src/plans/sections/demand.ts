import { cachedAggregateDemand } from '../../demand/aggregate.ts';
import { compareEntries } from '../../demand/change.ts';
import { cachedAggregateIndicators, type IndicatorEntry } from '../../demand/indicators.ts';
import { protectIndicators } from '../../demand/indicators-protect.ts';
import { protectTable } from '../../demand/protect-table.ts';
import { HORIZONS } from '../../surveys/questionnaire.ts';
import { cell, type Label, type PlanCell, type PlanTable } from '../figures.ts';
import { both, evidenceUrl, type SectionInput, specialisationFilter } from './context.ts';
import { demandEntries, labelsBoth, topRows } from './demand-figures.ts';

const counts = (input: SectionInput): Label[] => [
  both(input, 'plans.column.headcount'),
  both(input, 'plans.column.organisations'),
];

/** Demand by horizon, with the total: what the whole plan rests on. */
async function byHorizon(input: SectionInput): Promise<PlanTable> {
  const entries = await demandEntries(input, ['horizon']);
  const rows: PlanTable['rows'] = HORIZONS.flatMap((h) => {
    const e = entries.find((x) => x.key.horizon === h);
    return e ? [{ key: h, label: both(input, `horizon.${h}`), cells: [e.headcount, e.organisations] }] : [];
  });
  const total = entries.find((e) => e.key.horizon === undefined);
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

/** The occupations most in demand, one table per horizon, from one protected occupation × horizon table. */
async function topOccupations(input: SectionInput): Promise<PlanTable[]> {
  const entries = await demandEntries(input, ['occupation', 'horizon']);
  const codes = [...new Set(entries.flatMap((e) => (e.key.occupation ? [e.key.occupation] : [])))];
  const label = await labelsBoth(input, 'occupation', codes);
  return HORIZONS.map((h) => {
    const { rows, hidden } = topRows(
      entries.filter((e) => e.key.horizon === h && e.key.occupation !== undefined),
      'occupation',
      label,
    );
    return {
      key: `demand-occupations-${h}`,
      section: 'demand',
      title: {
        sv: input.t.sv('plans.table.topOccupations', { horizon: input.t.sv(`horizon.${h}`).toLowerCase() }),
        en: input.t.en('plans.table.topOccupations', { horizon: input.t.en(`horizon.${h}`).toLowerCase() }),
      },
      columns: counts(input),
      rows,
      evidence: evidenceUrl(input, { by: ['occupation', 'horizon'] }),
      ...(hidden > 0 ? { note: both(input, 'plans.note.hiddenRows', { count: hidden }) } : {}),
    };
  });
}

async function topSkills(input: SectionInput): Promise<PlanTable> {
  const entries = await demandEntries(input, ['skill']);
  const codes = entries.flatMap((e) => (e.key.skill ? [e.key.skill] : []));
  const { rows, hidden } = topRows(
    entries.filter((e) => e.key.skill !== undefined),
    'skill',
    await labelsBoth(input, 'skill', codes),
  );
  return {
    key: 'demand-skills',
    section: 'demand',
    title: both(input, 'plans.table.topSkills'),
    columns: counts(input),
    rows,
    evidence: evidenceUrl(input, { by: ['skill'], path: '/api/v1/demand' }),
    ...(hidden > 0 ? { note: both(input, 'plans.note.hiddenRows', { count: hidden }) } : {}),
  };
}

const INDICATOR_ROWS = ['recruit-outside', 'relocation-family', 'remote', 'train-staff'] as const;

/** Difficulty and how organisations mean to recruit, as /demand's indicators compute them. */
export async function recruitmentIndicators(input: SectionInput, roundId = input.round.id) {
  const entries = await cachedAggregateIndicators(
    input.db,
    { roundId, filters: specialisationFilter(input), ssykLevel: 4, dominanceN: input.rule.dominanceN },
    input.now,
  );
  const published = protectIndicators(entries, input.rule);
  const total = entries.find((e) => e.key.indicator === undefined);
  const rawShare = (code: string): number | null => {
    const yes = entries.find((e: IndicatorEntry) => e.key.indicator === code && e.key.value === 'yes');
    return total && total.headcount > 0 ? Math.round(((yes?.headcount ?? 0) / total.headcount) * 10000) / 10000 : null;
  };
  const raw = input.view === 'raw';
  const mean: PlanCell = {
    value: raw
      ? total && total.headcount > 0
        ? Math.round((total.weighted / total.headcount) * 100) / 100
        : null
      : published.difficulty.mean,
    suppressed: raw ? false : published.difficulty.suppressed,
    reason: published.difficulty.reason,
    format: 'mean',
  };
  const shares = Object.fromEntries(
    INDICATOR_ROWS.map((code) => {
      const p = published.strategies.find((s) => s.code === code);
      const figure: PlanCell = {
        value: raw ? rawShare(code) : (p?.share ?? null),
        suppressed: raw ? false : (p?.suppressed ?? true),
        reason: p?.reason ?? null,
        format: 'share',
      };
      return [code, figure];
    }),
  );
  const base: PlanCell = {
    value: raw ? (total?.headcount ?? 0) : published.base.headcount,
    suppressed: raw ? false : published.base.suppressed,
    reason: published.base.reason,
    format: 'number',
  };
  const organisations: PlanCell = {
    value: raw ? (total?.organisations ?? 0) : published.base.organisations,
    suppressed: raw ? false : published.base.suppressed,
    reason: published.base.reason,
    format: 'number',
  };
  return { mean, shares, base, organisations };
}

async function indicatorTable(input: SectionInput): Promise<PlanTable> {
  const figures = await recruitmentIndicators(input);
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
  };
}

/** Change by occupation since the previous round, where both rounds publish the figure. */
async function change(input: SectionInput): Promise<PlanTable | null> {
  const previous = input.previousRound;
  if (!previous) return null;
  const by = ['occupation' as const];
  const query = (roundId: string) =>
    cachedAggregateDemand(
      input.db,
      { roundId, by, filters: specialisationFilter(input), ssykLevel: 4, dominanceN: input.rule.dominanceN },
      input.now,
    );
  const [before, after] = await Promise.all([query(previous.id), query(input.round.id)]);
  const asShown = (entries: Awaited<ReturnType<typeof query>>) =>
    input.view === 'raw'
      ? entries.map((e) => ({ ...e, suppressed: false, reason: null }))
      : protectTable(by, entries, input.rule);
  const compared = compareEntries(asShown(before), asShown(after)).filter((e) => e.key.occupation !== undefined);
  const label = await labelsBoth(
    input,
    'occupation',
    compared.map((e) => e.key.occupation ?? ''),
  );
  const shown = compared.filter((e) => !e.suppressed && e.change !== null && e.change !== 0);
  const rows = shown
    .sort(
      (a, b) =>
        Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) ||
        String(a.key.occupation).localeCompare(String(b.key.occupation)),
    )
    .slice(0, 10)
    .map((e) => ({
      key: e.key.occupation ?? '',
      label: label(e.key.occupation ?? ''),
      cells: [cell(e.from), cell(e.to), cell(e.change, 'change')],
    }));
  return {
    key: 'demand-change',
    section: 'demand',
    title: both(input, 'plans.table.change', { previous: previous.name }),
    columns: [
      both(input, 'plans.column.previous'),
      both(input, 'plans.column.current'),
      both(input, 'plans.column.change'),
    ],
    rows,
    evidence: evidenceUrl(input, { by: ['occupation'], compare: previous.id }),
  };
}

/** The demand section's tables. */
export async function demandTables(input: SectionInput): Promise<PlanTable[]> {
  const tables = [
    await byHorizon(input),
    ...(await topOccupations(input)),
    await topSkills(input),
    await indicatorTable(input),
  ];
  const changed = await change(input);
  return changed ? [...tables, changed] : tables;
}
