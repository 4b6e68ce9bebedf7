// Progressive enhancement of the response form: saves the draft as the person goes. The form
// works without this file ("Spara utkast" posts it). The field ↔ document mapping is the server's
// own (src/surveys/respond/form-mapping.ts, bundled as survey-form.js), so the two cannot drift apart.
const form = document.querySelector('form[data-autosave]');
const status = document.querySelector('[data-autosave-status]');

/** The form's fields as the server reads a post: one string, or a list for repeated names. */
function entriesOf(formElement) {
  const entries = {};
  for (const [name, value] of new FormData(formElement)) {
    if (typeof value !== 'string') continue;
    const earlier = entries[name];
    entries[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return entries;
}

const fill = (template, params) =>
  template.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? params[key] : whole));

async function start(formElement, statusElement) {
  const { formToDocument } = await import(formElement.dataset.mapping);
  const versionField = formElement.querySelector('[data-version]');
  const message = (key, params = {}) => fill(statusElement.dataset[key] ?? '', params);
  // The bar's status is a polite live region: each state replaces the last, read when the person pauses.
  const show = (text, problem = false) => {
    statusElement.textContent = text;
    statusElement.classList.toggle('autosave-status--problem', problem);
  };
  let timer;
  let saving = false;
  let again = false;
  let stopped = false;
  // Changed since the save under way began: its "Sparat" would say too much.
  let dirty = false;
  let submitAfterSave;

  async function save() {
    if (stopped) return;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    dirty = false;
    const body = { version: Number(versionField.value), ...formToDocument(entriesOf(formElement)) };
    try {
      const response = await fetch(formElement.dataset.autosave, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        versionField.value = String(result.version);
        const time = new Date().toLocaleTimeString(document.documentElement.lang || 'sv', {
          hour: '2-digit',
          minute: '2-digit',
        });
        if (!dirty) show(message('msgSaved', { time }));
      } else if (response.status === 409) {
        // A colleague saved first, or the round closed: stop, and keep everything typed.
        stopped = true;
        show(
          result.current ? message('msgConflict', { who: result.current.updatedBy ?? '?' }) : (result.detail ?? ''),
          true,
        );
      } else if (response.status === 422) {
        // "Inte sparat – fel i formuläret": "Spara utkast" shows each error at its field.
        show(message('msgInvalid'), true);
      } else {
        show(message('msgFailed'), true);
      }
    } catch {
      show(message('msgFailed'), true);
    } finally {
      saving = false;
      if (submitAfterSave) {
        const submit = submitAfterSave;
        submitAfterSave = undefined;
        submit();
      } else if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  }

  function schedule() {
    if (stopped) return;
    clearTimeout(timer);
    dirty = true;
    show(message('msgSaving'));
    timer = setTimeout(save, Number(formElement.dataset.autosaveDelay ?? 1500));
  }

  formElement.addEventListener('input', (event) => {
    // Search boxes are not answers; choosing from them triggers its own event.
    if (event.target instanceof Element && event.target.matches('[data-occupation-query], [data-skill-query]')) return;
    schedule();
  });
  formElement.addEventListener('change', (event) => {
    if (event.target instanceof Element && event.target.matches('[data-occupation-query], [data-skill-query]')) return;
    schedule();
  });
  formElement.addEventListener('survey:changed', schedule);
  // A button press while a save is under way waits for it, so that the post carries the new version.
  formElement.addEventListener('submit', (event) => {
    clearTimeout(timer);
    if (!saving) return;
    event.preventDefault();
    const submitter = event.submitter;
    submitAfterSave = () => formElement.requestSubmit(submitter ?? undefined);
  });
}

if (form instanceof HTMLFormElement && status instanceof HTMLElement) start(form, status);
