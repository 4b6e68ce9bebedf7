/**
 * The one mapping between the response form's fields and the JSON document of the API
 * (schemas.ts). The page's POST handler uses it, and so does the autosave script in the browser:
 * scripts/build-templates.ts bundles this file into the asset `survey-form.js`, so it imports
 * nothing that cannot run in a browser.
 *
 * Field names: organisation questions by their code (`employeesNow`, `obstacles`, …); need lines
 * as `needs.<index>.<field>`, where a hidden `needs.<index>.line` keeps an empty line in the form.
 * Values that are not numbers are passed on as typed, so that the schema says what is wrong.
 */
export type FormEntries = Record<string, string | string[] | undefined>;

export interface OrganisationFields {
  employeesNow: string;
  expectedChange1y: string;
  expectedChange3y: string;
  obstacles: string[];
  obstaclesOther: string;
  providerInterest: string;
  contactConsent: boolean;
}

export interface NeedFields {
  occupationId: string;
  /** The occupation search text (not stored). */
  occupationQuery: string;
  skillIds: string[];
  /** Narrows the suggested skills (not stored). */
  skillQuery: string;
  /** Specialisations ticked as a whole. */
  specialisations: string[];
  /** Focus areas as `specialisation/focusArea`. */
  focusAreas: string[];
  headcount: string;
  horizon: string;
  educationLevel: string;
  difficulty: string;
  strategies: string[];
  /** Questionnaire version 2 on: 'yes', 'no' or '' (not answered). */
  partnerNeedsWork: string;
  /** Questionnaire version 3 on: 'on-site', 'hybrid', 'remote' or '' (not answered). */
  workPlace: string;
  /** Version 3 on: 'full-time', 'part-time' or ''. */
  extent: string;
  /** Version 3 on: the organisation may be introduced to others with the same part-time need. */
  openToSharing: boolean;
  placementKinds: string[];
  placementCount: string;
  comment: string;
  /**
   * The person chose to keep this line apart from an earlier one with the same occupation and
   * horizon ("Behåll båda"); until then the form flags the pair and merges nothing by itself.
   */
  keepSeparate: boolean;
}

export interface ResponseFields {
  organisation: OrganisationFields;
  needs: NeedFields[];
}

/** The document as the schema receives it (not yet validated). */
export interface RawDocument {
  organisation: Record<string, unknown>;
  needs: Record<string, unknown>[];
}

/** What the stored document looks like, as far as the mapping needs to know. */
export interface DocumentLike {
  organisation: {
    employeesNow?: number | null | undefined;
    expectedChange1y?: number | null | undefined;
    expectedChange3y?: number | null | undefined;
    obstacles?: readonly string[] | undefined;
    obstaclesOther?: string | undefined;
    providerInterest?: string | null | undefined;
    contactConsent?: boolean | undefined;
  };
  needs: readonly {
    occupationId?: string | null | undefined;
    skillIds: readonly string[];
    specialisations: readonly { code: string; focusAreas: readonly string[] }[];
    headcount?: number | null | undefined;
    horizon?: string | null | undefined;
    educationLevel?: string | null | undefined;
    difficulty?: number | null | undefined;
    strategies: readonly string[];
    partnerNeedsWork?: boolean | null | undefined;
    workPlace?: string | null | undefined;
    extent?: string | null | undefined;
    openToSharing?: boolean | undefined;
    placementOffer: { kinds: readonly string[]; count: number } | null;
    comment: string;
    keepSeparate?: boolean | undefined;
  }[];
}

export const needField = (index: number | string, name: keyof NeedFields | 'line') => `needs.${index}.${name}`;

/** Booleans posted by a checkbox or a hidden field. */
const yes = (value: string) => ['true', 'on', '1'].includes(value);

const text = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).toString();
const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter((v) => v !== '');
const unique = (values: string[]) => [...new Set(values)];

export function emptyNeed(): NeedFields {
  return {
    occupationId: '',
    occupationQuery: '',
    skillIds: [],
    skillQuery: '',
    specialisations: [],
    focusAreas: [],
    headcount: '',
    horizon: '',
    educationLevel: '',
    difficulty: '',
    strategies: [],
    partnerNeedsWork: '',
    workPlace: '',
    extent: '',
    openToSharing: false,
    placementKinds: [],
    placementCount: '',
    comment: '',
    keepSeparate: false,
  };
}

