/**
 * The seat map of a reserved-seating section: loading it (with ETag revalidation), drawing it, zoom,
 * picking seats, "find seats together", and keeping picks in step with seats others have taken.
 * The map is an ARIA grid (a row per seat row, a gridcell per seat, each named "Row B, seat 7,
 * $45.00, available"); seatkeys.js moves through it with the keyboard.
 */
import { h, append, money, count, fmtTime, seatLabel, flash } from './ui.js';
import { request, query } from './api.js';
import { createSeatKeys } from './seatkeys.js';

var STATUS_CLASS = { AVAILABLE: 'a', HELD: 'h', SOLD: 's', BLOCKED: 'b' };
var STATUS_LABEL = { AVAILABLE: 'Available', HELD: 'On hold', SOLD: 'Sold', BLOCKED: 'Not for sale' };
// What the legend says each seat looks like, so that no status is told by its colour alone.
var STATUS_MARK = { AVAILABLE: 'plain', PICK: 'white dot', HELD: 'striped', SOLD: 'crossed', BLOCKED: 'barred' };

/**
 * The seat map of one event page. `page` is the state the event page shares with it: eventId, choice
 * (the buyer's section and picks), alive(), panel (set once the page is drawn) and the callbacks
 * section, maxTickets, renderSections, renderSummary, selectSection, refresh, queueGate, tellQueueGate.
 */
