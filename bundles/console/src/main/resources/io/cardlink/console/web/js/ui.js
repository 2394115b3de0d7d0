// Shared pieces of the views: notices, dialogs, status icons, form fields with their problems, the save button that
// says what is missing, and the selectable lists of the overview.

import {append, button, clear, h, icon, uid} from './dom.js';

// ---- notices

/** A message at the bottom of the screen; errors stay until closed, others go after a few seconds. */
export function notify(message, kind = 'info') {
  const area = document.getElementById('notices');
  const close = () => item.remove();
  const item = h('div', {class: ['notice', `notice-${kind}`], role: kind === 'error' ? 'alert' : 'status'},
      h('span', {text: message}),
      h('button', {type: 'button', class: 'notice-close', 'aria-label': 'Close message', onClick: close}, '×'));
  area.append(item);
  if (kind !== 'error') {
    setTimeout(close, 6000);
  }
}

/** What went wrong with a call, in one sentence. */
export function describe(error) {
  if (!error) {
    return 'Something went wrong.';
  }
  if (error.status === 403) {
    return `Not allowed: ${error.message}`;
  }
  if (error.status === 503) {
    return `Not available right now: ${error.message}`;
  }
  const fields = error.fields && error.fields.length
    ? ` (${error.fields.map((f) => `${f.field}: ${f.problem}`).join('; ')})` : '';
  return error.fields && error.fields.length ? `Refused${fields}` : error.message;
}

// ---- dialogs

/**
 * A modal dialog: focus moves into it, Tab stays inside, Escape closes it, and focus returns where it was.
 * Returns {element, body, footer, close}; onClose runs when it closes.
 */
export function dialog(title, {onClose, wide = false} = {}) {
  const previous = document.activeElement;
  const titleId = uid('dialog-title');
  const body = h('div', {class: 'dialog-body'});
  const footer = h('div', {class: 'dialog-footer'});
  const box = h('div', {class: ['dialog', wide && 'dialog-wide'], role: 'dialog', 'aria-modal': 'true',
    'aria-labelledby': titleId, tabindex: '-1'},
  h('h2', {id: titleId, class: 'dialog-title', text: title}), body, footer);
  const backdrop = h('div', {class: 'backdrop'}, box);
  let closed = false;
  const close = () => {
    if (closed) {
      return;
    }
    closed = true;
    backdrop.remove();
    document.removeEventListener('keydown', onKey, true);
    if (previous && previous.isConnected) {
      previous.focus();
    }
    if (onClose) {
      onClose();
    }
  };
  const onKey = (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      const focusable = [...box.querySelectorAll('button, [href], input, select, textarea, [tabindex="0"]')]
          .filter((el) => !el.disabled && el.offsetParent !== null);
      if (focusable.length === 0) {
        return;
      }
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };
  document.addEventListener('keydown', onKey, true);
  document.body.append(backdrop);
  setTimeout(() => {
    const first = box.querySelector('input, select, textarea, .dialog-footer button.primary');
    (first || box).focus();
  });
  return {element: box, body, footer, close};
}

/**
 * Asks before something that can't be undone. content: nodes for the dialog's body. Resolves to true when confirmed.
 */
export function confirmDialog(title, content, confirmText, {danger = true} = {}) {
  return new Promise((resolve) => {
    let answer = false;
    const d = dialog(title, {onClose: () => resolve(answer)});
    append(d.body, content);
    d.footer.append(
        button('Cancel', null, () => d.close()),
        button(confirmText, danger ? 'trash' : null, () => {
          answer = true;
          d.close();
        }, {class: danger ? 'danger' : 'primary'}));
  });
}

/** Asks for one text, such as the name of a copy. Resolves to the text, or null when cancelled. */
export function promptDialog(title, label, initial, confirmText) {
  return new Promise((resolve) => {
    let answer = null;
    const d = dialog(title, {onClose: () => resolve(answer)});
    const id = uid('prompt');
    const input = h('input', {id, type: 'text', value: initial, autocomplete: 'off'});
    const form = h('form', {onSubmit: (event) => {
      event.preventDefault();
      if (input.value.trim()) {
        answer = input.value.trim();
        d.close();
      }
    }}, h('div', {class: 'field'}, h('label', {for: id, text: label}), input));
    d.body.append(form);
    d.footer.append(button('Cancel', null, () => d.close()),
        button(confirmText, null, () => form.requestSubmit(), {class: 'primary'}));
    setTimeout(() => input.select());
  });
}

// ---- status icons

