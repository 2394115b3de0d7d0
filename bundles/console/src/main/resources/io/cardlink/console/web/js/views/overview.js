// Overview: the connectors with their status and task counts; a connector's row opens its scheduled and event
// tasks (URL connectors/{id}). New connector, Remove connector(s), Export, Import, Refresh and Search as in the
// vendor's connector management.

import {enc} from '../api.js';
import {button, clear, h, icon, iconButton} from '../dom.js';
import {fromNow, plural, shortId, timeElement} from '../format.js';
import {navigate, setQuery} from '../router.js';
import {
  connectorStatus, confirmDialog, describe, dialog, notify, pageHeader, promptDialog, runStatus, searchBox,
  selection, yesNo,
} from '../ui.js';
import {exportDialog, importDialog} from './transfer.js';

export async function overview(ctx) {
  const {api} = ctx;
  const expanded = ctx.params.cid || null;
  let search = ctx.query.get('search') || '';
  const page = h('div', {class: 'page'});
  ctx.main.append(page);

  const types = new Map((await api.get('/connector-types')).map((t) => [t.id, t.name]));
  const tableArea = h('div', {class: 'table-area'});
  let current = {rows: [], selection: null};

  const needsAdmin = ctx.canChange ? {} : {disabled: true, title: 'Needs the admin role'};
  const removeButton = button('Remove connector(s)', 'trash', () => removeConnectors(ctx,
      current.selection.selected(), load, expanded), {...needsAdmin, disabled: true});
  const exportButton = button('Export', 'download', () => exportDialog(ctx, current.selection.selected()),
      {...needsAdmin, disabled: true});
  page.append(
      pageHeader('Overview'),
      h('div', {class: 'toolbar', role: 'toolbar', 'aria-label': 'Connectors'},
          button('New connector', 'plus', () => navigate('connectors/new'), {class: 'primary', ...needsAdmin}),
          removeButton,
          exportButton,
          button('Import', 'upload', () => importDialog(ctx, load), needsAdmin),
          button('Refresh', 'refresh', () => load()),
          h('span', {class: 'toolbar-spacer'}),
          searchBox('Search connectors by id, status, name or type', search, (text) => {
            search = text;
            setQuery('search', text);
            load();
          })),
      tableArea);

  async function load() {
    const connectors = await api.get(`/connectors${search ? `?search=${enc(search)}` : ''}`);
    if (!ctx.active()) {
      return;
    }
    clear(tableArea);
    if (connectors.length === 0) {
      tableArea.append(h('p', {class: 'empty', text: search ? `No connector matches '${search}'.`
        : 'No connectors yet. New connector creates the first one.'}));
      current = {rows: [], selection: {selected: () => []}};
      removeButton.disabled = true;
      exportButton.disabled = true;
      return;
    }
    const headerSelect = h('th', {scope: 'col', class: 'col-select'});
    const table = h('table', {class: 'grid connectors'},
        h('caption', {class: 'visually-hidden', text: 'Connectors'}),
        h('thead', {}, h('tr', {},
            h('th', {scope: 'col', class: 'col-expand'}, h('span', {class: 'visually-hidden', text: 'Tasks'})),
            headerSelect,
            h('th', {scope: 'col', class: 'col-id', text: 'Id'}),
            h('th', {scope: 'col', class: 'col-status', text: 'Status'}),
            h('th', {scope: 'col', text: 'Name'}),
            h('th', {scope: 'col', text: 'Type'}),
            h('th', {scope: 'col', class: 'col-count', text: 'Scheduled'}),
            h('th', {scope: 'col', class: 'col-count', text: 'Event'}),
            h('th', {scope: 'col', class: 'col-manage', text: 'Manage'}))));
    const body = h('tbody');
    table.append(body);
    const selectCells = new Map();
    for (const connector of connectors) {
      const open = connector.id === expanded || connector.name === expanded;
      const selectCell = h('td', {class: 'col-select'});
      selectCells.set(connector, selectCell);
      const row = h('tr', {class: ['connector-row', open && 'expanded'], 'data-id': connector.id,
        onDblclick: (event) => {
          if (!event.target.closest('button, input, a')) {
            navigate(`connectors/${enc(connector.id)}/edit`);
          }
        }},
      h('td', {class: 'col-expand'}, h('button', {type: 'button', class: 'icon-button expander',
        'aria-expanded': String(open), 'aria-label': `${open ? 'Hide' : 'Show'} the tasks of ${connector.name}`,
        title: open ? 'Hide tasks' : 'Show tasks',
        onClick: () => navigate(open ? `./${search ? `?search=${enc(search)}` : ''}`
          : `connectors/${enc(connector.id)}${search ? `?search=${enc(search)}` : ''}`)},
      icon(open ? 'chevronDown' : 'chevronRight'))),
      selectCell,
      h('td', {class: 'col-id', title: connector.id, text: shortId(connector.id)}),
      h('td', {class: 'col-status'}, connectorStatus(connector.status)),
      h('td', {class: 'col-name'}, h('a', {href: `connectors/${enc(connector.id)}`, text: connector.name})),
      h('td', {text: types.get(connector.type) || connector.type}),
      h('td', {class: 'col-count', text: String(connector.scheduledTasks)}),
      h('td', {class: 'col-count', text: String(connector.eventTasks)}),
      h('td', {class: 'col-manage'},
          iconButton(`Edit ${connector.name}`, 'pen', () => navigate(`connectors/${enc(connector.id)}/edit`)),
          iconButton(`Copy ${connector.name}`, 'copy', () => copyConnector(ctx, connector, load),
              {disabled: !ctx.canChange}),
          iconButton(`Remove ${connector.name}`, 'stop', () => removeConnectors(ctx, [connector], load, expanded),
              {disabled: !ctx.canChange, class: 'danger-icon'})));
      body.append(row);
      if (open) {
        const cell = h('td', {colspan: '9'});
        body.append(h('tr', {class: 'detail-row'}, cell));
        cell.append(await taskPanels(ctx, connector));
        if (!ctx.active()) {
          return;
        }
      }
    }
    const chosen = selection(connectors, headerSelect, (c) => selectCells.get(c), (c) => c.name, 'connectors');
    chosen.onChange((count) => {
      removeButton.disabled = !ctx.canChange || count === 0;
      exportButton.disabled = !ctx.canChange || count === 0;
    });
    removeButton.disabled = true;
    exportButton.disabled = true;
    current = {rows: connectors, selection: chosen};
    tableArea.append(table);
  }

  await load();
}

