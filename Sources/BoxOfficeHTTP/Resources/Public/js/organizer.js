/**
 * The organizer's desk (/organizer/): the events an organizer runs, and for one event its live
 * counts (polled every 2 s while the page is visible), sales and check-ins over time, the
 * waiting room and its admission rate, the settings the API lets an organizer change, and the
 * door staff accounts. Loaded by organizer/index.html as a module; shares the session (and the
 * header) with the shop. Routes: #/ (the events), #/event/{id} (one event).
 */
import { h, append, link, count, plural, fmtDate, fmtShortDate, fmtTime } from './ui.js';
import { SESSION_KEY, auth, api, reloadSession, signOut } from './api.js';
import { renderAccount, rememberReturn } from './auth.js';
import { view, newView, onLeave, loading } from './router.js';
import { TimeChart } from './charts.js';

var POLL_MS = 2000;
var POLL_RETRY_MS = 5000;
var EVENT_REFRESH_MS = 15000;     // the event's own view (status, settings) is re-read this often
var DESK_ROLES = ['organizer', 'admin'];
// Routes of the shop (index.html): a link to one of them from here goes to the shop.
var SHOP_ROUTES = ['events', 'checkout', 'tickets', 'signin', 'register'];

var STATUS_TEXT = {
  SCHEDULED: 'Scheduled', PRESALE: 'Presale', ON_SALE: 'On sale', SALES_CLOSED: 'Sales closed', CANCELLED: 'Cancelled'
};
var STATUS_CLASS = { SCHEDULED: '', PRESALE: 'brand', ON_SALE: 'ok', SALES_CLOSED: 'warn', CANCELLED: 'bad' };

// ---------- small helpers ----------

var formats = {};
/** Formats cents in the event's currency ("usd" -> $12.50). */
function moneyIn(currency, cents) {
  var code = String(currency || 'usd').toUpperCase();
  if (!formats[code]) {
    try { formats[code] = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }); } catch (e) { formats[code] = null; }
  }
  if (typeof cents !== 'number') return '—';
  return formats[code] ? formats[code].format(cents / 100) : (cents / 100).toFixed(2) + ' ' + code;
}
function statusBadge(ev) {
  return h('span', { class: 'badge ' + (STATUS_CLASS[ev.status] || '') }, STATUS_TEXT[ev.status] || String(ev.status || ''));
}
function isPast(ev) { return Date.parse(ev.starts_at) < Date.now(); }
function soldOf(ev) { return (ev.sections || []).reduce(function (n, s) { return n + (s.sold_count || 0); }, 0); }
function capacityOf(ev) {
  return typeof ev.total_capacity === 'number' ? ev.total_capacity
    : (ev.sections || []).reduce(function (n, s) { return n + (s.capacity || 0); }, 0);
}
function venueText(ev) {
  var v = ev.venue || {};
  return [v.name, v.city].filter(Boolean).join(', ');
}
function canUseDesk() { return !!(auth && DESK_ROLES.indexOf(auth.role) >= 0); }
/** A meter drawn as a bar; the numbers are always written next to it (never told by the bar alone). */
function meter(part, whole) {
  var pct = whole > 0 ? Math.min(100, Math.round(part / whole * 100)) : 0;
  return h('div', { class: 'meter', 'aria-hidden': 'true' }, h('div', { style: 'width:' + pct + '%' }));
}
/** A field: label, input, and a hint tied to the input with aria-describedby. */
function field(id, labelText, input, hint) {
  input.id = id;
  var hintEl = null;
  if (hint) {
    hintEl = h('div', { class: 'muted small', id: id + '-hint' }, hint);
    input.setAttribute('aria-describedby', id + '-hint');
  }
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input, hintEl);
}
/** The message box of a form: an error (role=alert) or a confirmation (role=status). */
function formMessage() {
  var box = h('div', { class: 'form-msg' });
  return {
    el: box,
    error: function (text) { box.textContent = ''; box.appendChild(h('div', { class: 'form-error', role: 'alert' }, h('strong', null, 'Not saved: '), text)); },
    ok: function (text) { box.textContent = ''; box.appendChild(h('div', { class: 'form-ok', role: 'status' }, h('span', { 'aria-hidden': 'true' }, '✓ '), text)); },
    clear: function () { box.textContent = ''; }
  };
}
/** A whole number from an input, or null when it holds something else (the server is told what was typed). */
function numberOf(input) {
  var v = input.value.trim();
  if (v === '') return null;
  var n = Number(v);
  return isNaN(n) ? v : n;
}
/** An ISO time as the value of an <input type=datetime-local> (the browser's time zone). */
function localInputValue(iso) {
  var d = iso ? new Date(iso) : null;
  if (!d || isNaN(d.getTime())) return '';
  function p(n) { return (n < 10 ? '0' : '') + n; }
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());
}
function isoFromLocalInput(value) {
  var d = value ? new Date(value) : null;
  return d && !isNaN(d.getTime()) ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}