function createSeatMap(page) {
  var eventId = page.eventId;
  var choice = page.choice;
  var alive = page.alive;
  var seatData = null;        // the loaded section of the seat map
  var seatEls = new Map();    // seat_id -> element
  var seatById = new Map();   // seat_id -> seat
  var etag = null;
  var keys = null;            // keyboard movement through the drawn map (seatkeys.js)

  /** Forgets the loaded section (a different section was chosen). */
  function reset() { seatData = null; etag = null; seatEls = new Map(); seatById = new Map(); keys = null; }

  function loadSeats(initial) {
    var s = page.section(choice.sectionId);
    if (!s) return Promise.resolve();
    var id = s.section_id;
    var headers = {};
    if (etag && !initial) headers['If-None-Match'] = etag;
    return request('GET', '/events/' + encodeURIComponent(eventId) + '/seats' + query({ section: id }), { headers: headers }).then(function (r) {
      if (!alive() || choice.sectionId !== id) return;
      if (r.status === 304) return;
      etag = r.headers.get('ETag');
      var data = r.data;
      var sec = (data.sections || [])[0];
      if (!sec) return;
      // Keep the section list in step with the map.
      s.available_count = sec.available_count;
      page.renderSections();
      if (initial || !seatData) { seatData = sec; seatData.last_updated = data.last_updated; seatData.version = data.version; renderSeatPanel(); }
      else { seatData.version = data.version; applySeatUpdate(sec, data.last_updated); }
    }).catch(function (err) {
      if (!alive()) return;
      if (initial) {
        page.panel.textContent = '';
        page.panel.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message),
          h('button', { class: 'btn small secondary', type: 'button', onclick: function () { page.selectSection(id); } }, 'Try again')));
      }
    });
  }

  var hoverInfo, updatedLabel, subLabel, announcer;

  function renderSeatPanel() {
    var s = page.section(choice.sectionId);
    page.panel.textContent = '';
    seatEls = new Map(); seatById = new Map();
    var rows = new Map();
    (seatData.seats || []).forEach(function (seat) {
      seatById.set(seat.seat_id, seat);
      var list = rows.get(seat.row);
      if (!list) { list = []; rows.set(seat.row, list); }
      list.push(seat);
    });
    // A seat we had selected that is no longer available is dropped.
    dropUnavailable(true);

    var map = h('div', { class: 'seatmap', role: 'grid', 'aria-label': 'Seat map for ' + s.name, 'aria-multiselectable': 'true', 'aria-describedby': 'seatmap-keys' });
    var frag = document.createDocumentFragment();
    rows.forEach(function (seats, label) {
      seats.sort(function (a, b) { return a.number - b.number; });
      var seatsEl = document.createElement('div');
      seatsEl.className = 'seats';
      seatsEl.setAttribute('role', 'presentation');
      seats.forEach(function (seat) {
        var el = document.createElement('span');
        el.setAttribute('role', 'gridcell');
        el.setAttribute('data-id', seat.seat_id);
        describeSeat(el, seat);
        seatsEl.appendChild(el);
        seatEls.set(seat.seat_id, el);
      });
      var rowEl = document.createElement('div');
      rowEl.className = 'srow';
      rowEl.setAttribute('role', 'row');
      var rl = document.createElement('span');
      rl.className = 'rl';
      rl.setAttribute('role', 'rowheader');
      rl.setAttribute('aria-label', 'Row ' + label);
      rl.textContent = label;
      rowEl.appendChild(rl);
      rowEl.appendChild(seatsEl);
      frag.appendChild(rowEl);
    });
    map.appendChild(frag);
    // One listener of each kind for the whole map, however many seats it has.
    map.addEventListener('click', function (e) {
      var id = e.target && e.target.getAttribute && e.target.getAttribute('data-id');
      if (!id) return;
      keys.setCurrent(e.target, 'stay');
      toggleSeat(id);
    });
    map.addEventListener('mouseover', function (e) {
      var id = e.target && e.target.getAttribute && e.target.getAttribute('data-id');
      var seat = id && seatById.get(id);
      hoverInfo.textContent = seat ? seatTitle(seat) : ' ';
    });
    map.addEventListener('focusin', function (e) {
      var seat = seatById.get(e.target.getAttribute('data-id'));
      if (seat) hoverInfo.textContent = seatTitle(seat);
    });
    keys = createSeatKeys(map, function (el) { toggleSeat(el.getAttribute('data-id')); });
    keys.setCurrent(firstSeatEl(), false);

    var qty = h('input', { type: 'number', min: '1', max: String(Math.min(page.maxTickets(), 20)), value: String(Math.min(2, page.maxTickets())), 'aria-label': 'Number of seats' });
    var mapwrap = h('div', { class: 'mapwrap' }, h('div', { class: 'stage' }, 'STAGE'), map);
    hoverInfo = h('div', { class: 'hover-info' }, ' ');
    announcer = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    updatedLabel = h('span', { class: 'muted small' });
    subLabel = h('div', { class: 'muted small' }, money(s.price_cents) + ' per seat · ' + count(seatData.available_count) + ' available');
    setUpdated(seatData.last_updated);

    append(page.panel, h('div', { class: 'card' },
      h('div', { class: 'toolbar' },
        h('div', null, h('h2', { style: 'margin:0' }, s.name), subLabel),
        h('form', { class: 'quick', onsubmit: function (e) { e.preventDefault(); bestAvailable(parseInt(qty.value, 10)); } },
          h('label', { class: 'sr-only', for: 'qpick' }, 'Seats together'), qty,
          h('button', { class: 'btn secondary small', type: 'submit' }, 'Find seats together'))),
      h('div', { class: 'toolbar' },
        h('ul', { class: 'legend', 'aria-label': 'Seat key' },
          legend('a', 'Available', STATUS_MARK.AVAILABLE), legend('sel', 'Your pick', STATUS_MARK.PICK),
          legend('h', 'On hold', STATUS_MARK.HELD), legend('s', 'Sold', STATUS_MARK.SOLD), legend('b', 'Not for sale', STATUS_MARK.BLOCKED)),
        h('div', { class: 'zoom' },
          h('button', { class: 'btn secondary small', type: 'button', 'aria-label': 'Smaller seats', onclick: function () { zoom(-2); } }, '−'),
          h('button', { class: 'btn secondary small', type: 'button', 'aria-label': 'Larger seats', onclick: function () { zoom(2); } }, '+'),
          h('button', { class: 'btn secondary small', type: 'button', onclick: function () { page.refresh(false); } }, 'Refresh'))),
      mapwrap,
      h('div', { class: 'toolbar' }, hoverInfo, updatedLabel),
      h('p', { id: 'seatmap-keys', class: 'muted small keys-help' },
        'Keyboard: Tab to the map, then arrow keys move between seats and rows (Home and End: the ends of a row), and Space or Enter picks or unpicks a seat.'),
      announcer));
    qty.id = 'qpick';
    mapwrap.style.setProperty('--seat', seatSize + 'px');
    page.renderSummary();
  }

  var seatSize = 12;
  function zoom(delta) {
    seatSize = Math.max(6, Math.min(24, seatSize + delta));
    var wrap = page.panel.querySelector('.mapwrap');
    if (wrap) wrap.style.setProperty('--seat', seatSize + 'px');
  }
  function legend(cls, text, mark) {
    return h('li', null, h('i', { class: 'seat ' + cls, 'aria-hidden': 'true' }), text + ' (' + mark + ')');
  }
  function setUpdated(iso) { if (updatedLabel) updatedLabel.textContent = iso ? 'Updated ' + fmtTime(iso) : ''; }

  function seatClass(seat) {
    if (choice.selected.has(seat.seat_id)) return 'seat sel';
    return 'seat ' + (STATUS_CLASS[seat.status] || 's');
  }
  function seatState(seat) {
    return choice.selected.has(seat.seat_id) ? 'Your pick' : (STATUS_LABEL[seat.status] || seat.status);
  }
  function seatTitle(seat) {
    return seatLabel(seat.row, seat.number) + ' · ' + money(seat.price_cents) + ' · ' + seatState(seat);
  }
  /** What a screen reader says for the seat, e.g. "Row B, seat 7, $45.00, available". */
  function seatName(seat) {
    return 'Row ' + seat.row + ', seat ' + seat.number + ', ' + money(seat.price_cents) + ', ' + seatState(seat).toLowerCase();
  }
  /** The seat's look and its accessible name and state. */
  function describeSeat(el, seat) {
    el.className = seatClass(seat);
    el.setAttribute('aria-label', seatName(seat));
    if (seat.status === 'AVAILABLE' || choice.selected.has(seat.seat_id)) {
      el.setAttribute('aria-selected', choice.selected.has(seat.seat_id) ? 'true' : 'false');
      el.removeAttribute('aria-disabled');
    } else {
      el.removeAttribute('aria-selected');
      el.setAttribute('aria-disabled', 'true');
    }
  }
  function paintSeat(id) {
    var el = seatEls.get(id), seat = seatById.get(id);
    if (el && seat) describeSeat(el, seat);
  }
  /** Where Tab enters the map: the first pick, else the first available seat, else the first seat. */
  function firstSeatEl() {
    var first = null, available = null;
    seatEls.forEach(function (el, id) {
      if (!first) first = el;
      if (!available && seatById.get(id).status === 'AVAILABLE') available = el;
    });
    var pick = choice.selected.size ? seatEls.get(choice.selected.keys().next().value) : null;
    return pick || available || first;
  }

  function applySeatUpdate(sec, lastUpdated) {
    seatData.available_count = sec.available_count;
    (sec.seats || []).forEach(function (fresh) {
      var seat = seatById.get(fresh.seat_id);
      if (!seat) return;
      if (seat.status !== fresh.status || seat.price_cents !== fresh.price_cents) {
        seat.status = fresh.status; seat.price_cents = fresh.price_cents;
        paintSeat(seat.seat_id);
      }
    });
    setUpdated(lastUpdated);
    if (subLabel) subLabel.textContent = money(page.section(choice.sectionId).price_cents) + ' per seat · ' + count(sec.available_count) + ' available';
    dropUnavailable(true);
  }

  /**
   * Seats whose status changed, pushed by the live socket (live.js): `seats` is [{seat_id, status}] for
   * the whole event; those outside the loaded section are ignored. Returns false if no section is loaded.
   */
  function applyLive(seats) {
    if (!seatData) return false;
    var changed = false;
    seats.forEach(function (fresh) {
      var seat = seatById.get(fresh.seat_id);
      if (!seat || seat.status === fresh.status) return;
      seat.status = fresh.status;
      changed = true;
      paintSeat(seat.seat_id);
    });
    if (changed) dropUnavailable(true);
    return true;
  }

  /** The version of the seat map the loaded section was read at (0 before the first load). */
  function version() { return seatData ? seatData.version || 0 : 0; }

  /** Sets the loaded section's available count (from the live socket's section counts). */
  function setAvailable(n) {
    if (!seatData) return;
    seatData.available_count = n;
    if (subLabel) subLabel.textContent = money(page.section(choice.sectionId).price_cents) + ' per seat · ' + count(n) + ' available';
  }

  /** Removes picks that someone else has taken meanwhile. */
  function dropUnavailable(tell) {
    var gone = [];
    choice.selected.forEach(function (pick, id) {
      var seat = seatById.get(id);
      if (seat && seat.status !== 'AVAILABLE') gone.push(pick);
    });
    if (!gone.length) return;
    gone.forEach(function (pick) { choice.selected.delete(pick.seat_id); paintSeat(pick.seat_id); });
    page.renderSummary();
    if (tell) flash('Sorry, ' + gone.map(function (p) { return seatLabel(p.row, p.number); }).join('; ') + (gone.length === 1 ? ' was' : ' were') + ' just taken by someone else and removed from your picks.', 'warn');
  }

  function toggleSeat(id) {
    var seat = seatById.get(id);
    if (!seat) return;
    if (choice.selected.has(id)) {
      choice.selected.delete(id);
    } else {
      if (seat.status !== 'AVAILABLE') {
        hoverInfo.textContent = seatLabel(seat.row, seat.number) + ' is ' + (STATUS_LABEL[seat.status] || seat.status).toLowerCase() + '.';
        announce(hoverInfo.textContent);
        return;
      }
      if (page.queueGate()) { page.tellQueueGate(); return; }
      if (choice.selected.size >= page.maxTickets()) {
        flash('This event allows ' + page.maxTickets() + ' tickets per buyer.', 'warn');
        return;
      }
      var s = page.section(choice.sectionId);
      choice.selected.set(id, { seat_id: id, row: seat.row, number: seat.number, price_cents: seat.price_cents, section: s ? s.name : '' });
    }
    paintSeat(id);
    hoverInfo.textContent = seatTitle(seat);
    announce(seatLabel(seat.row, seat.number) + (choice.selected.has(id) ? ' picked. ' : ' removed from your picks. ') +
      (choice.selected.size === 1 ? '1 seat' : choice.selected.size + ' seats') + ' picked.');
    page.renderSummary();
  }

  /** Tells screen readers what a pick did (the live region is emptied first so a repeat is read again). */
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = '';
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  /** Picks n adjacent available seats, nearest the front, then nearest the middle. */
  function bestAvailable(n) {
    if (!seatData) return;
    if (page.queueGate()) { page.tellQueueGate(); return; }
    if (!(n >= 1)) { flash('Enter how many seats you want.', 'warn'); return; }
    if (n > page.maxTickets()) { flash('This event allows ' + page.maxTickets() + ' tickets per buyer.', 'warn'); return; }
    var rows = new Map();
    seatData.seats.forEach(function (seat) {
      var list = rows.get(seat.row);
      if (!list) { list = []; rows.set(seat.row, list); }
      list.push(seat);
    });
    var found = null;
    rows.forEach(function (seats) {
      if (found) return;
      seats = seats.slice().sort(function (a, b) { return a.number - b.number; });
      var mid = (seats.length - 1) / 2;
      var best = null, bestScore = Infinity;
      for (var i = 0; i + n <= seats.length; i++) {
        var ok = true;
        for (var j = i; j < i + n; j++) {
          if (seats[j].status !== 'AVAILABLE' || (j > i && seats[j].number !== seats[j - 1].number + 1)) { ok = false; break; }
        }
        if (!ok) continue;
        var score = Math.abs(i + (n - 1) / 2 - mid);
        if (score < bestScore) { bestScore = score; best = seats.slice(i, i + n); }
      }
      if (best) found = best;
    });
    if (!found) { flash('There are no ' + n + ' seats together in this section right now. Try fewer seats or pick them on the map.', 'warn'); return; }
    var previous = Array.from(choice.selected.keys());
    choice.selected.clear();
    previous.forEach(paintSeat);
    var s = page.section(choice.sectionId);
    found.forEach(function (seat) {
      choice.selected.set(seat.seat_id, { seat_id: seat.seat_id, row: seat.row, number: seat.number, price_cents: seat.price_cents, section: s ? s.name : '' });
      paintSeat(seat.seat_id);
      var el = seatEls.get(seat.seat_id);
      if (el) { el.classList.add('flash'); setTimeout(function () { el.classList.remove('flash'); }, 3000); }
    });
    var first = seatEls.get(found[0].seat_id);
    if (first && keys) keys.setCurrent(first, false);
    if (first && first.scrollIntoView) first.scrollIntoView({ block: 'nearest', inline: 'center', behavior: 'smooth' });
    page.renderSummary();
  }

  return { reset: reset, load: loadSeats, paintSeat: paintSeat, applyLive: applyLive, version: version, setAvailable: setAvailable };
}

export { createSeatMap };
