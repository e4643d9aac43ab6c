/**
 * My tickets: the ticket list grouped by event, ticket cards, QR images.
 */
import { h, append, link, fmtDate, flash, showError } from './ui.js';
import { API, auth, api, eventCache, loadEvent } from './api.js';
import { goSignIn } from './auth.js';
import { view, newView, loading } from './router.js';

// ---------- tickets ----------

var qrSupported = true;

function showTickets() {
  var alive = newView('My tickets');
  if (!auth) { flash('Sign in to see your tickets.', 'info'); goSignIn(); return; }
  append(view, [h('h1', null, 'My tickets'), loading('Loading your tickets…')]);
  api('GET', '/me/tickets').then(function (list) {
    if (!alive()) return;
    var tickets = list.tickets || [];
    view.textContent = '';
    view.appendChild(h('h1', null, 'My tickets'));
    if (!tickets.length) {
      view.appendChild(h('div', { class: 'empty card' }, h('p', null, 'You have no tickets yet.'), link('#/', 'Find something to see', 'btn')));
      return;
    }
    var groups = new Map();
    tickets.forEach(function (t) {
      var g = groups.get(t.event_id);
      if (!g) { g = []; groups.set(t.event_id, g); }
      g.push(t);
    });
    groups.forEach(function (group, eventId) {
      var title = h('h2', { class: 'group-title' }, 'Event');
      var sub = h('p', { class: 'muted', style: 'margin-top:-6px' });
      var box = h('div');
      append(view, [title, sub, box]);
      renderTicketGrid(box, group);
      loadEvent(eventId).then(function (ev) {
        if (!alive()) return;
        title.textContent = '';
        title.appendChild(link('#/event/' + encodeURIComponent(ev.event_id), ev.title));
        sub.textContent = fmtDate(ev.starts_at) + ' · ' + ((ev.venue && ev.venue.name) || '') + (ev.venue && ev.venue.city ? ', ' + ev.venue.city : '');
        Array.prototype.forEach.call(box.querySelectorAll('[data-ev-title]'), function (el) { el.textContent = ev.title; });
        Array.prototype.forEach.call(box.querySelectorAll('[data-ev-date]'), function (el) { el.textContent = fmtDate(ev.starts_at); });
        Array.prototype.forEach.call(box.querySelectorAll('[data-sec]'), function (el) { el.textContent = sectionNameIn(ev, el.getAttribute('data-sec')) || '—'; });
      }).catch(function () { title.textContent = 'Event ' + eventId; });
    });
  }).catch(function (err) {
    if (!alive()) return;
    view.textContent = '';
    view.appendChild(h('h1', null, 'My tickets'));
    if (err.sessionEnded) { showError(err); return; }
    view.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message)));
  });
}

function renderTicketGrid(box, tickets) {
  if (!tickets.length) { box.appendChild(h('p', { class: 'muted' }, 'No tickets.')); return; }
  box.appendChild(h('div', { class: 'tickets' }, tickets.map(ticketCard)));
}

function ticketStatusBadge(status) {
  var cls = status === 'ACTIVE' ? 'ok' : status === 'USED' ? '' : status === 'CANCELLED' ? 'bad' : 'warn';
  var label = { ACTIVE: 'Valid', USED: 'Used', CANCELLED: 'Cancelled', TRANSFERRED: 'Transferred', REFUNDED: 'Refunded' }[status] || status;
  return h('span', { class: 'badge ' + cls }, label);
}

function sectionNameIn(ev, sectionId) {
  var s = ev && (ev.sections || []).filter(function (x) { return x.section_id === sectionId; })[0];
  return s ? s.name : '';
}

