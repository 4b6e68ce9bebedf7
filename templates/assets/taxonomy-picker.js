// Progressive enhancement of templates/partials/taxonomy-picker.hbs. The text field (names one a
// line) is hidden and kept up to date; a combobox (the ARIA 1.2 pattern with a listbox popup and
// aria-activedescendant, as in occupation-combobox.js) suggests occupation groups or skills as you
// type, and the chosen ones are listed as chips with a remove button each. An occupation picker
// with data-skills-field offers the occupation's linked skills as checkboxes that add to that
// skill picker. The server resolves the names (src/taxonomy/resolve.ts), so without this file
// the plain text field does the same job.
//
// On an English page a group SCB names in English is shown so (the API's labelEn), while the field
// keeps the Swedish name the server has always resolved (SCB gives 2515 and 3513 the same English
// name); names the taxonomy has in Swedish only (JobTech's own groups, every skill) carry lang="sv".
import { titled } from './occupation-title.js';

const fill = (template, params) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? params[key] : whole));

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

const pickers = new Map();
let counter = 0;
const english = document.documentElement.lang !== 'sv';

/** An element's text, marked Swedish where an English page shows a Swedish-only name. */
function named(element, shown) {
  element.textContent = shown.text;
  if (shown.swedish && english) element.lang = 'sv';
  else element.removeAttribute('lang');
  return element;
}

