// Export and import of connectors with their tasks. Secrets in an export are encrypted with a password; an import
// first shows what it would create or merge (a dry run) and applies only when asked.

import {button, clear, h} from '../dom.js';
import {plural} from '../format.js';
import {clearProblems, describe, dialog, field, notify, saveFile, showProblems} from '../ui.js';

const MIN_PASSWORD = 12;

export function exportDialog(ctx, connectors) {
  if (connectors.length === 0) {
    return;
  }
  const d = dialog(`Export ${plural(connectors.length, 'connector')}`);
  const password = h('input', {type: 'password', autocomplete: 'new-password'});
  const repeat = h('input', {type: 'password', autocomplete: 'new-password'});
  const summary = h('div', {class: 'error-box', role: 'alert', hidden: true});
  const form = h('form', {class: 'stack', onSubmit: (event) => {
    event.preventDefault();
    run();
  }},
  h('p', {}, 'Exports ', h('strong', {text: connectors.map((c) => c.name).join(', ')}),
      ' with all their scheduled and event tasks. The connectors\' passwords are encrypted with the export password:'
      + ' the importing side needs it.'),
  summary,
  field({key: 'password', label: 'Export password', control: password, required: true,
    hint: `At least ${MIN_PASSWORD} characters. It is not stored anywhere: keep it with the file.`}),
  field({key: 'repeat', label: 'Repeat the password', control: repeat, required: true}));
  d.body.append(form);
  const go = button('Export', 'download', () => form.requestSubmit(), {class: 'primary'});
  d.footer.append(button('Cancel', null, () => d.close()), go);

  async function run() {
    clearProblems(form, summary);
    if (password.value !== repeat.value) {
      showProblems(form, summary, [{field: 'repeat', problem: 'the passwords differ'}]);
      return;
    }
    go.disabled = true;
    try {
      const file = await ctx.api.file('POST', '/export', {connectors: connectors.map((c) => c.id),
        password: password.value});
      saveFile(file.blob, file.name);
      notify(`Exported to ${file.name}.`);
      d.close();
    } catch (error) {
      if (error.fields.length) {
        showProblems(form, summary, error.fields);
      } else {
        showProblems(form, summary, [{field: 'export', problem: describe(error)}]);
      }
    } finally {
      go.disabled = false;
    }
  }
}

export function importDialog(ctx, reload) {
  const d = dialog('Import connectors', {wide: true});
  const fileInput = h('input', {type: 'file', accept: '.json,application/json'});
  const password = h('input', {type: 'password', autocomplete: 'off'});
  const summary = h('div', {class: 'error-box', role: 'alert', hidden: true});
  const report = h('div', {class: 'import-report', 'aria-live': 'polite'});
  const form = h('form', {class: 'stack', onSubmit: (event) => {
    event.preventDefault();
    preview();
  }},
  h('p', {text: 'A connector that its type sees as the same as an existing one (M42 CoreProIGA: the same remote host'
    + ' and WebAPI user) is merged into it (its tasks added or updated by name); any other is created. Nothing is written before you confirm the preview.'}),
  summary,
  field({key: 'document', label: 'Export file', control: fileInput, required: true}),
  field({key: 'password', label: 'Export password', control: password, required: true}));
  d.body.append(form, report);
  const previewButton = button('Preview', null, () => form.requestSubmit(), {class: 'primary'});
  const applyButton = button('Import', 'upload', () => apply(), {class: 'primary', hidden: true});
  d.footer.append(button('Cancel', null, () => d.close()), previewButton, applyButton);
  async function body() {
    if (!fileInput.files.length) {
      throw Object.assign(new Error('choose a file'), {fields: [{field: 'document', problem: 'choose the export file'}]});
    }
    const text = await fileInput.files[0].text();
    let exported;
    try {
      exported = JSON.parse(text);
    } catch (e) {
      throw Object.assign(new Error('not JSON'), {fields: [{field: 'document',
        problem: 'this file is not an export of Cardlink (not JSON)'}]});
    }
    return {password: password.value, document: exported};
  }

  async function preview() {
    clearProblems(form, summary);
    clear(report);
    applyButton.hidden = true;
    previewButton.classList.add('primary');
    previewButton.disabled = true;
    try {
      const result = await ctx.api.post('/import?dryRun=true', await body());
      showReport(result, true);
      previewButton.classList.remove('primary');
      applyButton.hidden = false;
      applyButton.focus();
    } catch (error) {
      failed(error);
    } finally {
      previewButton.disabled = false;
    }
  }

  async function apply() {
    applyButton.disabled = true;
    try {
      const result = await ctx.api.post('/import', await body());
      showReport(result, false);
      notify(`Imported: ${result.connectors.map((c) => `${c.target} (${c.action === 'MERGE' ? 'merged' : 'created'})`)
          .join(', ')}.`);
      d.close();
      await reload();
    } catch (error) {
      failed(error);
    } finally {
      applyButton.disabled = false;
    }
  }

  function failed(error) {
    if (error.status === 422 && error.body && error.body.connectors) {
      // refused: the report says what and why; nothing was written
      showReport(error.body, error.body.dryRun);
      applyButton.hidden = true;
    } else if (error.fields && error.fields.length) {
      showProblems(form, summary, error.fields);
    } else {
      showProblems(form, summary, [{field: 'import', problem: describe(error)}]);
    }
  }

  function showReport(result, dryRun) {
    clear(report);
    const refused = result.refused || [];
    report.append(h('h3', {text: dryRun ? 'Preview: what the import would do' : 'What the import did'}),
        h('table', {class: 'grid import-preview'},
            h('thead', {}, h('tr', {}, ['Connector', 'Action', 'Into', 'Tasks created', 'Tasks updated',
              'Tasks unchanged'].map((t) => h('th', {scope: 'col', text: t})))),
            h('tbody', {}, result.connectors.map((c) => h('tr', {},
                h('td', {text: c.name}),
                h('td', {}, h('span', {class: ['tag', c.action === 'MERGE' ? 'tag-merge' : c.action ? 'tag-create'
                  : 'tag-refused'], text: c.action === 'MERGE' ? 'Merge' : c.action === 'CREATE' ? 'Create'
                  : 'Refused'})),
                h('td', {text: c.target || ''}),
                h('td', {text: c.tasksCreated.join(', ') || '—'}),
                h('td', {text: c.tasksUpdated.join(', ') || '—'}),
                h('td', {text: c.tasksUnchanged.join(', ') || '—'}))))));
    if (refused.length) {
      report.append(h('div', {class: 'error-box', role: 'alert'},
          h('p', {text: `Refused, so nothing ${dryRun ? 'would be' : 'was'} written:`}),
          h('ul', {}, refused.map((r) => h('li', {text: `${r.connector}${r.task ? ` / ${r.task}` : ''}`
            + `${r.field ? ` (${r.field})` : ''}: ${r.reason}`})))));
    }
    for (const warning of result.warnings || []) {
      report.append(h('p', {class: 'warning-box', text: warning}));
    }
  }
}
