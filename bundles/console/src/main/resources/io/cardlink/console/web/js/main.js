// The console: signs in, then shows the view of the current URL. Every view gets the API, the session (who is
// signed in and whether that user may change things) and a way to know whether it is still the view on screen.

import {ApiError, createApi} from './api.js';
import {h} from './dom.js';
import {currentPath, navigate, route, start} from './router.js';
import {createTopbar} from './topbar.js';
import {describe, notify} from './ui.js';
import {connectorEditor} from './views/connector.js';
import {historyView} from './views/history.js';
import {logsView} from './views/logs.js';
import {operationsView} from './views/operations.js';
import {overview} from './views/overview.js';
import {runView} from './views/run.js';
import {settingsView} from './views/settings.js';
import {timelineView} from './views/timeline.js';
import {signInView} from './views/signin.js';
import {eventTaskEditor, scheduledTaskEditor} from './views/task.js';

const main = document.getElementById('main');
const apiBase = document.querySelector('meta[name="cardlink-api"]').content;
let session = null;
let leaving = [];
let generation = 0;

const api = createApi(apiBase, () => {
  if (session) {
    session = null;
    topbar.setSession(null);
    notify('Your session has ended; sign in again.', 'error');
    toSignIn();
  }
});

const topbar = createTopbar(document.getElementById('topbar'), api, {onSignOut: signOut});

function toSignIn() {
  const here = currentPath() + location.search;
  navigate(`signin${here && !here.startsWith('signin') ? `?next=${encodeURIComponent(here)}` : ''}`,
      {replace: true});
}

async function signOut() {
  try {
    await api.del('/session');
  } catch (error) {
    // signed out on the server already: nothing more to do
  }
  session = null;
  topbar.setSession(null);
  navigate('signin', {replace: true});
}

/** Who is signed in: by the session cookie, or by HTTP Basic credentials that the browser sends by itself. */
async function loadSession() {
  try {
    session = await api.get('/session');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      throw error;
    }
    session = null;
  }
  topbar.setSession(session);
  return session;
}

route('signin', signInView, 'signin');
route('', overview, 'overview');
route('connectors', overview, 'overview');
route('connectors/new', connectorEditor, 'overview');
route('connectors/:cid', overview, 'overview');
route('connectors/:cid/edit', connectorEditor, 'overview');
route('connectors/:cid/scheduled-tasks/new', scheduledTaskEditor, 'overview');
route('connectors/:cid/scheduled-tasks/:tid', scheduledTaskEditor, 'overview');
route('connectors/:cid/scheduled-tasks/:tid/history', historyView, 'overview');
route('connectors/:cid/event-tasks/new', eventTaskEditor, 'overview');
route('connectors/:cid/event-tasks/:tid', eventTaskEditor, 'overview');
route('connectors/:cid/event-tasks/:tid/operations', operationsView, 'overview');
route('runs/:runId', runView, 'overview');
route('connectors/:cid/cards/:key/timeline', timelineView, 'overview');
route('logs', logsView, 'logs');
route('settings', settingsView, 'settings');

function notFound(ctx) {
  ctx.main.append(h('div', {class: 'page'}, h('h1', {tabindex: '-1', text: 'No such page'}),
      h('p', {}, 'The console has no page at this address. ', h('a', {href: './', text: 'Go to the overview'}))));
}

async function render(view, params, query, name) {
  leaving.forEach((fn) => fn());
  leaving = [];
  generation += 1;
  const mine = generation;
  if (name !== 'signin' && !session) {
    try {
      await loadSession();
    } catch (error) {
      main.replaceChildren(h('div', {class: 'page'}, h('h1', {text: 'Cardlink does not answer'}),
          h('p', {text: describe(error)})));
      return;
    }
    if (!session) {
      toSignIn();
      return;
    }
    topbar.refresh();
  }
  if (mine !== generation) {
    return;
  }
  topbar.setActive(name);
  main.replaceChildren();
  const ctx = {
    api,
    main,
    params,
    query,
    session,
    canChange: !!session && session.roles.includes('ADMIN'),
    active: () => mine === generation,
    onLeave: (fn) => leaving.push(fn),
    signedIn: async () => {
      await loadSession();
      topbar.refresh();
    },
  };
  try {
    await (view || notFound)(ctx);
  } catch (error) {
    if (mine === generation && !(error instanceof ApiError && error.status === 401)) {
      main.append(h('div', {class: 'page'}, h('p', {class: 'error-box', role: 'alert', text: describe(error)})));
    }
  }
  if (mine === generation) {
    const heading = main.querySelector('h1');
    document.title = heading ? `${heading.textContent} · Cardlink` : 'Cardlink';
    if (heading && document.activeElement === document.body) {
      heading.focus({preventScroll: true});
    }
  }
}

setInterval(() => {
  if (session) {
    topbar.refresh();
  }
}, 30000);

start(render);
