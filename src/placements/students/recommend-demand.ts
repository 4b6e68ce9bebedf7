import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  cellId,
  type HiddenReason,
  type Publication,
  type PublishedEntry,
  readKinds,
  type SsykLevel,
} from '../../publication/index.ts';

/**
 * "Demand for this occupation" in a student's ranked list (issue 16): cells of the latest
 * publication's table `ssyk4-horizon` and its coarser cells, never need lines added up. For each
 * occupation, the published horizon with the most organisations; where every horizon is hidden, the
 * nearest published coarser figure, in the gap's order (the occupation over all horizons, then its
 * SSYK-3 group by horizon, the group over all horizons, … SSYK 1), named as such; where all of
 * those are hidden, only that the demand is hidden, and why.
 */
export interface Demand {
  /** Organisations that need people, in the published cell; null where hidden. */
  organisations: number | null;
  /** The cell's horizon; null for all horizons (or hidden). */
  horizon: string | null;
  hidden: boolean;
  /** Why the occupation's own figures are hidden; null when they are published. */
  reason: HiddenReason | null;
  /** The SSYK level of the figure: 4 is the occupation itself, 3–1 a group it belongs to. */
  ssykLevel: SsykLevel;
  /** The group's code and names where the figure is a group's. */
  group: { code: string; sv: string; en: string } | null;
}

const LEVELS: readonly SsykLevel[] = [4, 3, 2, 1];
const HORIZONS = ['1-3', '0-1', '3-5'];
const KINDS = LEVELS.flatMap((level) => [`horizon|occupation@${level}`, `occupation@${level}`]);

/** A publication's cells never change: kept per database handle and publication, a few at a time. */
const held = new WeakMap<object, Map<string, Promise<Map<string, PublishedEntry>>>>();

function publishedCells(db: Kysely<Database>, publication: Publication) {
  const memo = held.get(db) ?? new Map<string, Promise<Map<string, PublishedEntry>>>();
  held.set(db, memo);
  let cells = memo.get(publication.id);
  if (!cells) {
    cells = readKinds(db, publication, KINDS);
    memo.set(publication.id, cells);
    cells.catch(() => memo.delete(publication.id));
    if (memo.size > 4) memo.delete(memo.keys().next().value ?? '');
  }
  return cells;
}

const published = (entry: PublishedEntry | undefined): entry is PublishedEntry & { organisations: number } =>
  entry !== undefined && !entry.suppressed && entry.organisations !== null;

/** The figure for one occupation (an SSYK-4 code, or a JobTech id without one); null: no demand at all. */
function demandFor(occupation: string, cells: ReadonlyMap<string, PublishedEntry>): Omit<Demand, 'group'> | null {
  const own = cells.get(cellId({ 'occupation@4': occupation }));
  if (!own) return null;
  const levels = /^\d{4}$/.test(occupation) ? LEVELS : LEVELS.slice(0, 1);
  const ownReason = own.suppressed ? own.reason : null;
  for (const level of levels) {
    const code = level === 4 ? occupation : occupation.slice(0, level);
    let best: { organisations: number; horizon: string } | null = null;
    for (const horizon of HORIZONS) {
      const entry = cells.get(cellId({ horizon, [`occupation@${level}`]: code }));
      if (published(entry) && (!best || entry.organisations > best.organisations))
        best = { organisations: entry.organisations, horizon };
    }
    const all = cells.get(cellId({ [`occupation@${level}`]: code }));
    const found = best ?? (published(all) ? { organisations: all.organisations, horizon: null } : null);
    if (found) {
      const reason = level === 4 && best ? null : (ownReason ?? hiddenReasonOfHorizons(occupation, cells));
      return { ...found, hidden: false, reason, ssykLevel: level };
    }
  }
  return {
    organisations: null,
    horizon: null,
    hidden: true,
    reason: ownReason ?? hiddenReasonOfHorizons(occupation, cells),
    ssykLevel: 4,
  };
}

/** The reason of the occupation's first hidden horizon (its all-horizons cell may be published). */
function hiddenReasonOfHorizons(occupation: string, cells: ReadonlyMap<string, PublishedEntry>): HiddenReason | null {
  for (const horizon of HORIZONS) {
    const entry = cells.get(cellId({ horizon, 'occupation@4': occupation }));
    if (entry?.suppressed) return entry.reason;
  }
  return null;
}

export async function demandByOccupation(
  db: Kysely<Database>,
  publication: Publication | null,
  occupations: readonly string[],
): Promise<Map<string, Demand>> {
  const out = new Map<string, Demand>();
  if (!publication || occupations.length === 0) return out;
  const cells = await publishedCells(db, publication);
  const found = new Map<string, Omit<Demand, 'group'>>();
  for (const occupation of new Set(occupations)) {
    const demand = demandFor(occupation, cells);
    if (demand) found.set(occupation, demand);
  }
  const groupCodes = [...found].flatMap(([code, d]) => (d.ssykLevel < 4 ? [code.slice(0, d.ssykLevel)] : []));
  const names = groupCodes.length
    ? await db.selectFrom('ssyk').select(['code', 'name_sv', 'name_en']).where('code', 'in', groupCodes).execute()
    : [];
  for (const [occupation, demand] of found) {
    const code = occupation.slice(0, demand.ssykLevel);
    const name = names.find((n) => n.code === code);
    out.set(occupation, {
      ...demand,
      group: demand.ssykLevel < 4 ? { code, sv: name?.name_sv ?? code, en: name?.name_en ?? code } : null,
    });
  }
  return out;
}
