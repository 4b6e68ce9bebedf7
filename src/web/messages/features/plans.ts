/**
 * Messages of the plans feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const plansSv = {} as const;

export const plansEn: Record<keyof typeof plansSv, string> = {};