function zoneName() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your time zone'; } catch (e) { return 'your time zone'; }
}

// ---------- sign-in ----------

/** Goes to the shop's sign-in form, and comes back here afterwards (auth.js). */
function signInLink(text) {
  var a = link('/#/signin', text, 'btn');
  a.addEventListener('click', function () { rememberReturn(); });
  return a;
}

/** Says plainly why the desk cannot be shown; returns true when it can. */
function gate() {
  if (!auth) {
    newView('Organizer desk');
    append(view, h('div', { class: 'card desk-gate' },
      h('h1', null, 'Organizer desk'),
      h('p', null, 'You are not signed in. Sign in with your organizer account to see your events, their sales and check-ins, your waiting rooms and your door staff.'),
      h('p', null, signInLink('Sign in to the organizer desk'))));
    return false;
  }
  if (!canUseDesk()) {
    newView('Organizer desk');
    var again = h('button', { class: 'btn secondary', type: 'button' }, 'Sign out and sign in as an organizer');
    again.addEventListener('click', function () { signOut(null); rememberReturn(); location.assign('/#/signin'); });
    append(view, h('div', { class: 'card desk-gate' },
      h('h1', null, 'Organizer desk'),
      h('p', null, 'The organizer desk is for organizers. You are signed in as ', h('strong', null, auth.name || auth.email || 'someone'),
        ', whose account is a ', h('strong', null, String(auth.role || 'customer')), ' account.'),
      h('div', { class: 'qactions' }, again, link('/#/', 'Back to the shop'))));
    return false;
  }
  return true;
}

// ---------- routing ----------

function route() {
  var hash = location.hash || '#/';
  var parts = hash.replace(/^#\/?/, '').split('/').map(function (p) { try { return decodeURIComponent(p); } catch (e) { return p; } });
  if (SHOP_ROUTES.indexOf(parts[0]) >= 0) {
    location.replace('/' + hash);   // e.g. the hold banner's "Complete purchase", or a sign-in redirect
    return;
  }
  window.scrollTo(0, 0);
  if (!gate()) return;
  if (parts[0] === 'event' && parts[1]) return showDeskEvent(parts[1]);
  if (parts[0] === '' || parts[0] === undefined) return showDeskHome();
  newView('Not found');
  append(view, h('div', { class: 'empty' }, h('h2', null, 'Page not found'), link('#/', 'Your events')));
}

// ---------- the events ----------

function showDeskHome() {
  var alive = newView('Organizer desk');
  var list = h('div', { class: 'desk-events' }, loading('Loading your events…'));
  var more = h('div', { class: 'more' });
  var staffBox = h('div');
  append(view, [
    h('div', { class: 'desk-title' },
      h('h1', null, 'Organizer desk'),
      h('p', { class: 'muted' }, auth.role === 'admin' ? 'Every event on BoxOffice, in start order.' : 'The events you run, past and cancelled ones included, in start order.')),
    h('section', { 'aria-labelledby': 'h-events' }, h('h2', { id: 'h-events', class: 'sr-only' }, 'Events'), list, more),
    staffBox]);
  var events = [];
  function load(cursor) {
    api('GET', '/me/events?page_size=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')).then(function (page) {
      if (!alive()) return;
      events = events.concat(page.events || []);
      list.textContent = '';
      more.textContent = '';
      if (!events.length) {
        list.appendChild(h('div', { class: 'empty' }, 'You have no events yet. Organizers create events over the API (POST /api/v1/events).'));
        return;
      }
      list.appendChild(h('p', { class: 'muted small' }, (page.next_cursor ? 'The first ' : '') + plural(events.length, 'event')));
      list.appendChild(h('ul', { class: 'desk-list' }, events.map(eventCard)));
      if (page.next_cursor) {
        var btn = h('button', { class: 'btn secondary', type: 'button' }, 'Show more events');
        btn.addEventListener('click', function () { btn.disabled = true; btn.textContent = 'Loading…'; load(page.next_cursor); });
        more.appendChild(btn);
      }
    }).catch(function (err) {
      if (!alive()) return;
      list.textContent = '';
      list.appendChild(problem(err, 'Your events could not be loaded.'));
    });
  }
  load(null);
  staffPanel(staffBox, alive);
}

