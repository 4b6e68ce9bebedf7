/**
 * Messages of the operations feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const operationsSv = {} as const;

export const operationsEn: Record<keyof typeof operationsSv, string> = {};
