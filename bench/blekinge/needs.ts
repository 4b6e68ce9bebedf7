import { OBSTACLES, type PLACEMENT_KINDS, STRATEGIES } from '../../src/surveys/questionnaire.ts';
import type { OrganisationAnswers, SubmittableNeed } from '../../src/surveys/schemas.ts';
import type { EducationLevelCode } from '../../src/taxonomy/education-levels.ts';
import {
  type OccupationKey,
  type OccupationProfile,
  occupationProfile,
  type SpecialisationCode,
} from './occupations.ts';
import type { GeneratedOrganisation } from './organisations.ts';
import type { SizeClass } from './population.ts';
import type { Random, Weighted } from './random.ts';

/** The reference rows a need refers to, read from the database once per round. */
export interface NeedReference {
  occupationId(ssyk: string): string;
  /** The occupation's related skills (occupation_skills), in a fixed order. */
  skills(occupationId: string): readonly string[];
  /** The strategy's focus areas under a specialisation, in the strategy's order. */
  areas(specialisation: string): readonly string[];
  /** Which specialisation a focus area belongs to. */
  specialisationOf(area: string): string | undefined;
}

type Strategy = (typeof STRATEGIES)[number];
type PlacementKind = (typeof PLACEMENT_KINDS)[number];

function headcount(random: Random, size: SizeClass, bulk: boolean): number {
  switch (size) {
    case '0':
      return 1;
    case '1-9':
      return random.weighted([
        [1, 70],
        [2, 22],
        [3, 8],
      ]);
    case '10-49':
      return bulk ? random.skewed(1, 6, 2) : random.skewed(1, 4, 2.2);
    case '50-249':
      return bulk ? random.skewed(2, 14, 2) : random.skewed(1, 5, 2.5);
    case '250+':
      return bulk ? random.skewed(2, 24, 2) : random.skewed(1, 6, 2);
  }
}

const PLACEMENT_CHANCE: Record<SizeClass, number> = {
  '0': 0.02,
  '1-9': 0.08,
  '10-49': 0.14,
  '50-249': 0.18,
  '250+': 0.2,
};
const TRAIN_STAFF: Record<SizeClass, number> = { '0': 0.05, '1-9': 0.15, '10-49': 0.25, '50-249': 0.4, '250+': 0.55 };
const PLACEMENT_KINDS_BY_LEVEL: Record<EducationLevelCode, Weighted<PlacementKind[]>> = {
  'upper-secondary': [[['praktik'], 1]],
  'post-secondary-short': [
    [['lia'], 8],
    [['lia', 'praktik'], 2],
  ],
  bachelor: [
    [['exjobb'], 4],
    [['praktik'], 2],
    [['lia'], 1],
    [['exjobb', 'trainee'], 1],
  ],
  master: [
    [['exjobb'], 6],
    [['trainee'], 2],
    [['exjobb', 'trainee'], 2],
  ],
  doctoral: [[['exjobb'], 1]],
};

function strategies(random: Random, org: GeneratedOrganisation, difficulty: number, remote: number): Strategy[] {
  const outside = random.chance(0.15 + 0.1 * (difficulty - 1));
  const chosen: Record<Strategy, boolean> = {
    'recruit-local': random.chance(0.55),
    'recruit-outside': outside,
    'relocation-family': random.chance(outside ? (org.sizeClass === '250+' ? 0.4 : 0.2) : 0.03),
    'train-staff': random.chance(TRAIN_STAFF[org.sizeClass]),
    remote: random.chance(remote),
    consultants: random.chance(remote > 0.05 ? 0.15 : 0.05),
  };
  return STRATEGIES.filter((s) => chosen[s]);
}

/**
 * Focus areas for one specialisation. An occupation's own areas come first, those the employer
 * also works in ahead of the rest, earlier ones likelier; an occupation with no areas of its own
 * (sales, HR) takes the employer's. None under this specialisation: the specialisation as a whole.
 */
