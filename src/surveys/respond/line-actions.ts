import { duplicateOf, emptyNeed, type NeedFields, type ResponseFields, toNumber } from './form-mapping.ts';

/**
 * The buttons that change the need lines of the response form without JavaScript: each is a post
 * that is saved and then redirected to the line it concerns (the page's address ends `#need-N`),
 * so that a reload repeats nothing. With the script, adding and opening a line happen in the page
 * (templates/assets/need-lines.js) and these are what the post does when it is not there.
 */
export interface LineChange {
  fields: ResponseFields;
  /** Where the page goes after the save: a query (the line to open) and an anchor. */
  to: string;
  /** The line to show open if the save is refused and the form is shown again. */
  open?: number;
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** Two numbers as typed added up ("3" and "2" make "5"); what is not a whole number is kept as typed. */
function sum(a: string, b: string): string {
  const [x, y] = [toNumber(a), toNumber(b)];
  if (typeof x === 'number' && typeof y === 'number') return String(x + y);
  return a.trim() === '' ? b : a;
}

/**
 * One need made of two with the same occupation and horizon: the people added up, every skill,
 * specialisation, focus area, strategy and kind of placement of either, a partner's need of work if
 * either says so, openness to sharing the post only if both say so, and the earlier line's
 * answer where the two answered one question differently (the person sees the result and can change it).
 */
export function mergeNeeds(into: NeedFields, from: NeedFields): NeedFields {
  const first = (a: string, b: string) => (a.trim() === '' ? b : a);
  return {
    ...into,
    occupationQuery: first(into.occupationQuery, from.occupationQuery),
    skillIds: unique([...into.skillIds, ...from.skillIds]),
    specialisations: unique([...into.specialisations, ...from.specialisations]),
    focusAreas: unique([...into.focusAreas, ...from.focusAreas]),
    headcount: sum(into.headcount, from.headcount),
    educationLevel: first(into.educationLevel, from.educationLevel),
    difficulty: first(into.difficulty, from.difficulty),
    strategies: unique([...into.strategies, ...from.strategies]),
    // A partner who also needs work in either line is a condition of the merged recruitment too.
    partnerNeedsWork: [into.partnerNeedsWork, from.partnerNeedsWork].includes('yes')
      ? 'yes'
      : first(into.partnerNeedsWork, from.partnerNeedsWork),
    workPlace: first(into.workPlace, from.workPlace),
    extent: first(into.extent, from.extent),
    // Consent to be introduced to other organisations: the merged line gives it only if both lines did.
    openToSharing: into.openToSharing && from.openToSharing,
    placementKinds: unique([...into.placementKinds, ...from.placementKinds]),
    placementCount: sum(into.placementCount, from.placementCount),
    comment: [into.comment.trim(), from.comment.trim()].filter(Boolean).join('\n'),
  };
}

const at = (line: number) => `#need-${line + 1}`;

/**
 * What a line's button does to the fields ("add", "edit:2", "remove:2", "merge:2", "keep:2"), or
 * undefined when the action is not one of them (or names a line the form does not have).
 */
export function changeLines(fields: ResponseFields, action: string, line: number): LineChange | undefined {
  const needs = [...fields.needs];
  const with_ = (next: NeedFields[], to: string, open?: number): LineChange => ({
    fields: { ...fields, needs: next },
    to,
    ...(open === undefined ? {} : { open }),
  });
  if (action === 'add') return with_([...needs, emptyNeed()], at(needs.length), needs.length);
  const need = needs[line];
  if (!need || !Number.isInteger(line)) return undefined;
  switch (action) {
    case 'edit':
      return with_(needs, `?line=${line + 1}${at(line)}`, line);
    case 'remove':
      return with_(
        needs.filter((_, i) => i !== line),
        '#needs',
      );
    case 'merge': {
      const earlier = duplicateOf(needs, line);
      // The pair is gone already (a colleague changed it, or the page is old): nothing to merge.
      if (earlier === undefined) return with_(needs, at(line));
      const merged = needs.map((n, i) => (i === earlier ? mergeNeeds(n, need) : n)).filter((_, i) => i !== line);
      return with_(merged, `?line=${earlier + 1}${at(earlier)}`, earlier);
    }
    case 'keep':
      return with_(
        needs.map((n, i) => (i === line ? { ...n, keepSeparate: true } : n)),
        at(line),
      );
    default:
      return undefined;
  }
}
