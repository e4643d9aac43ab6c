/**
 * Holds and checkout: the hold banner, the countdown, paying or releasing a hold, the confirmation.
 */
import { h, append, link, money, fmtDate, fmtClock, fmtHM, seatLabel, plural, uuid, storageGet, storageSet, flash, showError } from './ui.js';
import { serverNow, auth, api, loadEvent } from './api.js';
import { queuePass } from './queue.js';
import { goSignIn } from './auth.js';
import { view, currentRoute, go, every, stopTimer, newView, loading } from './router.js';
import { renderTicketGrid } from './tickets.js';

var HOLD_KEY = 'boxoffice.hold';
var CARDS = [
  ['pm_card_visa', 'Visa ending 4242 (test: succeeds)'],
  ['pm_card_mastercard', 'Mastercard ending 4444 (test: succeeds)'],
  ['pm_card_amex', 'American Express ending 8431 (test: succeeds)'],
  ['pm_card_chargeDeclined', 'Visa ending 0002 (test: declined)'],
  ['pm_card_insufficientFunds', 'Visa ending 9995 (test: insufficient funds)'],
  ['pm_card_expired', 'Visa ending 0069 (test: expired card)'],
  ['pm_card_answerLost', 'Visa ending 0341 (test: charged, answer lost; settled in ~2 min)'],
  ['pm_card_timeout', 'Visa ending 0119 (test: no answer, nothing charged; released in ~2 min)']
];

// ---------- the active hold (banner on every page) ----------

function loadHolds() { var list = storageGet(HOLD_KEY); return Array.isArray(list) ? list : []; }
var holds = loadHolds();
function saveHolds() { storageSet(HOLD_KEY, holds.length ? holds : null); renderHoldBar(); }
/** Remembers a reservation while it is HELD, forgets it otherwise. */
function trackHold(r) {
  holds = holds.filter(function (x) { return x.reservation_id !== r.reservation_id; });
  if (r.status === 'HELD') holds.push({ reservation_id: r.reservation_id, event_id: r.event_id, held_until: r.held_until, user_id: auth && auth.user_id });
  saveHolds();
}
function forgetHold(id) { holds = holds.filter(function (x) { return x.reservation_id !== id; }); saveHolds(); }
function clearHolds() { holds = []; saveHolds(); }
/** Re-reads the holds after another tab changed them (the storage event in main.js). */
function reloadHolds() { holds = loadHolds(); }

function renderHoldBar() {
  var bar = document.getElementById('holdbar');
  var now = serverNow();
  var live = holds.filter(function (x) { return Date.parse(x.held_until) > now; });
  if (live.length !== holds.length) { holds = live; storageSet(HOLD_KEY, holds.length ? holds : null); }
  var here = currentRoute.name === 'checkout' ? currentRoute.parts[1] : null;
  var mine = live.filter(function (x) { return auth && (!x.user_id || x.user_id === auth.user_id) && x.reservation_id !== here; })
    .sort(function (a, b) { return Date.parse(a.held_until) - Date.parse(b.held_until); });
  if (!mine.length) {
    bar.classList.add('hidden');
    bar.textContent = '';
    bar.removeAttribute('data-for');
    return;
  }
  var next = mine[0];
  var left = fmtClock(Date.parse(next.held_until) - now);
  var key = next.reservation_id + ':' + mine.length;
  bar.classList.remove('hidden');
  var t = bar.querySelector('[data-left]');
  if (t && bar.getAttribute('data-for') === key) { t.textContent = left; return; }
  bar.textContent = '';
  bar.setAttribute('data-for', key);
  bar.appendChild(h('div', { class: 'inner' },
    h('span', null, mine.length > 1 ? 'You have ' + mine.length + ' reservations on hold — the next expires in ' : 'You have tickets on hold — ',
      h('strong', { 'data-left': '1' }, left), mine.length > 1 ? '.' : ' left to pay.'),
    link('#/checkout/' + encodeURIComponent(next.reservation_id), 'Complete purchase', 'btn small')));
}
setInterval(renderHoldBar, 1000);