function eventCard(ev) {
  var sold = soldOf(ev), cap = capacityOf(ev);
  return h('li', null, h('a', { class: 'desk-card', href: '#/event/' + encodeURIComponent(ev.event_id), 'data-event-id': ev.event_id },
    h('span', { class: 'date' }, fmtDate(ev.starts_at)),
    h('span', { class: 'title' }, ev.title),
    h('span', { class: 'muted small' }, [ev.artist, venueText(ev)].filter(Boolean).join(' · ')),
    h('span', { class: 'badges' }, statusBadge(ev), isPast(ev) ? h('span', { class: 'badge' }, 'Past') : null,
      ev.queue && ev.queue.enabled ? h('span', { class: 'badge brand' }, 'Waiting room') : null),
    h('span', { class: 'sold' }, h('span', { 'data-sold': '1' }, count(sold) + ' of ' + count(cap) + ' sold')),
    meter(sold, cap)));
}

function problem(err, fallback) {
  var text = (err && err.message) || fallback;
  if (err && err.status === 403) text = 'This is not one of your events, so its desk is not open to you. (' + (err.message || 'Forbidden') + ')';
  if (err && err.status === 404) text = 'There is no such event.';
  return h('div', { class: 'alert error', role: 'alert' }, h('div', { class: 'msg' }, text));
}

// ---------- one event ----------

