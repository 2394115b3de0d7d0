// Logs: the log files Cardlink offers for download (GET /logs). An installation whose API has no log files yet
// answers 404 there, and the tab says so.

import {h} from '../dom.js';
import {pageHeader} from '../ui.js';

export async function logsView(ctx) {
  const page = h('div', {class: 'page'}, pageHeader('Logs'));
  ctx.main.append(page);
  let files;
  try {
    files = await ctx.api.get('/logs');
  } catch (error) {
    if (error.status !== 404) {
      throw error;
    }
    page.append(h('div', {class: 'info-box logs-unavailable'},
        h('p', {text: 'Logs are not available in the console of this Cardlink version.'}),
        h('p', {text: 'Meanwhile Karaf keeps them in data/log/karaf.log of the installation; in the shell,'
          + ' log:display shows the latest lines and log:tail follows them.'})));
    return;
  }
  if (!ctx.active()) {
    return;
  }
  if (!Array.isArray(files) || files.length === 0) {
    page.append(h('p', {class: 'empty', text: 'No log file yet.'}));
    return;
  }
  page.append(h('ul', {class: 'log-files'}, files.map((file) => {
    const name = typeof file === 'string' ? file : file.name;
    return h('li', {}, h('a', {href: ctx.api.url(`/logs/${encodeURIComponent(name)}`), download: name, text: name}));
  })));
}
