/**
 * Messages of the placements feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const placementsSv = {} as const;

export const placementsEn: Record<keyof typeof placementsSv, string> = {};
