// Progressive enhancement of the need lines: the occupation search box becomes a combobox with
// suggestions as you type (the ARIA 1.2 combobox pattern with a listbox popup and
// aria-activedescendant), and the related skills are fetched when an occupation is chosen. Without
// this file the "Sök" and "Visa kompetenser" buttons post the form and the server does the same.
import { titled } from './occupation-title.js';

const form = document.querySelector('form[data-autosave]');

const fill = (template, params) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? params[key] : whole));
const labelOf = (occupation, lang) =>
  `${lang === 'en' && occupation.labelEn ? occupation.labelEn : occupation.labelSv}${occupation.ssyk ? ` (${occupation.ssyk})` : ''}`;

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

function enhanceSkills(need, index, messages) {
  const container = need.querySelector('[data-skills]');
  const filter = need.querySelector('[data-skill-query]');
  const button = need.querySelector('[data-skill-search]');
  const name = `needs.${index}.skillIds`;

  async function load(occupationId) {
    if (!container || !occupationId) return;
    const params = new URLSearchParams({ occupation: occupationId, limit: '30' });
    if (filter?.value.trim()) params.set('q', filter.value.trim());
    const { items } = await getJson(`/api/v1/taxonomy/skills?${params}`);
    let group = container.querySelector('fieldset');
    if (!group) {
      group = document.createElement('fieldset');
      group.className = 'field choices';
      const legend = document.createElement('legend');
      legend.textContent = messages.skillsLegend;
      group.append(legend);
      container.querySelector('[data-skills-empty]')?.remove();
      container.prepend(group);
    }
    const ticked = new Set();
    for (const box of group.querySelectorAll('input[type="checkbox"]')) {
      if (box.checked) ticked.add(box.value);
      else box.closest('.choice')?.remove();
    }
    for (const skill of items) {
      if (ticked.has(skill.id)) continue;
      const row = document.createElement('div');
      row.className = 'choice';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = name;
      box.value = skill.id;
      box.id = `field-${name}-${skill.id}`;
      const label = document.createElement('label');
      label.htmlFor = box.id;
      label.textContent = skill.labelSv;
      row.append(box, ' ', label);
      group.append(row);
    }
  }

  button?.addEventListener('click', (event) => {
    event.preventDefault();
    load(need.querySelector('[data-occupation-id]')?.value ?? '');
  });
  return load;
}

function enhanceOccupation(need, messages) {
  const box = need.querySelector('[data-occupation]');
  const input = box?.querySelector('[data-occupation-query]');
  if (!box || !(input instanceof HTMLInputElement)) return;
  const index = need.dataset.need;
  const loadSkills = enhanceSkills(need, index, messages);
  const chosen = box.querySelector('[data-occupation-chosen]');
  const lang = document.documentElement.lang;
  const listbox = document.createElement('ul');
  listbox.id = input.dataset.listbox;
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', box.querySelector('label')?.textContent ?? '');
  listbox.className = 'combobox-list';
  listbox.hidden = true;
  const announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  // Seen, not only heard: what a search that found nothing found, and the nearest titles to choose.
  const none = document.createElement('div');
  none.className = 'combobox-none';
  none.hidden = true;
  box.querySelector('.search-row')?.after(listbox, announcer, none);
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
    if (chosen) chosen.textContent = fill(messages.chosen, { name: label });
    close();
    form.dispatchEvent(new Event('survey:changed'));
    loadSkills(occupation.id).catch(() => {});
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
    const { items: found, didYouMean = [] } = await getJson(
      `/api/v1/taxonomy/occupations?${new URLSearchParams({ q, limit: '10' })}`,
    );
    if (ticket !== asked) return; // a later keystroke has asked again
    items = found;
    listbox.replaceChildren(
      ...items.map((occupation, i) => {
        const option = document.createElement('li');
        option.id = `${listbox.id}-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        titled(option, occupation.matchedTitle, labelOf(occupation, lang), messages.inGroup);
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => choose(occupation));
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
      // Enter in the box never submits the form: it chooses, or searches.
      event.preventDefault();
      const occupation = expanded && active >= 0 ? items[active] : undefined;
      if (occupation) choose(occupation);
      else search().catch(() => {});
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  box.querySelector('[data-occupation-search]')?.addEventListener('click', (event) => {
    event.preventDefault();
    input.focus();
    search().catch(() => {});
  });
}

if (form instanceof HTMLFormElement) {
  const messages = {
    results: form.dataset.msgResults ?? '',
    chosen: form.dataset.msgChosen ?? '',
    skillsLegend: form.dataset.msgSkills ?? '',
    noMatch: form.dataset.msgNoMatch ?? '',
    tryAnother: form.dataset.msgTryAnother ?? '',
    didYouMean: form.dataset.msgDidYouMean ?? '',
    inGroup: form.dataset.msgInGroup ?? '',
  };
  for (const need of form.querySelectorAll('[data-need]')) enhanceOccupation(need, messages);
}
