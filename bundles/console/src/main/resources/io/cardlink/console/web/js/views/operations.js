// An event task's operations, newest first, with a status filter: what the workflow engine asked, what became of
// it, and the card's timeline one click away. Admins replay or discard dead operations and release held cards.

import {enc} from '../api.js';
import {button, clear, h} from '../dom.js';
import {timeElement} from '../format.js';
import {confirmDialog, describe, notify, pageHeader} from '../ui.js';

const STATUSES = [['', 'All'], ['PENDING', 'Pending'], ['RUNNING', 'Running'], ['SUCCEEDED', 'Succeeded'],
  ['FAILED', 'Failed'], ['DEAD', 'Dead'], ['HELD', 'Held'], ['SUPPRESSED', 'Suppressed'], ['DISCARDED', 'Discarded']];
const TONES = {SUCCEEDED: 'ok', FAILED: 'failed', DEAD: 'failed', HELD: 'warning', PENDING: 'idle', RUNNING: 'idle',
  SUPPRESSED: 'idle', DISCARDED: 'idle'};
const LIMIT = 200;

export async function operationsView(ctx) {
  const {api, params} = ctx;
  const connector = await api.get(`/connectors/${enc(params.cid)}`);
  const taskPath = `/connectors/${enc(connector.id)}/event-tasks/${enc(params.tid)}`;
  const task = await api.get(taskPath);
  if (!ctx.active()) {
    return;
  }
  const status = h('select', {'aria-label': 'Status', onChange: () => load()},
      STATUSES.map(([value, label]) => h('option', {value, text: label})));
  const area = h('div', {class: 'table-area'});
  const held = h('section', {'aria-label': 'Held cards'});
  ctx.main.append(h('div', {class: 'page'},
      pageHeader(`Operations of ${task.name}`, button('Refresh', 'refresh', () => load()),
          ctx.canChange ? button('Replay dead', 'play', () => replayDead()) : null,
          ctx.canChange ? button('Discard dead', 'trash', () => discardDead(), {class: 'danger'}) : null,
          h('a', {class: 'button', href: `connectors/${enc(connector.id)}/event-tasks/${enc(task.id)}`,
            text: 'Task settings'})),
      h('p', {class: 'breadcrumb'}, 'Connector ', h('a', {href: `connectors/${enc(connector.id)}`,
        text: connector.name}), ' · Event task operations'),
      h('label', {class: 'filter'}, 'Status ', status), area, held));

  async function load() {
    const query = status.value ? `&status=${enc(status.value)}` : '';
    const [operations, heldCards] = await Promise.all([api.get(`${taskPath}/operations?limit=${LIMIT}${query}`),
      api.get(`${taskPath}/held-cards`)]);
    if (!ctx.active()) {
      return;
    }
    clear(area);
    area.append(operations.length === 0 ? h('p', {class: 'empty', text: status.value
      ? 'No operation has this status.' : 'The workflow engine has sent no operation to this task yet.'})
      : operationTable(operations));
    if (operations.length === LIMIT) {
      area.append(h('p', {class: 'hint', text: `The newest ${LIMIT} are shown.`}));
    }
    clear(held);
    if (heldCards.length) {
      held.append(h('h2', {text: 'Held cards'}), h('table', {class: 'grid held-cards'},
          h('thead', {}, h('tr', {}, ['Card', 'Held since', 'Operations waiting', 'Why', '']
              .map((title) => h('th', {scope: 'col', text: title})))),
          h('tbody', {}, heldCards.map((card) => h('tr', {},
              h('td', {}, cardLink(card.cardKey)),
              h('td', {}, timeElement(card.heldAt)),
              h('td', {class: 'col-count', text: String(card.heldOperations)}),
              h('td', {text: card.reason || ''}),
              h('td', {}, ctx.canChange ? button('Release', 'play', () => release(card.cardKey)) : null))))));
    }
  }

  function operationTable(operations) {
    return h('table', {class: 'grid operations'},
        h('caption', {class: 'visually-hidden', text: `Operations of ${task.name}, newest first`}),
        h('thead', {}, h('tr', {}, ['Accepted', 'Operation', 'Card', 'Status', 'Attempts', 'Workflow',
          'Remote id', 'Result', ''].map((title) => h('th', {scope: 'col', text: title})))),
        h('tbody', {}, operations.map((operation) => h('tr', {'data-status': operation.status},
            h('td', {}, timeElement(operation.createdAt)),
            h('td', {text: operation.operation.toLowerCase()}),
            h('td', {}, operation.cardKey ? cardLink(operation.cardKey) : ''),
            h('td', {}, h('span', {class: ['status', `status-${TONES[operation.status] || 'idle'}`],
              text: operation.status.toLowerCase()})),
            h('td', {class: 'col-count', text: String(operation.attempts)}),
            h('td', {text: operation.workflow || ''}),
            h('td', {class: 'mono', text: operation.remoteId || ''}),
            h('td', {text: operation.provisioningException || operation.reason || ''}),
            h('td', {}, ctx.canChange && operation.status === 'DEAD' ? [
              button('Replay', 'play', () => act(`/orchestration/operations/${enc(operation.id)}/replay`)),
              button('Discard', 'trash', () => act(`/orchestration/operations/${enc(operation.id)}/discard`),
                  {class: 'danger'})] : null)))));
  }

  function cardLink(key) {
    return h('a', {href: `connectors/${enc(connector.id)}/cards/${enc(key)}/timeline`, title: 'Timeline of the card',
      text: key});
  }

  // an action's failure is told, and the list shows where things stand afterwards
  async function attempt(action) {
    try {
      await action();
    } catch (error) {
      notify(describe(error), 'error');
    }
    await load();
  }

  function act(path) {
    return attempt(() => api.post(path));
  }

  function replayDead() {
    return attempt(async () => {
      const answer = await api.post(`${taskPath}/operations/replay`);
      notify(`${answer.replayed} dead operation(s) replayed.`);
    });
  }

  async function discardDead() {
    const ok = await confirmDialog('Discard dead operations', [h('p', {text: 'The dead operations of this task are'
      + ' given up: they are never written to the remote instance.'})], 'Discard');
    if (ok) {
      await attempt(async () => {
        const answer = await api.post(`${taskPath}/operations/discard?status=DEAD`);
        notify(`${answer.discarded} dead operation(s) discarded.`);
      });
    }
  }

  function release(key) {
    return attempt(async () => {
      await api.post(`${taskPath}/held-cards/${enc(key)}/release`);
      notify(`Card ${key} released.`);
    });
  }

  await load();
}
