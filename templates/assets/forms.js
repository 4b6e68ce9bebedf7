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
