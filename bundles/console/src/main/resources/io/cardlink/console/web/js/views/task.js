// The task editor, for scheduled and event tasks: the type's fields (from the descriptor list of task-fields.js),
// the schedule with a preview of the next runs, the mapping with pickers filled from the instances' schemas
// (folders narrowed to the chosen template), the removal policy and the failure card. Save stays grey while required
// fields are missing and lists them on hover; the server's problems appear beside their fields. A saved scheduled
// task can be run, stopped and its data cache cleared from here.

import {enc} from '../api.js';
import {append, button, clear, h, icon, iconButton, uid} from '../dom.js';
import {fromNow, timeElement} from '../format.js';
import {navigate} from '../router.js';
import {taskFieldDescriptors} from '../task-fields.js';
import {
  clearProblems, confirmDialog, describe, field, notify, pageHeader, runStatus, saveButton, select, showProblems,
  textInput,
} from '../ui.js';

export function scheduledTaskEditor(ctx) {
  return taskEditor(ctx, 'scheduled');
}

export function eventTaskEditor(ctx) {
  return taskEditor(ctx, 'event');
}

/**
 * The instances' templates and their schemas, each asked for once per editor. unreadable(side, error) is told when
 * an instance can't be read (down, refused login), once per side.
 */
class Schemas {
  constructor(api, connectorId, unreadable) {
    this.api = api;
    this.base = `/connectors/${enc(connectorId)}/schema`;
    this.cache = new Map();
    this.unreadable = unreadable;
    this.told = new Set();
  }

  templates(side) {
    return this.once(`${side}:`, () => this.api.get(`${this.base}/${side}/templates`)
        .catch((error) => this.failed(side, error)));
  }

  failed(side, error) {
    if (!this.told.has(side)) {
      this.told.add(side);
      this.unreadable(side, error);
    }
    throw error;
  }

  /** A template's folders and attributes; null when the instance has no such template. */
  template(side, code) {
    if (!code) {
      return Promise.resolve(null);
    }
    return this.once(`${side}:${code}`, () => this.api.get(`${this.base}/${side}/templates/${enc(code)}`)
        .catch((error) => {
          if (error.status === 404) {
            return null;
          }
          return this.failed(side, error);
        }));
  }

  once(key, load) {
    if (!this.cache.has(key)) {
      const promise = load();
      // a failed look-up is asked again next time: the instance may be back
      promise.catch(() => this.cache.delete(key));
      this.cache.set(key, promise);
    }
    return this.cache.get(key);
  }
}

/** The type of an attribute as the vendor's screens write it, such as "static value". */
function typeName(attribute) {
  return attribute.type.toLowerCase().replaceAll('_', ' ');
}

const isString = (attribute) => attribute.type === 'STRING';

function attributeOptions(schema, accept = () => true) {
  if (!schema) {
    return [];
  }
  return Object.values(schema.attributes).filter(accept).map((a) => ({value: a.code,
    label: `${a.code}${a.name && a.name !== a.code ? ` — ${a.name}` : ''} (${typeName(a)}${a.multiValue
      ? ', several values' : ''})`}));
}

function templateOptions(templates) {
  return templates.map((t) => ({value: t.code, label: t.name && t.name !== t.code ? `${t.code} — ${t.name}` : t.code}));
}

function folderOptions(schema) {
  return schema ? schema.allowedFolders.map((f) => ({value: f.code,
    label: f.name && f.name !== f.code ? `${f.code} — ${f.name}` : f.code})) : [];
}

/**
 * A choice filled from an instance: a select whose options load() gives, or a text box when the instance can't be
 * read (then the code is typed by hand). waiting is shown while a choice it depends on (such as the template of a
 * folder) is not made. Returns {control (the element to label), refresh()}.
 */
function picker(value, onChange, load, {disabled = false, waiting = 'choose the template first'} = {}) {
  let current = value || '';
  // marked as loading until the instance's choices are in, so that tests (and styles) can tell
  let control = h('select', {disabled, class: 'loading'}, h('option', {value: current, text: current || 'loading…'}));
  const listen = (element) => {
    element.addEventListener('change', () => {
      current = element.value.trim();
      onChange(current);
    });
    element.addEventListener('input', () => {
      current = element.value.trim();
      onChange(current);
    });
  };
  listen(control);
  const swap = (next) => {
    for (const attribute of ['id', 'aria-describedby', 'aria-required']) {
      if (control.hasAttribute(attribute)) {
        next.setAttribute(attribute, control.getAttribute(attribute));
      }
    }
    control.replaceWith(next);
    control = next;
    listen(next);
  };
  const handle = {
    get control() {
      return control;
    },
    value: () => current,
    async refresh() {
      let options;
      try {
        options = await load();
      } catch (error) {
        const input = textInput(current, {disabled, title: `The instance could not be read: ${error.message}`});
        swap(input);
        input.placeholder = 'type the code (the instance could not be read)';
        return;
      }
      const next = options === null
        ? select([], current, {disabled: true, empty: waiting})
        : select(options, current, {disabled});
      swap(next);
    },
  };
  return handle;
}

