// Each view has its own URL below the console's base (the page's <base href>), so that links can be bookmarked,
// copied and opened in a new tab; the server answers every such URL with the same page.

const routes = [];
let renderView = null;

/** The console's base path, such as /cardlink/console/. */
function basePath() {
  return new URL(document.baseURI).pathname;
}

/** Registers a view for a pattern such as 'connectors/:cid/edit' ('' is the overview). */
export function route(pattern, view, name) {
  const keys = [];
  const source = pattern.split('/').map((part) => {
    if (part.startsWith(':')) {
      keys.push(part.slice(1));
      return '([^/]+)';
    }
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  routes.push({regex: new RegExp(`^${source}$`), keys, view, name});
}

/** The view path of the current location: below the base, without a trailing slash. */
export function currentPath() {
  const path = decodeURI(location.pathname);
  const base = basePath();
  const below = path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
  return below.replace(/\/$/, '');
}

/** Shows the view of a path below the base (with an optional ?query). */
export function navigate(path, {replace = false} = {}) {
  const url = new URL(path, document.baseURI);
  if (url.href !== location.href) {
    history[replace ? 'replaceState' : 'pushState'](null, '', url.href);
  }
  dispatch();
}

/** Changes the current URL's query (such as a search text) without showing the view again. */
export function setQuery(name, value) {
  const url = new URL(location.href);
  if (value) {
    url.searchParams.set(name, value);
  } else {
    url.searchParams.delete(name);
  }
  history.replaceState(null, '', url.href);
}

function dispatch() {
  const path = currentPath();
  const query = new URLSearchParams(location.search);
  for (const candidate of routes) {
    const match = candidate.regex.exec(path);
    if (match) {
      const params = {};
      candidate.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(match[i + 1]);
      });
      renderView(candidate.view, params, query, candidate.name);
      return;
    }
  }
  renderView(null, {}, query, null);
}

/** Starts routing: renders the current URL, then follows links, back and forward. */
export function start(render) {
  renderView = render;
  window.addEventListener('popstate', dispatch);
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download') || event.defaultPrevented || event.button !== 0
        || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    const url = new URL(link.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(basePath())) {
      return;
    }
    event.preventDefault();
    navigate(url.href);
  });
  dispatch();
}
