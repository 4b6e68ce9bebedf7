import { formatDate } from '../i18n/dates.ts';
import type { Language, Translate } from '../i18n/i18n.ts';
import { checkbox, formValues } from '../web/forms.ts';
import type { Conflict, PostedForm } from './placement-form.ts';
import type { Placement } from './queries.ts';
import { listOf, splitList } from './views.ts';

/**
 * When someone else saved a placement while a person edited it, the edit page keeps the person's
 * input in the fields and lists the fields where the stored placement now says something else,
 * with the stored value, so that they can merge the two by hand and save again.
 */
type Shape = 'text' | 'list' | 'flag';

const FIELDS: { name: string; label: string; shape: Shape }[] = [
  { name: 'kind', label: 'placement.field.kind', shape: 'text' },
  { name: 'title', label: 'placement.field.title', shape: 'text' },
  { name: 'description', label: 'placement.field.description', shape: 'text' },
  { name: 'occupationId', label: 'placement.field.occupation', shape: 'text' },
  { name: 'skillIds', label: 'placement.field.skills', shape: 'list' },
  { name: 'specialisations', label: 'placement.field.specialisations', shape: 'list' },
  { name: 'municipalityCode', label: 'placement.field.municipality', shape: 'text' },
  { name: 'remote', label: 'placement.field.remote', shape: 'flag' },
  { name: 'periodStart', label: 'placement.field.periodStart', shape: 'text' },
  { name: 'periodEnd', label: 'placement.field.periodEnd', shape: 'text' },
  { name: 'places', label: 'placement.field.places', shape: 'text' },
  { name: 'applyBy', label: 'placement.field.applyBy', shape: 'text' },
  { name: 'paid', label: 'placement.field.paid', shape: 'flag' },
  { name: 'language', label: 'placement.field.language', shape: 'text' },
  { name: 'requirements', label: 'placement.field.requirements', shape: 'text' },
  { name: 'contact', label: 'placement.field.contact', shape: 'text' },
];

/** A field's value in a comparable form: browsers post CRLF, lists may come in any order. */
function comparable(form: PostedForm, name: string, shape: Shape): string {
  const value = form[name];
  if (shape === 'flag') return String(checkbox(value));
  if (shape === 'list') {
    const items = name === 'skillIds' ? splitList(value) : listOf(value);
    return [...items].sort().join(', ');
  }
  return (formValues({ [name]: value ?? '' })[name] ?? '').replace(/\r\n/g, '\n').trim();
}

function shown(t: Translate, lang: Language, stored: Placement, name: string, value: string): string {
  switch (name) {
    case 'periodStart':
    case 'periodEnd':
    case 'applyBy':
      return formatDate(value, lang) || '–';
    case 'kind':
      return t(`placement.kind.${value}`);
    case 'language':
      return t(`placement.language.${value}`);
    case 'municipalityCode':
      return stored.municipalityName;
    case 'occupationId':
      return `${stored.occupationLabel} (${value})`;
    case 'remote':
    case 'paid':
      return t(value === 'true' ? 'placement.org.yes' : 'placement.org.no');
    default:
      if (!value) return '–';
      return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
}

export function placementConflict(
  t: Translate,
  lang: Language,
  mine: PostedForm,
  stored: Placement,
  storedValues: PostedForm,
): Conflict {
  const fields = FIELDS.flatMap(({ name, label, shape }) => {
    const theirs = comparable(storedValues, name, shape);
    if (comparable(mine, name, shape) === theirs) return [];
    return [{ label: t(label), saved: shown(t, lang, stored, name, theirs) }];
  });
  return { version: stored.version, fields };
}
