/**
 * The view and the hash router: view lifetime (timers, cleanups), navigation, the route table.
 */
import { h, append, link, flashState, clearFlash } from './ui.js';
import { showAuth } from './auth.js';
import { showEvents } from './browse.js';
import { showEvent } from './event.js';
import { renderHoldBar, showCheckout } from './checkout.js';
import { showTickets } from './tickets.js';

// ---------- routing ----------

var view = document.getElementById('view');
var currentRoute = { name: '' };
var viewTimers = [];
var viewCleanups = [];      // run when the buyer leaves the view (e.g. closing an EventSource)
var renderSeq = 0;

function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}
function every(ms, fn) { var id = setInterval(fn, ms); viewTimers.push(id); return id; }
function stopTimer(id) { clearInterval(id); viewTimers = viewTimers.filter(function (t) { return t !== id; }); }
/** Registers cleanup to run when this view is replaced. */
function onLeave(fn) { viewCleanups.push(fn); }
function newView(title) {
  viewTimers.forEach(clearInterval);
  viewTimers = [];
  var cleanups = viewCleanups;
  viewCleanups = [];
  cleanups.forEach(function (fn) { try { fn(); } catch (e) { /* keep going */ } });
  var seq = ++renderSeq;
  view.textContent = '';
  document.title = title ? title + ' · BoxOffice' : 'BoxOffice — Tickets';
  return function alive() { return seq === renderSeq; };
}
function loading(text) { return h('div', { class: 'loading' }, text || 'Loading…'); }
function markNav(name) {
  Array.prototype.forEach.call(document.querySelectorAll('header nav a'), function (a) {
    a.classList.toggle('active', a.getAttribute('data-nav') === name);
  });
}

function route() {
  var hash = location.hash || '#/';
  var parts = hash.replace(/^#\/?/, '').split('/').map(function (p) { try { return decodeURIComponent(p); } catch (e) { return p; } });
  var name = parts[0] || 'events';
  // A message survives one navigation that follows right after it (sign-in, hold, pay), no more.
  if (flashState) {
    if (!flashState.carried && Date.now() - flashState.at < 1500) flashState.carried = true;
    else clearFlash();
  }
  currentRoute = { name: name, parts: parts };
  renderHoldBar();
  window.scrollTo(0, 0);
  switch (name) {
    case 'events': markNav('events'); return showEvents();
    case 'event': markNav('events'); return showEvent(parts[1]);
    case 'checkout': markNav(''); return showCheckout(parts[1]);
    case 'tickets': markNav('tickets'); return showTickets();
    case 'signin': markNav(''); return showAuth('signin');
    case 'register': markNav(''); return showAuth('register');
    default: markNav(''); newView('Not found');
      append(view, h('div', { class: 'empty' }, h('h2', null, 'Page not found'), link('#/', 'Browse events')));
  }
}

export { view, currentRoute, go, every, stopTimer, onLeave, newView, loading, route };