async function copyConnector(ctx, connector, reload) {
  const name = await promptDialog(`Copy connector ${connector.name}`, 'Name of the copy', `${connector.name} copy`,
      'Copy');
  if (!name) {
    return;
  }
  try {
    await ctx.api.post(`/connectors/${enc(connector.id)}/copy`, {name});
    notify(`Copied to '${name}'. Its scheduled tasks are disabled until you enable them.`);
    await reload();
  } catch (error) {
    notify(describe(error), 'error');
  }
}

/**
 * Confirms with what goes too: each connector's tasks and the workflows that use its event tasks. Then removes
 * them, and shows the overview again (closed when the opened connector went).
 */
async function removeConnectors(ctx, connectors, reload, expanded) {
  if (connectors.length === 0) {
    return;
  }
  const d = dialog(connectors.length === 1 ? `Remove connector ${connectors[0].name}` : `Remove ${connectors.length}`
    + ' connectors');
  d.body.append(h('p', {class: 'hint', text: 'Calculating workflow references…'}));
  let details;
  try {
    details = await Promise.all(connectors.map(async (connector) => ({
      connector,
      event: connector.eventTasks ? await ctx.api.get(`/connectors/${enc(connector.id)}/event-tasks`) : [],
    })));
  } catch (error) {
    clear(d.body).append(h('p', {class: 'error-box', role: 'alert', text: describe(error)}));
    d.footer.append(button('Close', null, () => d.close()));
    return;
  }
  const referenced = details.flatMap(({connector, event}) => event.filter((t) => t.workflowReferences.length)
      .map((task) => ({connector, task})));
  clear(d.body).append(
      h('p', {text: `${connectors.length === 1 ? 'This connector is' : 'These connectors are'} removed together with`
        + ' the tasks below. This cannot be undone.'}),
      h('ul', {class: 'removal-list'}, details.map(({connector}) => h('li', {},
          h('strong', {text: connector.name}),
          ` — ${plural(connector.scheduledTasks, 'scheduled task')}, ${plural(connector.eventTasks, 'event task')}`))),
      h('h3', {text: 'Workflow references'}),
      referenced.length === 0 ? h('p', {class: 'references-none', text: 'No workflow uses their event tasks.'})
        : h('div', {class: 'warning-box'},
            h('p', {text: 'Workflows use these event tasks; their orchestration nodes will fail once the tasks are gone:'}),
            h('ul', {class: 'references'}, referenced.map(({connector, task}) => h('li', {},
                `${connector.name} / ${task.name}: `, h('strong', {text: task.workflowReferences.join(', ')}))))));
  d.footer.append(button('Cancel', null, () => d.close()),
      button(connectors.length === 1 ? 'Remove connector' : 'Remove connectors', 'trash', async () => {
        d.close();
        const failed = [];
        for (const connector of connectors) {
          try {
            await ctx.api.del(`/connectors/${enc(connector.id)}?confirm=true`);
          } catch (error) {
            failed.push(`${connector.name}: ${describe(error)}`);
          }
        }
        if (failed.length) {
          notify(`Not removed: ${failed.join('; ')}`, 'error');
        } else {
          notify(connectors.length === 1 ? `Connector '${connectors[0].name}' removed.`
            : `${connectors.length} connectors removed.`);
        }
        if (connectors.some((c) => c.id === expanded || c.name === expanded)) {
          navigate('./', {replace: true});
        } else {
          await reload();
        }
      }, {class: 'danger'}));
  d.footer.querySelector('.danger').focus();
}