function showDeskEvent(eventId) {
  var alive = newView('Organizer desk');
  var state = { ev: null, dash: null, sig: '', headSig: '', chartsAt: 0, timer: null, lastEventLoad: 0, stopped: false,
    sent: 0, shown: 0 };   // reads sent and the newest one shown (an older answer arriving late is dropped)
  var liveState = h('p', { class: 'desk-live connecting', 'data-live': 'connecting' }, 'Connecting…');
  var head = h('div', { class: 'desk-head' }, loading('Loading the event…'));
  var body = h('div', { class: 'desk-body hidden' });
  append(view, [link('#/', '← All your events', 'back'), head, body]);

  // The parts drawn once; the polled numbers go into them.
  var totals = h('dl', { class: 'tiles' });
  var sectionRows = h('tbody', { role: 'rowgroup' });
  var soldChart = new TimeChart({ name: 'sold', title: 'Tickets sold over time', yTitle: 'Tickets sold (running total)',
    noun: ['ticket sold', 'tickets sold'], empty: 'No tickets sold yet.', color: '#4f3bc2' });
  var checkinChart = new TimeChart({ name: 'checked_in', title: 'Check-ins over time', yTitle: 'Checked in (running total)',
    noun: ['ticket checked in', 'tickets checked in'], empty: 'Nobody has checked in yet.', color: '#1d7a46' });
  var queueInfo = h('div', { class: 'queue-state' });
  var queueFormSlot = h('div');
  var queueForm = null;
  var settingsBox = h('div');
  var staffBox = h('div');

  append(body, [
    h('section', { class: 'card desk-section', 'aria-labelledby': 'h-now' },
      h('div', { class: 'toolbar' }, h('h2', { id: 'h-now' }, 'Right now'), liveState),
      totals,
      h('h3', null, 'By section'),
      // Explicit roles: on a phone the rows are laid out as cards, and the table stays a table to a screen reader.
      h('table', { class: 'desk-table', role: 'table', 'aria-labelledby': 'h-sections-cap' },
        h('caption', { id: 'h-sections-cap', class: 'sr-only' }, 'Counts by section'),
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, ['Section', 'Price', 'Capacity', 'Sold', 'On hold', 'Available', 'Checked in', 'Revenue'].map(function (t, i) {
          return h('th', { scope: 'col', role: 'columnheader', class: i ? 'num' : null }, t);
        }))),
        sectionRows)),
    h('div', { class: 'charts' },
      h('section', { class: 'card desk-section', 'aria-labelledby': 'h-sold-chart' }, h('h2', { id: 'h-sold-chart' }, 'Sales over time'), soldChart.el,
        h('p', { class: 'muted small chart-note' }, 'Every ticket as it was sold: refunds are not taken off here (they are in Sold above).')),
      h('section', { class: 'card desk-section', 'aria-labelledby': 'h-checkin-chart' }, h('h2', { id: 'h-checkin-chart' }, 'Check-ins over time'), checkinChart.el)),
    h('section', { class: 'card desk-section', 'aria-labelledby': 'h-queue', id: 'queue' }, h('h2', { id: 'h-queue' }, 'Waiting room'), queueInfo, queueFormSlot),
    h('section', { class: 'card desk-section', 'aria-labelledby': 'h-settings', id: 'settings' }, h('h2', { id: 'h-settings' }, 'Sale settings'), settingsBox),
    staffBox]);

  var resizeTimer = null;
  function onResize() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { soldChart.redraw(); checkinChart.redraw(); }, 150);
  }
  window.addEventListener('resize', onResize);

  function setLive(kind, text) {
    liveState.className = 'desk-live ' + kind;
    liveState.setAttribute('data-live', kind);
    liveState.textContent = text;
  }

  // ----- polling -----
  function schedule(ms) {
    clearTimeout(state.timer);
    if (state.stopped || document.hidden) return;
    state.timer = setTimeout(poll, ms);
  }
  function poll() {
    if (!alive() || state.stopped) return;
    var seq = ++state.sent;
    var wantEvent = !state.ev || Date.now() - state.lastEventLoad > EVENT_REFRESH_MS;
    var reads = [api('GET', '/events/' + encodeURIComponent(eventId) + '/dashboard'),
      wantEvent ? api('GET', '/events/' + encodeURIComponent(eventId)) : Promise.resolve(null)];
    Promise.all(reads).then(function (answers) {
      if (!alive() || state.stopped || seq < state.shown) return;
      state.shown = seq;
      if (answers[1]) { state.lastEventLoad = Date.now(); setEvent(answers[1]); }
      setDashboard(answers[0]);
      setLive('live', 'Live · updated ' + fmtTime(answers[0].as_of));
      schedule(POLL_MS);
    }).catch(function (err) {
      if (!alive() || state.stopped || seq < state.shown) return;
      if (err.sessionEnded) return;     // signed out: the page redraws itself (the session event)
      if (!state.dash && (err.status === 403 || err.status === 404)) {
        state.stopped = true;
        head.textContent = '';
        head.appendChild(problem(err));
        return;
      }
      setLive('offline', 'Not updating: ' + (err.message || 'the server did not answer') + ' Trying again…');
      schedule(POLL_RETRY_MS);
    });
  }
  function onVisibility() {
    if (document.hidden) {
      clearTimeout(state.timer);
      if (!state.stopped) setLive('paused', 'Paused while this page is hidden');
    } else if (!state.stopped) {
      poll();
    }
  }
  document.addEventListener('visibilitychange', onVisibility);
  onLeave(function () {
    state.stopped = true;
    clearTimeout(state.timer);
    clearTimeout(resizeTimer);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('resize', onResize);
  });
  if (document.hidden) setLive('paused', 'Paused while this page is hidden');
  else poll();

  // ----- the event's own view (head, settings, waiting room settings) -----
  function setEvent(ev) {
    var firstTime = !state.ev;
    state.ev = ev;
    document.title = ev.title + ' · Organizer desk · BoxOffice';
    var headSig = JSON.stringify([ev.title, ev.artist, ev.venue, ev.starts_at, ev.status, ev.sale_starts_at]);
    if (headSig !== state.headSig) { state.headSig = headSig; drawHead(ev); }
    body.classList.remove('hidden');
    if (firstTime) {
      settingsPanel(settingsBox, ev, alive, function (updated) { setEvent(updated); renderQueue(); });
      staffPanel(staffBox, alive);
    }
    renderQueue();
  }
  function drawHead(ev) {
    head.textContent = '';
    append(head, [
      h('div', { class: 'meta' },
        h('h1', null, ev.title),
        h('p', { class: 'muted' }, [ev.artist, venueText(ev), fmtDate(ev.starts_at)].filter(Boolean).join(' · ')),
        h('p', { class: 'badges' }, statusBadge(ev), isPast(ev) ? h('span', { class: 'badge' }, 'Past') : null,
          ev.sale_starts_at ? h('span', { class: 'muted small' }, (Date.parse(ev.sale_starts_at) > Date.now() ? 'Sale starts ' : 'On sale since ') + fmtDate(ev.sale_starts_at)) : null)),
      link('/#/event/' + encodeURIComponent(ev.event_id), 'Open the shop page', 'btn secondary small')]);
  }

  // ----- the polled numbers -----
  function setDashboard(d) {
    var sig = JSON.stringify([d.totals, d.sections, d.timeline, d.queue]);
    state.dash = d;
    if (sig === state.sig) {         // nothing moved: leave the page (and the reader) alone,
      if (Date.now() - state.chartsAt > 30000) drawCharts(d);   // but for the charts' time axis, which runs on to now
      return;
    }
    state.sig = sig;
    var t = d.totals, cur = d.currency;
    totals.textContent = '';
    function tile(key, label, value, extra, cls) {
      totals.appendChild(h('div', { class: 'tile ' + (cls || '') },
        h('dt', null, label),
        h('dd', null, h('span', { class: 'value', 'data-tile': key }, value), extra ? h('span', { class: 'of' }, extra) : null)));
    }
    tile('sold', 'Sold', count(t.sold), 'of ' + count(t.capacity));
    tile('held', 'On hold', count(t.held), 'being paid for');
    tile('available', 'Available', count(t.available), 'of ' + count(t.capacity));
    tile('checked_in', 'Checked in', count(t.checked_in), 'of ' + count(t.sold) + ' sold');
    tile('orders_confirmed', 'Orders', count(t.orders_confirmed), 'confirmed');
    tile('gross', 'Gross', moneyIn(cur, t.gross_cents), null, 'money');
    tile('refunds', 'Refunds', moneyIn(cur, t.refunds_cents), null, 'money');
    tile('net', 'Net', moneyIn(cur, t.net_cents), null, 'money');

    sectionRows.textContent = '';
    (d.sections || []).forEach(function (s) {
      function cell(key, label, value) { return h('td', { class: 'num', role: 'cell', 'data-label': label, 'data-col': key }, value); }
      sectionRows.appendChild(h('tr', { role: 'row', 'data-section': s.name, 'data-section-id': s.section_id },
        h('th', { scope: 'row', role: 'rowheader', 'data-col': 'name' }, s.name, h('span', { class: 'muted small kind' }, s.kind === 'seated' ? ' · seated' : ' · standing')),
        cell('price', 'Price', moneyIn(cur, s.price_cents)),
        cell('capacity', 'Capacity', count(s.capacity)),
        cell('sold', 'Sold', count(s.sold)),
        cell('held', 'On hold', count(s.held)),
        cell('available', 'Available', count(s.available)),
        cell('checked_in', 'Checked in', count(s.checked_in)),
        cell('revenue', 'Revenue', moneyIn(cur, s.revenue_cents))));
    });
    drawCharts(d);
    renderQueue();
  }
  function drawCharts(d) {
    state.chartsAt = Date.now();
    soldChart.update(d.timeline, 'sold', d.as_of);
    checkinChart.update(d.timeline, 'checked_in', d.as_of);
  }

  // ----- the waiting room -----
  function renderQueue() {
    var q = state.dash && state.dash.queue;          // null when the event has none, or it is switched off
    var configured = state.ev && state.ev.queue;     // the event's settings (also when switched off)
    if (!state.dash || !state.ev) return;
    queueInfo.textContent = '';
    if (!q) {
      queueFormSlot.textContent = '';
      queueInfo.appendChild(h('p', { 'data-queue': 'none' }, configured && !configured.enabled
        ? 'The waiting room is switched off: buyers reserve straight away, without queueing.'
        : 'This event has no waiting room: buyers reserve straight away.'));
      queueForm = null;
      return;
    }
    var paused = q.admit_per_minute === 0;
    var started = Date.parse(q.admission_starts_at) <= Date.now();
    queueInfo.appendChild(h('p', { class: 'queue-line', 'data-queue': paused ? 'paused' : 'admitting' },
      h('span', { class: 'badge ' + (paused ? 'warn' : 'ok') }, paused ? 'Admission paused' : 'Admitting'), ' ',
      paused ? 'Nobody is let in until you raise the rate; buyers keep their places.'
        : (started ? 'Buyers are let in at ' + plural(q.admit_per_minute, 'buyer') + ' a minute.'
          : 'Admission starts ' + fmtDate(q.admission_starts_at) + ', at ' + plural(q.admit_per_minute, 'buyer') + ' a minute.')));
    queueInfo.appendChild(h('dl', { class: 'qstats' },
      h('div', null, h('dt', null, 'Joined'), h('dd', { 'data-queue-stat': 'joined' }, count(q.joined))),
      h('div', null, h('dt', null, 'Admitted'), h('dd', { 'data-queue-stat': 'admitted' }, count(q.admitted))),
      h('div', null, h('dt', null, 'Waiting'), h('dd', { 'data-queue-stat': 'waiting' }, count(q.waiting))),
      h('div', null, h('dt', null, 'Admit rate'), h('dd', null, h('span', { 'data-queue-stat': 'admit_per_minute' }, count(q.admit_per_minute)), ' a minute'))));
    queueInfo.appendChild(h('p', { class: 'muted small' }, 'Buyers may join from ' + fmtDate(q.opens_at) + '. Admission ' +
      (started ? 'started ' : 'starts ') + fmtDate(q.admission_starts_at) + '.'));
    if (!queueForm) { queueForm = rateForm(q.admit_per_minute); queueFormSlot.appendChild(queueForm); }
  }

  function rateForm(current) {
    var input = h('input', { type: 'number', name: 'admit_per_minute', min: '0', max: '1000000', step: '1', inputmode: 'numeric', value: String(current) });
    var msg = formMessage();
    var submit = h('button', { class: 'btn', type: 'submit' }, 'Change rate');
    var form = h('form', { class: 'rate-form', novalidate: true, 'aria-labelledby': 'h-rate' },
      h('h3', { id: 'h-rate' }, 'Change the admission rate'),
      h('div', { class: 'inline-fields' },
        field('f-rate', 'Buyers to admit a minute', input, '0 pauses admission (buyers keep their places); buyers already admitted stay admitted.'),
        h('div', { class: 'field' }, submit)),
      msg.el);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      msg.clear();
      input.removeAttribute('aria-invalid');
      var rate = numberOf(input);
      if (rate === null) { msg.error('Enter how many buyers to admit a minute (0 pauses admission).'); input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
      submit.disabled = true;
      var enabled = !(state.ev && state.ev.queue && state.ev.queue.enabled === false);
      api('PATCH', '/events/' + encodeURIComponent(eventId), { queue: { enabled: enabled, admit_per_minute: rate } }).then(function (ev) {
        if (!alive()) return;
        submit.disabled = false;
        setEvent(ev);
        var now = ev.queue ? ev.queue.admit_per_minute : rate;
        if (state.dash && state.dash.queue) { state.dash.queue.admit_per_minute = now; state.sig = ''; renderQueue(); }
        input.value = String(now);
        msg.ok(now === 0 ? 'Admission paused.' : 'Admission rate set to ' + plural(now, 'buyer') + ' a minute.');
        poll();
      }).catch(function (err) {
        if (!alive()) return;
        submit.disabled = false;
        msg.error(err.message);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      });
    });
    return form;
  }
}

