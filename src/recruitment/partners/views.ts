import type { SharedProfile } from './schemas.ts';

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Shared profiles as CSV, one row each; lists joined with "; ". Only what the JSON shows. */
export function sharedProfilesCsv(items: readonly SharedProfile[]): string {
  const header = [
    'id',
    'occupations',
    'skills',
    'languages',
    'earliestStart',
    'kommuner',
    'workModes',
    'about',
    'purpose',
    'sharedUntil',
  ];
  const rows = items.map((p) =>
    [
      p.id,
      p.occupations.map((o) => o.labelSv).join('; '),
      p.skills.map((s) => s.labelSv).join('; '),
      p.languages.join('; '),
      p.earliestStart ?? '',
      p.kommuner.map((k) => k.name).join('; '),
      p.workModes.join('; '),
      p.about,
      p.purpose,
      p.sharedUntil,
    ].map(cell),
  );
  return `${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}
