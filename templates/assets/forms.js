// Progressive enhancement only: every form works without this file.
// Moves focus to the error summary after a failed submission so that screen readers announce it.
const summary = document.querySelector('[data-error-summary]');
if (summary instanceof HTMLElement) summary.focus();
// Buttons that ask before a destructive action: <button data-confirm="…">.
for (const button of document.querySelectorAll('[data-confirm]')) {
  button.addEventListener('click', (event) => {
    if (!window.confirm(button.getAttribute('data-confirm') ?? '')) event.preventDefault();
  });
}
// A question that only follows from a ticked box ("Annat" → "Beskriv annat hinder"), GOV.UK's
// conditional reveal: <div data-shown-with="id of the checkbox">. Shown while the box is ticked or
// the question has an answer; without this file it is always shown.
for (const dependent of document.querySelectorAll('[data-shown-with]')) {
  const box = document.getElementById(dependent.getAttribute('data-shown-with') ?? '');
  if (!(box instanceof HTMLInputElement)) continue;
  const answered = () => [...dependent.querySelectorAll('input, textarea')].some((field) => field.value.trim() !== '');
  const update = () => {
    dependent.hidden = !box.checked && !answered();
  };
  box.addEventListener('change', update);
  update();
}
