/**
 * Messages of the operations feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const operationsSv = {
  'reminderSchedule.outsideRound':
    'En påminnelse måste ligga mellan omgångens öppning och stängning ({opens} – {closes}).',
  'reminderSchedule.closed': 'Omgången är stängd; dess påminnelser kan inte längre ändras.',
} as const;

export const operationsEn: Record<keyof typeof operationsSv, string> = {
  'reminderSchedule.outsideRound': 'A reminder must fall between the round opening and closing ({opens} – {closes}).',
  'reminderSchedule.closed': 'The round is closed; its reminders can no longer be changed.',
};