const RUN_STATUS = {
  SUCCESS: ['check', 'ok', 'Success'],
  COMPLETED_WITH_ERRORS: ['alert', 'warning', 'Completed with errors'],
  ERROR: ['cross', 'failed', 'Error'],
  INTERRUPTED: ['cross', 'failed', 'Interrupted'],
  STOPPED: ['stop', 'idle', 'Stopped'],
  RUNNING: ['running', 'active', 'Running'],
  WAITING: ['clock', 'idle', 'Waiting'],
  SCHEDULED: ['clock', 'idle', 'Scheduled'],
};

/** The colour class of a run status: ok (green), warning (orange), failed (red) or idle (grey, also for running). */
export function runTone(status) {
  return (RUN_STATUS[status] || [null, 'idle'])[1];
}

/** A phase's or run's status as icon and word; a task that never ran shows a grey clock. */
export function runStatus(status) {
  const [name, tone, label] = RUN_STATUS[status] || ['clock', 'idle', 'Not run yet'];
  return h('span', {class: ['status', `status-${tone}`]}, icon(name, null), h('span', {text: label}));
}

const CONNECTOR_STATUS = {
  OK: ['check', 'ok', 'Last runs fine'],
  FAILING: ['cross', 'failed', 'A last run failed'],
  WARNING: ['alert', 'warning', 'Warning: a last run completed with errors, or there is an open alert'],
  NEVER_RUN: ['clock', 'idle', 'Not run yet'],
  TYPE_NOT_INSTALLED: ['alert', 'problem', 'Problem: the connector type is not installed, so its tasks do not run'],
};

/** The overview's status icon of a connector; nothing (but a word for screen readers) without scheduled tasks. */
export function connectorStatus(status) {
  const known = CONNECTOR_STATUS[status];
  if (!known) {
    return h('span', {class: 'visually-hidden', text: 'No scheduled task'});
  }
  const [name, tone, label] = known;
  return h('span', {class: ['status', `status-${tone}`], title: label}, icon(name, label));
}

/** A yes/no icon with its word, such as Enabled. */
export function yesNo(value, yes, no) {
  return h('span', {class: ['status', value ? 'status-ok' : 'status-failed'], title: value ? yes : no},
      icon(value ? 'check' : 'cross', value ? yes : no));
}

// ---- forms

/**
 * A labelled field: its control, a hint, and a place for the server's problem with it. key is the API's name of
 * the field (such as mapping.pairs[2].target), by which problems find their field.
 */
export function field({key, label, control, hint, required = false, wide = false}) {
  const id = control.id || uid('field');
  control.id = id;
  const hintId = hint ? uid('hint') : null;
  const problemId = uid('problem');
  control.setAttribute('aria-describedby', [hintId, problemId].filter(Boolean).join(' '));
  if (required) {
    control.setAttribute('aria-required', 'true');
  }
  return h('div', {class: ['field', wide && 'field-wide'], 'data-field': key},
      h('label', {for: id}, label, required ? h('span', {class: 'required', 'aria-hidden': 'true', text: ' *'}) : null),
      control,
      hint ? h('p', {class: 'hint', id: hintId, text: hint}) : null,
      h('p', {class: 'problem', id: problemId, hidden: true}));
}

export function textInput(value, props = {}) {
  return h('input', {type: 'text', value: value ?? '', autocomplete: 'off', spellcheck: 'false', ...props});
}

/** A select of {value, label} options, with an empty first option when a choice is optional or not made yet. */
export function select(options, value, {empty = '— choose —', ...props} = {}) {
  const element = h('select', props);
  if (empty !== null) {
    element.append(h('option', {value: '', text: empty}));
  }
  let found = false;
  for (const option of options) {
    const selected = option.value === value;
    found = found || selected;
    element.append(h('option', {value: option.value, text: option.label, selected}));
  }
  if (value && !found) {
    element.append(h('option', {value, text: `${value} (not offered by the instance)`, selected: true}));
  }
  return element;
}

/**
 * Shows the API's problems beside their fields in container; a problem whose field is not on the page (or a
 * nested one, such as mapping.pairs[1]) goes to its nearest shown parent field, or else into the summary box.
 */
