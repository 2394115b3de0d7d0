// A scheduled task's history: its runs, newest first, each row green, red or grey by status; a row opens the run.
// While a run is running the list refreshes itself.

import {enc} from '../api.js';
import {button, clear, h} from '../dom.js';
import {timeElement} from '../format.js';
import {navigate} from '../router.js';
import {pageHeader, runStatus, runTone} from '../ui.js';

const COUNTS = [['read', 'Read', 'Cards read from the remote instance'], ['created', 'Created', 'Cards created'],
  ['updated', 'Updated', 'Cards updated'], ['unchanged', 'Unchanged', 'Cards skipped as unchanged since the last load'],
  ['removed', 'Removed', 'Cards marked removed'], ['failed', 'Failed', 'Cards that could not be loaded']];

export async function historyView(ctx) {
  const {api} = ctx;
  const connector = await api.get(`/connectors/${enc(ctx.params.cid)}`);
  const taskPath = `/connectors/${enc(connector.id)}/scheduled-tasks/${enc(ctx.params.tid)}`;
  const task = await api.get(taskPath);
  if (!ctx.active()) {
    return;
  }
  const area = h('div', {class: 'table-area'});
  const nextRun = h('p', {class: 'hint next-run'});
  const taskUrl = `connectors/${enc(connector.id)}/scheduled-tasks/${enc(task.id)}`;
  ctx.main.append(h('div', {class: 'page'},
      pageHeader(`History of ${task.name}`, button('Refresh', 'refresh', () => load()),
          h('a', {class: 'button', href: taskUrl, text: 'Task settings'}),
          h('a', {class: 'button', href: `connectors/${enc(connector.id)}`, text: 'Back to tasks'})),
      h('p', {class: 'breadcrumb'}, 'Connector ', h('a', {href: `connectors/${enc(connector.id)}`,
        text: connector.name})),
      nextRun, area));

  let timer = null;
  ctx.onLeave(() => clearTimeout(timer));

  async function load() {
    clearTimeout(timer);
    const [runs, state] = await Promise.all([api.get(`${taskPath}/runs?limit=50`),
      api.get(`${taskPath}/state`).catch(() => null)]);
    if (!ctx.active()) {
      return;
    }
    clear(nextRun);
    nextRun.append(...(state && state.nextRunAt ? ['Next run: ', timeElement(state.nextRunAt)]
      : [task.enabled ? 'Next run: not planned (the scheduler is not running)' : 'Next run: none, the task is disabled']));
    clear(area);
    if (runs.length === 0) {
      area.append(h('p', {class: 'empty', text: 'This task has not run yet.'}));
      return;
    }
    area.append(h('table', {class: 'grid history'},
        h('caption', {class: 'visually-hidden', text: `Runs of ${task.name}, newest first`}),
        h('thead', {}, h('tr', {},
            h('th', {scope: 'col', text: 'Execution ID'}),
            h('th', {scope: 'col', text: 'Extract planned time'}),
            h('th', {scope: 'col', text: 'Extract complete time'}),
            h('th', {scope: 'col', text: 'Extract status'}),
            h('th', {scope: 'col', text: 'Load start time'}),
            h('th', {scope: 'col', text: 'Load complete time'}),
            h('th', {scope: 'col', text: 'Load status'}),
            COUNTS.map(([, label, title]) => h('th', {scope: 'col', class: 'col-count', title, text: label})))),
        h('tbody', {}, runs.map((run) => {
          const open = () => navigate(`runs/${enc(run.id)}`);
          return h('tr', {class: ['run-row', `row-${runTone(run.status)}`], 'data-status': run.status,
            onClick: (event) => {
              if (!event.target.closest('a')) {
                open();
              }
            }},
          h('td', {class: 'col-execution'}, h('a', {href: `runs/${enc(run.id)}`, title: run.id,
            text: run.id.slice(0, 8)}), run.dryRun ? h('span', {class: 'dry-run-tag', text: ' dry run'}) : null),
          h('td', {}, timeElement(run.plannedAt)),
          h('td', {}, timeElement(run.extract.completedAt)),
          h('td', {}, runStatus(run.extract.status)),
          h('td', {}, timeElement(run.load.startedAt)),
          h('td', {}, timeElement(run.load.completedAt)),
          h('td', {}, runStatus(run.load.status)),
          COUNTS.map(([key]) => h('td', {class: 'col-count', text: String(run.counts[key])})));
        }))));
    if (runs.some((run) => !['SUCCESS', 'COMPLETED_WITH_ERRORS', 'ERROR', 'STOPPED', 'INTERRUPTED']
        .includes(run.status))) {
      timer = setTimeout(load, 2000);
    }
  }

  await load();
}