// ---------- checkout ----------

var pendingReservation = null;   // the reservation just created, to skip one fetch
function setPendingReservation(r) { pendingReservation = r; }

function showCheckout(reservationId) {
  var alive = newView('Checkout');
  if (!reservationId) { go('#/'); return; }
  if (!auth) { flash('Sign in to see your reservation.', 'info'); goSignIn(); return; }
  append(view, loading('Loading your reservation…'));
  var first = pendingReservation && pendingReservation.reservation_id === reservationId
    ? Promise.resolve(pendingReservation)
    : api('GET', '/reservations/' + encodeURIComponent(reservationId));
  pendingReservation = null;
  first.then(function (r) {
    if (!alive()) return;
    return loadEvent(r.event_id).catch(function () { return null; }).then(function (ev) {
      if (alive()) renderReservation(r, ev, alive);
    });
  }).catch(function (err) {
    if (!alive()) return;
    view.textContent = '';
    if (err.sessionEnded) { showError(err); return; }
    if (err.status === 404) forgetHold(reservationId);
    append(view, h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.status === 404 ? 'We could not find this reservation.' : err.message)));
    append(view, h('p', null, link('#/', 'Browse events')));
  });
}

function renderReservation(r, ev, alive) {
  view.textContent = '';
  var eventLink = ev ? '#/event/' + encodeURIComponent(ev.event_id) : '#/';
  var heading = h('div', null,
    link(eventLink, '← Back to the event', 'back'),
    h('h1', null, ev ? ev.title : 'Your reservation'),
    ev ? h('p', { class: 'muted', style: 'margin-top:0' }, fmtDate(ev.starts_at) + ' · ' + ((ev.venue && ev.venue.name) || '') + (ev.venue && ev.venue.city ? ', ' + ev.venue.city : '')) : null);
  append(view, heading);

  if (r.status === 'CONFIRMED') { forgetHold(r.reservation_id); showConfirmation(r.reservation_id, null, alive); return; }
  if (r.status === 'CANCELLED' || r.status === 'EXPIRED') {
    forgetHold(r.reservation_id);
    append(view, h('div', { class: 'alert warn' }, h('div', { class: 'msg' },
      r.status === 'CANCELLED' ? 'This reservation was cancelled and its tickets released.' : 'This hold expired and its tickets were released.')),
      h('p', null, link(eventLink, 'Choose tickets again', 'btn')));
    return;
  }
  if (r.status === 'PAYMENT_PENDING') {
    append(view, h('div', { class: 'card' }, loading('Your payment is being processed…')));
    var poll = every(2000, function () {
      api('GET', '/reservations/' + encodeURIComponent(r.reservation_id)).then(function (fresh) {
        if (!alive() || fresh.status === 'PAYMENT_PENDING') return;
        stopTimer(poll);
        renderReservation(fresh, ev, alive);
      }).catch(function () {});
    });
    return;
  }

  trackHold(r);
  var sectionName = function (id) {
    var s = ev && (ev.sections || []).filter(function (x) { return x.section_id === id; })[0];
    return s ? s.name : '';
  };
  var lines = h('tbody');
  if (r.seats && r.seats.length) {
    r.seats.forEach(function (seat) {
      lines.appendChild(h('tr', null,
        h('td', null, [sectionName(seat.section_id), seatLabel(seat.row, seat.number)].filter(Boolean).join(' · ')),
        h('td', { class: 'num' }, money(seat.price_cents))));
    });
  } else {
    var each = r.quantity ? Math.round(r.total_price_cents / r.quantity) : r.total_price_cents;
    lines.appendChild(h('tr', null,
      h('td', null, r.quantity + ' × ' + (sectionName(r.section_id) || 'General admission'),
        h('div', { class: 'muted small' }, 'General admission: no assigned seats')),
      h('td', { class: 'num' }, money(each) + ' each')));
  }
  var order = h('div', { class: 'card' },
    h('h2', null, 'Your order'),
    h('table', { class: 'lines' }, lines,
      h('tfoot', null, h('tr', null, h('th', null, 'Total'), h('th', { class: 'num' }, money(r.total_price_cents))))),
    h('p', { class: 'muted small' }, 'Reservation ', h('span', { class: 'mono' }, r.reservation_id)));

  var timer = h('div', { class: 'timer', role: 'timer', 'aria-live': 'off' }, '');
  var barFill = h('div', { style: 'width:100%' });
  var bar = h('div', { class: 'bar' }, barFill);
  var card = h('select', { id: 'card', name: 'card' }, CARDS.map(function (c) { return h('option', { value: c[0] }, c[1]); }));
  var err = h('div', { class: 'form-error', role: 'alert' });
  var actions;
  var payBtn = h('button', { class: 'btn big', type: 'submit' }, 'Pay ' + money(r.total_price_cents));
  var cancelBtn = h('button', { class: 'btn danger', type: 'button' }, 'Release these tickets');
  var form = h('form', { class: 'card' },
    h('div', { class: 'muted small' }, 'Time left to pay'),
    timer, bar,
    h('div', { class: 'field', style: 'margin-top:16px' }, h('label', { for: 'card' }, 'Payment method (test cards)'), card),
    err,
    actions = h('div', { class: 'stack' }, payBtn, cancelBtn));
  append(view, h('div', { class: 'checkout' }, order, form));

  var one = r.seats && r.seats.length ? r.seats.length === 1 : r.quantity === 1;
  var places = (r.seats && r.seats.length ? 'seat' : 'ticket') + (one ? '' : 's');
  var werePlaces = places + (one ? ' was' : ' were');   // "the seat was", "the tickets were"
  var until = Date.parse(r.held_until);
  var created = Date.parse(r.created_at);
  var span = !isNaN(created) && until > created ? until - created : (ev && ev.hold_duration_minutes ? ev.hold_duration_minutes * 60000 : 600000);
  var expired = false;
  function tick() {
    var left = until - serverNow();
    timer.textContent = fmtClock(left);
    var low = left < 60000;
    timer.classList.toggle('low', low);
    bar.classList.toggle('low', low);
    barFill.style.width = Math.max(0, Math.min(100, left / span * 100)) + '%';
    if (left <= 0 && !expired) {
      expired = true;
      payBtn.disabled = true;
      cancelBtn.disabled = true;
      forgetHold(r.reservation_id);
      stopTimer(ticker);
      err.textContent = '';
      actions.classList.add('hidden');   // nothing left to pay or release
      card.disabled = true;
      form.appendChild(holdGone('Hold expired', 'Your time to pay has run out, so the ' + werePlaces + ' released. Nothing was charged.', 'warn'));
    }
  }
  var ticker = every(1000, tick);
  tick();

  /**
   * The box that says the hold is over (declined, expired, cancelled): what happened, and a way on:
   * hold the same places again (they were released, so someone else may have them by now) or go back
   * to the event.
   */
  function holdGone(title, message, kind) {
    var again = h('button', { class: 'btn', type: 'button' }, 'Hold the same ' + places + ' again');
    var note = h('div', { class: 'small', role: 'status' });
    again.addEventListener('click', function () { holdAgain(again, note); });
    return h('div', { class: 'alert ' + kind + ' hold-gone', role: 'alert' },
      h('div', { class: 'msg' }, h('strong', null, title), h('p', null, message),
        h('div', { class: 'gone-actions' }, again, link(eventLink, 'Choose other tickets')), note));
  }

  /** A new hold on the same seats (or the same number in the same section), then its checkout. */
  function holdAgain(btn, note) {
    var body = r.seats && r.seats.length
      ? { event_id: r.event_id, seat_ids: r.seats.map(function (s) { return s.seat_id; }) }
      : { event_id: r.event_id, section_id: r.section_id, quantity: r.quantity };
    var headers = { 'X-Idempotency-Key': uuid() };
    var pass = queuePass(r.event_id);
    if (pass && pass.admission_token && !(Date.parse(pass.admission_expires_at) <= serverNow())) headers['X-Queue-Token'] = pass.admission_token;
    btn.disabled = true;
    btn.textContent = 'Holding…';
    note.textContent = '';
    api('POST', '/reservations', body, headers).then(function (fresh) {
      trackHold(fresh);
      setPendingReservation(fresh);
      flash('Held again: you have until ' + fmtHM(fresh.held_until) + ' to pay. Choose a card and press Pay.', 'success');
      go('#/checkout/' + encodeURIComponent(fresh.reservation_id));
    }).catch(function (e3) {
      if (!alive()) return;
      if (e3.sessionEnded) { showError(e3); return; }
      btn.remove();
      var names = (r.seats || []).filter(function (s) { return (e3.body.unavailable_seats || []).indexOf(s.seat_id) >= 0; })
        .map(function (s) { return seatLabel(s.row, s.number); });
      switch (e3.code) {
        case 'SEATS_UNAVAILABLE':
          note.textContent = 'Sorry, ' + (names.length ? names.join('; ') : 'some of these seats') + (names.length === 1 ? ' was' : ' were') +
            ' taken by someone else after the hold ended. Choose other tickets on the event page.';
          break;
        case 'INSUFFICIENT_INVENTORY':
          note.textContent = 'Sorry, there are no longer ' + plural(r.quantity, 'ticket') + ' left in this section. Choose other tickets on the event page.';
          break;
        case 'QUEUE_REQUIRED':
        case 'QUEUE_TOKEN_EXPIRED':
        case 'QUEUE_TOKEN_INVALID':
          note.textContent = 'Your time to choose seats from the waiting room has ended. Rejoin the queue on the event page to try again.';
          break;
        case 'PRESALE_REQUIRED':
        case 'PRESALE_CODE_INVALID':
          note.textContent = 'This presale needs your presale code: choose your tickets again on the event page and enter the code there.';
          break;
        case 'RATE_LIMITED':
          note.textContent = 'Too many attempts in a short time. Wait a few seconds, then choose your tickets again on the event page.';
          break;
        default:
          note.textContent = e3.message;
      }
    });
  }

  var paying = false;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (paying || expired) return;
    paying = true;
    err.textContent = '';
    payBtn.disabled = true; cancelBtn.disabled = true;
    payBtn.textContent = 'Processing payment…';
    api('POST', '/reservations/' + encodeURIComponent(r.reservation_id) + '/confirm', { payment_method_id: card.value }).then(function (done) {
      forgetHold(r.reservation_id);
      if (!alive()) return;
      stopTimer(ticker);
      flash('Payment received — your tickets are ready!', 'success');
      view.textContent = '';
      append(view, heading);
      showConfirmation(r.reservation_id, done.tickets || [], alive);
    }).catch(function (e2) {
      paying = false;
      if (!alive()) return;
      if (e2.sessionEnded) { showError(e2); return; }
      if (e2.code === 'ALREADY_CONFIRMED') { forgetHold(r.reservation_id); stopTimer(ticker); view.textContent = ''; append(view, heading); showConfirmation(r.reservation_id, null, alive); return; }
      if (e2.code === 'PAYMENT_FAILED' || e2.code === 'HOLD_EXPIRED' || e2.code === 'RESERVATION_CANCELLED' || e2.status === 410) {
        // The hold is gone (the server releases the places when a card is declined): say what
        // happened in words, and offer to hold the same places again.
        expired = true;
        forgetHold(r.reservation_id);
        stopTimer(ticker);
        timer.textContent = '—';
        barFill.style.width = '0%';
        payBtn.textContent = 'Pay ' + money(r.total_price_cents);
        var cardName = card.options[card.selectedIndex] ? card.options[card.selectedIndex].textContent.replace(/ \(test:.*\)$/, '') : 'the card';
        var gone = e2.code === 'PAYMENT_FAILED'
          ? ['Payment declined', ((e2.body && e2.body.decline_message) || 'The card was declined.').replace(/([^.!?])$/, '$1.') + ' Nothing was charged to ' + cardName +
            '. The ' + werePlaces + ' released when the card was declined: hold ' + (one ? 'it' : 'them') + ' again to pay with another card.']
          : e2.code === 'RESERVATION_CANCELLED'
          ? ['Reservation cancelled', 'This reservation was cancelled (perhaps in another window) and its ' + places + ' released, so it can no longer be paid. Nothing was charged.']
          : ['Hold expired', 'Your hold ran out before the payment went through, so the ' + werePlaces + ' released. Nothing was charged.'];
        var goneBox = holdGone(gone[0], gone[1], 'error');
        actions.classList.add('hidden');
        card.disabled = true;
        form.replaceChild(goneBox, err);
        goneBox.querySelector('button').focus();   // the Pay button it came from is disabled now
        return;
      }
      if (e2.code === 'RATE_LIMITED') {
        // Nothing was charged; Pay comes back when the server's wait is over.
        var wait = Math.max(1, Number(e2.body && e2.body.retry_after_seconds) || 5);
        err.textContent = 'Too many attempts in a short time, so this payment was not started and nothing was charged. You can press Pay again in ' + plural(wait, 'second') + '.';
        payBtn.textContent = 'Pay ' + money(r.total_price_cents);
        setTimeout(function () { if (alive() && !expired && !paying) { payBtn.disabled = false; cancelBtn.disabled = false; } }, wait * 1000);
        return;
      }
      if (e2.code === 'PAYMENT_UNCONFIRMED') {
        // The places are kept (no countdown any more) until the server settles with the provider.
        stopTimer(ticker);
        timer.textContent = '—';
        err.textContent = e2.message + ' Refresh this page in a few minutes to see the result.';
        payBtn.textContent = 'Waiting for the payment provider';
        return;
      }
      if (e2.code === 'PAYMENT_IN_PROGRESS') {
        err.textContent = 'A payment for this reservation is already being processed. Refresh in a moment to see the result.';
        payBtn.textContent = 'Pay ' + money(r.total_price_cents);
        return;
      }
      err.textContent = e2.message;
      payBtn.disabled = false; cancelBtn.disabled = false;
      payBtn.textContent = 'Pay ' + money(r.total_price_cents);
    });
  });

  cancelBtn.addEventListener('click', function () {
    if (paying) return;
    if (!window.confirm('Release these tickets? Someone else may buy them.')) return;
    cancelBtn.disabled = true; payBtn.disabled = true;
    api('DELETE', '/reservations/' + encodeURIComponent(r.reservation_id)).then(function () {
      forgetHold(r.reservation_id);
      flash('Your hold was cancelled and the tickets released.', 'info');
      go(eventLink);
    }).catch(function (e2) {
      if (!alive()) return;
      if (e2.sessionEnded) { showError(e2); return; }
      err.textContent = e2.message;
      if (!expired) { cancelBtn.disabled = false; payBtn.disabled = false; }
    });
  });
}

function showConfirmation(reservationId, tickets, alive) {
  var box = h('div');
  append(view, [
    h('div', { class: 'card', style: 'margin-bottom:16px' },
      h('h2', null, 'You’re going!'),
      h('p', { style: 'margin:0' }, 'Show the code on each ticket at the door. You can find these tickets any time under ', link('#/tickets', 'My tickets'), '.')),
    box]);
  if (tickets) { renderTicketGrid(box, tickets); return; }
  box.appendChild(loading('Loading your tickets…'));
  api('GET', '/reservations/' + encodeURIComponent(reservationId) + '/tickets').then(function (list) {
    if (!alive()) return;
    box.textContent = '';
    renderTicketGrid(box, list.tickets || []);
  }).catch(function (err) {
    if (!alive()) return;
    box.textContent = '';
    box.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message)));
  });
}

export { HOLD_KEY, trackHold, clearHolds, reloadHolds, renderHoldBar, setPendingReservation, showCheckout };
