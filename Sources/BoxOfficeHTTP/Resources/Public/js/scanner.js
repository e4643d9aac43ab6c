/**
 * The door scanner (/scanner/): door staff sign in, pick an event, and scan with the camera
 * (where the browser has BarcodeDetector) or by typing or pasting a code. Online, each scan is
 * POST /api/v1/checkin. Offline (no connection, or "Work offline"), the page verifies the code's
 * Ed25519 signature itself against the published keys, answers from the check-in list it
 * downloaded, and queues the scan; queued scans go up in one POST /api/v1/checkin/batch when the
 * connection is back, and scans another door made first come back as conflicts.
 *
 * Kept in localStorage, per origin (no other site's script can read it; the pages allow only
 * their own scripts): the session (shared with the buyer's pages), and per event the check-in
 * list, the public keys and the queued scans, so a reload while offline loses nothing.
 */
import { canVerifyOffline, importKeys, verifyCode } from './ticketcode.js';

var SESSION_KEY = 'boxoffice.session';
var EVENT_KEY = 'boxoffice.scanner.event';
var DEVICE_KEY = 'boxoffice.scanner.device';
var SYNC_MS = 15000;
var RETRY_MS = 3000;
var STAFF_ROLES = ['scanner', 'organizer', 'admin'];

var LABELS = {
  VALID: 'VALID', ALREADY_USED: 'ALREADY USED', VOIDED: 'VOIDED', FORGED: 'FORGED', WRONG_EVENT: 'WRONG EVENT'
};
var MARKS = { VALID: '✓', ALREADY_USED: '!', VOIDED: '✕', FORGED: '✕', WRONG_EVENT: '✕' };

// ---------- small helpers ----------

function $(id) { return document.getElementById(id); }
function load(key) { try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; } }
function save(key, value) {
  try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or private */ }
}
function h(tag, attrs, text) {
  var el = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
  if (text !== undefined && text !== null) el.textContent = String(text);
  return el;
}
function time(iso) {
  var d = new Date(iso);
  return isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
function day(iso) {
  var d = new Date(iso);
  return isNaN(d.getTime()) ? '' : d.toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
function deviceId() {
  var id = load(DEVICE_KEY);
  if (!id) {
    id = 'web-' + Math.random().toString(36).slice(2, 10);
    save(DEVICE_KEY, id);
  }
  return id;
}

// ---------- the API ----------

var session = load(SESSION_KEY);

function NetworkError() { this.network = true; this.message = 'No connection to BoxOffice.'; }

/** Calls the API; resolves to the decoded body; rejects with {status, code, message} or a NetworkError. */
function call(method, path, body) {
  var headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session && session.token) headers['Authorization'] = 'Bearer ' + session.token;
  return fetch('/api/v1' + path, { method: method, headers: headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) })
    .catch(function () { throw new NetworkError(); })
    .then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!res.ok) {
          if (res.status === 401 && path !== '/auth/login') signedOut('Your session has ended. Please sign in again.');
          throw { status: res.status, code: (data && data.error) || 'HTTP_' + res.status,
                  message: (data && data.message) || 'The server answered ' + res.status + '.' };
        }
        return data;
      });
    });
}

// ---------- state ----------

var events = [];
var current = null;          // the chosen event
var keys = null;             // imported CryptoKeys by key id
var list = null;             // {tickets: {id: {seat, holder, status: 'valid'|'used'|'voided', checked_in_at}}, cursor, keys, synced_at}
var queue = [];              // [{qr_code, scanned_at, ticket_id}]
var offline = false;         // the last call found no connection
var syncTimer = null;
var retryTimer = null;

function listKey(id) { return 'boxoffice.scanner.list.' + id; }
function queueKey(id) { return 'boxoffice.scanner.queue.' + id; }
function forcedOffline() { return $('offline-mode').checked; }

// ---------- sign-in ----------

function signedOut(message) {
  session = null;
  save(SESSION_KEY, null);
  stopTimers();
  showSignIn(message);
}

function showSignIn(message) {
  $('signin').classList.remove('hidden');
  $('door').classList.add('hidden');
  $('who').textContent = '';
  $('signout').classList.add('hidden');
  $('signin-error').textContent = message || '';
  $('email').focus();
}

