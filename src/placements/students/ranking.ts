import { EDUCATION_LEVELS } from '../../taxonomy/index.ts';

/**
 * The ranking of placements for one student (docs/decisions/0013-placements-and-matching.md).
 * A plain function of the candidate's features and the profile, so that it is deterministic and
 * can be tested on a constructed catalogue. Every point it gives is named in `matched`, which
 * becomes the explanation the student reads.
 */
export const WEIGHTS = {
  /** Per matched skill, times the skill's rarity (idf below). */
  skill: 10,
  occupation: 15,
  specialisation: 8,
  focusArea: 2,
  municipality: 10,
  remote: 6,
  period: 6,
  level: 4,
} as const;

/**
 * The most a candidate can score beyond its matched skills and occupation: the rest of the
 * weights, with the better of kommun and remote. A shortlist ranked by skills and occupation alone
 * is exact when no candidate left out could make up the difference (src/placements/students/recommend.ts).
 */
export const MAX_OTHER_POINTS =
  WEIGHTS.specialisation +
  WEIGHTS.focusArea +
  Math.max(WEIGHTS.municipality, WEIGHTS.remote) +
  WEIGHTS.period +
  WEIGHTS.level;

/**
 * Rarity of a skill among open placements: 1 + ln(N / (1 + df)), never below 0.25. A skill that
 * few placements ask for says more about a match than one that nearly all do.
 */
export function skillRarity(openPlacements: number, placementsWithSkill: number): number {
  return Math.max(0.25, 1 + Math.log(Math.max(1, openPlacements) / (1 + placementsWithSkill)));
}

export interface Candidate {
  id: string;
  kind: string;
  occupationId: string;
  municipalityCode: string;
  remote: boolean;
  periodStart: string;
  periodEnd: string;
  applyBy: string;
  educationLevel: string | null;
  skillIds: string[];
  specialisations: { code: string; focusArea: string }[];
}

export interface RankingProfile {
  skillIds: string[];
  occupationIds: string[];
  specialisations: { code: string; focusAreas: string[] }[];
  municipalityCodes: string[];
  remoteOk: boolean;
  level: string | null;
  expectedGraduation: string | null;
}

export interface Scored {
  id: string;
  score: number;
  skills: string[];
  occupation: boolean;
  specialisations: string[];
  location: 'municipality' | 'remote' | null;
  period: boolean;
  level: boolean;
}

/** Kinds done before graduating; a trainee programme starts after it. */
const AFTER_GRADUATION = new Set(['trainee']);

export function periodFits(kind: string, periodStart: string, periodEnd: string, graduation: string | null): boolean {
  if (!graduation) return false;
  if (AFTER_GRADUATION.has(kind)) return periodStart >= `${graduation}-01`;
  return periodEnd <= `${graduation}-31`;
}

export function levelGroup(sunLevel: string | null): string | null {
  if (!sunLevel) return null;
  return EDUCATION_LEVELS.find((l) => (l.sunLevels as readonly string[]).includes(sunLevel))?.code ?? null;
}

export function scoreCandidate(c: Candidate, p: RankingProfile, rarity: ReadonlyMap<string, number>): Scored {
  const skills = c.skillIds.filter((s) => p.skillIds.includes(s)).sort();
  const skillPoints = skills.reduce((sum, s) => sum + WEIGHTS.skill * (rarity.get(s) ?? 1), 0);
  const occupation = p.occupationIds.includes(c.occupationId);
  const specialisations = [
    ...new Set(c.specialisations.filter((s) => p.specialisations.some((w) => w.code === s.code)).map((s) => s.code)),
  ].sort();
  const focusHit = c.specialisations.some(
    (s) => s.focusArea !== '' && p.specialisations.some((w) => w.code === s.code && w.focusAreas.includes(s.focusArea)),
  );
  const location = p.municipalityCodes.includes(c.municipalityCode)
    ? 'municipality'
    : c.remote && p.remoteOk
      ? 'remote'
      : null;
  const period = periodFits(c.kind, c.periodStart, c.periodEnd, p.expectedGraduation);
  const studentLevel = levelGroup(p.level);
  const level = studentLevel !== null && c.educationLevel === studentLevel;
  const score =
    skillPoints +
    (occupation ? WEIGHTS.occupation : 0) +
    (specialisations.length ? WEIGHTS.specialisation : 0) +
    (focusHit ? WEIGHTS.focusArea : 0) +
    (location === 'municipality' ? WEIGHTS.municipality : location === 'remote' ? WEIGHTS.remote : 0) +
    (period ? WEIGHTS.period : 0) +
    (level ? WEIGHTS.level : 0);
  return {
    id: c.id,
    score: Math.round(score * 100) / 100,
    skills,
    occupation,
    specialisations,
    location,
    period,
    level,
  };
}

/** Highest score first; ties by the sooner deadline, then by id, so the order never wavers. */
export function rank(candidates: Candidate[], p: RankingProfile, rarity: ReadonlyMap<string, number>, limit: number) {
  const applyBy = new Map(candidates.map((c) => [c.id, c.applyBy]));
  return candidates
    .map((c) => scoreCandidate(c, p, rarity))
    .filter((s) => s.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        (applyBy.get(a.id) ?? '').localeCompare(applyBy.get(b.id) ?? '') ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, limit);
}
