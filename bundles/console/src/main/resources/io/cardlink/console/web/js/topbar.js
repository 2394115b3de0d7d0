// The top bar: Cardlink's status from GET /status (green when every part is up, red naming what is down on hover),
// the tabs, the open alerts (their count coloured by the highest severity; a click lists them, with acknowledge),
// who is signed in, and the version at the top right.

import {enc} from './api.js';
import {button, clear, h, icon} from './dom.js';
import {timeElement} from './format.js';
import {describe, dialog, notify} from './ui.js';

const SEVERITY_ORDER = ['INFO', 'WARNING', 'CRITICAL'];

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
  const alerts = h('button', {type: 'button', class: 'alerts', id: 'alerts', hidden: true, onClick: showAlerts});
  let openAlerts = [];
  let canAcknowledge = false;
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
      await refreshAlerts();
    } catch (error) {
      status.classList.remove('engine-ok');
      status.classList.add('engine-down');
      const detail = error.status === 401 ? 'Native Connectors: sign in to see the status'
        : `Native Connectors do not answer: ${error.message}`;
      status.title = detail;
      status.setAttribute('aria-label', detail);
    }
  }

  async function refreshAlerts() {
    try {
      openAlerts = await api.get('/alerts');
    } catch (error) {
      // alerts unavailable (engine stopped): the status above says why
      openAlerts = [];
    }
    const waiting = openAlerts.filter((a) => !a.acknowledgedAt);
    const shown = waiting.length ? waiting : openAlerts;
    const highest = shown.reduce((top, a) => (SEVERITY_ORDER.indexOf(a.severity) > SEVERITY_ORDER.indexOf(top)
      ? a.severity : top), 'INFO');
    alerts.hidden = openAlerts.length === 0;
    alerts.className = ['alerts', waiting.length ? `alerts-${highest.toLowerCase()}` : 'alerts-acknowledged']
        .join(' ');
    const label = waiting.length
      ? `${waiting.length} open alert${waiting.length === 1 ? '' : 's'}, the highest ${highest.toLowerCase()}`
      : `${openAlerts.length} open alert${openAlerts.length === 1 ? '' : 's'}, all acknowledged`;
    alerts.setAttribute('aria-label', `${label}: show them`);
    alerts.title = label;
    clear(alerts).append(icon('alert'), h('span', {class: 'alerts-count',
      text: String(waiting.length || openAlerts.length)}));
  }

  function showAlerts() {
    const d = dialog('Open alerts', {wide: true});
    const list = h('ul', {class: 'alert-list'});
    const fill = () => {
      clear(list);
      if (openAlerts.length === 0) {
        list.append(h('li', {class: 'hint', text: 'No open alerts.'}));
      }
      for (const alert of openAlerts) {
        const ack = alert.acknowledgedAt
          ? h('span', {class: 'hint', text: `Acknowledged by ${alert.acknowledgedBy}`})
          : button('Acknowledge', 'check', () => acknowledge(alert), {disabled: !canAcknowledge,
            'data-alert': alert.id});
        list.append(h('li', {class: ['alert-item', `alert-${alert.severity.toLowerCase()}`], 'data-alert-id': alert.id},
            h('div', {class: 'alert-head'},
                h('span', {class: 'alert-severity', text: alert.severity}),
                h('span', {class: 'alert-kind', text: alert.subject.kind.replaceAll('_', ' ').toLowerCase()}),
                h('span', {class: 'hint'}, 'last seen ', timeElement(alert.lastSeenAt),
                    alert.count > 1 ? ` · ${alert.count} times` : '')),
            h('p', {class: 'alert-message', text: alert.message}), ack));
      }
    };
    async function acknowledge(alert) {
      try {
        await api.post(`/alerts/${enc(alert.id)}/acknowledge`);
        await refreshAlerts();
        fill();
      } catch (error) {
        notify(describe(error), 'error');
      }
    }
    fill();
    d.body.append(list);
    d.footer.append(button('Close', null, () => d.close(), {class: 'primary'}));
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
    canAcknowledge = !!session && session.roles.includes('ADMIN');
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
