/**
 * Messages of the education feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const educationSv = {} as const;

export const educationEn: Record<keyof typeof educationSv, string> = {};