/** The fields as posted (a browser's FormData, or the parsed body of a form post). */
export function readFields(entries: FormEntries): ResponseFields {
  const indices = new Set<number>();
  for (const key of Object.keys(entries)) {
    const match = /^needs\.(\d{1,4})\./.exec(key);
    if (match) indices.add(Number(match[1]));
  }
  const needs = [...indices]
    .sort((a, b) => a - b)
    .map((i) => {
      const get = (name: keyof NeedFields) => entries[needField(i, name)];
      return {
        occupationId: text(get('occupationId')).trim(),
        occupationQuery: text(get('occupationQuery')),
        skillIds: list(get('skillIds')),
        skillQuery: text(get('skillQuery')),
        specialisations: list(get('specialisations')),
        focusAreas: list(get('focusAreas')),
        headcount: text(get('headcount')),
        horizon: text(get('horizon')),
        educationLevel: text(get('educationLevel')),
        difficulty: text(get('difficulty')),
        strategies: list(get('strategies')),
        partnerNeedsWork: text(get('partnerNeedsWork')),
        workPlace: text(get('workPlace')),
        extent: text(get('extent')),
        openToSharing: yes(text(get('openToSharing'))),
        placementKinds: list(get('placementKinds')),
        placementCount: text(get('placementCount')),
        comment: text(get('comment')),
        keepSeparate: yes(text(get('keepSeparate'))),
      };
    });
  return {
    organisation: {
      employeesNow: text(entries.employeesNow),
      expectedChange1y: text(entries.expectedChange1y),
      expectedChange3y: text(entries.expectedChange3y),
      obstacles: list(entries.obstacles),
      obstaclesOther: text(entries.obstaclesOther),
      providerInterest: text(entries.providerInterest),
      contactConsent: yes(text(entries.contactConsent)),
    },
    needs,
  };
}

/** A whole number as people write it ("1 200", "−3"); anything else is passed on as typed. */
export function toNumber(value: string): number | string | null {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  if (compact === '') return null;
  if (/^[-+]?\d{1,12}$/.test(compact)) return Number(compact);
  if (/^[-+]?\d{1,12}[.,]\d{1,6}$/.test(compact)) return Number(compact.replace(',', '.'));
  return value.trim();
}

function specialisationsOf(need: NeedFields) {
  const focus = need.focusAreas.map((value) => {
    const [code = '', area = ''] = value.split('/');
    return { code, area };
  });
  // In code order, so that the same choices always make the same document (revisions compare them).
  const codes = unique([...need.specialisations, ...focus.map((f) => f.code)]).sort();
  return codes.map((code) => ({
    code,
    focusAreas: unique(focus.filter((f) => f.code === code && f.area !== '').map((f) => f.area)),
  }));
}

/** A yes/no answer: true, false, or the value as typed for the schema to refuse. */
const yesNo = (value: string): boolean | string => (value === 'yes' ? true : value === 'no' ? false : value);

/** The document the fields describe; an unanswered organisation question is left out. */
export function fieldsToDocument(fields: ResponseFields): RawDocument {
  const o = fields.organisation;
  const organisation: Record<string, unknown> = {};
  for (const key of ['employeesNow', 'expectedChange1y', 'expectedChange3y'] as const) {
    const value = toNumber(o[key]);
    if (value !== null) organisation[key] = value;
  }
  if (o.obstacles.length) organisation.obstacles = unique(o.obstacles);
  if (o.obstaclesOther.trim()) organisation.obstaclesOther = o.obstaclesOther.trim();
  if (o.providerInterest) organisation.providerInterest = o.providerInterest;
  if (o.contactConsent) organisation.contactConsent = true;
  const needs = fields.needs.map((need) => ({
    occupationId: need.occupationId || null,
    skillIds: unique(need.skillIds),
    specialisations: specialisationsOf(need),
    headcount: toNumber(need.headcount),
    horizon: need.horizon || null,
    educationLevel: need.educationLevel || null,
    difficulty: toNumber(need.difficulty),
    strategies: unique(need.strategies),
    // Left out when not answered, as a version 1 document has it (the round's version fills in null).
    ...(need.partnerNeedsWork === '' ? {} : { partnerNeedsWork: yesNo(need.partnerNeedsWork) }),
    // The work form (version 3 on), left out when not answered; the round's version fills in the rest
    // or, if it does not ask it, drops it (questionnaire-answers.ts).
    ...(need.workPlace === '' ? {} : { workPlace: need.workPlace }),
    ...(need.extent === '' ? {} : { extent: need.extent }),
    ...(need.openToSharing ? { openToSharing: true } : {}),
    placementOffer:
      need.placementKinds.length || need.placementCount.trim()
        ? { kinds: unique(need.placementKinds), count: toNumber(need.placementCount) }
        : null,
    comment: need.comment.trim(),
    // Only a decision is stored: a line nobody has decided about carries no such field.
    ...(need.keepSeparate ? { keepSeparate: true } : {}),
  }));
  return { organisation, needs };
}