function signIn(e) {
  e.preventDefault();
  var button = $('signin-button');
  button.disabled = true;
  $('signin-error').textContent = '';
  call('POST', '/auth/login', { email: $('email').value.trim(), password: $('password').value })
    .then(function (answer) {
      if (STAFF_ROLES.indexOf(answer.role) < 0) {
        $('signin-error').textContent = 'This account cannot check in tickets. Sign in with a door staff or organizer account.';
        return;
      }
      session = answer;
      save(SESSION_KEY, answer);
      $('password').value = '';
      start();
    })
    .catch(function (err) {
      $('signin-error').textContent = err.network ? 'No connection: you must be online to sign in.' : err.message;
    })
    .then(function () { button.disabled = false; });
}

// ---------- events ----------

function start() {
  if (!session || STAFF_ROLES.indexOf(session.role) < 0) return showSignIn(session ? 'This account cannot check in tickets.' : '');
  $('signin').classList.add('hidden');
  $('door').classList.remove('hidden');
  $('who').textContent = 'Signed in as ' + (session.name || session.email || 'door staff');
  $('signout').classList.remove('hidden');
  call('GET', '/me/events?page_size=100')
    .then(function (page) { events = page.events || []; renderEvents(); })
    .catch(function (err) {
      if (err.status === 401) return;
      // Offline at start: the events whose lists this device kept.
      events = [];
      Object.keys(localStorage).forEach(function (k) {
        if (k.indexOf('boxoffice.scanner.list.') === 0) {
          var kept = load(k);
          if (kept && kept.event) events.push(kept.event);
        }
      });
      setConnection(!err.network);
      renderEvents();
    });
}

function renderEvents() {
  var select = $('event');
  select.textContent = '';
  if (!events.length) {
    select.appendChild(h('option', { value: '' }, 'No events to scan'));
    select.disabled = true;
    return;
  }
  select.disabled = false;
  var now = Date.now();
  // Tonight's and upcoming events first, then past ones.
  var sorted = events.slice().sort(function (a, b) {
    var pa = Date.parse(a.starts_at) < now - 12 * 3600e3, pb = Date.parse(b.starts_at) < now - 12 * 3600e3;
    if (pa !== pb) return pa ? 1 : -1;
    return pa ? Date.parse(b.starts_at) - Date.parse(a.starts_at) : Date.parse(a.starts_at) - Date.parse(b.starts_at);
  });
  sorted.forEach(function (ev) {
    var label = ev.title + ' · ' + day(ev.starts_at) + (ev.venue && ev.venue.name ? ' · ' + ev.venue.name : '') +
      (ev.status === 'CANCELLED' ? ' (cancelled)' : '');
    select.appendChild(h('option', { value: ev.event_id }, label));
  });
  var saved = load(EVENT_KEY);
  select.value = sorted.some(function (ev) { return ev.event_id === saved; }) ? saved : sorted[0].event_id;
  choose(select.value);
}

function choose(eventId) {
  stopTimers();
  current = events.filter(function (ev) { return ev.event_id === eventId; })[0] || null;
  if (!current) return;
  save(EVENT_KEY, eventId);
  list = load(listKey(eventId));
  queue = load(queueKey(eventId)) || [];
  keys = null;
  $('conflicts').textContent = '';
  $('conflicts-box').classList.add('hidden');
  showResult(null);
  renderQueue();
  prepareKeys().then(function () { return sync(true); }).catch(function () { /* shown by sync */ });
  syncTimer = setInterval(function () { sync(false); }, SYNC_MS);
}

function stopTimers() {
  if (syncTimer) clearInterval(syncTimer);
  if (retryTimer) clearTimeout(retryTimer);
  syncTimer = retryTimer = null;
}

function prepareKeys() {
  if (!list || !list.keys || !canVerifyOffline()) return Promise.resolve();
  return importKeys(list.keys).then(function (imported) { keys = imported; }).catch(function () { keys = null; });
}

// ---------- the check-in list (for offline answers) ----------

