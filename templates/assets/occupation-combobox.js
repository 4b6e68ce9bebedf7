// Progressive enhancement of the need lines: the occupation search box and the skill search box
// become comboboxes with suggestions as you type (the ARIA 1.2 combobox pattern with a listbox popup
// and aria-activedescendant), and the occupation's suggested skills are fetched when it is chosen.
// Without this file the "Sök" buttons post the form and the server does the same. A line added in
// the page (need-lines.js) is announced with the form's `survey:line-added` event.
import { titled } from './occupation-title.js';

const form = document.querySelector('form[data-autosave]');

/** Skills suggested for an occupation: the few the region's placements ask for most (as the server's SKILL_SUGGESTIONS). */
const SUGGESTED_SKILLS = '8';

const fill = (template, params) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? params[key] : whole));
const labelOf = (occupation, lang) =>
  `${lang === 'en' && occupation.labelEn ? occupation.labelEn : occupation.labelSv}${occupation.ssyk ? ` (${occupation.ssyk})` : ''}`;

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

/**
 * The combobox behaviour both searches share: a listbox after `anchor`, arrow keys to move, Enter to
 * choose (never to submit the form), Escape to close. `find(q)` answers `{ items, say }`, `show(option,
 * item)` fills an option, `choose(item)` takes one.
 */