export function showProblems(container, summary, problems) {
  clearProblems(container, summary);
  const unplaced = [];
  for (const problem of problems) {
    let key = problem.field;
    let target = null;
    while (key && !target) {
      target = container.querySelector(`[data-field="${CSS.escape(key)}"]`);
      if (!target) {
        const shorter = key.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
        key = shorter === key ? '' : shorter;
      }
    }
    if (target) {
      const text = target.querySelector(':scope > .problem');
      text.hidden = false;
      // a field's problems of this save are joined; what an earlier check wrote there is replaced
      text.textContent = target.classList.contains('has-problem') ? `${text.textContent}; ${problem.problem}`
        : problem.problem;
      target.classList.add('has-problem');
      const control = target.querySelector(':scope > input, :scope > select, :scope > textarea');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
      }
    } else {
      unplaced.push(problem);
    }
  }
  if (problems.length) {
    summary.hidden = false;
    append(summary, h('p', {text: `The server refused the save: ${problems.length === 1 ? 'one problem'
      : `${problems.length} problems`}, shown beside ${problems.length === 1 ? 'its field' : 'their fields'}.`}));
    if (unplaced.length) {
      append(summary, h('ul', {}, unplaced.map((p) => h('li', {text: `${p.field}: ${p.problem}`}))));
    }
    const first = container.querySelector('.has-problem');
    if (first) {
      first.scrollIntoView({block: 'center'});
    }
  }
}

export function clearProblems(container, summary) {
  for (const target of container.querySelectorAll('.has-problem')) {
    target.classList.remove('has-problem');
    const text = target.querySelector(':scope > .problem');
    text.hidden = true;
    text.textContent = '';
    const control = target.querySelector('[aria-invalid]');
    if (control) {
      control.removeAttribute('aria-invalid');
    }
  }
  clear(summary);
  summary.hidden = true;
}

/**
 * The Save button: greyed out while required fields are missing, and then hovering or focusing it lists them. It
 * stays focusable (aria-disabled, not disabled), so that the list can be reached by keyboard too. missing() returns
 * the labels of the missing fields; call update() after each change.
 */
export function saveButton(text, missing, onSave) {
  const tipId = uid('missing');
  const tip = h('div', {class: 'tooltip', id: tipId, role: 'tooltip'});
  const control = h('button', {type: 'button', class: 'button primary', 'aria-describedby': tipId,
    onClick: () => {
      if (control.getAttribute('aria-disabled') !== 'true') {
        onSave();
      }
    }}, icon('check'), h('span', {text}));
  const wrapper = h('span', {class: 'save-wrapper'}, control, tip);
  const update = () => {
    const labels = missing();
    if (labels.length) {
      control.setAttribute('aria-disabled', 'true');
      clear(tip).append(h('strong', {text: 'Missing:'}), h('ul', {}, labels.map((l) => h('li', {text: l}))));
      tip.classList.add('tooltip-active');
    } else {
      control.removeAttribute('aria-disabled');
      clear(tip);
      tip.classList.remove('tooltip-active');
    }
  };
  return {element: wrapper, button: control, update};
}

/** Downloads a blob under a file name, as a link with the download attribute would. */
export function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', {href: url, download: name, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A heading with the page's actions beside it; the heading takes focus when a view opens. */
export function pageHeader(title, ...actions) {
  return h('div', {class: 'page-header'}, h('h1', {tabindex: '-1', text: title}),
      h('div', {class: 'page-actions'}, actions));
}

/** A search box that calls onSearch after the user stops typing. */
export function searchBox(label, value, onSearch) {
  const id = uid('search');
  let timer = null;
  const input = h('input', {type: 'search', id, value: value || '', placeholder: 'Search', autocomplete: 'off',
    onInput: () => {
      clearTimeout(timer);
      timer = setTimeout(() => onSearch(input.value.trim()), 250);
    }});
  return h('div', {class: 'search'}, h('label', {for: id, class: 'visually-hidden', text: label}), input);
}

/**
 * A list with a checkbox per row and one in the header for all rows. Returns {selected(), onChange(fn)} and puts
 * the header checkbox into headerCell and a row checkbox into each rowCell(row).
 */
export function selection(rows, headerCell, rowCell, nameOf, listName) {
  const boxes = new Map();
  const listeners = [];
  const all = h('input', {type: 'checkbox', 'aria-label': `Select all ${listName}`});
  const changed = () => {
    const count = [...boxes.values()].filter((b) => b.checked).length;
    all.checked = count > 0 && count === boxes.size;
    all.indeterminate = count > 0 && count < boxes.size;
    listeners.forEach((fn) => fn(count));
  };
  all.addEventListener('change', () => {
    boxes.forEach((box) => {
      box.checked = all.checked;
    });
    changed();
  });
  headerCell.append(all);
  for (const row of rows) {
    const box = h('input', {type: 'checkbox', 'aria-label': `Select ${nameOf(row)}`, onChange: changed});
    boxes.set(row, box);
    rowCell(row).append(box);
  }
  return {
    selected: () => [...boxes.entries()].filter(([, box]) => box.checked).map(([row]) => row),
    onChange: (fn) => listeners.push(fn),
  };
}

export {clear};
