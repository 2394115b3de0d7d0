// Settings: the engine settings of this node (environment type, cache clear hours, concurrent runs and the local
// instance with the WebAPI user Cardlink logs in as). A change applies without a restart. The local password is
// never shown: the field stays empty and only a typed password is sent.

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
  const localUser = textInput(current.localUser, {disabled: readOnly});
  const localPassword = textInput('', {type: 'password', autocomplete: 'new-password', disabled: readOnly});
  const passwordHint = () => (current.localPasswordSet ? 'Set. Type a new one to replace it; leave empty to keep it.'
    : 'Not set yet: runs can\'t reach the local instance until it is.')
    + ' Needed again when the local instance URL moves to another host.';
  const passwordField = field({key: 'localPassword', label: 'Local WebAPI password', control: localPassword,
    hint: passwordHint()});
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
            hint: 'Path of the REST API v1, such as /rest-api/itsm/v1.'})),
      h('div', {class: 'field-row'},
          field({key: 'localUser', label: 'Local WebAPI user', control: localUser,
            hint: 'A local ESM user of the local instance with the External API permission; every connector\'s'
              + ' runs load through it.'}),
          passwordField)));

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
      maxConcurrentRuns: Number(runs.value), localUrl: localUrl.value.trim(), localApiPath: localApiPath.value.trim(),
      localUser: localUser.value.trim()};
    const changes = Object.fromEntries(Object.entries(wanted)
        .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key] ?? '')));
    if (localPassword.value) {
      changes.localPassword = localPassword.value;
    }
    if (Object.keys(changes).length === 0) {
      notify('Nothing changed.');
      return;
    }
    try {
      current = await api.put('/settings', changes);
      localPassword.value = '';
      passwordField.querySelector('.hint').textContent = passwordHint();
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