function combobox({ input, anchor, id, label, find, show, choose }) {
  const listbox = document.createElement('ul');
  listbox.id = id;
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', label);
  listbox.className = 'combobox-list';
  listbox.hidden = true;
  const announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  anchor.after(listbox, announcer);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
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
  const take = (item) => {
    close();
    choose(item);
  };

  async function search() {
    const q = input.value.trim();
    const ticket = ++asked;
    if (q.length < 2) {
      items = [];
      close();
      await find('');
      return;
    }
    const found = await find(q);
    if (ticket !== asked) return; // a later keystroke has asked again
    items = found.items;
    listbox.replaceChildren(
      ...items.map((item, i) => {
        const option = document.createElement('li');
        option.id = `${listbox.id}-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        show(option, item);
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => take(item));
        return option;
      }),
    );
    active = -1;
    open();
    announcer.textContent = found.say;
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
      // Enter in the box never submits the form: it chooses, or searches.
      event.preventDefault();
      const item = expanded && active >= 0 ? items[active] : undefined;
      if (item) take(item);
      else search().catch(() => {});
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return {
    search,
    announcer,
    announce: (text) => {
      announcer.textContent = text;
    },
  };
}

/** A skill box in the line's list: ticked ones are the line's skills, unticking one removes it. */
function skillBox(name, skill, checked) {
  const row = document.createElement('div');
  row.className = 'choice';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = name;
  box.value = skill.id;
  box.id = `field-${name}-${skill.id}`;
  box.checked = checked;
  const label = document.createElement('label');
  label.htmlFor = box.id;
  label.textContent = skill.labelSv;
  // JobTech names skills in Swedish only: on an English page the name is marked so (WCAG 3.1.2).
  if (document.documentElement.lang !== 'sv') label.lang = 'sv';
  row.append(box, ' ', label);
  return row;
}

function enhanceSkills(need, index, messages) {
  const container = need.querySelector('[data-skills]');
  const list = container?.querySelector('[data-skill-options]');
  const input = container?.querySelector('[data-skill-query]');
  const name = `needs.${index}.skillIds`;
  if (!container || !list || !(input instanceof HTMLInputElement)) return async () => {};
  const boxes = () => [...list.querySelectorAll('input[type="checkbox"]')];

  /** The occupation's suggestions in place of the unticked ones; ticked skills stay. */
  async function suggest(occupationId) {
    if (!occupationId) return;
    const params = new URLSearchParams({ occupation: occupationId, limit: SUGGESTED_SKILLS });
    const { items } = await getJson(`/api/v1/taxonomy/skills?${params}`);
    const ticked = new Set();
    for (const box of boxes()) {
      if (box.checked) ticked.add(box.value);
      else box.closest('.choice')?.remove();
    }
    for (const skill of items) if (!ticked.has(skill.id)) list.append(skillBox(name, skill, false));
    const empty = container.querySelector('[data-skills-empty]');
    if (empty) empty.hidden = boxes().length > 0;
  }

  const search = combobox({
    input,
    anchor: input.closest('.search-row') ?? input,
    id: `skill-options-${index}`,
    label: messages.skillsLegend,
    find: async (q) => {
      if (!q) return { items: [], say: '' };
      const { items } = await getJson(`/api/v1/taxonomy/skills?${new URLSearchParams({ q, limit: '10' })}`);
      return {
        items,
        say: items.length ? fill(messages.skillResults, { n: items.length }) : fill(messages.skillNone, { query: q }),
      };
    },
    show: (option, skill) => {
      option.textContent = skill.labelSv;
      if (document.documentElement.lang !== 'sv') option.lang = 'sv';
    },
    // Chosen by search: ticked in the list (unticking removes it again), the box emptied for the next.
    choose: (skill) => {
      const existing = boxes().find((box) => box.value === skill.id);
      if (existing) existing.checked = true;
      else list.prepend(skillBox(name, skill, true));
      const empty = container.querySelector('[data-skills-empty]');
      if (empty) empty.hidden = true;
      input.value = '';
      search.announce(fill(messages.skillAdded, { label: skill.labelSv }));
      form.dispatchEvent(new Event('survey:changed'));
    },
  });
  container.querySelector('[data-skill-search]')?.addEventListener('click', (event) => {
    event.preventDefault();
    input.focus();
    search.search().catch(() => {});
  });
  return suggest;
}

function enhanceOccupation(need, messages) {
  const box = need.querySelector('[data-occupation]');
  const input = box?.querySelector('[data-occupation-query]');
  if (!box || !(input instanceof HTMLInputElement)) return;
  const index = need.dataset.need;
  const suggestSkills = enhanceSkills(need, index, messages);
  const chosen = box.querySelector('[data-occupation-chosen]');
  const lang = document.documentElement.lang;
  // Seen, not only heard: what a search that found nothing found, and the nearest titles to choose.
  const none = document.createElement('div');
  none.className = 'combobox-none';
  none.hidden = true;

  function showNone(q, near) {
    // The page's own "nothing matched" (the search without script) gives way to this one.
    box.querySelector('p[role="status"]:not(.visually-hidden)')?.remove();
    if (q === undefined) {
      none.hidden = true;
      none.replaceChildren();
      return '';
    }
    const text = document.createElement('p');
    text.textContent = `${fill(messages.noMatch, { query: q })} ${near.length ? messages.didYouMean : messages.tryAnother}`;
    none.replaceChildren(text);
    if (near.length) {
      const list = document.createElement('ul');
      list.className = 'combobox-none__choices';
      for (const occupation of near) {
        const choice = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        titled(
          button,
          occupation.title === occupation.labelSv ? null : occupation.title,
          labelOf(occupation, lang),
          messages.inGroup,
        );
        button.addEventListener('click', () => {
          choose(occupation);
          input.focus();
        });
        choice.append(button);
        list.append(choice);
      }
      none.append(list);
    }
    none.hidden = false;
    const names = near.map((occupation) => occupation.title).join(', ');
    return near.length ? `${text.textContent} ${names}?` : text.textContent;
  }

  function choose(occupation) {
    showNone();
    const label = labelOf(occupation, lang);
    input.value = label;
    let hidden = box.querySelector('[data-occupation-id]');
    if (!hidden) {
      // The plain search's radio buttons give way to the one choice.
      box.querySelector('fieldset.choices')?.remove();
      hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = `needs.${index}.occupationId`;
      hidden.dataset.occupationId = '';
      box.append(hidden);
    }
    hidden.value = occupation.id;
    hidden.dataset.label = label;
    if (chosen) chosen.textContent = fill(messages.chosen, { name: label });
    form.dispatchEvent(new Event('survey:changed'));
    suggestSkills(occupation.id).catch(() => {});
  }

  const anchor = box.querySelector('.search-row') ?? input;
  const search = combobox({
    input,
    anchor,
    id: input.dataset.listbox,
    label: box.querySelector('label')?.textContent ?? '',
    find: async (q) => {
      if (!q) {
        showNone();
        return { items: [], say: '' };
      }
      const { items, didYouMean = [] } = await getJson(
        `/api/v1/taxonomy/occupations?${new URLSearchParams({ q, limit: '10' })}`,
      );
      if (items.length) showNone();
      return { items, say: items.length ? fill(messages.results, { n: items.length }) : showNone(q, didYouMean) };
    },
    show: (option, occupation) => titled(option, occupation.matchedTitle, labelOf(occupation, lang), messages.inGroup),
    choose,
  });
  // After the listbox and its announcer: what a search that found nothing found.
  search.announcer.after(none);
  box.querySelector('[data-occupation-search]')?.addEventListener('click', (event) => {
    event.preventDefault();
    input.focus();
    search.search().catch(() => {});
  });
}

if (form instanceof HTMLFormElement) {
  const messages = {
    results: form.dataset.msgResults ?? '',
    chosen: form.dataset.msgChosen ?? '',
    skillsLegend: form.dataset.msgSkills ?? '',
    skillResults: form.dataset.msgSkillResults ?? '',
    skillAdded: form.dataset.msgSkillAdded ?? '',
    skillNone: form.dataset.msgSkillNone ?? '',
    noMatch: form.dataset.msgNoMatch ?? '',
    tryAnother: form.dataset.msgTryAnother ?? '',
    didYouMean: form.dataset.msgDidYouMean ?? '',
    inGroup: form.dataset.msgInGroup ?? '',
  };
  for (const need of form.querySelectorAll('[data-need]')) enhanceOccupation(need, messages);
  form.addEventListener('survey:line-added', (event) => enhanceOccupation(event.detail, messages));
}