/** Downloads the list (the whole of it the first time, then what changed since the cursor). */
function sync(full) {
  if (!current || forcedOffline()) { renderList(); return Promise.resolve(); }
  var eventId = current.event_id;
  var since = !full && list && list.cursor ? '?cursor=' + encodeURIComponent(list.cursor) : '';
  return Promise.all([call('GET', '/keys/tickets'), call('GET', '/events/' + encodeURIComponent(eventId) + '/checkin-list' + since)])
    .then(function (answers) {
      if (!current || current.event_id !== eventId) return;
      var fresh = answers[1];
      var next = since && list ? list : { tickets: {} };
      next.event = current;
      next.keys = answers[0];
      next.cursor = fresh.cursor;
      next.synced_at = new Date().toISOString();
      (fresh.valid || []).forEach(function (t) { next.tickets[t.ticket_id] = { seat: t.seat, holder: t.holder_name, status: 'valid' }; });
      (fresh.used || []).forEach(function (t) {
        next.tickets[t.ticket_id] = { seat: t.seat, holder: t.holder_name, status: 'used', checked_in_at: t.checked_in_at };
      });
      (fresh.voided || []).forEach(function (id) {
        var known = next.tickets[id] || {};
        next.tickets[id] = { seat: known.seat, holder: known.holder, status: 'voided' };
      });
      // Scans still queued here stay used, whatever the list says.
      queue.forEach(function (scan) {
        var t = scan.ticket_id && next.tickets[scan.ticket_id];
        if (t && t.status === 'valid') { t.status = 'used'; t.checked_in_at = scan.scanned_at; }
      });
      list = next;
      save(listKey(eventId), list);
      setConnection(true);
      return prepareKeys().then(function () { renderList(); return flush(); });
    })
    .catch(function (err) {
      if (err && err.network) setConnection(false);
      else if (err && err.status === 403) showResult({ result: 'ERROR', message: 'This account may not check in at this event.' });
      renderList();
    });
}

function renderList() {
  var line = $('list-state');
  if (!canVerifyOffline()) {
    line.textContent = 'Offline checking needs a secure connection (https): this device checks tickets online only.';
    return;
  }
  if (!list) { line.textContent = 'The offline list has not been downloaded yet.'; return; }
  var counts = { valid: 0, used: 0, voided: 0 };
  Object.keys(list.tickets).forEach(function (id) { counts[list.tickets[id].status] += 1; });
  line.textContent = 'Offline list: ' + counts.valid + ' to admit, ' + counts.used + ' in, ' + counts.voided + ' void · updated ' +
    time(list.synced_at);
}

function setConnection(online) {
  offline = !online;
  var state = $('connection');
  var working = online && !forcedOffline();
  state.textContent = working ? 'Online' : (forcedOffline() ? 'Offline (by choice)' : 'Offline: no connection');
  state.className = 'connection ' + (working ? 'on' : 'off');
}

// ---------- the queue of offline scans ----------

function renderQueue() {
  var n = queue.length;
  $('queue-state').textContent = n === 0 ? 'No scans waiting to upload.' : n + (n === 1 ? ' scan' : ' scans') + ' waiting to upload.';
  $('queue-state').setAttribute('data-waiting', String(n));
  $('upload').disabled = n === 0;
}

function flush() {
  if (!current || !queue.length || forcedOffline()) return Promise.resolve();
  var eventId = current.event_id;
  var sending = queue.slice();
  return call('POST', '/checkin/batch', {
    event_id: eventId,
    scans: sending.map(function (s) { return { qr_code: s.qr_code, scanned_at: s.scanned_at, device_id: deviceId() }; })
  }).then(function (answer) {
    if (!current || current.event_id !== eventId) return;
    queue = queue.slice(sending.length);
    save(queueKey(eventId), queue);
    setConnection(true);
    var conflicts = [];
    (answer.results || []).forEach(function (r, i) {
      if (r.conflict || (r.result !== 'VALID' && r.result !== 'ALREADY_USED')) conflicts.push({ scan: sending[i], answer: r });
      if (list && r.ticket_id && list.tickets[r.ticket_id] && r.checked_in_at) {
        list.tickets[r.ticket_id].status = 'used';
        list.tickets[r.ticket_id].checked_in_at = r.checked_in_at;
      }
    });
    if (list) save(listKey(eventId), list);
    renderQueue();
    renderConflicts(sending.length, conflicts);
  }).catch(function (err) {
    if (err && err.network) { setConnection(false); scheduleRetry(); }
    else if (err && err.status) showResult({ result: 'ERROR', message: 'Upload refused: ' + err.message });
  });
}

function scheduleRetry() {
  if (retryTimer || !queue.length) return;
  retryTimer = setTimeout(function () { retryTimer = null; sync(false); }, RETRY_MS);
}

