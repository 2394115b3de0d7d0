// The top bar: Cardlink's status from GET /status (green when every part is up, red naming what is down on hover),
// the tabs, who is signed in, and the version at the top right. It leaves a place for the alert count of a later
// version.

import {button, clear, h} from './dom.js';

const TABS = [
  {name: 'overview', label: 'Overview', href: ''},
  {name: 'logs', label: 'Logs', href: 'logs'},
  {name: 'settings', label: 'Settings', href: 'settings'},
];

/** Builds the bar into element; returns {refresh(), setActive(tab), setSession(session)}. */
export function createTopbar(element, api, {onSignOut}) {
  const statusText = h('span', {class: 'engine-status-text', text: 'Native Connectors'});
  const status = h('span', {class: 'engine-status', role: 'status', tabindex: '0'}, h('span', {class: 'dot'}),
      statusText);
  const tabs = h('nav', {class: 'tabs', 'aria-label': 'Connector management'},
      h('ul', {}, TABS.map((tab) => h('li', {}, h('a', {href: tab.href || './', 'data-tab': tab.name,
        text: tab.label})))));
  const alerts = h('span', {class: 'alerts', id: 'alerts', hidden: true});
  const user = h('span', {class: 'user'});
  const version = h('span', {class: 'version', title: 'Cardlink version'});
  clear(element).append(
      h('div', {class: 'brand'}, h('a', {href: './', class: 'brand-name', text: 'Cardlink'}), status),
      tabs,
      h('div', {class: 'topbar-right'}, alerts, user, version));

  async function refresh() {
    try {
      const engine = await api.get('/status');
      const down = (engine.components || []).filter((c) => c.state !== 'up');
      const ok = engine.state === 'running' && down.length === 0;
      status.classList.toggle('engine-ok', ok);
      status.classList.toggle('engine-down', !ok);
      const detail = ok ? 'Native Connectors are online: all parts are up'
        : `Native Connectors have a problem: ${down.map((c) => `${c.name} ${c.state}${c.detail ? ` (${c.detail})`
          : ''}`).join(', ') || engine.state}`;
      status.title = detail;
      status.setAttribute('aria-label', detail);
      version.textContent = `v${engine.version}`;
    } catch (error) {
      status.classList.remove('engine-ok');
      status.classList.add('engine-down');
      const detail = error.status === 401 ? 'Native Connectors: sign in to see the status'
        : `Native Connectors do not answer: ${error.message}`;
      status.title = detail;
      status.setAttribute('aria-label', detail);
    }
  }

  function setActive(name) {
    for (const link of tabs.querySelectorAll('a')) {
      if (link.dataset.tab === name) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
  }

  function setSession(session) {
    clear(user);
    tabs.hidden = !session;
    if (session) {
      const role = session.roles.includes('ADMIN') ? 'admin' : 'viewer';
      user.append(h('span', {class: 'user-name', title: `Signed in as ${session.user} (${role})`},
          `${session.user} · ${role}`));
      if (session.authentication === 'session') {
        user.append(button('Sign out', null, onSignOut, {class: 'link-button'}));
      }
    }
  }

  return {refresh, setActive, setSession};
}