function enhance(box) {
  const field = box.querySelector('[data-taxonomy-value]');
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  const kind = box.dataset.kind === 'occupation' ? 'occupation' : 'skill';
  const single = box.hasAttribute('data-single');
  const messages = {
    remove: box.dataset.msgRemove ?? '',
    results: box.dataset.msgResults ?? '',
    chosen: box.dataset.msgChosen ?? '',
    linked: box.dataset.msgLinked ?? '',
    suggestions: box.dataset.msgSuggestions ?? '',
    unmatched: box.dataset.msgUnmatched ?? '',
    noMatch: box.dataset.msgNoMatch ?? '',
    tryAnother: box.dataset.msgTryAnother ?? '',
    didYouMean: box.dataset.msgDidYouMean ?? '',
    inGroup: box.dataset.msgInGroup ?? '',
  };
  const n = ++counter;

  // The combobox takes the field's id, so the label, the hint and the error summary's link reach it.
  const input = document.createElement('input');
  input.type = 'text';
  input.id = field.id;
  input.autocomplete = 'off';
  input.maxLength = 200;
  input.className = 'taxonomy-picker__input';
  for (const name of ['aria-describedby', 'aria-invalid']) {
    const value = field.getAttribute(name);
    if (value) input.setAttribute(name, value);
  }
  field.id = `${field.id}-value`;
  field.hidden = true;
  field.removeAttribute('required');

  const listbox = document.createElement('ul');
  listbox.id = `taxonomy-listbox-${n}`;
  listbox.setAttribute('role', 'listbox');
  // Named apart from the field, so that the field's label names the combobox alone.
  listbox.setAttribute('aria-label', messages.suggestions);
  listbox.className = 'combobox-list';
  listbox.hidden = true;
  const announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  const chips = document.createElement('ul');
  chips.className = 'chips';
  chips.setAttribute('aria-label', messages.chosen);
  // Seen, not only heard: what a search that found nothing found, and the nearest titles to choose.
  const none = document.createElement('div');
  none.className = 'combobox-none';
  none.hidden = true;
  const linked = document.createElement('div');
  linked.className = 'taxonomy-picker__linked';
  field.after(chips, input, listbox, announcer, none, linked);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  let entries = field.value
    .split(/\r?\n/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (single) entries = entries.slice(0, 1);
  // How each entry is shown, where it differs from what is posted (an English name, a lang mark).
  // The server writes the field in the page's language and marks it lang="sv" when all is Swedish.
  const shownAs = new Map(entries.map((entry) => [entry, { text: entry, swedish: field.lang === 'sv' }]));
  const shown = (entry) => shownAs.get(entry) ?? { text: entry, swedish: false };
  /** An occupation group or skill from the API, as shown here: SCB's English name where there is one. */
  const display = (item) =>
    english && item.labelEn ? { text: item.labelEn, swedish: false } : { text: item.labelSv, swedish: true };

  const listeners = [];
  const write = () => {
    field.value = entries.join('\n');
    for (const listener of listeners) listener();
  };
  const same = (a, b) => a.toLocaleLowerCase('sv') === b.toLocaleLowerCase('sv');
  const has = (entry) => entries.some((e) => same(e, entry));
  // Typed entries the taxonomy has no such name for: their chips say so before the form is sent.
  const unmatched = new Set();

  function renderChips() {
    chips.replaceChildren(
      ...entries.map((entry) => {
        const chip = document.createElement('li');
        chip.className = 'chip';
        const text = named(document.createElement('span'), shown(entry));
        if (unmatched.has(entry)) {
          chip.classList.add('chip--unmatched');
          const note = document.createElement('span');
          note.className = 'chip__note';
          note.textContent = ` (${messages.unmatched})`;
          text.append(note);
        }
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'chip__remove';
        remove.textContent = '×';
        remove.setAttribute('aria-label', fill(messages.remove, { label: shown(entry).text }));
        remove.addEventListener('click', () => {
          removeEntry(entry);
          input.focus();
        });
        chip.append(text, ' ', remove);
        return chip;
      }),
    );
    chips.hidden = entries.length === 0;
  }

  function addEntry(entry, how) {
    if (how) shownAs.set(entry, how);
    if (!entry || has(entry)) return;
    entries = single ? [entry] : [...entries, entry];
    write();
    renderChips();
  }

  function removeEntry(entry) {
    entries = entries.filter((e) => e !== entry);
    unmatched.delete(entry);
    write();
    renderChips();
    for (const box of linked.querySelectorAll('input[type="checkbox"]')) {
      if (box.dataset.label === entry) box.checked = false;
    }
    if (single && entries.length === 0) linked.replaceChildren();
  }

  let items = [];
  let active = -1;
  let timer;
  let asked = 0;

  const setActive = (next) => {
    active = next;
    listbox.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === active));
      option.classList.toggle('is-active', i === active);
    });
    if (active >= 0) {
      const option = listbox.children[active];
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };
  const open = () => {
    listbox.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
  };

  async function offerLinkedSkills(occupation) {
    const target = pickers.get(box.dataset.skillsField ?? '');
    if (!target) return;
    const params = new URLSearchParams({ occupation: occupation.id, limit: '30' });
    const { items: skills } = await getJson(`/api/v1/taxonomy/skills?${params}`);
    if (skills.length === 0) {
      linked.replaceChildren();
      return;
    }
    const group = document.createElement('fieldset');
    group.className = 'field choices';
    const legend = document.createElement('legend');
    legend.textContent = fill(messages.linked, { label: display(occupation).text });
    group.append(legend);
    for (const skill of skills) {
      const row = document.createElement('div');
      row.className = 'choice';
      const check = document.createElement('input');
      check.type = 'checkbox';
      check.id = `taxonomy-linked-${n}-${skill.id}`;
      check.dataset.label = skill.labelSv;
      check.checked = target.has(skill.labelSv);
      check.addEventListener('change', () => {
        if (check.checked) target.addEntry(skill.labelSv, display(skill));
        else target.removeEntry(skill.labelSv);
      });
      const text = named(document.createElement('label'), display(skill));
      text.htmlFor = check.id;
      row.append(check, ' ', text);
      group.append(row);
    }
    linked.replaceChildren(group);
    // A skill chip removed (or typed) in the skill picker unticks (or ticks) its box here.
    target.onChange(() => {
      for (const check of group.querySelectorAll('input[type="checkbox"]'))
        check.checked = target.has(check.dataset.label);
    });
  }

  // Text typed and kept, not chosen from the suggestions: an exact name (or id, or SSYK code) becomes
  // the taxonomy's own label; anything else stays as typed, marked, for the server to name on save.
  async function addTyped(text) {
    addEntry(text);
    const path = kind === 'occupation' ? 'occupations' : 'skills';
    let found = [];
    try {
      ({ items: found } = await getJson(`/api/v1/taxonomy/${path}?${new URLSearchParams({ q: text, limit: '20' })}`));
    } catch {
      return; // offline or refused: the server still checks the name on save
    }
    // A job title that names its group exactly ("Mjukvaruutvecklare") is that group, as on the server.
    // An English name counts where it names one group only, as the server resolves it.
    const byEnglish = found.filter((item) => item.labelEn && same(item.labelEn, text));
    const match = found.find(
      (item) =>
        same(item.labelSv, text) ||
        item.id === text ||
        item.ssyk === text ||
        (byEnglish.length === 1 && item === byEnglish[0]) ||
        (item.matchedTitle && same(item.matchedTitle, text) && item.matchedBy !== 'keyword'),
    );
    if (!entries.includes(text)) return; // removed while we asked
    if (match) {
      shownAs.set(match.labelSv, display(match));
      entries = entries.map((e) => (e === text ? match.labelSv : e));
      entries = entries.filter((e, i) => entries.findIndex((other) => same(other, e)) === i);
    } else unmatched.add(text);
    write();
    renderChips();
  }

  function showNone(q, near) {
    if (q === undefined) {
      none.hidden = true;
      none.replaceChildren();
      return '';
    }
    const text = document.createElement('p');
    // "Try another word or an SSYK code" is about occupations; a skill search just says it found nothing.
    const next = near.length ? messages.didYouMean : kind === 'occupation' ? messages.tryAnother : '';
    text.textContent = `${fill(messages.noMatch, { query: q })} ${next}`.trim();
    none.replaceChildren(text);
    if (near.length) {
      const list = document.createElement('ul');
      list.className = 'combobox-none__choices';
      for (const item of near) {
        const choice = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        const how = display(item);
        titled(button, item.title === item.labelSv ? null : item.title, how.text, messages.inGroup, how.swedish);
        button.addEventListener('click', () => {
          choose(item);
          input.focus();
        });
        choice.append(button);
        list.append(choice);
      }
      none.append(list);
    }
    none.hidden = false;
    const names = near.map((item) => item.title).join(', ');
    return near.length ? `${text.textContent} ${names}?` : text.textContent;
  }

  function choose(item) {
    addEntry(item.labelSv, display(item));
    input.value = '';
    close();
    showNone();
    if (kind === 'occupation' && box.dataset.skillsField) offerLinkedSkills(item).catch(() => {});
  }

  async function search() {
    const q = input.value.trim();
    const ticket = ++asked;
    if (q.length < 2) {
      items = [];
      close();
      showNone();
      return;
    }
    const path = kind === 'occupation' ? 'occupations' : 'skills';
    const { items: found, didYouMean = [] } = await getJson(
      `/api/v1/taxonomy/${path}?${new URLSearchParams({ q, limit: '10' })}`,
    );
    if (ticket !== asked) return; // a later keystroke has asked again
    items = found;
    listbox.replaceChildren(
      ...items.map((item, i) => {
        const option = document.createElement('li');
        option.id = `${listbox.id}-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        const how = display(item);
        titled(
          option,
          item.matchedTitle,
          item.ssyk ? `${how.text} (${item.ssyk})` : how.text,
          messages.inGroup,
          how.swedish,
        );
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => choose(item));
        return option;
      }),
    );
    active = -1;
    open();
    announcer.textContent = items.length ? fill(messages.results, { n: items.length }) : showNone(q, didYouMean);
    if (items.length) showNone();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search().catch(() => {}), 250);
  });
  input.addEventListener('keydown', (event) => {
    const expanded = input.getAttribute('aria-expanded') === 'true';
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!expanded) open();
      if (items.length) setActive(Math.min(active + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length) setActive(Math.max(active - 1, 0));
    } else if (event.key === 'Enter') {
      // Enter in the box never submits the form: it chooses a suggestion, or keeps the text as typed.
      event.preventDefault();
      const item = expanded && active >= 0 ? items[active] : undefined;
      if (item) choose(item);
      else if (input.value.trim()) {
        addTyped(input.value.trim()).catch(() => {});
        input.value = '';
        close();
      }
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  // Text typed but not chosen is posted too, for the server to resolve or to name.
  field.form?.addEventListener('submit', () => {
    if (input.value.trim()) addEntry(input.value.trim());
  });

  renderChips();
  pickers.set(field.name, { has, addEntry, removeEntry, onChange: (listener) => listeners.push(listener) });
}

for (const box of document.querySelectorAll('[data-taxonomy-picker]')) enhance(box);