// ---------- settings ----------

/** The settings an organizer may change over PATCH /events/{id}; only the changed ones are sent. */
function settingsPanel(box, ev, alive, onSaved) {
  var cur = String(ev.currency || 'usd').toUpperCase();
  var rp = ev.refund_policy || {};
  var hold = h('input', { type: 'number', name: 'hold_duration_minutes', min: '1', max: '15', step: '1', inputmode: 'numeric', value: String(ev.hold_duration_minutes) });
  var max = h('input', { type: 'number', name: 'max_tickets_per_user', min: '1', max: '100', step: '1', inputmode: 'numeric', value: String(ev.max_tickets_per_user) });
  var sale = h('input', { type: 'datetime-local', name: 'sale_starts_at', value: localInputValue(ev.sale_starts_at) });
  var refunds = h('input', { type: 'checkbox', name: 'refunds_allowed', checked: !!rp.allowed });
  var until = h('input', { type: 'number', name: 'until_hours_before_start', min: '0', step: '1', inputmode: 'numeric', value: String(rp.until_hours_before_start || 0) });
  var pct = h('input', { type: 'number', name: 'fee_percent', min: '0', max: '100', step: '1', inputmode: 'numeric', value: String(rp.fee_percent || 0) });
  var fixed = h('input', { type: 'number', name: 'fee_fixed', min: '0', step: '0.01', inputmode: 'decimal', value: ((rp.fee_fixed_cents || 0) / 100).toFixed(2) });
  var inputs = { hold_duration_minutes: hold, max_tickets_per_user: max, sale_starts_at: sale,
    'refund_policy.allowed': refunds, 'refund_policy.until_hours_before_start': until,
    'refund_policy.fee_percent': pct, 'refund_policy.fee_fixed_cents': fixed };
  var msg = formMessage();
  var submit = h('button', { class: 'btn', type: 'submit' }, 'Save settings');
  var form = h('form', { class: 'settings-form', novalidate: true },
    h('div', { class: 'grid2' },
      field('f-hold', 'Hold duration (minutes)', hold, 'How long seats are held while a buyer pays: 1 to 15 minutes.'),
      field('f-max', 'Most tickets a buyer may have', max, 'Per account, across all their orders: 1 to 100.')),
    field('f-sale', 'General sale starts', sale, ev.sale_starts_at
      ? 'In ' + zoneName() + '.'
      : 'On sale since the event was made. A time here (in ' + zoneName() + ') moves the start.'),
    h('fieldset', { class: 'refunds' },
      h('legend', null, 'Refunds'),
      h('div', { class: 'check' }, refunds, h('label', { for: 'f-refunds' }, 'Buyers may ask for a refund')),
      h('div', { class: 'grid3' },
        field('f-until', 'Until (hours before the start)', until),
        field('f-pct', 'Fee (percent)', pct),
        field('f-fixed', 'Fixed fee (' + cur + ')', fixed))),
    msg.el,
    submit);
  refunds.id = 'f-refunds';
  if ((ev.presales || []).length) {
    form.insertBefore(h('p', { class: 'muted small' }, plural(ev.presales.length, 'presale window') +
      ' (the API changes them: PATCH presales).'), msg.el);
  }
  box.textContent = '';
  box.appendChild(form);

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    msg.clear();
    Object.keys(inputs).forEach(function (k) { inputs[k].removeAttribute('aria-invalid'); });
    var now = ev;   // the last view the server sent
    var patch = {};
    var h1 = numberOf(hold), m1 = numberOf(max);
    if (h1 === null) return bad(hold, 'Enter the hold duration in minutes (1 to 15).');
    if (m1 === null) return bad(max, 'Enter the most tickets a buyer may have (1 to 100).');
    if (h1 !== now.hold_duration_minutes) patch.hold_duration_minutes = h1;
    if (m1 !== now.max_tickets_per_user) patch.max_tickets_per_user = m1;
    if (sale.value) {
      var at = isoFromLocalInput(sale.value);
      if (!at) return bad(sale, 'Enter the date and time the sale starts.');
      if (sale.value !== localInputValue(now.sale_starts_at)) patch.sale_starts_at = at;
    }
    var oldRp = now.refund_policy || {};
    var u = numberOf(until), p = numberOf(pct), f = numberOf(fixed);
    var fc = typeof f === 'number' ? Math.round(f * 100) : f;
    var newRp = { allowed: refunds.checked, until_hours_before_start: u === null ? 0 : u, fee_percent: p === null ? 0 : p, fee_fixed_cents: fc === null ? 0 : fc };
    if (newRp.allowed !== !!oldRp.allowed || newRp.until_hours_before_start !== (oldRp.until_hours_before_start || 0) ||
        newRp.fee_percent !== (oldRp.fee_percent || 0) || newRp.fee_fixed_cents !== (oldRp.fee_fixed_cents || 0)) patch.refund_policy = newRp;
    if (!Object.keys(patch).length) { msg.ok('Nothing to save: no setting was changed.'); return; }
    submit.disabled = true;
    api('PATCH', '/events/' + encodeURIComponent(ev.event_id), patch).then(function (updated) {
      if (!alive()) return;
      submit.disabled = false;
      ev = updated;
      hold.value = String(updated.hold_duration_minutes);
      max.value = String(updated.max_tickets_per_user);
      sale.value = localInputValue(updated.sale_starts_at);
      msg.ok('Settings saved: ' + Object.keys(patch).map(function (k) { return SETTING_NAMES[k] || k; }).join(', ') + '.');
      onSaved(updated);
    }).catch(function (err) {
      if (!alive()) return;
      submit.disabled = false;
      var target = err.body && err.body.field && inputs[err.body.field];
      if (!target && err.body && err.body.field && err.body.field.indexOf('refund_policy') === 0) target = refunds;
      msg.error(err.message);
      if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
    });
  });
  function bad(input, text) { msg.error(text); input.setAttribute('aria-invalid', 'true'); input.focus(); }
}
var SETTING_NAMES = { hold_duration_minutes: 'hold duration', max_tickets_per_user: 'most tickets a buyer may have',
  sale_starts_at: 'sale start', refund_policy: 'refunds' };

