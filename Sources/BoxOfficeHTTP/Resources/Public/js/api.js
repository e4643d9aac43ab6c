/**
 * The JSON API: the fetch wrapper, the session token, error parsing, the server clock, the event cache.
 */
import { storageGet, storageSet, flash } from './ui.js';
import { renderAccount } from './auth.js';
import { clearQueuePasses } from './queue.js';
import { clearHolds } from './checkout.js';

var API = '/api/v1';
var SESSION_KEY = 'boxoffice.session';

// ---------- server clock (for hold countdowns) ----------

var clockOffset = 0;
function noteServerClock(res) {
  var header = res.headers.get('Date');
  var server = header ? Date.parse(header) : NaN;
  if (!isNaN(server)) {
    var offset = server - Date.now();
    clockOffset = Math.abs(offset) > 3000 ? offset : 0;
  }
}
function serverNow() { return Date.now() + clockOffset; }

// ---------- session ----------

var auth = storageGet(SESSION_KEY);
function setSession(s) {
  auth = s;
  storageSet(SESSION_KEY, s);
  renderAccount();
}
function signOut(message) {
  setSession(null);
  clearHolds();
  clearQueuePasses();
  if (message) flash(message, 'info');
}
/** Re-reads the session after another tab changed it (the storage event in main.js). */
function reloadSession() { auth = storageGet(SESSION_KEY); }

// ---------- API ----------

function ApiError(status, body) {
  this.status = status;
  this.body = body || {};
  this.code = (body && body.error) || ('HTTP_' + status);
  this.message = (body && body.message) || ('The server answered ' + status + '. Please try again.');
}
ApiError.prototype = Object.create(Error.prototype);

/** Calls the API; resolves to {status, data, headers}; rejects with ApiError. */
function request(method, path, opts) {
  opts = opts || {};
  var headers = { 'Accept': 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && auth.token) headers['Authorization'] = 'Bearer ' + auth.token;
  Object.keys(opts.headers || {}).forEach(function (k) { headers[k] = opts.headers[k]; });
  return fetch(API + path, {
    method: method, headers: headers, cache: 'no-store',
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined
  }).catch(function () {
    throw new ApiError(0, { error: 'NETWORK_ERROR', message: 'Could not reach BoxOffice. Check your connection and try again.' });
  }).then(function (res) {
    noteServerClock(res);
    if (res.status === 304) return { status: 304, data: null, headers: res.headers };
    return res.text().then(function (text) {
      var data = null;
      if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
      if (!res.ok) {
        var err = new ApiError(res.status, data);
        if (res.status === 401 && auth && opts.auth !== false) {
          signOut(null);
          err.sessionEnded = true;
        }
        throw err;
      }
      return { status: res.status, data: data, headers: res.headers };
    });
  });
}
function api(method, path, body, headers) {
  return request(method, path, { body: body, headers: headers }).then(function (r) { return r.data; });
}
function query(params) {
  var parts = [];
  Object.keys(params).forEach(function (k) {
    var v = params[k];
    if (v !== undefined && v !== null && String(v).trim() !== '') parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v).trim()));
  });
  return parts.length ? '?' + parts.join('&') : '';
}

// Events are cached briefly so ticket and checkout pages can name them.
var eventCache = {};
function loadEvent(id, fresh) {
  var cached = eventCache[id];
  if (!fresh && cached) return Promise.resolve(cached);
  return api('GET', '/events/' + encodeURIComponent(id)).then(function (ev) { eventCache[id] = ev; return ev; });
}

export { API, SESSION_KEY, serverNow, auth, setSession, signOut, reloadSession, request, api, query,
  eventCache, loadEvent };
