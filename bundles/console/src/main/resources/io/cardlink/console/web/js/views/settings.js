// Settings: the engine settings of this node (environment type, cache clear hours, concurrent runs and the local
// instance). A change applies without a restart.

import {h} from '../dom.js';
import {clearProblems, describe, field, notify, pageHeader, saveButton, select, showProblems, textInput} from '../ui.js';

const ENVIRONMENTS = [
  {value: 'TEST', label: 'Test — a testing environment'},
  {value: 'PROD', label: 'Prod — a production environment'},
  {value: 'DEMO', label: 'Demo — a demo or training environment'},
  {value: 'DEV', label: 'Dev — a development environment'},
];

export async function settingsView(ctx) {
  const {api} = ctx;
  let current = await api.get('/settings');
  if (!ctx.active()) {
    return;
  }
  const readOnly = !ctx.canChange;
  const environment = select(ENVIRONMENTS, current.environment, {disabled: readOnly});
  const hours = h('div', {class: 'hour-grid', role: 'group', 'aria-label': 'Hours of the day (UTC)'},
      Array.from({length: 24}, (_, hour) => h('label', {class: 'hour'},
          h('input', {type: 'checkbox', value: String(hour), checked: current.cacheClearHours.includes(hour),
            disabled: readOnly, 'aria-label': `${String(hour).padStart(2, '0')}:00 UTC`}),
          h('span', {'aria-hidden': 'true', text: String(hour).padStart(2, '0')}))));
  const runs = h('input', {type: 'number', min: '1', max: '64', value: String(current.maxConcurrentRuns),
    disabled: readOnly, class: 'narrow'});
  const localUrl = textInput(current.localUrl, {type: 'url', disabled: readOnly});
  const localApiPath = textInput(current.localApiPath, {disabled: readOnly});
  const summary = h('div', {class: 'error-box', role: 'alert', hidden: true});
  const hoursField = h('div', {class: 'field field-wide', 'data-field': 'cacheClearHours'},
      h('span', {class: 'label', id: 'hours-label', text: 'Clear the task caches at'}), hours,
      h('p', {class: 'hint', text: 'Hours of the day in UTC. After a clearing, each task\'s next run loads every card'
        + ' again, as a first run does.'}),
      h('p', {class: 'problem', hidden: true}));
  const form = h('form', {class: 'form', onSubmit: (event) => event.preventDefault(), onInput: () => save.update(),
    onChange: () => save.update()},
  summary,
  h('fieldset', {class: 'form-section'}, h('legend', {text: 'Monitoring'}),
      field({key: 'environment', label: 'Environment type', control: environment, required: true,
        hint: 'What this installation is for; alerts and monitoring use it.'})),
  h('fieldset', {class: 'form-section'}, h('legend', {text: 'Task runs'}),
      hoursField,
      field({key: 'maxConcurrentRuns', label: 'Concurrent runs', control: runs, required: true,
        hint: 'Most scheduled-task runs at once on this node (1-64); further runs wait in arrival order.'})),
  h('fieldset', {class: 'form-section'}, h('legend', {text: 'Local instance'}),
      h('div', {class: 'field-row'},
          field({key: 'localUrl', label: 'Local instance URL', control: localUrl, required: true,
            hint: 'Scheme, host and port of this customer\'s own Matrix42 instance.'}),
          field({key: 'localApiPath', label: 'Local API path', control: localApiPath, required: true,
            hint: 'Path of the REST API v1, such as /rest-api/itsm/v1.'}))));

  function chosenHours() {
    return [...hours.querySelectorAll('input:checked')].map((box) => Number(box.value));
  }

  function missing() {
    const labels = [];
    if (!environment.value) {
      labels.push('Environment type');
    }
    if (!runs.value) {
      labels.push('Concurrent runs');
    }
    if (!localUrl.value.trim()) {
      labels.push('Local instance URL');
    }
    if (!localApiPath.value.trim()) {
      labels.push('Local API path');
    }
    return labels;
  }

  async function doSave() {
    clearProblems(form, summary);
    const wanted = {environment: environment.value, cacheClearHours: chosenHours(),
      maxConcurrentRuns: Number(runs.value), localUrl: localUrl.value.trim(), localApiPath: localApiPath.value.trim()};
    const changes = Object.fromEntries(Object.entries(wanted)
        .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key])));
    if (Object.keys(changes).length === 0) {
      notify('Nothing changed.');
      return;
    }
    try {
      current = await api.put('/settings', changes);
      notify('Settings saved; they apply now.');
    } catch (error) {
      showProblems(form, summary, error.fields.length ? error.fields : [{field: 'settings', problem: describe(error)}]);
    }
  }

  const save = saveButton('Save', missing, doSave);
  ctx.main.append(h('div', {class: 'page narrow-page'},
      pageHeader('Settings', readOnly ? null : save.element),
      readOnly ? h('p', {class: 'info-box', text: 'You can look at the settings; changing them needs the admin role.'})
        : null,
      form));
  save.update();
}
