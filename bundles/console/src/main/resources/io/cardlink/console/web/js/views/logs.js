// Logs: Cardlink's own log files (GET /logs): the engine's, the extract's and the load's, with their rotated
// predecessors; each to download, or all of them as one zip. Admins only: a viewer is told so.

import {h, icon} from '../dom.js';
import {timeElement} from '../format.js';
import {pageHeader} from '../ui.js';

/** 1536 -> "1.5 KB": sizes as people read them. */
function size(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export async function logsView(ctx) {
  const {api} = ctx;
  const page = h('div', {class: 'page'}, pageHeader('Logs',
      h('a', {class: 'button logs-zip', href: api.url('/logs/all.zip'), download: 'cardlink-logs.zip'},
          icon('download'), h('span', {text: 'Download all (zip)'}))));
  ctx.main.append(page);
  let files;
  try {
    files = await api.get('/logs');
  } catch (error) {
    if (error.status !== 403) {
      throw error;
    }
    page.querySelector('.logs-zip').remove();
    page.append(h('div', {class: 'info-box logs-unavailable'},
        h('p', {text: 'The log files are for administrators: ask one, or sign in with the admin role.'})));
    return;
  }
  if (!ctx.active()) {
    return;
  }
  page.append(h('p', {class: 'hint', text: 'cardlink-engine.log: management, scheduling and how long each run\'s'
    + ' phases took; cardlink-extract.log: reading from the remote instances; cardlink-load.log: loading into the'
    + ' local instance and event writes. A run\'s lines carry run=<its id>; its page shows them.'}));
  if (files.length === 0) {
    page.append(h('p', {class: 'empty', text: 'No log file yet.'}));
    return;
  }
  page.append(h('table', {class: 'grid log-files'},
      h('thead', {}, h('tr', {},
          h('th', {scope: 'col', text: 'File'}), h('th', {scope: 'col', class: 'num', text: 'Size'}),
          h('th', {scope: 'col', text: 'Last change'}))),
      h('tbody', {}, files.map((file) => h('tr', {class: 'log-file'},
          h('td', {}, h('a', {class: 'log-download', href: api.url(`/logs/${encodeURIComponent(file.name)}`),
            download: file.name}, icon('download'), h('span', {text: file.name}))),
          h('td', {class: 'num', title: `${file.size} bytes`, text: size(file.size)}),
          h('td', {}, timeElement(file.lastModified)))))));
}
