// Shared by the occupation pickers (occupation-combobox.js, taxonomy-picker.js), imported as an ES
// module; served unversioned with a short cache time, so a deploy reaches it within minutes.

/**
 * A found occupation as markup: "Mjukvaruutvecklare → Mjukvaru- och systemutvecklare m.fl. (2512)"
 * when a job title found it. The arrow is for the eye; a screen reader hears "in the occupation
 * group" instead. JobTech's titles are Swedish, so they are marked so on English pages, as is a
 * group named in Swedish only (`swedishGroup`).
 */
export function titled(target, title, group, inGroup, swedishGroup = false) {
  const english = document.documentElement.lang !== 'sv';
  if (!title) {
    target.textContent = group;
    if (swedishGroup && english) target.lang = 'sv';
    return;
  }
  const name = document.createElement('span');
  name.textContent = title;
  if (document.documentElement.lang !== 'sv') name.lang = 'sv';
  const arrow = document.createElement('span');
  arrow.setAttribute('aria-hidden', 'true');
  arrow.textContent = '→';
  const words = document.createElement('span');
  words.className = 'visually-hidden';
  words.textContent = inGroup;
  const groupName = document.createElement('span');
  groupName.textContent = group;
  if (swedishGroup && english) groupName.lang = 'sv';
  target.replaceChildren(name, ' ', arrow, words, ' ', groupName);
}
