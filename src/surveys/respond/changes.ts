import type { ResponseDocument } from '../schemas.ts';

export interface RevisionChanges {
  organisation: { field: string; before: unknown; after: unknown }[];
  needsAdded: number;
  needsRemoved: number;
  needsChanged: number;
}

/** What a submission changed from the one before it; need lines are matched by position. */
export function describeChanges(before: ResponseDocument | null, after: ResponseDocument): RevisionChanges {
  const previous = before ?? { organisation: {}, needs: [] };
  const fields = new Set([...Object.keys(previous.organisation), ...Object.keys(after.organisation)]);
  const organisation = [...fields]
    .sort()
    .map((field) => ({
      field,
      before: (previous.organisation as Record<string, unknown>)[field] ?? null,
      after: (after.organisation as Record<string, unknown>)[field] ?? null,
    }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
  const shared = Math.min(previous.needs.length, after.needs.length);
  let needsChanged = 0;
  for (let i = 0; i < shared; i++) {
    if (JSON.stringify(previous.needs[i]) !== JSON.stringify(after.needs[i])) needsChanged++;
  }
  return {
    organisation,
    needsAdded: Math.max(0, after.needs.length - previous.needs.length),
    needsRemoved: Math.max(0, previous.needs.length - after.needs.length),
    needsChanged,
  };
}
