// The connector editor: name, type and description, then the type's settings as a form built from the setting
// descriptors of GET /connector-types. Secrets are write-only: the form shows whether one is set, never its value,
// and a secret left empty keeps its value. Test connection logs in to both instances and shows each result.

import {enc} from '../api.js';
import {button, clear, h, icon} from '../dom.js';
import {navigate} from '../router.js';
import {
  clearProblems, describe, field, notify, pageHeader, saveButton, select, showProblems, textInput,
} from '../ui.js';

const INPUT_TYPES = {URL: 'url', SECRET: 'password', TEXT: 'text', PATH: 'text'};

export async function connectorEditor(ctx) {
  const {api} = ctx;
  const id = ctx.params.cid || null;
  const [types, existing] = await Promise.all([api.get('/connector-types'),
    id ? api.get(`/connectors/${enc(id)}`) : Promise.resolve(null)]);
  if (!ctx.active()) {
    return;
  }
  const readOnly = !ctx.canChange;
  const name = textInput(existing ? existing.name : '', {disabled: readOnly});
  const description = textInput(existing ? existing.description || '' : '', {disabled: readOnly});
  const typeSelect = select(types.map((t) => ({value: t.id, label: t.name})),
      existing ? existing.type : (types.length === 1 ? types[0].id : ''), {disabled: readOnly || !!existing});
  const settingsArea = h('fieldset', {class: 'form-section'});
  const summary = h('div', {class: 'error-box', role: 'alert', hidden: true});
  const testArea = h('section', {class: 'test-result', 'aria-live': 'polite', 'aria-label': 'Test connection'});
  let controls = new Map();

  const form = h('form', {class: 'form', onSubmit: (event) => event.preventDefault(), onInput: () => save.update(),
    onChange: () => save.update()},
  summary,
  h('fieldset', {class: 'form-section'}, h('legend', {text: 'Connector'}), h('div', {class: 'field-row'},
      field({key: 'name', label: 'Connector name', control: name, required: true,
        hint: 'A friendly name, unique among the connectors; it can be changed later.'}),
      field({key: 'type', label: 'Data source type', control: typeSelect, required: true,
        hint: existing ? 'The type of an existing connector cannot change.' : null}),
      field({key: 'description', label: 'Description', control: description}))),
  settingsArea);

  function typeOf(typeId) {
    return types.find((t) => t.id === typeId) || null;
  }

  function renderSettings() {
    clear(settingsArea);
    controls = new Map();
    const type = typeOf(typeSelect.value);
    const row = h('div', {class: 'field-row settings-row'});
    settingsArea.append(h('legend', {text: type ? `Settings of ${type.name}` : 'Settings'}), row);
    if (!type) {
      settingsArea.append(h('p', {class: 'hint', text: existing
        ? `The connector type '${existing.type}' is not installed: its settings can't be shown.`
        : 'Choose the data source type first.'}));
      return;
    }
    for (const setting of type.settings) {
      const secret = setting.kind === 'SECRET';
      const isSet = existing && existing.settings[`${setting.key}Set`] === true;
      const value = secret || !existing ? '' : (existing.settings[setting.key] ?? '');
      const control = h('input', {type: INPUT_TYPES[setting.kind] || 'text', value,
        autocomplete: secret ? 'new-password' : 'off', spellcheck: 'false', disabled: readOnly,
        placeholder: secret ? (isSet ? 'set — leave empty to keep it' : 'not set')
          : (setting.defaultValue || '')});
      controls.set(setting.key, {setting, control, isSet});
      const wrapper = field({key: `settings.${setting.key}`, label: setting.label, control,
        required: setting.required && !(secret && isSet) && !setting.defaultValue,
        hint: setting.description});
      if (secret) {
        wrapper.querySelector('label').append(h('span', {class: ['tag', isSet ? 'tag-set' : 'tag-unset'],
          text: isSet ? 'set' : 'not set'}));
      }
      row.append(wrapper);
    }
  }

  function missing() {
    const labels = [];
    if (!name.value.trim()) {
      labels.push('Connector name');
    }
    if (!typeSelect.value) {
      labels.push('Data source type');
    }
    for (const {setting, control, isSet} of controls.values()) {
      const empty = !control.value.trim();
      if (setting.required && empty && !setting.defaultValue && !(setting.kind === 'SECRET' && isSet)) {
        labels.push(setting.label);
      }
    }
    return labels;
  }

  function body() {
    const settings = {};
    for (const [key, {setting, control}] of controls) {
      // a secret left empty keeps its value; an empty plain setting is left out (the type's default applies)
      if (control.value.trim()) {
        settings[key] = setting.kind === 'SECRET' ? control.value : control.value.trim();
      }
    }
    return {name: name.value.trim(), type: typeSelect.value, description: description.value.trim() || null,
      settings};
  }

  async function doSave() {
    clearProblems(form, summary);
    try {
      const saved = existing ? await api.put(`/connectors/${enc(existing.id)}`, body())
        : await api.post('/connectors', body());
      notify(`Connector '${saved.name}' saved.`);
      if (existing) {
        navigate(`connectors/${enc(saved.id)}/edit`, {replace: true});
      } else {
        navigate(`connectors/${enc(saved.id)}/edit`);
      }
    } catch (error) {
      if (error.fields.length) {
        showProblems(form, summary, error.fields);
      } else {
        showProblems(form, summary, [{field: 'connector', problem: describe(error)}]);
      }
    }
  }

  async function testConnection() {
    clear(testArea).append(h('p', {class: 'hint', text: 'Logging in to both instances…'}));
    try {
      const result = await api.post(`/connectors/${enc(existing.id)}/test`);
      clear(testArea).append(h('h2', {text: 'Test connection'}),
          h('table', {class: 'grid test-table'},
              h('thead', {}, h('tr', {}, ['Instance', 'Result', 'Endpoint', 'Message', 'Time']
                  .map((t) => h('th', {scope: 'col', text: t})))),
              h('tbody', {}, [['Remote', result.remote], ['Local', result.local]].map(([side, check]) =>
                h('tr', {class: check.result === 'OK' ? 'row-ok' : 'row-failed', 'data-side': side.toLowerCase()},
                    h('th', {scope: 'row', text: side}),
                    h('td', {}, h('span', {class: ['status', check.result === 'OK' ? 'status-ok' : 'status-failed']},
                        icon(check.result === 'OK' ? 'check' : 'cross'),
                        h('span', {class: 'test-result-word', text: check.result.replaceAll('_', ' ')}))),
                    h('td', {text: check.endpoint || ''}),
                    h('td', {text: check.message || ''}),
                    h('td', {text: `${check.millis} ms`}))))));
      testArea.scrollIntoView({block: 'nearest'});
    } catch (error) {
      clear(testArea).append(h('p', {class: 'error-box', role: 'alert', text: describe(error)}));
    }
  }

  const save = saveButton('Save', missing, doSave);
  const actions = [];
  if (!readOnly) {
    actions.push(save.element);
  }
  if (existing) {
    actions.push(button('Test connection', 'test', testConnection));
    actions.push(h('a', {class: 'button', href: `connectors/${enc(existing.id)}`}, 'Tasks'));
  }
  actions.push(h('a', {class: 'button', href: './'}, 'Back to overview'));
  typeSelect.addEventListener('change', () => {
    renderSettings();
    save.update();
  });
  renderSettings();
  save.update();
  ctx.main.append(h('div', {class: 'page'},
      pageHeader(existing ? `Connector ${existing.name}` : 'New connector', ...actions),
      readOnly ? h('p', {class: 'info-box', text: 'You can look at this connector; changing it needs the admin role.'})
        : null,
      existing ? null : h('p', {class: 'hint', text: 'Save the connector, then test the connection.'}),
      testArea, form));
}
