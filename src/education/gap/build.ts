import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { namesFor } from '../../demand/index.ts';
import type { Language, Translate } from '../../i18n/i18n.ts';
import type { PublishedEntry } from '../../publication/index.ts';
import { coverageFigures, coverageLadder, finestPublished, HORIZON_YEARS, type LevelStep } from './levels.ts';
import type { OfferingIndex, OfferingMatch } from './matches.ts';
import type { CoverageLevel, GapItem, GapOffering, GapReport, GapSource } from './types.ts';

/**
 * The gap report from demand entries and the offerings (docs/decisions/0012-education-gap.md): a
 * plain function of its inputs, with no request in it. Demand is what `source` gives (the
 * publication's cells, or the secretariat's raw table); supply is the annual graduates of the
 * offerings that prepare for the occupation, an offering matched to several occupations split
 * equally between them, so that summed supply never exceeds the graduates there are.
 */
export interface GapSelection {
  horizon?: string | undefined;
  provider?: string | undefined;
  offeringsLimit?: number | undefined;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const isSsyk4 = (code: string) => /^\d{4}$/.test(code);

/** Each occupation's offerings with their counted share of graduates, and its supply. */
function supplyByOccupation(matches: readonly OfferingMatch[]) {
  const matchCount = new Map<string, number>();
  for (const m of matches) matchCount.set(m.offeringId, (matchCount.get(m.offeringId) ?? 0) + 1);
  const out = new Map<string, { offerings: GapOffering[]; supply: number }>();
  for (const m of matches) {
    const held = out.get(m.occupation) ?? { offerings: [], supply: 0 };
    const graduatesCounted = round2(m.annualGraduates / (matchCount.get(m.offeringId) ?? 1));
    held.offerings.push({
      id: m.offeringId,
      name: m.offeringName,
      providerId: m.providerId,
      providerName: m.providerName,
      via: m.via,
      matchedOn: m.matchedOn,
      annualGraduates: m.annualGraduates,
      graduatesCounted,
    });
    held.supply += graduatesCounted;
    out.set(m.occupation, held);
  }
  for (const held of out.values()) held.supply = round1(held.supply);
  return out;
}

export async function buildGapReport(
  db: Kysely<Database>,
  source: GapSource,
  selection: GapSelection,
  index: OfferingIndex,
  lang: Language,
  t: Translate,
): Promise<GapReport> {
  const perOccupation = supplyByOccupation(index.matches);
  // A group's supply: the counted graduates of every occupation in it, summed once per group.
  const groupSupply = new Map<string, number>();
  const supplyOf = (step: LevelStep) => {
    const id = `${step.ssykLevel}:${step.occupation}`;
    let sum = groupSupply.get(id);
    if (sum === undefined) {
      sum = 0;
      for (const [code, s] of perOccupation)
        if (step.ssykLevel === 4 ? code === step.occupation : isSsyk4(code) && code.startsWith(step.occupation))
          sum += s.supply;
      groupSupply.set(id, sum);
    }
    return sum;
  };

  let entries = source.entries;
  if (selection.horizon) entries = entries.filter((e) => e.horizon === selection.horizon);
  if (selection.provider) {
    const provider = selection.provider;
    const theirs = new Set(index.matches.filter((m) => m.providerId === provider).map((m) => m.occupation));
    entries = entries.filter((e) => theirs.has(e.occupation));
  }
  const ladders = entries.map((e) => coverageLadder(e.occupation, e.horizon, source.specialisation));
  const levels = ladders.map((ladder) => finestPublished(ladder, source.cells, supplyOf));
  const demanded = new Set(source.entries.map((e) => e.occupation));
  const codes = [
    ...new Set([
      ...demanded,
      ...index.matches.map((m) => m.occupation),
      ...levels.flatMap((l) => (l ? [l.occupation] : [])),
    ]),
  ];
  const named = await namesFor(db, 'occupation', codes, lang, t);
  const names = new Map([...named].map(([code, n]) => [code, n.name]));
  // 'sv' where an English page shows a group the reference data names in Swedish only.
  const langOf = (code: string) => (named.get(code)?.lang ? { occupationNameLang: 'sv' as const } : {});
  const levelOf = (found: NonNullable<(typeof levels)[number]>): CoverageLevel => ({
    ...found,
    occupationName: names.get(found.occupation) ?? found.occupation,
    label: t('education.gaps.level.label', {
      group: t(`education.gaps.level.${found.ssykLevel}`, { code: found.occupation }),
      horizon: t(found.horizon === null ? 'education.gaps.level.allHorizons' : `education.gaps.level.${found.horizon}`),
    }),
  });

  const items: GapItem[] = entries.map((e, i) => {
    const years = HORIZON_YEARS[e.horizon] ?? 1;
    const { offerings, supply } = perOccupation.get(e.occupation) ?? { offerings: [], supply: 0 };
    const demand = e.suppressed ? null : e.headcount;
    const own = demand === null || demand === 0 ? null : coverageFigures(demand, supply, e.horizon);
    const found = levels[i];
    return {
      occupation: e.occupation,
      occupationName: names.get(e.occupation) ?? e.occupation,
      ...langOf(e.occupation),
      horizon: e.horizon,
      demand,
      suppressed: e.suppressed,
      reason: e.reason,
      demandPerYear: demand === null ? null : round1(demand / years),
      supply,
      supplyInHorizon: round1(supply * years),
      coverage: own?.coverage ?? null,
      shortage: demand === null ? null : (own?.shortage ?? 0),
      coverageLevel: found ? levelOf(found) : null,
      offeringCount: offerings.length,
      offerings: selection.offeringsLimit === undefined ? offerings : offerings.slice(0, selection.offeringsLimit),
    };
  });
  items.sort((a, b) => a.occupation.localeCompare(b.occupation) || a.horizon.localeCompare(b.horizon));

  return {
    round: { id: source.round.id, name: source.round.name, period: source.round.period, status: source.round.status },
    protected: source.protected,
    internal: !source.protected,
    publication: source.publication,
    filters: {
      specialisation: source.specialisation,
      focusArea: source.focusArea,
      horizon: selection.horizon ?? null,
      provider: selection.provider ?? null,
    },
    items,
    hiddenRows: items.filter((i) => i.suppressed).length,
    rowsWithoutCoverage: items.filter((i) => i.coverageLevel === null).length,
    shortages: shortagesOf(items),
    demandWithoutOffering: items
      .filter((i) => i.offeringCount === 0)
      .map((i) => ({
        occupation: i.occupation,
        occupationName: i.occupationName,
        ...(i.occupationNameLang ? { occupationNameLang: i.occupationNameLang } : {}),
        horizon: i.horizon,
        demand: i.demand,
      })),
    offeringsWithoutDemand: offeringsOutside(index, demanded, names, selection.provider),
  };
}

/**
 * The published coverage figures of the rows, each cell once (several hidden rows may stand on one
 * coarser cell), lowest coverage first, then the largest demand. A row with no published figure at
 * any level is not in it: the report counts those (`rowsWithoutCoverage`) so that a page never says
 * there is no shortage where it cannot know.
 */
function shortagesOf(items: readonly GapItem[]): GapReport['shortages'] {
  const byCell = new Map<string, { level: CoverageLevel; rows: number }>();
  for (const item of items) {
    if (!item.coverageLevel) continue;
    const held = byCell.get(item.coverageLevel.cell);
    if (held) held.rows++;
    else byCell.set(item.coverageLevel.cell, { level: item.coverageLevel, rows: 1 });
  }
  return [...byCell.values()]
    .sort(
      (a, b) =>
        a.level.coverage - b.level.coverage ||
        b.level.demand - a.level.demand ||
        a.level.cell.localeCompare(b.level.cell),
    )
    .map(({ level, rows }) => ({
      occupation: level.occupation,
      occupationName: level.occupationName,
      horizon: level.horizon,
      demand: level.demand,
      coverage: level.coverage,
      ssykLevel: level.ssykLevel,
      cell: level.cell,
      label: level.label,
      rows,
    }));
}

function offeringsOutside(
  index: OfferingIndex,
  demanded: ReadonlySet<string>,
  names: ReadonlyMap<string, string>,
  provider: string | undefined,
): GapReport['offeringsWithoutDemand'] {
  const occupationsOf = new Map<string, string[]>();
  for (const m of index.matches)
    occupationsOf.set(m.offeringId, [...(occupationsOf.get(m.offeringId) ?? []), m.occupation]);
  return index.offerings
    .filter((o) => !provider || o.providerId === provider)
    .filter((o) => !(occupationsOf.get(o.id) ?? []).some((code) => demanded.has(code)))
    .map((o) => ({
      id: o.id,
      name: o.name,
      providerName: o.providerName,
      occupations: (occupationsOf.get(o.id) ?? []).map((code) => names.get(code) ?? code),
    }));
}

/** The raw view's cells: each entry is its own (unprotected) level. */
export function ownCells(entries: GapSource['entries'], specialisation: string | null): Map<string, PublishedEntry> {
  const cells = new Map<string, PublishedEntry>();
  for (const e of entries) {
    const [own] = coverageLadder(e.occupation, e.horizon, specialisation);
    if (!own) continue;
    cells.set(own.cell, {
      cell: own.cell,
      key: { occupation: e.occupation, horizon: e.horizon },
      headcount: e.headcount,
      organisations: null,
      suppressed: false,
      reason: null,
    });
  }
  return cells;
}
