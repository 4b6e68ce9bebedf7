/**
 * Messages of the operations feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const operationsSv = {
  'reminderSchedule.title': 'Påminnelser',
  'reminderSchedule.back': 'Tillbaka till {round}',
  'reminderSchedule.intro':
    'Påminnelser skickas automatiskt till de organisationer som inte har skickat in sitt svar, vid de tider du anger här (svensk tid). Omgången är öppen {opens} – {closes}.',
  'reminderSchedule.hint':
    'Ange upp till fem datum. Ett tomt datum betyder ingen påminnelse. Utan klockslag skickas påminnelsen kl. 08:00. Varje organisation får högst en påminnelse per 20 timmar.',
  'reminderSchedule.row': 'Påminnelse {n}',
  'reminderSchedule.date': 'Datum',
  'reminderSchedule.time': 'Klockslag',
  'reminderSchedule.save': 'Spara påminnelser',
  'reminderSchedule.saved': 'Påminnelserna är sparade.',
  'reminderSchedule.invalid': 'Ange ett datum som ÅÅÅÅ-MM-DD och ett klockslag som TT:MM.',
  'reminderSchedule.sent.title': 'Skickade påminnelser',
  'reminderSchedule.sent.item': '{at} (meddelanden: {count})',
  'reminderSchedule.upcoming.title': 'Kommande påminnelser',
  'roundAdmin.reminderSchedule': 'Schemalägg påminnelser',
  'reminderSchedule.outsideRound':
    'En påminnelse måste ligga mellan omgångens öppning och stängning ({opens} – {closes}).',
  'reminderSchedule.closed': 'Omgången är stängd. Dess påminnelser kan inte längre ändras.',
} as const;

export const operationsEn: Record<keyof typeof operationsSv, string> = {
  'reminderSchedule.title': 'Reminders',
  'reminderSchedule.back': 'Back to {round}',
  'reminderSchedule.intro':
    'Reminders go automatically to the organisations that have not submitted their response, at the times you give here (Swedish time). The round is open {opens} – {closes}.',
  'reminderSchedule.hint':
    'Give up to five dates. An empty date means no reminder. Without a time the reminder goes at 08:00. Each organisation gets at most one reminder in 20 hours.',
  'reminderSchedule.row': 'Reminder {n}',
  'reminderSchedule.date': 'Date',
  'reminderSchedule.time': 'Time',
  'reminderSchedule.save': 'Save reminders',
  'reminderSchedule.saved': 'The reminders are saved.',
  'reminderSchedule.invalid': 'Give a date as YYYY-MM-DD and a time as HH:MM.',
  'reminderSchedule.sent.title': 'Reminders sent',
  'reminderSchedule.sent.item': '{at} (messages: {count})',
  'reminderSchedule.upcoming.title': 'Upcoming reminders',
  'roundAdmin.reminderSchedule': 'Schedule reminders',
  'reminderSchedule.outsideRound': 'A reminder must fall between the round opening and closing ({opens} – {closes}).',
  'reminderSchedule.closed': 'The round is closed; its reminders can no longer be changed.',
};