/** The scheduled and event tasks of an opened connector. */
async function taskPanels(ctx, connector) {
  const panels = h('div', {class: 'task-panels'});
  panels.append(await scheduledPanel(ctx, connector), await eventPanel(ctx, connector));
  return panels;
}

/**
 * A list of tasks: a checkbox each (and one for all), Id, Name linked to the task's editor, the given columns and
 * the Manage buttons; a double click on a row opens the task too. Returns {table, selection}.
 */
function taskTable(caption, listName, tasks, editUrl, columns, manage) {
  const headerSelect = h('th', {scope: 'col', class: 'col-select'});
  const cells = new Map();
  const body = h('tbody', {}, tasks.map((task, i) => {
    const cell = h('td', {class: 'col-select'});
    cells.set(task, cell);
    const edit = editUrl(task);
    return h('tr', {'data-id': task.id, onDblclick: (event) => {
      if (!event.target.closest('button, input, a')) {
        navigate(edit);
      }
    }},
    cell,
    h('td', {class: 'col-id', title: task.id, text: shortId(task.id)}),
    h('td', {}, h('a', {href: edit, text: task.name})),
    columns.map((column) => h('td', {class: column.class}, column.cell(task, i))),
    h('td', {class: 'col-manage'}, manage(task, edit)));
  }));
  const table = h('table', {class: 'grid tasks'},
      h('caption', {class: 'visually-hidden', text: caption}),
      h('thead', {}, h('tr', {}, headerSelect,
          h('th', {scope: 'col', class: 'col-id', text: 'Id'}),
          h('th', {scope: 'col', text: 'Name'}),
          columns.map((column) => h('th', {scope: 'col', class: column.class, text: column.header})),
          h('th', {scope: 'col', class: 'col-manage', text: 'Manage'}))),
      body);
  return {table, selection: selection(tasks, headerSelect, (t) => cells.get(t), (t) => t.name, listName)};
}

/**
 * A task panel of an opened connector: its heading, its toolbar (New task, Remove task(s), Refresh, and more) and
 * its list, which load() (re)fills. fill(area, tasks) draws the list and returns (or resolves to) its selection.
 */
function taskPanel(ctx, connector, {title, kind, extraTools = [], list, empty, fill, remove}) {
  const area = h('div');
  let chosen = null;
  const removeButton = button('Remove task(s)', 'trash', () => remove(chosen.selected()), {disabled: true});
  const section = h('section', {class: 'task-panel', 'aria-label': `${title} of ${connector.name}`},
      h('h2', {text: title}),
      h('div', {class: 'toolbar', role: 'toolbar', 'aria-label': title},
          button('New task', 'plus', () => navigate(`connectors/${enc(connector.id)}/${kind}/new`),
              ctx.canChange ? {} : {disabled: true, title: 'Needs the admin role'}),
          removeButton,
          button('Refresh', 'refresh', () => load()),
          extraTools),
      area);

  async function load() {
    const tasks = await list();
    clear(area);
    removeButton.disabled = true;
    if (tasks.length === 0) {
      area.append(h('p', {class: 'empty', text: empty()}));
      return;
    }
    chosen = await fill(area, tasks);
    chosen.onChange((count) => {
      removeButton.disabled = !ctx.canChange || count === 0;
    });
  }

  return {section, load};
}

/** Removes tasks one by one and says which could not go, and why. */
async function removeEach(tasks, remove) {
  const failed = [];
  for (const task of tasks) {
    try {
      await remove(task);
    } catch (error) {
      failed.push(`${task.name}: ${error.status ? describe(error) : error.message}`);
    }
  }
  notify(failed.length ? `Not removed: ${failed.join('; ')}` : `${plural(tasks.length, 'task')} removed.`,
      failed.length ? 'error' : 'info');
}