function renderConflicts(uploaded, conflicts) {
  $('upload-state').textContent = 'Uploaded ' + uploaded + (uploaded === 1 ? ' scan' : ' scans') + ' made offline' +
    (conflicts.length ? '; ' + conflicts.length + ' need a look:' : '; no conflicts.');
  var ul = $('conflicts');
  conflicts.forEach(function (c) {
    var who = [c.answer.seat, c.answer.holder_name].filter(Boolean).join(', ') || 'Unknown ticket';
    var text = who + ': ' + (LABELS[c.answer.result] || c.answer.result) +
      (c.answer.result === 'ALREADY_USED' && c.answer.checked_in_at ? ' (in at ' + time(c.answer.checked_in_at) + ' at another door)' : '') +
      ' · scanned here at ' + time(c.scan.scanned_at);
    var li = h('li', { 'data-result': c.answer.result }, text);
    ul.insertBefore(li, ul.firstChild);
  });
  $('conflicts-box').classList.toggle('hidden', !ul.firstChild);
}

// ---------- scanning ----------

var busy = false;

function check(code) {
  code = String(code || '').trim();
  if (!code || !current || busy) return Promise.resolve();
  busy = true;
  var done = function () { busy = false; };
  var work = forcedOffline() ? checkOffline(code) : call('POST', '/checkin', { qr_code: code, event_id: current.event_id })
    .then(function (answer) {
      setConnection(true);
      noteOnline(answer);
      showResult(answer);
      if (queue.length) flush();
    })
    .catch(function (err) {
      if (err && err.network) { setConnection(false); return checkOffline(code); }
      if (err && err.status === 401) return;
      showResult({ result: 'ERROR', message: err.message });
    });
  return work.then(done, done);
}

function noteOnline(answer) {
  if (!list || !answer.ticket_id) return;
  var t = list.tickets[answer.ticket_id] || (list.tickets[answer.ticket_id] = { seat: answer.seat, holder: answer.holder_name });
  if (answer.result === 'VALID' || answer.result === 'ALREADY_USED') { t.status = 'used'; t.checked_in_at = answer.checked_in_at; }
  if (answer.result === 'VOIDED') t.status = 'voided';
  save(listKey(current.event_id), list);
  renderList();
}

function checkOffline(code) {
  if (!keys || !list) {
    showResult({ result: 'ERROR', message: canVerifyOffline()
      ? 'No connection, and the offline list is not on this device yet: connect once to download it.'
      : 'No connection, and this browser cannot check codes offline here.' });
    return Promise.resolve();
  }
  return verifyCode(code, keys).then(function (claims) {
    var answer = { offline: true };
    if (!claims.ok) { answer.result = 'FORGED'; answer.reason = claims.reason; return showResult(answer); }
    var ticket = list.tickets[claims.ticketId];
    answer.ticket_id = claims.ticketId;
    answer.seat = ticket ? ticket.seat : claims.seat;
    answer.holder_name = ticket ? ticket.holder : claims.holder;
    if (claims.eventId !== current.event_id) { answer.result = 'WRONG_EVENT'; return showResult(answer); }
    if (ticket && ticket.status === 'voided') { answer.result = 'VOIDED'; return showResult(answer); }
    if (ticket && ticket.status === 'used') { answer.result = 'ALREADY_USED'; answer.checked_in_at = ticket.checked_in_at; return showResult(answer); }
    var now = new Date().toISOString();
    answer.result = 'VALID';
    answer.checked_in_at = now;
    answer.unlisted = !ticket;
    if (!ticket) ticket = list.tickets[claims.ticketId] = { status: 'valid' };
    ticket.status = 'used';
    ticket.checked_in_at = now;
    queue.push({ qr_code: code, scanned_at: now, ticket_id: claims.ticketId });
    save(queueKey(current.event_id), queue);
    save(listKey(current.event_id), list);
    renderQueue();
    scheduleRetry();
    showResult(answer);
  });
}

