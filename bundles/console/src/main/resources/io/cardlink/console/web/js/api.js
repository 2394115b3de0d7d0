// The console's only way to Cardlink: the public REST API, with the session cookie of the sign-in (or whatever
// HTTP Basic credentials the browser sends), as JSON from this page's own origin.

/** A refused or failed call: the HTTP status (0 when the server did not answer) and the API's error body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.fields = (body && Array.isArray(body.fields)) ? body.fields : [];
  }
}

/** Path segments for ids and names, which may hold spaces and slashes. */
export const enc = encodeURIComponent;

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

/**
 * A client of the API at base (such as /cardlink/api/v1). signedOut is called when a call answers 401: the session
 * has ended.
 */
export function createApi(base, signedOut) {
  async function send(method, path, body, accept = 'application/json') {
    // X-Requested-With: the API then answers 401 without a Basic challenge, which would make the browser ask for
    // credentials in a dialog of its own instead of the console's sign-in page.
    const headers = {'Accept': accept, 'X-Requested-With': 'XMLHttpRequest'};
    const init = {method, headers, credentials: 'same-origin'};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    try {
      return await fetch(base + path, init);
    } catch (e) {
      throw new ApiError(0, {message: `Cardlink does not answer (${e.message}); is it running?`});
    }
  }

  async function call(method, path, body) {
    const response = await send(method, path, body);
    const text = await response.text();
    const json = text ? parse(text) : null;
    if (!response.ok) {
      const error = new ApiError(response.status, json || {message: text || response.statusText});
      if (response.status === 401 && !path.startsWith('/session')) {
        signedOut(error);
      }
      throw error;
    }
    return json;
  }

  /**
   * A call whose answer is a file (JSON, text or a zip): returns it as a Blob with the file name the API suggests.
   */
  async function file(method, path, body) {
    const response = await send(method, path, body, '*/*');
    if (!response.ok) {
      const text = await response.text();
      throw new ApiError(response.status, parse(text) || {message: text || response.statusText});
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename="([^"]+)"/.exec(disposition);
    return {blob: await response.blob(), name: match ? match[1] : 'download.json'};
  }

  return {
    base,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body === undefined ? {} : body),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
    file,
    url: (path) => base + path,
  };
}