async function scheduledPanel(ctx, connector) {
  const {api} = ctx;
  const base = `/connectors/${enc(connector.id)}/scheduled-tasks`;
  let search = '';
  const panel = taskPanel(ctx, connector, {
    title: 'Scheduled tasks',
    kind: 'scheduled-tasks',
    extraTools: [h('span', {class: 'toolbar-spacer'}),
      searchBox(`Search the scheduled tasks of ${connector.name}`, '', (text) => {
        search = text;
        panel.load();
      })],
    list: () => api.get(`${base}${search ? `?search=${enc(search)}` : ''}`),
    empty: () => (search ? `No scheduled task matches '${search}'.`
      : 'No scheduled task yet: New task creates one that reads cards from the remote instance.'),
    fill,
    remove: removeScheduled,
  });

  async function fill(area, tasks) {
    // the list answers each task's last extract and load status and next run
    // open alerts by task: such a task shows WARNING, as its connector does in the overview
    const alerts = await api.get('/alerts').catch(() => []);
    const alertsOf = (task) => alerts.filter((a) => a.subject.taskId === task.id);
    const {table, selection: chosen} = taskTable(`Scheduled tasks of ${connector.name}`, 'scheduled tasks', tasks,
        (task) => `connectors/${enc(connector.id)}/scheduled-tasks/${enc(task.id)}`, [
          {header: 'Enabled', class: 'col-flag', cell: (task) => yesNo(task.enabled, 'Scheduled', 'Not scheduled')},
          {header: 'Extract status', cell: (task) => runStatus(task.lastExtractStatus)},
          {header: 'Load status', cell: (task) => runStatus(task.lastLoadStatus)},
          {header: 'Alerts', class: 'col-alerts', cell: (task) => taskAlerts(alertsOf(task))},
          {header: 'Next run', class: 'col-next', cell: (task) => (task.nextRunAt
            ? [timeElement(task.nextRunAt), h('span', {class: 'hint', text: ` ${fromNow(task.nextRunAt)}`})]
            : h('span', {class: 'hint', text: task.enabled ? '' : 'not scheduled'}))},
        ], (task, edit) => [
          iconButton(`Edit ${task.name}`, 'pen', () => navigate(edit)),
          iconButton(`Copy ${task.name}`, 'copy', () => copyTask(ctx, base, task, panel.load), {disabled: !ctx.canChange}),
          iconButton(`History of ${task.name}`, 'history', () => navigate(`${edit}/history`)),
          iconButton(`Remove ${task.name}`, 'stop', () => removeScheduled([task]),
              {disabled: !ctx.canChange, class: 'danger-icon'})]);
    area.append(table);
    return chosen;
  }

  async function removeScheduled(tasks) {
    if (!tasks.length) {
      return;
    }
    const ok = await confirmDialog(tasks.length === 1 ? `Remove task ${tasks[0].name}` : 'Remove tasks',
        [h('p', {text: 'These scheduled tasks are removed with their history and task cache. They cannot be recovered.'}),
          h('ul', {}, tasks.map((t) => h('li', {text: t.name})))], tasks.length === 1 ? 'Remove task' : 'Remove tasks');
    if (ok) {
      await removeEach(tasks, (task) => api.del(`${base}/${enc(task.id)}`));
      await panel.load();
    }
  }

  await panel.load();
  return panel.section;
}