function showResult(answer) {
  var box = $('result');
  box.textContent = '';
  if (!answer) {
    box.className = 'result idle';
    box.setAttribute('data-result', '');
    box.appendChild(h('p', { class: 'word' }, 'Ready'));
    box.appendChild(h('p', { class: 'detail' }, 'Scan or paste a ticket code.'));
    return;
  }
  var result = answer.result;
  var kind = result === 'VALID' ? 'valid' : result === 'ALREADY_USED' ? 'used' : 'bad';
  box.className = 'result ' + kind;
  box.setAttribute('data-result', result);
  box.appendChild(h('p', { class: 'word' }, (MARKS[result] ? MARKS[result] + ' ' : '') + (LABELS[result] || 'Could not check')));
  var details = [];
  if (answer.seat) details.push(answer.seat);
  if (answer.holder_name) details.push(answer.holder_name);
  if (details.length) box.appendChild(h('p', { class: 'detail who' }, details.join(' · ')));
  if (result === 'ALREADY_USED' && answer.checked_in_at) {
    box.appendChild(h('p', { class: 'detail first-scan' }, 'First scanned at ' + time(answer.checked_in_at)));
  }
  if (result === 'FORGED') box.appendChild(h('p', { class: 'detail' }, 'Not a genuine ticket' + (answer.reason ? ' (' + answer.reason + ')' : '') + '. Do not admit.'));
  if (result === 'WRONG_EVENT') box.appendChild(h('p', { class: 'detail' }, 'This ticket is for another event. Do not admit.'));
  if (result === 'VOIDED') box.appendChild(h('p', { class: 'detail' }, 'Cancelled, refunded or passed on to someone else. Do not admit.'));
  if (answer.message) box.appendChild(h('p', { class: 'detail' }, answer.message));
  if (answer.unlisted) box.appendChild(h('p', { class: 'detail' }, 'Sold after the offline list was downloaded: the signature is genuine.'));
  if (answer.offline) box.appendChild(h('p', { class: 'detail offline-note' }, 'Checked offline on this device' + (result === 'VALID' ? '; it uploads when the connection is back.' : '.')));
  signal(kind);
}

/** A beep (high for valid, low for anything else) and a vibration where the device has one. */
var audio = null;
function signal(kind) {
  try { if (navigator.vibrate) navigator.vibrate(kind === 'valid' ? 80 : [200, 80, 200]); } catch (e) { /* none */ }
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    var tone = audio.createOscillator();
    var gain = audio.createGain();
    tone.frequency.value = kind === 'valid' ? 880 : 220;
    gain.gain.value = 0.08;
    tone.connect(gain);
    gain.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (kind === 'valid' ? 0.12 : 0.35));
  } catch (e) { /* no sound */ }
}

// ---------- the camera ----------

var camera = null;

function startCamera() {
  if (camera) return stopCamera();
  var detector;
  try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); } catch (e) { return; }
  navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
    var video = $('video');
    video.srcObject = stream;
    video.classList.remove('hidden');
    video.play();
    $('camera').textContent = 'Stop camera';
    var last = { code: '', at: 0 };
    camera = { stream: stream, timer: setInterval(function () {
      if (video.readyState < 2 || busy) return;
      detector.detect(video).then(function (codes) {
        if (!codes.length) return;
        var code = codes[0].rawValue;
        if (code === last.code && Date.now() - last.at < 3000) return;
        last = { code: code, at: Date.now() };
        check(code);
      }).catch(function () { /* next frame */ });
    }, 250) };
  }).catch(function () {
    showResult({ result: 'ERROR', message: 'The camera is not available: type or paste the code instead.' });
  });
}

function stopCamera() {
  if (!camera) return;
  clearInterval(camera.timer);
  camera.stream.getTracks().forEach(function (t) { t.stop(); });
  camera = null;
  $('video').classList.add('hidden');
  $('camera').textContent = 'Scan with camera';
}

// ---------- start ----------

$('signin-form').addEventListener('submit', signIn);
$('signout').addEventListener('click', function () { stopCamera(); signedOut(''); });
$('event').addEventListener('change', function (e) { choose(e.target.value); });
$('scan-form').addEventListener('submit', function (e) {
  e.preventDefault();
  var input = $('code');
  var code = input.value;
  check(code).then(function () { input.value = ''; input.focus(); });
});
$('offline-mode').addEventListener('change', function () {
  setConnection(!offline);
  if (!forcedOffline()) sync(false);
});
$('upload').addEventListener('click', function () { sync(false); });
if ('BarcodeDetector' in window && navigator.mediaDevices) {
  $('camera').classList.remove('hidden');
  $('camera').addEventListener('click', startCamera);
}
window.addEventListener('online', function () { sync(false); });
window.addEventListener('offline', function () { setConnection(false); });
window.addEventListener('storage', function (e) {
  if (e.key === SESSION_KEY) { session = load(SESSION_KEY); if (!session) signedOut(''); }
});
setConnection(navigator.onLine !== false);
showResult(null);
start();