export const formToDocument = (entries: FormEntries): RawDocument => fieldsToDocument(readFields(entries));

const numberText = (value: number | null | undefined) => (typeof value === 'number' ? String(value) : '');

/** The fields that show a stored document; `occupationLabel` fills the search box with the chosen name. */
export function documentToFields(document: DocumentLike, occupationLabel: (id: string) => string): ResponseFields {
  const o = document.organisation;
  return {
    organisation: {
      employeesNow: numberText(o.employeesNow),
      expectedChange1y: numberText(o.expectedChange1y),
      expectedChange3y: numberText(o.expectedChange3y),
      obstacles: [...(o.obstacles ?? [])],
      obstaclesOther: o.obstaclesOther ?? '',
      providerInterest: o.providerInterest ?? '',
      contactConsent: o.contactConsent === true,
    },
    needs: document.needs.map((need) => ({
      ...emptyNeed(),
      occupationId: need.occupationId ?? '',
      occupationQuery: need.occupationId ? occupationLabel(need.occupationId) : '',
      skillIds: [...need.skillIds],
      // A specialisation is ticked whenever the need counts for it; its focus areas narrow it.
      specialisations: need.specialisations.map((s) => s.code),
      focusAreas: need.specialisations.flatMap((s) => s.focusAreas.map((area) => `${s.code}/${area}`)),
      headcount: numberText(need.headcount),
      horizon: need.horizon ?? '',
      educationLevel: need.educationLevel ?? '',
      difficulty: numberText(need.difficulty),
      strategies: [...need.strategies],
      partnerNeedsWork: need.partnerNeedsWork === true ? 'yes' : need.partnerNeedsWork === false ? 'no' : '',
      workPlace: need.workPlace ?? '',
      extent: need.extent ?? '',
      openToSharing: need.openToSharing === true,
      placementKinds: [...(need.placementOffer?.kinds ?? [])],
      placementCount: numberText(need.placementOffer?.count),
      comment: need.comment,
      keepSeparate: need.keepSeparate === true,
    })),
  };
}

/**
 * Whether a line has every answer a submission asks for (whether each is valid is the schema's to
 * say): such a line is shown as a one-line summary, the others open. The server and the browser's
 * script decide alike.
 */
export function needIsComplete(need: NeedFields): boolean {
  return (
    need.occupationId !== '' &&
    (need.specialisations.length > 0 || need.focusAreas.length > 0) &&
    need.headcount.trim() !== '' &&
    need.horizon !== '' &&
    need.educationLevel !== '' &&
    need.difficulty !== ''
  );
}

/**
 * The earlier line (its index) that this one repeats: the same occupation and horizon, which the
 * questionnaire asks to give as one need. Undefined when there is none, or when the person has
 * chosen to keep the two apart.
 */
export function duplicateOf(needs: readonly NeedFields[], index: number): number | undefined {
  const need = needs[index];
  if (!need || need.keepSeparate || need.occupationId === '' || need.horizon === '') return undefined;
  const earlier = needs.findIndex(
    (other, i) => i < index && other.occupationId === need.occupationId && other.horizon === need.horizon,
  );
  return earlier >= 0 ? earlier : undefined;
}

/**
 * The form field that an error path of the schema (or of the reference check) belongs to, so that
 * the error summary can link to it: `needs.0.placementOffer.count` → `needs.0.placementCount`.
 * `form` is the form as a whole.
 */
export function fieldNameForPath(path: string): string {
  const [head, second, field, detail] = path.split('.');
  if (head === 'organisation') return second ?? 'form';
  if (head !== 'needs' || second === undefined || !/^\d+$/.test(second)) return 'form';
  switch (field) {
    case undefined:
    case 'occupationId':
      return needField(second, 'occupationQuery');
    case 'placementOffer':
      return needField(second, detail === 'count' ? 'placementCount' : 'placementKinds');
    case 'skillIds':
    case 'specialisations':
    case 'headcount':
    case 'horizon':
    case 'educationLevel':
    case 'difficulty':
    case 'strategies':
    case 'partnerNeedsWork':
    case 'workPlace':
    case 'extent':
    case 'openToSharing':
    case 'comment':
    case 'keepSeparate':
      return needField(second, field);
    default:
      return 'form';
  }
}
