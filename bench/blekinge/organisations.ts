import {
  ANSWER_RATE,
  INDUSTRIES,
  type Industry,
  KOMMUNER,
  LARGE_EMPLOYERS,
  type LargeEmployer,
  PLACES,
  type Sector,
  type SizeClass,
  SMALL_SIZE_SHARES,
  type SmallSize,
} from './population.ts';
import type { Random } from './random.ts';

export interface GeneratedOrganisation {
  index: number;
  name: string;
  sector: Sector;
  sniDivision: string;
  sizeClass: SizeClass;
  kommun: string;
  educationProvider: boolean;
  employees: number;
  profile: LargeEmployer['profile'];
  /** Need lines it would answer with, before the total is fitted (see fitLineCounts). */
  naturalLines: number;
  answers: boolean;
  /** A non-respondent that began a draft and never submitted it. */
  startedDraft: boolean;
}

/** How many of `total` each size class gets, by largest remainder so that they add up. */
function apportion(total: number): [SmallSize, number][] {
  const weightSum = SMALL_SIZE_SHARES.reduce((s, [, w]) => s + w, 0);
  const exact = SMALL_SIZE_SHARES.map(([size, w]) => [size, (total * w) / weightSum] as const);
  const counts = exact.map(([size, x]) => [size, Math.floor(x)] as [SmallSize, number]);
  let left = total - counts.reduce((s, [, n]) => s + n, 0);
  const byRemainder = exact
    .map(([, x], i) => [i, x - Math.floor(x)] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [i] of byRemainder) {
    if (left-- <= 0) break;
    const entry = counts[i];
    if (entry) entry[1]++;
  }
  return counts;
}

const EMPLOYEES: Record<SmallSize, [number, number]> = {
  '0': [0, 0],
  '1-9': [1, 9],
  '10-49': [10, 49],
  '50-249': [50, 249],
};

function naturalLines(random: Random, size: SizeClass): number {
  switch (size) {
    case '0':
      return random.chance(0.3) ? 2 : 1;
    case '1-9':
      return random.weighted([
        [1, 35],
        [2, 30],
        [3, 22],
        [4, 13],
      ]);
    case '10-49':
      return random.skewed(2, 8, 1.3);
    case '50-249':
      return random.skewed(5, 25, 1.5);
    case '250+':
      return 15;
  }
}

function name(random: Random, industry: Industry, kommun: string, taken: Set<string>): string {
  const compose = () => {
    const place = random.pick(PLACES[kommun] ?? ['Blekinge']);
    const word = random.pick(industry.names);
    if (industry.sector === 'civilsamhalle') return `${place} ${word}`;
    return industry.sector === 'akademi' ? `${word} ${place}` : `${place} ${word} AB`;
  };
  // Another place or word first; a number only when the kommun has run out of pairs.
  let candidate = compose();
  for (let attempt = 0; attempt < 8 && taken.has(candidate); attempt++) candidate = compose();
  const base = candidate;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} ${n}`;
  taken.add(candidate);
  return `${candidate} (demo)`;
}

/**
 * The organisations a round is sent to: the large employers first (as many as the population's
 * size warrants: all fifteen at 600), then the rest by size class, line of business and kommun.
 */
export function generateOrganisations(random: Random, count: number): GeneratedOrganisation[] {
  const largeCount = Math.min(
    LARGE_EMPLOYERS.length,
    count,
    Math.max(1, Math.round((count * LARGE_EMPLOYERS.length) / 600)),
  );
  const taken = new Set<string>();
  const out: GeneratedOrganisation[] = [];
  for (const employer of LARGE_EMPLOYERS.slice(0, largeCount)) {
    taken.add(employer.name);
    out.push({
      index: out.length,
      name: employer.name,
      sector: employer.profile.sector,
      sniDivision: employer.sni,
      sizeClass: '250+',
      kommun: employer.kommun,
      educationProvider: employer.profile.educationProvider ?? false,
      employees: employer.employees,
      profile: employer.profile,
      naturalLines: Math.round(employer.lines * naturalLines(random, '250+')),
      answers: random.chance(ANSWER_RATE['250+']),
      startedDraft: false,
    });
  }
  const industries = Object.values(INDUSTRIES) as Industry[];
  for (const [size, n] of apportion(count - largeCount)) {
    for (let k = 0; k < n; k++) {
      const industry = random.weighted(industries.map((i) => [i, i.weight[size]] as const));
      const kommun = random.weighted(industry.kommuner ?? KOMMUNER);
      const answers = random.chance(ANSWER_RATE[size]);
      const [min, max] = EMPLOYEES[size];
      out.push({
        index: out.length,
        name: name(random, industry, kommun, taken),
        sector: industry.sector,
        sniDivision: random.pick(industry.sni),
        sizeClass: size,
        kommun,
        educationProvider: industry.educationProvider ?? false,
        employees: random.skewed(min, max, 1.6),
        profile: industry,
        naturalLines: naturalLines(random, size),
        answers,
        startedDraft: !answers && random.chance(0.12),
      });
    }
  }
  return out;
}

const CAP: Record<SizeClass, number> = { '250+': 200, '50-249': 40, '10-49': 12, '1-9': 6, '0': 3 };
const TIERS: readonly (readonly SizeClass[])[] = [['250+'], ['50-249'], ['10-49', '1-9', '0']];

/**
 * Need lines per respondent, adding up to `total`: each keeps its natural count where it can, and
 * the difference goes to (or comes from) the large employers first, in proportion to their natural
 * counts, then to the medium ones, then to all. Small firms keep their one to four lines at the
 * default size; a respondent may end with none only when there are fewer lines than respondents.
 */
export function fitLineCounts(organisations: readonly GeneratedOrganisation[], total: number): Map<number, number> {
  const respondents = organisations.filter((o) => o.answers);
  const counts = new Map(respondents.map((o) => [o.index, o.naturalLines]));
  let diff = total - respondents.reduce((s, o) => s + o.naturalLines, 0);
  const ratio = (o: GeneratedOrganisation, delta: number) => ((counts.get(o.index) ?? 0) + delta) / o.naturalLines;
  for (const minimum of [1, 0]) {
    for (const tier of TIERS) {
      const members = respondents.filter((o) => tier.includes(o.sizeClass));
      while (diff !== 0) {
        const grow = diff > 0;
        let best: GeneratedOrganisation | undefined;
        for (const o of members) {
          const n = counts.get(o.index) ?? 0;
          if (grow ? n >= CAP[o.sizeClass] : n <= minimum) continue;
          if (!best || (grow ? ratio(o, 1) < ratio(best, 1) : ratio(o, 0) > ratio(best, 0))) best = o;
        }
        if (!best) break;
        counts.set(best.index, (counts.get(best.index) ?? 0) + (grow ? 1 : -1));
        diff += grow ? -1 : 1;
      }
    }
  }
  return counts;
}