function focusAreas(
  random: Random,
  ref: NeedReference,
  spec: string,
  occupation: OccupationProfile,
  employer: readonly string[],
): string[] {
  const own = (occupation.areas ?? []).filter((a) => ref.specialisationOf(a) === spec);
  const ofEmployer = employer.filter((a) => ref.specialisationOf(a) === spec);
  const candidates = occupation.areas?.length
    ? [...own.filter((a) => employer.includes(a)), ...own.filter((a) => !employer.includes(a))]
    : ofEmployer;
  if (candidates.length === 0 || random.chance(occupation.whole ?? 0.1)) return [];
  const ranked = candidates.map((a, i) => [a, 1 / (i + 1)] as const);
  const all = ref.areas(spec);
  const picked = new Set<string>();
  const count = random.chance(0.25) ? 2 : 1;
  for (let k = 0; k < count; k++) {
    picked.add(random.chance(0.9) || all.length === 0 ? random.weighted(ranked) : random.pick(all));
  }
  return [...picked];
}

/** One need line, as the survey's submittable document holds it (src/surveys/schemas.ts). */
export function generateNeed(random: Random, ref: NeedReference, org: GeneratedOrganisation): SubmittableNeed {
  const key: OccupationKey = random.weighted(org.profile.occupations);
  const occupation = occupationProfile(key);
  const occupationId = ref.occupationId(occupation.ssyk);
  const specs = occupation.specs ?? org.profile.specs;
  const first = random.weighted(specs);
  const chosen = [first];
  // About a quarter of needs count for two specialisations (see round.ts).
  if (random.chance(0.25)) {
    const others = [...specs, ...org.profile.specs].filter(([code]) => code !== first);
    const fallback: Weighted<SpecialisationCode> = (['smart-industri', 'tech', 'missions'] as const)
      .filter((c) => c !== first)
      .map((c) => [c, 1] as const);
    chosen.push(random.weighted(others.length ? others : fallback));
  }
  const level = random.weighted(occupation.levels);
  const difficulty = Math.min(
    5,
    Math.max(
      1,
      occupation.difficulty +
        random.weighted([
          [-1, 25],
          [0, 50],
          [1, 25],
        ] as const),
    ),
  );
  const skills = ref.skills(occupationId);
  const skillIds = new Set<string>();
  const skillCount = skills.length
    ? random.weighted([
        [0, 30],
        [1, 30],
        [2, 25],
        [3, 15],
      ] as const)
    : 0;
  for (let k = 0; k < skillCount; k++) skillIds.add(random.pick(skills));
  const placement = random.chance(PLACEMENT_CHANCE[org.sizeClass]);
  return {
    occupationId,
    skillIds: [...skillIds],
    specialisations: chosen.map((code) => ({
      code,
      focusAreas: focusAreas(random, ref, code, occupation, org.profile.areas),
    })),
    headcount: headcount(random, org.sizeClass, occupation.volume === 'bulk'),
    horizon: random.weighted(
      occupation.volume === 'bulk'
        ? ([
            ['0-1', 45],
            ['1-3', 38],
            ['3-5', 17],
          ] as const)
        : ([
            ['0-1', 35],
            ['1-3', 42],
            ['3-5', 23],
          ] as const),
    ),
    educationLevel: level,
    difficulty,
    strategies: strategies(random, org, difficulty, occupation.remote ?? 0.03),
    placementOffer: placement
      ? {
          kinds: random.weighted(PLACEMENT_KINDS_BY_LEVEL[level]),
          count: random.skewed(1, org.sizeClass === '250+' ? 8 : 3, 2),
        }
      : null,
    comment: '',
  };
}

const OBSTACLE_WEIGHTS: Record<(typeof OBSTACLES)[number], number> = {
  'few-applicants': 5,
  'skills-mismatch': 4,
  experience: 3,
  'salary-competition': 2,
  location: 2,
  housing: 1.5,
  'partner-work': 1.5,
  'education-missing': 2,
  language: 1,
  other: 0.3,
};

/** The organisation part of a response: size now, expected change, obstacles, interest, consent. */
export function generateOrganisationAnswers(random: Random, org: GeneratedOrganisation): OrganisationAnswers {
  const obstacles = new Set<(typeof OBSTACLES)[number]>();
  const wanted = random.int(1, 3);
  for (let k = 0; k < wanted; k++)
    obstacles.add(random.weighted(OBSTACLES.map((o) => [o, OBSTACLE_WEIGHTS[o]] as const)));
  const change = (years: number) => Math.round(org.employees * years * (random.next() * 0.08 - 0.02));
  return {
    employeesNow: org.employees,
    expectedChange1y: change(1),
    expectedChange3y: change(3),
    obstacles: [...obstacles],
    providerInterest: random.weighted([
      ['yes', 4],
      ['maybe', 4],
      ['no', 2],
    ] as const),
    contactConsent: random.chance(0.6),
  };
}