function ticketCard(t) {
  var ev = eventCache[t.event_id];
  var qr = h('div', { class: 'qrimg' });
  var card = h('article', { class: 'ticket' },
    h('div', { class: 'th' },
      h('div', { class: 't', 'data-ev-title': '1' }, ev ? ev.title : 'Ticket'),
      h('div', { class: 'd', 'data-ev-date': '1' }, ev ? fmtDate(ev.starts_at) : '')),
    h('div', { class: 'tb' },
      h('dl', null,
        h('dt', null, 'Section'), h('dd', { 'data-sec': t.section_id }, sectionNameIn(ev, t.section_id) || (t.seat_id ? '—' : t.seat || '—')),
        h('dt', null, 'Seat'), h('dd', null, t.seat_id ? (t.seat || '') : 'General admission (no assigned seat)'),
        h('dt', null, 'Holder'), h('dd', null, t.holder_name || ''),
        h('dt', null, 'Status'), h('dd', null, ticketStatusBadge(t.status)),
        t.issued_at ? [h('dt', null, 'Issued'), h('dd', null, fmtDate(t.issued_at))] : null),
      qr,
      h('div', { class: 'muted small' }, 'Ticket code'),
      h('div', { class: 'code', 'aria-label': 'Ticket code' }, t.qr_code || ''),
      h('div', { class: 'muted small mono' }, 'Ticket ' + t.ticket_id),
      t.page_url && /^\/tickets\//.test(t.page_url)
        ? h('a', { href: t.page_url, target: '_blank', rel: 'noopener' }, 'Open or print this ticket')
        : null,
      t.status === 'ACTIVE' ? refundButton(t) : null));
  loadQr(t.ticket_id, qr);
  return card;
}

/** Asks for this ticket's refund; the event's refund policy decides (the server says no if it does). */
function refundButton(t) {
  var button = h('button', { type: 'button', class: 'btn secondary small' }, 'Ask for a refund');
  button.addEventListener('click', function () {
    var ev = eventCache[t.event_id];
    var policy = ev && ev.refund_policy;
    var terms = policy && policy.allowed
      ? ' A fee of ' + policy.fee_percent + ' % plus ' + (policy.fee_fixed_cents / 100).toFixed(2) + ' is kept.'
      : '';
    if (!window.confirm('Refund this ticket? It stops working at the door at once.' + terms)) return;
    button.disabled = true;
    api('POST', '/reservations/' + encodeURIComponent(t.reservation_id) + '/refund', { ticket_ids: [t.ticket_id] }).then(function (refund) {
      var amount = (refund.amount_cents / 100).toFixed(2) + ' ' + String(refund.currency || '').toUpperCase();
      flash(refund.status === 'SUCCEEDED' ? 'Refunded ' + amount + '.' : 'Refund of ' + amount + ' recorded; the payment provider is sending it.', 'info');
      showTickets();
    }).catch(function (err) {
      button.disabled = false;
      if (err.sessionEnded) { showError(err); return; }
      flash(err.message, 'error');
    });
  });
  return button;
}

/** Shows the QR image when the server offers one; otherwise the code text alone is shown. */
function loadQr(ticketId, holder) {
  if (!qrSupported || !window.URL || !URL.createObjectURL) return;
  var headers = {};
  if (auth && auth.token) headers['Authorization'] = 'Bearer ' + auth.token;
  fetch(API + '/tickets/' + encodeURIComponent(ticketId) + '/qr.svg', { headers: headers }).then(function (res) {
    if (!res.ok) {
      if (res.status === 404 || res.status === 405 || res.status === 501) qrSupported = false;
      return null;
    }
    var type = res.headers.get('Content-Type') || '';
    if (type.indexOf('svg') < 0) return null;
    return res.blob();
  }).then(function (blob) {
    if (!blob) return;
    var url = URL.createObjectURL(new Blob([blob], { type: 'image/svg+xml' }));
    var img = h('img', { src: url, alt: 'QR code for this ticket', width: '180', height: '180' });
    img.addEventListener('error', function () { holder.textContent = ''; URL.revokeObjectURL(url); });
    holder.appendChild(img);
  }).catch(function () { /* the code text is already shown */ });
}

export { showTickets, renderTicketGrid };
