// Progressive enhancement of the need lines (templates/partials/survey-need.hbs), in the page
// instead of a post each: "Lägg till behov" adds an open line and moves the focus into it, the
// finished lines close to their one-line summary, "Ändra" opens one, "Behåll båda" records the
// decision; focus areas show only under a ticked specialisation; a line with the same occupation
// and horizon as an earlier one is flagged as the person types. Which line is finished and which
// repeats another is decided by the server's own rules (form-mapping.ts, bundled as survey-form.js).
// Without this file every one of these buttons posts the form and the server does the same.
const form = document.querySelector('form[data-autosave]');

const fill = (template, params) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? params[key] : whole));

/** The form's fields as the server reads a post (as survey.js sends them). */
function entriesOf(formElement) {
  const entries = {};
  for (const [name, value] of new FormData(formElement)) {
    if (typeof value !== 'string') continue;
    const earlier = entries[name];
    entries[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return entries;
}

async function start(formElement) {
  const { readFields, needIsComplete, duplicateOf } = await import(formElement.dataset.mapping);
  const list = formElement.querySelector('[data-need-list]');
  const template = formElement.querySelector('template[data-need-template]');
  if (!list || !(template instanceof HTMLTemplateElement)) return;
  const message = (key, params = {}) => fill(formElement.dataset[key] ?? '', params);
  const lines = () => [...list.querySelectorAll(':scope > [data-need]')];
  /** Each line's fields, in page order (a line's index only grows, so the order is the server's). */
  const needs = () => readFields(entriesOf(formElement)).needs;

  const labelOfChecked = (line, name) => {
    const checked = line.querySelector(`input[name="${name}"]:checked`);
    return checked ? (line.querySelector(`label[for="${CSS.escape(checked.id)}"]`)?.textContent ?? '') : '';
  };

  /** "Mjukvaru- och systemutvecklare m.fl. (2512) · 3 personer · Om 1–3 år", as the server writes it. */
  function summaryOf(line, need) {
    const index = line.dataset.need;
    const chosen = line.querySelector('[data-occupation-id]');
    const occupation = need.occupationId
      ? chosen?.dataset.label || labelOfChecked(line, `needs.${index}.occupationId`) || need.occupationId
      : message('msgNoOccupation');
    const count = need.headcount.trim();
    const people = count === '' ? '' : count === '1' ? message('msgPerson') : message('msgPeople', { n: count });
    // The work form (questionnaire version 3 on): extent, work place and whether the post may be shared.
    const shareable = need.openToSharing && line.querySelector('[data-work-form]') ? message('msgShareable') : '';
    return [
      occupation,
      people,
      labelOfChecked(line, `needs.${index}.horizon`),
      labelOfChecked(line, `needs.${index}.extent`),
      labelOfChecked(line, `needs.${index}.workPlace`),
      shareable,
    ]
      .filter(Boolean)
      .join(' · ');
  }

  function close(line, need) {
    const facts = line.querySelector('[data-need-facts]');
    if (facts && need) facts.textContent = summaryOf(line, need);
    let tag = line.querySelector('[data-need-incomplete]');
    if (need && !needIsComplete(need)) {
      if (!tag) {
        tag = document.createElement('strong');
        tag.className = 'tag';
        tag.dataset.needIncomplete = '';
        tag.textContent = message('msgIncomplete');
        facts?.after(' ', tag);
      }
    } else tag?.remove();
    line.querySelector('[data-need-body]')?.setAttribute('hidden', '');
    line.querySelector('[data-need-summary]')?.removeAttribute('hidden');
    line.classList.remove('need--open');
  }

  function open(line) {
    line.querySelector('[data-need-summary]')?.setAttribute('hidden', '');
    line.querySelector('[data-need-body]')?.removeAttribute('hidden');
    line.classList.add('need--open');
  }

  /** Only the line being edited stays open. */
  function closeOthers(keep) {
    const all = needs();
    lines().forEach((line, position) => {
      if (line !== keep && line.classList.contains('need--open')) close(line, all[position]);
    });
  }

  /** The duplicate warnings as the lines stand now. */
  function flagDuplicates() {
    const all = needs();
    lines().forEach((line, position) => {
      const warning = line.querySelector('[data-need-duplicate]');
      if (!warning) return;
      const earlier = duplicateOf(all, position);
      warning.hidden = earlier === undefined;
      const text = warning.querySelector('[data-need-duplicate-text]');
      if (text && earlier !== undefined)
        text.textContent = message('msgDuplicate', { n: position + 1, other: earlier + 1 });
    });
  }

  /** Focus areas under a specialisation only once it is ticked; unticked, its focus areas go with it. */
  function disclose(specialisation, changed) {
    const box = specialisation.querySelector('[data-specialisation-box]');
    const details = specialisation.querySelector('[data-focus-areas]');
    if (!(box instanceof HTMLInputElement) || !(details instanceof HTMLDetailsElement)) return;
    const focus = [...details.querySelectorAll('input[type="checkbox"]')];
    if (changed && !box.checked) for (const area of focus) area.checked = false;
    details.hidden = !box.checked && !focus.some((area) => area.checked);
    if (changed && box.checked) details.open = true;
  }

  const firstField = (line) => line.querySelector('[data-occupation-query]') ?? line;

  function add() {
    closeOthers(null);
    const existing = lines();
    const index = existing.reduce((max, line) => Math.max(max, Number(line.dataset.need) + 1), 0);
    const html = template.innerHTML
      .replaceAll('__index__', String(index))
      .replaceAll('__number__', String(existing.length + 1));
    const holder = document.createElement('div');
    holder.innerHTML = html;
    const line = holder.firstElementChild;
    if (!line) return;
    list.querySelector('[data-needs-none]')?.remove();
    list.append(line);
    for (const specialisation of line.querySelectorAll('[data-specialisation]')) disclose(specialisation, false);
    formElement.dispatchEvent(new CustomEvent('survey:line-added', { detail: line }));
    // The new line's first question, as GOV.UK's "add another" does; saved like a posted one.
    firstField(line).focus();
    formElement.dispatchEvent(new Event('survey:changed'));
  }

  formElement.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const line = target?.closest('[data-need]');
    if (target?.closest('[data-need-add]')) {
      event.preventDefault();
      add();
    } else if (line && target?.closest('[data-need-edit]')) {
      event.preventDefault();
      closeOthers(line);
      open(line);
      firstField(line).focus();
    } else if (line && target?.closest('[data-need-keep]')) {
      event.preventDefault();
      const keep = line.querySelector('[data-keep-separate]');
      if (keep instanceof HTMLInputElement) keep.value = 'true';
      flagDuplicates();
      // The button is gone with the warning: the focus goes to the line it was about.
      line.focus();
      formElement.dispatchEvent(new Event('survey:changed'));
    }
  });
  formElement.addEventListener('change', (event) => {
    const specialisation = event.target instanceof Element ? event.target.closest('[data-specialisation]') : null;
    if (specialisation && event.target.matches('[data-specialisation-box]')) disclose(specialisation, true);
    flagDuplicates();
  });
  formElement.addEventListener('survey:changed', flagDuplicates);

  for (const specialisation of list.querySelectorAll('[data-specialisation]')) disclose(specialisation, false);
}

if (form instanceof HTMLFormElement) start(form);