// ---------- door staff ----------

/** The organizer's door staff: scanner accounts, added and switched off here (GET/POST/DELETE /staff). */
function staffPanel(box, alive) {
  var list = h('div', { class: 'staff-list' }, loading('Loading your door staff…'));
  var name = h('input', { name: 'name', autocomplete: 'off', required: true, maxlength: '100' });
  var email = h('input', { name: 'email', type: 'email', autocomplete: 'off', required: true });
  var password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: '8' });
  var msg = formMessage();
  var submit = h('button', { class: 'btn', type: 'submit' }, 'Add scanner account');
  var form = h('form', { class: 'staff-form', novalidate: true, 'aria-labelledby': 'h-staff-add' },
    h('h3', { id: 'h-staff-add' }, 'Add a scanner account'),
    h('div', { class: 'grid3' },
      field('f-staff-name', 'Name', name),
      field('f-staff-email', 'Email (they sign in with it)', email),
      field('f-staff-password', 'Password', password, 'At least 8 characters. Give it to them yourself.')),
    msg.el, submit);
  box.textContent = '';
  box.appendChild(h('section', { class: 'card desk-section', 'aria-labelledby': 'h-staff', id: 'staff' },
    h('h2', { id: 'h-staff' }, 'Door staff'),
    h('p', { class: 'muted small' }, 'Scanner accounts check tickets in at all your events with the door scanner (/scanner/). A switched-off account can no longer sign in or check in.'),
    list, form));

  var staff = [];
  function render() {
    list.textContent = '';
    if (!staff.length) { list.appendChild(h('p', { class: 'muted' }, 'No door staff yet.')); return; }
    var sorted = staff.slice().sort(function (a, b) { return (a.disabled_at ? 1 : 0) - (b.disabled_at ? 1 : 0) || String(a.name).localeCompare(String(b.name)); });
    list.appendChild(h('ul', { class: 'staff' }, sorted.map(staffRow)));
  }
  function staffRow(m) {
    var off = !!m.disabled_at;
    var actions = h('div', { class: 'actions' });
    var li = h('li', { class: off ? 'off' : '', 'data-staff-email': m.email, 'data-staff-id': m.user_id },
      h('div', { class: 'who' }, h('strong', null, m.name), h('span', { class: 'muted small' }, m.email)),
      h('span', { class: 'badge ' + (off ? '' : 'ok'), 'data-staff-state': off ? 'off' : 'active' }, off ? 'Switched off' : 'Active'),
      off ? h('span', { class: 'muted small' }, 'since ' + fmtShortDate(m.disabled_at)) : null,
      actions);
    if (!off) {
      var ask = h('button', { class: 'btn danger small', type: 'button', 'aria-label': 'Switch off ' + m.name + ' (' + m.email + ')' }, 'Switch off');
      ask.addEventListener('click', function () { confirmOff(m, actions); });
      actions.appendChild(ask);
    }
    return li;
  }
  function confirmOff(m, actions) {
    actions.textContent = '';
    var yes = h('button', { class: 'btn danger small', type: 'button' }, 'Yes, switch off');
    var no = h('button', { class: 'btn secondary small', type: 'button' }, 'Keep');
    var note = h('div', { class: 'form-msg' });
    actions.appendChild(h('div', { class: 'confirm', role: 'group', 'aria-label': 'Switch off ' + m.name + '?' },
      h('span', { class: 'small' }, 'Switch off ' + m.name + '? They can no longer sign in or check in.'), yes, no, note));
    yes.focus();
    no.addEventListener('click', function () {
      render();
      var again = list.querySelector('li[data-staff-id="' + m.user_id + '"] button');
      if (again) again.focus();
    });
    yes.addEventListener('click', function () {
      yes.disabled = true; no.disabled = true;
      api('DELETE', '/staff/' + encodeURIComponent(m.user_id)).then(function (updated) {
        if (!alive()) return;
        staff = staff.map(function (x) { return x.user_id === m.user_id ? (updated && updated.user_id ? updated : Object.assign({}, x, { disabled_at: new Date().toISOString() })) : x; });
        render();
        msg.ok(m.name + ' is switched off.');
      }).catch(function (err) {
        if (!alive()) return;
        yes.disabled = false; no.disabled = false;
        note.textContent = '';
        note.appendChild(h('div', { class: 'form-error', role: 'alert' }, err.message));
      });
    });
  }
  api('GET', '/staff').then(function (answer) {
    if (!alive()) return;
    staff = (answer && answer.staff) || [];
    render();
  }).catch(function (err) {
    if (!alive()) return;
    list.textContent = '';
    list.appendChild(problem(err, 'Your door staff could not be loaded.'));
  });

  var fieldsByName = { name: name, email: email, password: password };
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    msg.clear();
    [name, email, password].forEach(function (i) { i.removeAttribute('aria-invalid'); });
    var body = { email: email.value.trim(), password: password.value, name: name.value.trim() };
    if (!body.name) return bad(name, 'Enter the door staff member\u2019s name.');
    if (!body.email) return bad(email, 'Enter the email address they will sign in with.');
    if (!body.password) return bad(password, 'Choose a password for them (at least 8 characters).');
    submit.disabled = true;
    api('POST', '/staff', body).then(function (member) {
      if (!alive()) return;
      submit.disabled = false;
      staff = staff.filter(function (x) { return x.user_id !== member.user_id; }).concat([member]);
      render();
      form.reset();
      msg.ok(member.name + ' (' + member.email + ') can now sign in to the door scanner.');
    }).catch(function (err) {
      if (!alive()) return;
      submit.disabled = false;
      var target = err.body && fieldsByName[err.body.field];
      if (!target && err.code === 'EMAIL_TAKEN') target = email;
      msg.error(err.message);
      if (target) { target.setAttribute('aria-invalid', 'true'); target.focus(); }
    });
  });
  function bad(input, text) { msg.error(text); input.setAttribute('aria-invalid', 'true'); input.focus(); }
}

// ---------- start ----------

var shownToken = auth ? auth.token : null;
renderAccount();
window.addEventListener('hashchange', route);
window.addEventListener('storage', function (e) {
  if (e.key === SESSION_KEY) { reloadSession(); renderAccount(); }
});
// Signed in or out (the header's button, another tab, a session the server ended): draw again.
window.addEventListener('boxoffice:session', function () {
  var token = auth ? auth.token : null;
  if (token === shownToken) return;
  shownToken = token;
  route();
});
route();