function blankTask(kind) {
  const mapping = {targetTemplate: '', targetFolder: '', pairs: [{source: 'efecte_id', target: ''}], taskIdAttribute: '',
    uniqueKeyAttribute: '', taskNameAttribute: ''};
  if (kind === 'event') {
    return {name: '', remoteTemplate: '', remoteFolder: '', mapping, workflowReferences: []};
  }
  return {name: '', enabled: true, schedule: {intervalSeconds: 3600}, mode: 'FULL', settings: {}, remoteTemplate: '',
    remoteFolder: '', mapping, removal: null, failureCard: null};
}

const UNITS = [{value: '86400', label: 'days'}, {value: '3600', label: 'hours'}, {value: '60', label: 'minutes'},
  {value: '1', label: 'seconds'}];

async function taskEditor(ctx, kind) {
  const {api} = ctx;
  const scheduled = kind === 'scheduled';
  const connector = await api.get(`/connectors/${enc(ctx.params.cid)}`);
  const collection = `/connectors/${enc(connector.id)}/${scheduled ? 'scheduled-tasks' : 'event-tasks'}`;
  const existing = ctx.params.tid ? await api.get(`${collection}/${enc(ctx.params.tid)}`) : null;
  const descriptors = await taskFieldDescriptors(api, connector, kind);
  if (!ctx.active()) {
    return;
  }
  const readOnly = !ctx.canChange;
  const task = existing ? JSON.parse(JSON.stringify(existing)) : blankTask(kind);
  if (!existing) {
    descriptors.filter((d) => d.defaultValue !== undefined && d.defaultValue !== null)
        .forEach((d) => d.write(task, d.defaultValue));
  }
  task.mapping = task.mapping || blankTask(kind).mapping;
  const unreadable = h('div', {class: 'warning-box', role: 'status', hidden: true});
  const schemas = new Schemas(api, connector.id, (side, error) => {
    unreadable.hidden = false;
    unreadable.append(h('p', {text: `The ${side} instance could not be read (${describe(error)}); its pickers take`
      + ' codes typed by hand, and the save checks them when the instance answers.'}));
  });
  const summary = h('div', {class: 'error-box', role: 'alert', hidden: true});
  const changed = () => save.update();
  const taskUrl = (t) => `connectors/${enc(connector.id)}/${scheduled ? 'scheduled-tasks' : 'event-tasks'}/${enc(t.id)}`;

  // The side each part of the mapping reads: a scheduled task reads remote cards into a local template; an event
  // task writes local cards of the template with the remote template's code into the remote template.
  const sourceSide = scheduled ? 'remote' : 'local';
  const targetSide = scheduled ? 'local' : 'remote';
  const sourceTemplate = () => task.remoteTemplate;
  const targetTemplate = () => (scheduled ? task.mapping.targetTemplate : task.remoteTemplate);
  const dependents = [];
  const whenChanged = (key, refresh) => dependents.push({key, refresh});
  const changedField = (key) => {
    dependents.filter((d) => d.key === key).forEach((d) => d.refresh());
    changed();
  };

  // ---- task details
  const name = textInput(task.name, {disabled: readOnly || !!existing, maxlength: '100'});
  name.addEventListener('input', () => {
    task.name = name.value.trim();
  });
  const details = h('fieldset', {class: 'form-section'}, h('legend', {text: 'Task details'}),
      h('div', {class: 'field-row'},
          field({key: 'name', label: 'Task name', control: name, required: true,
            hint: existing ? 'The name of a saved task cannot change.' : 'Unique within the connector; it cannot change later.'}),
          scheduled ? modeField() : null,
          scheduled ? enabledField() : null));

  function modeField() {
    const mode = select([{value: 'FULL', label: 'Full: reads every card on each run'},
      {value: 'INCREMENTAL', label: 'Incremental: reads the cards changed since the last run'}], task.mode,
    {disabled: readOnly, empty: null});
    mode.addEventListener('change', () => {
      task.mode = mode.value;
      removalSection.hidden = task.mode !== 'FULL';
      changed();
    });
    return field({key: 'mode', label: 'Task type', control: mode, required: true});
  }

  function enabledField() {
    const enabled = h('input', {type: 'checkbox', checked: task.enabled, disabled: readOnly});
    enabled.addEventListener('change', () => {
      task.enabled = enabled.checked;
    });
    return h('div', {class: 'field field-check', 'data-field': 'enabled'},
        h('label', {class: 'check'}, enabled, ' Enabled (runs on its schedule)'),
        h('p', {class: 'problem', hidden: true}));
  }

  // ---- type-specific fields, from the descriptor list
  const pickers = [];
  const typeFields = h('div', {class: 'field-row'}, descriptors.map((descriptor) => {
    let control;
    if (descriptor.kind === 'TEMPLATE' || descriptor.kind === 'FOLDER') {
      const {side, template} = descriptor.picker;
      const handle = picker(descriptor.read(task), (value) => {
        descriptor.write(task, value);
        changedField(descriptor.key);
      }, descriptor.kind === 'TEMPLATE'
        ? async () => templateOptions(await schemas.templates(side))
        : async () => (task[template] ? folderOptions(await schemas.template(side, task[template])) : null),
      {disabled: readOnly});
      if (descriptor.kind === 'FOLDER') {
        whenChanged(template, () => handle.refresh());
      }
      pickers.push(handle);
      control = handle.control;
    } else {
      control = descriptor.kind === 'FILTER'
        ? h('textarea', {rows: '2', spellcheck: 'false', disabled: readOnly, text: descriptor.read(task) || ''})
        : textInput(descriptor.read(task), {disabled: readOnly});
      control.addEventListener('input', () => {
        descriptor.write(task, control.value);
        changed();
      });
    }
    return field({key: descriptor.key, label: descriptor.label, control, required: descriptor.required,
      hint: descriptor.hint, wide: descriptor.kind === 'FILTER'});
  }));
  const source = h('fieldset', {class: 'form-section'},
      h('legend', {text: scheduled ? 'Read from the remote instance' : 'Write to the remote instance'}), typeFields);

  // ---- schedule
  const scheduleSection = scheduled ? scheduleFields() : null;

  function scheduleFields() {
    const byCron = !!(task.schedule && task.schedule.cron);
    const radioName = uid('schedule-kind');
    const cronRadio = h('input', {type: 'radio', name: radioName, value: 'cron', checked: byCron, disabled: readOnly});
    const intervalRadio = h('input', {type: 'radio', name: radioName, value: 'interval', checked: !byCron,
      disabled: readOnly});
    const seconds = task.schedule && task.schedule.intervalSeconds ? task.schedule.intervalSeconds : 3600;
    const unit = UNITS.find((u) => seconds % Number(u.value) === 0);
    const amount = h('input', {type: 'number', min: '1', step: '1', value: String(seconds / Number(unit.value)),
      disabled: readOnly, class: 'narrow'});
    const unitSelect = select(UNITS, unit.value, {empty: null, disabled: readOnly, 'aria-label': 'Unit of the interval'});
    const cron = textInput(byCron ? task.schedule.cron : '', {disabled: readOnly, placeholder: '0 0/15 * * * ?'});
    const preview = h('ol', {class: 'preview-list'});
    const previewBox = h('div', {class: 'schedule-preview', 'aria-live': 'polite'},
        h('h3', {text: 'Next runs'}), preview);
    const intervalField = field({key: 'schedule.intervalSeconds', label: 'Run every',
      control: h('span', {class: 'inline-controls'}, amount, unitSelect), required: true});
    // the label names the number; the unit has its own name
    amount.id = uid('amount');
    amount.setAttribute('aria-describedby', intervalField.querySelector('.inline-controls')
        .getAttribute('aria-describedby'));
    intervalField.querySelector('label').setAttribute('for', amount.id);
    const cronField = field({key: 'schedule.cron', label: 'Cron expression', control: cron, required: true,
      hint: 'Quartz cron, seconds first, in UTC: 0 0/15 * * * ? is every 15 minutes, 0 30 2 ? * MON-FRI is 02:30 on weekdays.'});
    let timer = null;
    const apply = () => {
      intervalField.hidden = cronRadio.checked;
      cronField.hidden = !cronRadio.checked;
      task.schedule = cronRadio.checked ? {cron: cron.value.trim()}
        : {intervalSeconds: Math.round(Number(amount.value) * Number(unitSelect.value)) || null};
      clearTimeout(timer);
      timer = setTimeout(showPreview, 300);
      changed();
    };
    const sectionProblems = () => {
      for (const key of ['schedule', 'schedule.cron', 'schedule.intervalSeconds']) {
        const target = section.querySelector(`[data-field="${key}"] > .problem`);
        if (target) {
          target.hidden = true;
          target.textContent = '';
        }
      }
    };
    const showPreview = async () => {
      sectionProblems();
      clear(preview);
      const query = task.schedule.cron !== undefined ? `cron=${enc(task.schedule.cron)}`
        : `intervalSeconds=${task.schedule.intervalSeconds ?? ''}`;
      if (!task.schedule.cron && !task.schedule.intervalSeconds) {
        preview.append(h('li', {class: 'hint', text: 'Give the schedule to see its next runs.'}));
        return;
      }
      try {
        const result = await api.get(`/schedules/next-runs?${query}&count=5`);
        for (const run of result.nextRuns) {
          preview.append(h('li', {}, timeElement(run), h('span', {class: 'hint', text: ` ${fromNow(run)}`})));
        }
        if (result.nextRuns.length === 0) {
          preview.append(h('li', {class: 'hint', text: 'This schedule never runs again.'}));
        }
      } catch (error) {
        const problems = error.fields.length ? error.fields : [{field: 'schedule', problem: describe(error)}];
        for (const problem of problems) {
          const target = section.querySelector(`[data-field="${problem.field}"] > .problem`)
            || section.querySelector('[data-field="schedule"] > .problem');
          target.hidden = false;
          target.textContent = problem.problem;
        }
        preview.append(h('li', {class: 'hint', text: 'No preview: the schedule is not valid.'}));
      }
    };
    for (const element of [cronRadio, intervalRadio, amount, unitSelect, cron]) {
      element.addEventListener(element.type === 'radio' || element.tagName === 'SELECT' ? 'change' : 'input', apply);
    }
    const section = h('fieldset', {class: 'form-section schedule-section', 'data-field': 'schedule'},
        h('legend', {text: 'Scheduling'}),
        h('div', {class: 'schedule-grid'},
            h('div', {},
                h('div', {class: 'radio-row', role: 'radiogroup', 'aria-label': 'Schedule by'},
                    h('label', {class: 'check'}, intervalRadio, ' Fixed interval'),
                    h('label', {class: 'check'}, cronRadio, ' Cron expression')),
                intervalField, cronField,
                h('p', {class: 'problem', hidden: true})),
            previewBox));
    intervalField.hidden = byCron;
    cronField.hidden = !byCron;
    setTimeout(showPreview);
    return section;
  }

  // ---- mapping
  const targetTemplatePicker = scheduled ? picker(task.mapping.targetTemplate, (value) => {
    task.mapping.targetTemplate = value;
    changedField('mapping.targetTemplate');
  }, async () => templateOptions(await schemas.templates('local')), {disabled: readOnly}) : null;
  const targetFolderPicker = scheduled ? picker(task.mapping.targetFolder, (value) => {
    task.mapping.targetFolder = value;
    changed();
  }, async () => (task.mapping.targetTemplate ? folderOptions(await schemas.template('local',
      task.mapping.targetTemplate)) : null), {disabled: readOnly}) : null;
  if (scheduled) {
    pickers.push(targetTemplatePicker, targetFolderPicker);
    whenChanged('mapping.targetTemplate', () => targetFolderPicker.refresh());
  }
  const sourceAttributes = async () => (sourceTemplate()
    ? attributeOptions(await schemas.template(sourceSide, sourceTemplate())) : null);
  const targetAttributes = (accept) => async () => (targetTemplate()
    ? attributeOptions(await schemas.template(targetSide, targetTemplate()), accept) : null);
  const uniqueKey = picker(task.mapping.uniqueKeyAttribute, (value) => {
    task.mapping.uniqueKeyAttribute = value;
    changed();
  }, targetAttributes((a) => !a.multiValue), {disabled: readOnly});
  const taskId = picker(task.mapping.taskIdAttribute, (value) => {
    task.mapping.taskIdAttribute = value;
    changed();
  }, targetAttributes(isString), {disabled: readOnly});
  const taskName = picker(task.mapping.taskNameAttribute, (value) => {
    task.mapping.taskNameAttribute = value;
    changed();
  }, targetAttributes(isString), {disabled: readOnly});
  pickers.push(uniqueKey, taskId, taskName);
  const templateKey = scheduled ? 'mapping.targetTemplate' : 'remoteTemplate';
  whenChanged(templateKey, () => {
    uniqueKey.refresh();
    taskId.refresh();
    taskName.refresh();
    renderRows();
  });
  if (scheduled) {
    // the source attributes are the remote template's (for an event task it is the target template as well)
    whenChanged('remoteTemplate', () => renderRows());
  }

  const rows = h('div', {class: 'mapping-rows', 'data-field': 'mapping.pairs'});
  let rowPickers = [];

  function renderRows() {
    clear(rows);
    rowPickers = [];
    rows.append(h('div', {class: 'mapping-header', 'aria-hidden': 'true'},
        h('span', {text: `${scheduled ? 'Remote' : 'Local'} attribute (source)`}), h('span'),
        h('span', {text: `${scheduled ? 'Local' : 'Remote'} attribute (target)`}), h('span')));
    task.mapping.pairs.forEach((pair, i) => {
      const from = picker(pair.source, (value) => {
        pair.source = value;
        changed();
      }, sourceAttributes, {disabled: readOnly, waiting: 'choose the source template first'});
      const to = picker(pair.target, (value) => {
        pair.target = value;
        changed();
      }, targetAttributes(() => true), {disabled: readOnly, waiting: 'choose the target template first'});
      rowPickers.push(from, to);
      const sourceField = field({key: `mapping.pairs[${i}].source`, label: `Source attribute of mapping ${i + 1}`,
        control: from.control, required: true});
      const targetField = field({key: `mapping.pairs[${i}].target`, label: `Target attribute of mapping ${i + 1}`,
        control: to.control, required: true});
      for (const label of [sourceField, targetField].map((f) => f.querySelector('label'))) {
        label.classList.add('visually-hidden');
      }
      rows.append(h('div', {class: 'mapping-row', 'data-field': `mapping.pairs[${i}]`},
          sourceField, h('span', {class: 'arrow', 'aria-hidden': 'true'}, '→'), targetField,
          iconButton(`Remove mapping ${i + 1}`, 'minus', () => {
            task.mapping.pairs.splice(i, 1);
            renderRows();
            changed();
          }, {disabled: readOnly}),
          h('p', {class: 'problem', hidden: true})));
    });
    if (task.mapping.pairs.length === 0) {
      rows.append(h('p', {class: 'hint', text: 'No attribute mapping yet.'}));
    }
    rows.append(h('p', {class: 'problem', hidden: true}));
    rowPickers.forEach((p) => p.refresh());
  }

  const mapping = h('fieldset', {class: 'form-section', 'data-field': 'mapping'},
      h('legend', {text: scheduled ? 'Mappings: into the local instance' : 'Mappings: from the local instance'}),
      scheduled ? h('div', {class: 'field-row'},
          field({key: 'mapping.targetTemplate', label: 'Target template', control: targetTemplatePicker.control,
            required: true, hint: 'The local template the cards are loaded into.'}),
          field({key: 'mapping.targetFolder', label: 'Target folder', control: targetFolderPicker.control,
            required: true, hint: 'Narrowed to the folders the target template allows.'}))
        : h('p', {class: 'hint', text: 'The local cards of the template with the remote template\'s code are mapped to'
          + ' the remote template.'}),
      h('h3', {class: 'subheading', text: 'Attribute mappings'}),
      rows,
      button('New attribute', 'plus', () => {
        task.mapping.pairs.push({source: '', target: ''});
        renderRows();
        changed();
        const last = rows.querySelectorAll('.mapping-row');
        if (last.length) {
          last[last.length - 1].querySelector('select, input').focus();
        }
      }, {disabled: readOnly}),
      h('div', {class: 'field-row'},
          field({key: 'mapping.uniqueKeyAttribute', label: 'Unique key attribute', control: uniqueKey.control,
            required: true, hint: scheduled
              ? 'The target attribute that identifies a card in both instances, such as source_key receiving efecte_id.'
              : 'The remote attribute that identifies the card to update or delete.'}),
          field({key: 'mapping.taskIdAttribute', label: 'Task id attribute', control: taskId.control,
            required: scheduled, hint: 'A string attribute that records the id of the task that wrote the card.'}),
          field({key: 'mapping.taskNameAttribute', label: 'Task name attribute', control: taskName.control,
            hint: 'A string attribute that records the name of the task that wrote the card (Datasourceid).'})));

  // ---- removal policy and failure card
  const removalSection = scheduled ? removalFields() : h('div');
  const failureSection = scheduled ? failureFields() : null;

  function removalFields() {
    const on = h('input', {type: 'checkbox', checked: !!task.removal, disabled: readOnly});
    const policy = task.removal
      || {statusAttribute: '', removedValue: '', thresholdPercent: 30, reactivateReturning: false};
    const status = picker(policy.statusAttribute, (value) => {
      policy.statusAttribute = value;
      removed.refresh();
      changed();
    }, targetAttributes(() => true), {disabled: readOnly, waiting: 'choose the target template first'});
    const removed = picker(policy.removedValue, (value) => {
      policy.removedValue = value;
      changed();
    }, async () => {
      const schema = await schemas.template('local', task.mapping.targetTemplate);
      const attribute = schema && schema.attributes[policy.statusAttribute];
      if (!attribute) {
        return null;
      }
      if (attribute.choices.length === 0) {
        throw new Error(`'${attribute.code}' has no fixed choices`);
      }
      // a choice is kept as the task has it: by its code or by its shown value
      return attribute.choices.map((c) => ({value: c.code && policy.removedValue === c.code ? c.code : c.value,
        label: c.code ? `${c.value} (${c.code})` : c.value}));
    }, {disabled: readOnly, waiting: 'choose the status attribute first'});
    const threshold = h('input', {type: 'number', min: '1', max: '100', value: String(policy.thresholdPercent || 30),
      disabled: readOnly, class: 'narrow'});
    threshold.addEventListener('input', () => {
      policy.thresholdPercent = Number(threshold.value) || 0;
    });
    const reactivate = h('input', {type: 'checkbox', checked: !!policy.reactivateReturning, disabled: readOnly});
    reactivate.addEventListener('change', () => {
      policy.reactivateReturning = reactivate.checked;
    });
    pickers.push(status, removed);
    whenChanged('mapping.targetTemplate', () => {
      status.refresh();
      removed.refresh();
    });
    const fields = h('div', {class: 'field-row'},
        field({key: 'removal.statusAttribute', label: 'Status attribute', control: status.control, required: true,
          hint: 'The local attribute that marks a card whose source card is gone.'}),
        field({key: 'removal.removedValue', label: 'Removed value', control: removed.control, required: true}),
        field({key: 'removal.thresholdPercent', label: 'Threshold (%)', control: threshold,
          hint: 'When more of the task\'s cards would be marked, none is: a safeguard against a broken read.'}),
        h('div', {class: 'field field-check', 'data-field': 'removal.reactivateReturning'},
            h('label', {class: 'check'}, reactivate, ' Reactivate cards that come back'),
            h('p', {class: 'hint', text: 'Otherwise a card marked removed whose source card comes back keeps its'
              + ' removed status; its other attributes are updated.'}),
            h('p', {class: 'problem', hidden: true})));
    fields.hidden = !on.checked;
    on.addEventListener('change', () => {
      task.removal = on.checked ? policy : null;
      fields.hidden = !on.checked;
      changed();
    });
    const section = h('fieldset', {class: 'form-section', 'data-field': 'removal'},
        h('legend', {text: 'Removed cards'}),
        h('label', {class: 'check'}, on, ' Mark local cards whose source card is gone (full tasks only)'),
        h('p', {class: 'problem', hidden: true}),
        fields);
    section.hidden = task.mode !== 'FULL';
    return section;
  }

  function failureFields() {
    const on = h('input', {type: 'checkbox', checked: !!task.failureCard, disabled: readOnly});
    const card = task.failureCard || {template: '', folder: '', attribute: ''};
    const template = picker(card.template, (value) => {
      card.template = value;
      folder.refresh();
      attribute.refresh();
      changed();
    }, async () => templateOptions(await schemas.templates('local')), {disabled: readOnly});
    const folder = picker(card.folder, (value) => {
      card.folder = value;
      changed();
    }, async () => (card.template ? folderOptions(await schemas.template('local', card.template)) : null),
    {disabled: readOnly});
    const attribute = picker(card.attribute, (value) => {
      card.attribute = value;
      changed();
    }, async () => (card.template ? attributeOptions(await schemas.template('local', card.template),
        isString) : null), {disabled: readOnly});
    pickers.push(template, folder, attribute);
    const fields = h('div', {class: 'field-row'},
        field({key: 'failureCard.template', label: 'Failure template', control: template.control, required: true,
          hint: 'A local template for the card that reports a failed run.'}),
        field({key: 'failureCard.folder', label: 'Failure folder', control: folder.control, required: true}),
        field({key: 'failureCard.attribute', label: 'Failure attribute', control: attribute.control, required: true,
          hint: 'A string attribute that receives the error.'}));
    fields.hidden = !on.checked;
    on.addEventListener('change', () => {
      task.failureCard = on.checked ? card : null;
      fields.hidden = !on.checked;
      changed();
    });
    return h('fieldset', {class: 'form-section', 'data-field': 'failureCard'},
        h('legend', {text: 'Failure card'}),
        h('label', {class: 'check'}, on, ' Write a failure card to the local instance when a run fails'),
        h('p', {class: 'problem', hidden: true}),
        fields);
  }

  // ---- workflow references (event tasks)
  const references = !scheduled && existing ? h('fieldset', {class: 'form-section'},
      h('legend', {text: 'Workflow references'}),
      existing.workflowReferences.length
        ? h('p', {}, h('span', {class: 'status status-ok', text: 'In use'}),
            ` by ${existing.workflowReferences.join(', ')}. Changing the mapping affects these workflows.`)
        : h('p', {}, h('span', {class: 'status status-idle', text: 'Not used'}),
            ' No workflow has called this task yet.')) : null;

  // ---- required fields and saving
  function missing() {
    const labels = [];
    const need = (value, label) => {
      if (value === undefined || value === null || String(value).trim() === '') {
        labels.push(label);
      }
    };
    need(task.name, 'Task name');
    if (scheduled) {
      if (task.schedule.cron !== undefined) {
        need(task.schedule.cron, 'Cron expression');
      } else {
        need(task.schedule.intervalSeconds, 'Run every');
      }
      need(task.mode, 'Task type');
    }
    for (const descriptor of descriptors) {
      if (descriptor.required) {
        need(descriptor.read(task), descriptor.label);
      }
    }
    if (scheduled) {
      need(task.mapping.targetTemplate, 'Target template');
      need(task.mapping.targetFolder, 'Target folder');
    }
    task.mapping.pairs.forEach((pair, i) => {
      need(pair.source, `Source attribute of mapping ${i + 1}`);
      need(pair.target, `Target attribute of mapping ${i + 1}`);
    });
    need(task.mapping.uniqueKeyAttribute, 'Unique key attribute');
    if (scheduled) {
      need(task.mapping.taskIdAttribute, 'Task id attribute');
    }
    if (scheduled && task.removal) {
      need(task.removal.statusAttribute, 'Status attribute');
      need(task.removal.removedValue, 'Removed value');
    }
    if (scheduled && task.failureCard) {
      need(task.failureCard.template, 'Failure template');
      need(task.failureCard.folder, 'Failure folder');
      need(task.failureCard.attribute, 'Failure attribute');
    }
    return labels;
  }

  function body() {
    const blankToNull = (text) => (text && String(text).trim() ? String(text).trim() : null);
    const mappingBody = {
      targetTemplate: scheduled ? blankToNull(task.mapping.targetTemplate) : null,
      targetFolder: scheduled ? blankToNull(task.mapping.targetFolder) : null,
      pairs: task.mapping.pairs.map((p) => ({source: blankToNull(p.source), target: blankToNull(p.target)})),
      taskIdAttribute: blankToNull(task.mapping.taskIdAttribute),
      uniqueKeyAttribute: blankToNull(task.mapping.uniqueKeyAttribute),
      taskNameAttribute: blankToNull(task.mapping.taskNameAttribute),
    };
    const typeBody = Object.fromEntries(descriptors.filter((d) => !d.setting)
        .map((d) => [d.key, blankToNull(d.read(task))]));
    // every setting the task has, also one its type no longer describes, which the server then names
    const settings = Object.fromEntries(Object.entries(task.settings || {})
        .filter(([, value]) => blankToNull(value) !== null).map(([key, value]) => [key, String(value).trim()]));
    if (!scheduled) {
      return {name: task.name, ...typeBody, mapping: mappingBody};
    }
    return {
      name: task.name,
      enabled: task.enabled,
      schedule: task.schedule,
      mode: task.mode,
      ...typeBody,
      settings,
      mapping: mappingBody,
      removal: task.removal ? {statusAttribute: blankToNull(task.removal.statusAttribute),
        removedValue: blankToNull(task.removal.removedValue), thresholdPercent: task.removal.thresholdPercent || 0,
        reactivateReturning: !!task.removal.reactivateReturning}
        : null,
      failureCard: task.failureCard ? {template: blankToNull(task.failureCard.template),
        folder: blankToNull(task.failureCard.folder), attribute: blankToNull(task.failureCard.attribute)} : null,
    };
  }

  async function doSave() {
    clearProblems(form, summary);
    try {
      const saved = existing ? await api.put(`${collection}/${enc(existing.id)}`, body())
        : await api.post(collection, body());
      notify(`Task '${saved.task.name}' saved.`);
      for (const warning of saved.warnings || []) {
        notify(`Saved with a warning: ${warning}`, 'warning');
      }
      navigate(taskUrl(saved.task), {replace: !!existing});
    } catch (error) {
      showProblems(form, summary, error.fields.length ? error.fields
        : [{field: 'task', problem: describe(error)}]);
    }
  }

  const form = h('form', {class: 'form task-form', onSubmit: (event) => event.preventDefault(),
    onInput: changed, onChange: changed},
  summary, details, scheduleSection, source, mapping, removalSection, failureSection, references);
  const save = saveButton('Save', missing, doSave);

  // ---- the editor's top bar: save, run, stop, clear the cache, history
  const actions = [];
  if (!readOnly) {
    actions.push(save.element);
  }
  const stateLine = h('p', {class: 'task-state', 'aria-live': 'polite'});
  if (scheduled && existing) {
    const runBase = `${collection}/${enc(existing.id)}`;
    const adminOnly = readOnly ? {disabled: true, title: 'Needs the admin role'} : {};
    actions.push(
        button('Run task manually', 'play', async () => {
          try {
            const run = await api.post(`${runBase}/runs`);
            notify(`Run ${run.id} ${run.status === 'WAITING' ? 'waits for the running one to end' : 'started'}.`);
            navigate(`runs/${enc(run.id)}`);
          } catch (error) {
            notify(describe(error), 'error');
          }
        }, adminOnly),
        button('Dry run', 'play', async () => {
          try {
            const run = await api.post(`${runBase}/runs?dryRun=true`);
            notify(run.dryRun ? `Dry run ${run.id} ${run.status === 'WAITING' ? 'waits for the running one to end'
              : 'started'}: nothing is written.` : `Run ${run.id} was already waiting; it is a real run.`);
            navigate(`runs/${enc(run.id)}`);
          } catch (error) {
            notify(describe(error), 'error');
          }
        }, {...adminOnly, title: readOnly ? adminOnly.title
          : 'Read, map and compare as a real run, write nothing, and show what a real run would do'}),
        button('Stop task', 'stop', async () => {
          try {
            const result = await api.post(`${runBase}/stop`);
            notify(result.stopped ? 'The running run stops at its next page.' : 'The task was not running.');
            await showState();
          } catch (error) {
            notify(describe(error), 'error');
          }
        }, adminOnly),
        button('Clear data cache', 'broom', async () => {
          const ok = await confirmDialog('Clear data cache', [h('p', {text: 'The next run then loads every card again,'
            + ' as a first run does. The task\'s incremental watermark is kept.'})], 'Clear data cache',
          {danger: false});
          if (!ok) {
            return;
          }
          try {
            const result = await api.del(`${runBase}/cache`);
            notify(`Data cache cleared (${result.dropped} entries): the next run loads every card.`);
          } catch (error) {
            notify(describe(error), 'error');
          }
        }, adminOnly),
        h('a', {class: 'button', href: `${taskUrl(existing)}/history`}, icon('history'), h('span', {text: 'History'})));
  }
  if (!scheduled && existing) {
    actions.push(h('a', {class: 'button', href: `${taskUrl(existing)}/operations`}, icon('history'),
        h('span', {text: 'Operations'})));
  }
  actions.push(h('a', {class: 'button', href: `connectors/${enc(connector.id)}`}, 'Back to tasks'));

  async function showState() {
    const state = await api.get(`${collection}/${enc(existing.id)}/state`);
    const last = state.lastRun;
    append(clear(stateLine), [
        state.running ? h('span', {class: 'status status-active', text: 'Running now. '}) : null,
        'Last run: ', last ? [runStatus(last.status), ' ', timeElement(last.plannedAt), ' ',
          h('a', {href: `runs/${enc(last.id)}`, text: 'details'})] : 'never',
        ' · Next run: ', state.nextRunAt ? [timeElement(state.nextRunAt), ` (${fromNow(state.nextRunAt)})`]
          : 'not scheduled']);
  }

  ctx.main.append(h('div', {class: 'page'},
      pageHeader(existing ? `${scheduled ? 'Scheduled' : 'Event'} task ${existing.name}`
        : `New ${scheduled ? 'scheduled' : 'event'} task`, ...actions),
      h('p', {class: 'breadcrumb'}, 'Connector ', h('a', {href: `connectors/${enc(connector.id)}`, text: connector.name})),
      readOnly ? h('p', {class: 'info-box', text: 'You can look at this task; changing it needs the admin role.'}) : null,
      scheduled && existing ? stateLine : null,
      unreadable,
      form));
  renderRows();
  pickers.forEach((p) => p.refresh());
  save.update();
  if (scheduled && existing) {
    await showState();
  }
}