async function eventPanel(ctx, connector) {
  const {api} = ctx;
  const base = `/connectors/${enc(connector.id)}/event-tasks`;
  let tasks = [];
  const panel = taskPanel(ctx, connector, {
    title: 'Event tasks',
    kind: 'event-tasks',
    extraTools: [button('Show workflow references', 'link', () => showReferences(connector, tasks))],
    list: async () => {
      tasks = await api.get(base);
      return tasks;
    },
    empty: () => 'No event task yet: New task creates one that the workflow engine calls to write cards to the remote'
      + ' instance.',
    fill: (area, listed) => {
      const {table, selection: chosen} = taskTable(`Event tasks of ${connector.name}`, 'event tasks', listed,
          (task) => `connectors/${enc(connector.id)}/event-tasks/${enc(task.id)}`, [
            {header: 'Workflow relations', cell: (task) => [
              h('span', {text: plural(task.workflowReferences.length, 'workflow')}),
              iconButton(`Workflow relations of ${task.name}`, 'question', () => showReferences(connector, [task]))]},
            {header: 'Workflow status', cell: (task) => (task.workflowReferences.length
              ? h('span', {class: 'status status-ok', text: 'In use'})
              : h('span', {class: 'status status-idle', text: 'Not used'}))},
          ], (task, edit) => [
            iconButton(`Edit ${task.name}`, 'pen', () => navigate(edit)),
            iconButton(`Copy ${task.name}`, 'copy', () => copyTask(ctx, base, task, panel.load),
                {disabled: !ctx.canChange}),
            iconButton(`Operations of ${task.name}`, 'history', () => navigate(`${edit}/operations`)),
            iconButton(`Remove ${task.name}`, 'stop', () => removeEvent([task]),
                {disabled: !ctx.canChange, class: 'danger-icon'})]);
      area.append(table);
      return chosen;
    },
    remove: (selected) => removeEvent(selected),
  });

  async function removeEvent(selected) {
    if (!selected.length) {
      return;
    }
    const used = selected.filter((t) => t.workflowReferences.length);
    const force = h('input', {type: 'checkbox'});
    const ok = await confirmDialog(selected.length === 1 ? `Remove task ${selected[0].name}` : 'Remove tasks', [
      h('p', {text: 'These event tasks are removed. They cannot be recovered.'}),
      h('ul', {}, selected.map((t) => h('li', {}, t.name, t.workflowReferences.length
        ? h('strong', {text: ` — in use by ${t.workflowReferences.join(', ')}`}) : null))),
      used.length ? h('div', {class: 'warning-box'},
          h('p', {text: 'Workflows use some of them; their orchestration nodes fail once the tasks are gone.'}),
          h('label', {class: 'check'}, force, ' Remove the tasks in use too')) : null,
    ], selected.length === 1 ? 'Remove task' : 'Remove tasks');
    if (ok) {
      await removeEach(selected, async (task) => {
        const inUse = task.workflowReferences.length > 0;
        if (inUse && !force.checked) {
          throw new Error(`in use by ${task.workflowReferences.join(', ')}`);
        }
        await api.del(`${base}/${enc(task.id)}${inUse ? '?force=true' : ''}`);
      });
      await panel.load();
    }
  }

  await panel.load();
  return panel.section;
}

/** The workflows that use event tasks, as the vendor's question mark and "Show workflow references" show them. */
function showReferences(connector, tasks) {
  const d = dialog(tasks.length === 1 ? `Workflow relations of ${tasks[0].name}` : `Workflow references of ${connector.name}`,
      {wide: true});
  if (tasks.length === 0) {
    d.body.append(h('p', {text: 'This connector has no event task.'}));
  } else {
    d.body.append(h('table', {class: 'grid'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Event task'}), h('th', {scope: 'col', text: 'Status'}),
            h('th', {scope: 'col', text: 'Workflows'}))),
        h('tbody', {}, tasks.map((task) => h('tr', {},
            h('td', {text: task.name}),
            h('td', {text: task.workflowReferences.length ? 'In use' : 'Not used'}),
            h('td', {text: task.workflowReferences.length ? task.workflowReferences.join(', ')
              : 'No workflow has called it yet'}))))));
    d.body.append(h('p', {class: 'hint',
      text: 'A workflow is recorded when it calls the task through an orchestration endpoint.'}));
  }
  d.footer.append(button('Close', null, () => d.close(), {class: 'primary'}));
}

async function copyTask(ctx, base, task, reload) {
  const name = await promptDialog(`Copy task ${task.name}`, 'Name of the copy', `${task.name} copy`, 'Copy');
  if (!name) {
    return;
  }
  try {
    const saved = await ctx.api.post(`${base}/${enc(task.id)}/copy`, {name});
    notify(`Copied to '${name}'.${saved.task && saved.task.enabled === false ? ' The copy is disabled.' : ''}`);
    await reload();
  } catch (error) {
    notify(describe(error), 'error');
  }
}

/** A task's open alerts in its row: WARNING in orange with what they are about, or nothing. */
function taskAlerts(open) {
  if (open.length === 0) {
    return h('span', {class: 'visually-hidden', text: 'No open alert'});
  }
  const about = open.map((a) => a.subject.kind.replaceAll('_', ' ').toLowerCase()).join(', ');
  return h('span', {class: ['status', 'status-warning'], title: `Open alerts: ${about}`, 'data-status': 'WARNING'},
      icon('alert', null), h('span', {text: `Warning: ${about}`}));
}
