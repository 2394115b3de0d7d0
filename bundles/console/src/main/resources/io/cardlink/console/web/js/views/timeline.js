// A card's timeline in a connector: what the runs and event operations did with it, oldest first, and when each
// scheduled task last read it. Reached from a run's per-card rows and from an event task's operations.

import {enc} from '../api.js';
import {h} from '../dom.js';
import {timeElement} from '../format.js';
import {pageHeader} from '../ui.js';

const KINDS = {
  CREATED: 'Created', UPDATED: 'Updated', REMOVED: 'Marked removed', WRITTEN: 'Written to the remote',
  SUPPRESSED: 'Suppressed (echo)', HELD: 'Held by the loop guard', REFUSED: 'Refused',
};

export async function timelineView(ctx) {
  const {api, params} = ctx;
  const [connector, timeline, scheduled, event] = await Promise.all([
    api.get(`/connectors/${enc(params.cid)}`).catch(() => null),
    api.get(`/cards/${enc(params.key)}/timeline?connector=${enc(params.cid)}`),
    api.get(`/connectors/${enc(params.cid)}/scheduled-tasks`).catch(() => []),
    api.get(`/connectors/${enc(params.cid)}/event-tasks`).catch(() => [])]);
  if (!ctx.active()) {
    return;
  }
  // a task removed since keeps its entries: its id stands in for its name
  const names = new Map([...scheduled, ...event].map((task) => [task.id, task.name]));
  const taskName = (id) => names.get(id) || id;
  const events = timeline.events;
  ctx.main.append(h('div', {class: 'page'},
      pageHeader(`Card ${params.key}`),
      h('p', {class: 'breadcrumb'},
          connector ? ['Connector ', h('a', {href: `connectors/${enc(connector.id)}`, text: connector.name})] : null,
          ' · Timeline'),
      timeline.truncated ? h('p', {class: 'empty', text: `Only the newest ${events.length} entries are shown.`}) : null,
      events.length === 0 ? h('p', {class: 'empty', text: 'Nothing was recorded for this card.'})
        : h('table', {class: 'grid card-timeline'},
            h('thead', {}, h('tr', {}, ['Time', 'What', 'Direction', 'Task', 'By', 'Local id', 'Remote id', 'Details']
                .map((title) => h('th', {scope: 'col', text: title})))),
            h('tbody', {}, events.map((event) => h('tr', {},
                h('td', {}, timeElement(event.at)),
                h('td', {text: KINDS[event.kind] || event.kind}),
                h('td', {text: event.direction === 'READ' ? 'remote → local' : 'local → remote'}),
                h('td', {text: taskName(event.taskId)}),
                h('td', {}, event.runId ? h('a', {href: `runs/${enc(event.runId)}`, text: `Run ${event.runId.slice(0, 8)}`})
                  : `Operation ${(event.operationId || '').slice(0, 8)}`),
                h('td', {class: 'mono', text: event.localId || ''}),
                h('td', {class: 'mono', text: event.remoteId || ''}),
                h('td', {text: details(event)}))))),
      h('section', {'aria-label': 'Last seen'}, h('h2', {text: 'Last seen'}),
          timeline.lastSeen.length === 0 ? h('p', {class: 'empty', text: 'No scheduled task holds the card now.'})
            : h('ul', {class: 'messages'}, timeline.lastSeen.map((seen) => h('li', {},
                `Task ${taskName(seen.taskId)}: `, timeElement(seen.at), ' in ',
                h('a', {href: `runs/${enc(seen.runId)}`, text: `run ${seen.runId.slice(0, 8)}`})))))));
}

function details(event) {
  const parts = [];
  if (event.attributes && event.attributes.length) {
    parts.push(`attributes: ${event.attributes.join(', ')}`);
  }
  if (event.workflow) {
    parts.push(`workflow: ${event.workflow}`);
  }
  if (event.message) {
    parts.push(event.message);
  }
  return parts.join('; ');
}
