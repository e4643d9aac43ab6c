/**
 * The event page: the sale notices, sections, general admission, presale codes and holding seats.
 * The seat map is drawn by seatmap.js, the whole-venue overview by venuemap.js and the waiting room
 * by waitingroom.js; this page creates them and hands them `page`, the state and callbacks they share
 * with it.
 */
import { h, append, link, money, count, plural, fmtDate, fmtShortDate, byTime, seatLabel, uuid, flash, showError } from './ui.js';
import { serverNow, auth, api, loadEvent } from './api.js';
import { goSignIn } from './auth.js';
import { view, go, every, onLeave, newView, loading } from './router.js';
import { saleTimes, openPresales, statusBadge } from './browse.js';
import { forgetQueuePass } from './queue.js';
import { trackHold, setPendingReservation } from './checkout.js';
import { createSeatMap } from './seatmap.js';
import { createVenueMap } from './venuemap.js';
import { createWaitingRoom } from './waitingroom.js';
import { watchSeatMap } from './live.js';

var PRESALE_KIND = {
  code: 'Presale code required',
  list: 'Invited buyers only (your account email must be on the list)',
  general: 'General sale — open to everyone'
};

// ---------- event detail ----------

// Per-event buyer choices survive a detour through sign-in.
var choices = {};
function choiceFor(eventId) {
  if (!choices[eventId]) choices[eventId] = { sectionId: null, selected: new Map(), gaQuantity: 1, holdKey: null };
  return choices[eventId];
}

function showEvent(eventId) {
  var alive = newView('Event');
  if (!eventId) { go('#/'); return; }
  var choice = choiceFor(eventId);
  var ev = null;
  var busy = false;
  var headBadge, notices;
  // What the seat map and the waiting room share with this page: ev, sectionsBox and panel are
  // filled in once the event is loaded and drawn; the functions are this page's.
  var page = {
    eventId: eventId, choice: choice, alive: alive, ev: null, sectionsBox: null, panel: null,
    section: section, maxTickets: maxTickets, salesOpen: salesOpen,
    renderSections: renderSections, renderSummary: renderSummary, selectSection: selectSection, refresh: refresh,
    holdControlsChanged: holdControlsChanged, reloadRules: reloadRules,
    queueGate: function () { return wr.queueGate(); }, tellQueueGate: function () { wr.tellGate(); }
  };
  var seatMap = createSeatMap(page);
  var overview = createVenueMap(page);
  var wr = createWaitingRoom(page);

  append(view, [link('#/', '← All events', 'back'), loading('Loading event…')]);

  loadEvent(eventId, true).then(function (loaded) {
    if (!alive()) return;
    ev = loaded;
    page.ev = ev;
    document.title = ev.title + ' · BoxOffice';
    render();
  }).catch(function (err) {
    if (!alive()) return;
    view.textContent = '';
    append(view, [link('#/', '← All events', 'back'),
      h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.status === 404 ? 'This event does not exist or has been removed.' : err.message))]);
  });

  var sectionsBox, panel, side, liveBadge, liveState = 'connecting';

  function section(id) { return (ev.sections || []).filter(function (s) { return s.section_id === id; })[0] || null; }
  function maxTickets() { return ev.max_tickets_per_user || Infinity; }
  function salesOpen() { return ev.status !== 'SALES_CLOSED'; }

  function render() {
    view.textContent = '';
    var venue = ev.venue || {};
    var facts = [
      h('span', null, fmtDate(ev.starts_at)),
      h('span', null, venue.name, venue.city ? ', ' + venue.city : '')
    ];
    if (ev.max_tickets_per_user) facts.push(h('span', null, 'Limit ' + ev.max_tickets_per_user + ' tickets per buyer'));
    if (ev.hold_duration_minutes) facts.push(h('span', null, 'Seats are held for ' + ev.hold_duration_minutes + ' minutes while you pay'));
    append(view, [
      link('#/', '← All events', 'back'),
      h('div', { class: 'event-head' },
        h('div', { class: 'meta' },
          h('div', { class: 'muted' }, [ev.artist, ev.category].filter(Boolean).join(' · ')),
          h('h1', null, ev.title),
          h('div', { class: 'facts' }, facts)),
        headBadge = h('div', null, statusBadge(ev)))
    ]);
    notices = h('div');
    append(view, [notices, wr.build()]);
    renderNotices();
    sectionsBox = h('div', { class: 'sections', role: 'list', 'aria-label': 'Sections', tabindex: '-1' });
    page.sectionsBox = sectionsBox;
    liveBadge = h('span', { class: 'live-state connecting', role: 'status' }, 'Connecting…');
    append(view, [h('h2', { style: 'margin-top:18px' }, 'Choose a section ', liveBadge), overview.build(), sectionsBox]);
    panel = h('div');
    page.panel = panel;
    side = h('aside', { class: 'side' });
    append(view, h('div', { class: 'layout' }, panel, side));
    renderSections();
    var start = choice.sectionId && section(choice.sectionId) ? choice.sectionId : null;
    if (!start && (ev.sections || []).length === 1) start = ev.sections[0].section_id;
    if (start) selectSection(start); else renderPanelHint();
    renderSummary();
    overview.load(true);
    onLeave(overview.close);
    wr.start();
    startLive();
    // Seats and counts arrive over the live socket; the sale's rules (status, presale windows,
    // the waiting room) are re-read now and then.
    every(60000, function () {
      if (document.hidden) return;
      refresh(false);
      // The whole venue's map is big: while the socket is live it keeps it current, else it is re-read.
      if (liveState !== 'live') overview.load(false);
    });
  }

  /** Seats others take turn unavailable as they commit, pushed over the live socket (live.js). */
  function startLive() {
    var live = watchSeatMap(eventId, {
      // The oldest of the maps shown, so that neither misses a change.
      version: function () {
        var shown = [seatMap.version(), overview.version()].filter(function (v) { return v > 0; });
        return shown.length ? Math.min.apply(null, shown) : 0;
      },
      changes: function (seats, counts) {
        if (!alive()) return;
        counts.forEach(function (c) {
          var s = section(c.section_id);
          if (!s || s.available_count === c.available_count) return;
          s.available_count = c.available_count;
          if (c.section_id === choice.sectionId) {
            if (s.kind === 'general_admission') {
              var left = document.getElementById('ga-left');
              if (left) left.textContent = c.available_count ? count(c.available_count) + ' left' : 'sold out';
            } else {
              seatMap.setAvailable(c.available_count);
            }
          }
        });
        if (counts.length) { renderSections(); overview.countsChanged(); }
        if (seats.length) { seatMap.applyLive(seats); overview.applyLive(seats); }
      },
      resync: function () { if (alive()) { refresh(false); overview.load(false); } },
      state: function (state) {
        liveState = state;
        if (!alive() || !liveBadge) return;
        liveBadge.className = 'live-state ' + state;
        liveBadge.textContent = state === 'live' ? 'Live' : (state === 'connecting' ? 'Reconnecting…' : 'Not live: press Refresh');
        liveBadge.title = state === 'live' ? 'Seats others take are shown as they go' : 'Seat changes are not arriving right now';
      }
    });
    onLeave(live.close);
  }

  /** The sale-state notice, the presale windows and the header badge (redrawn when the rules change). */
  function renderNotices() {
    headBadge.textContent = '';
    headBadge.appendChild(statusBadge(ev));
    notices.textContent = '';
    var t = saleTimes(ev);
    if (ev.status === 'SCHEDULED') {
      var first = t.presale && (!t.general || byTime(t.presale, t.general) < 0)
        ? 'The presale starts ' + fmtDate(t.presale) + (t.general ? ' and the general sale ' + fmtDate(t.general) : '') + '.'
        : (t.general ? 'Tickets go on sale ' + fmtDate(t.general) + '.' : 'Tickets are not on sale yet.');
      append(notices, h('div', { class: 'alert warn' }, h('div', { class: 'msg' }, first + ' You can look around until then.')));
    } else if (ev.status === 'PRESALE') {
      var open = openPresales(ev);
      var parts = ['Presale now on' + (open.length ? ': ' + open.map(function (p) { return p.name; }).join(', ') : '') + '.'];
      if (presaleCodeOpen()) parts.push('Enter your presale code next to the hold button.');
      if (open.some(function (p) { return p.kind === 'list'; })) parts.push('If your account is on the invite list, hold tickets as usual.');
      if (t.general) parts.push('The general sale starts ' + fmtDate(t.general) + '.');
      append(notices, h('div', { class: 'alert info' }, h('div', { class: 'msg' }, parts.join(' '))));
    } else if (ev.status === 'SALES_CLOSED') {
      append(notices, h('div', { class: 'alert warn' }, h('div', { class: 'msg' }, 'Sales for this event have closed.')));
    }
    append(notices, presaleList());
  }

  function presaleList() {
    var list = (ev.presales || []).slice().sort(function (a, b) { return byTime(a.starts_at, b.starts_at); });
    if (!list.length) return null;
    var now = serverNow();
    return h('section', { class: 'card presales', 'aria-labelledby': 'presales-title', style: 'margin-top:14px' },
      h('h2', { id: 'presales-title' }, 'Presales and sale windows'),
      h('ul', { class: 'windows' }, list.map(function (p) {
        var state = p.open ? ['ok', 'Open now']
          : Date.parse(p.ends_at) <= now ? ['', 'Ended'] : ['warn', 'Not open yet'];
        return h('li', { class: p.open ? 'open' : '' },
          h('div', null, h('strong', null, p.name), ' ', h('span', { class: 'badge ' + state[0] }, state[1])),
          h('div', { class: 'muted small' }, PRESALE_KIND[p.kind] || p.kind),
          h('div', { class: 'small' }, fmtShortDate(p.starts_at) + ' – ' + fmtShortDate(p.ends_at)),
          p.max_tickets_per_user ? h('div', { class: 'small' }, 'Limit ' + plural(p.max_tickets_per_user, 'ticket') + ' per buyer in this window') : null,
          p.kind === 'code' && p.single_use ? h('div', { class: 'muted small' }, 'Each code works for one account only') : null);
      })));
  }

  /** A short signature of what decides who may hold now; a change redraws the notices and controls. */
  function rulesSig() {
    return JSON.stringify([ev.status, wr.queueOn(), (ev.presales || []).map(function (p) { return [p.name, p.kind, p.open]; })]);
  }
  function rulesChanged() {
    renderNotices();
    wr.rulesChanged();
    holdControlsChanged();
  }
  /** Redraws everything that offers a hold button (after admission or rules changed). */
  function holdControlsChanged() {
    renderSummary();
    var s = choice.sectionId && section(choice.sectionId);
    if (s && s.kind === 'general_admission' && panel) { panel.textContent = ''; renderGA(s); }
  }

  // ----- presale code -----

  function presaleCodeOpen() {
    return ev.status === 'PRESALE' && (ev.presales || []).some(function (p) { return p.open && p.kind === 'code'; });
  }
  function presaleField(id) {
    if (!presaleCodeOpen()) return null;
    var names = (ev.presales || []).filter(function (p) { return p.open && p.kind === 'code'; }).map(function (p) { return p.name; });
    var input = h('input', {
      id: id, type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: '64',
      value: choice.presaleCode || '', 'data-presale': '1', 'aria-describedby': id + '-help', placeholder: 'Enter your code'
    });
    input.addEventListener('input', function () { choice.presaleCode = input.value; input.removeAttribute('aria-invalid'); });
    return h('div', { class: 'field presale-field', style: 'margin:0' },
      h('label', { for: id }, 'Presale code'), input,
      h('div', { id: id + '-help', class: 'muted small' }, 'For ' + names.join(', ') + '. Not needed once the general sale opens.'));
  }
  function presaleInput() { return view.querySelector('input[data-presale]'); }
  /** Adds the presale code to a hold request when a code presale is open and the buyer typed one. */
  function withPresale(body) {
    var code = (choice.presaleCode || '').trim();
    if (presaleCodeOpen() && code) body.presale_code = code;
    return body;
  }
  /** False (and tells the buyer) when only code presales are open and no code was entered. */
  function presaleReady() {
    if (!presaleCodeOpen() || (choice.presaleCode || '').trim()) return true;
    if (openPresales(ev).some(function (p) { return p.kind === 'list'; })) return true;   // an invited buyer needs no code
    flash('Tickets are only available with a presale code right now. Enter your code to continue.', 'warn');
    var input = presaleInput();
    if (input) input.focus();
    return false;
  }

  // ----- who may hold now -----

  function holdAllowed() { return salesOpen() && (!wr.queueOn() || !!wr.admissionToken()); }

  /** Reloads the event's sale rules (queue, presales, status) after the server said they differ. */
  function reloadRules(force) {
    loadEvent(eventId, true).then(function (fresh) {
      if (!alive() || !ev) return;
      takeRules(fresh, !!force);
    }).catch(function () { if (alive()) wr.render(); });
  }
  function takeRules(fresh, force) {
    var before = rulesSig();
    ev.status = fresh.status;
    ev.total_available = fresh.total_available;
    ev.sale_starts_at = fresh.sale_starts_at;
    ev.queue = fresh.queue;
    ev.presales = fresh.presales || [];
    if (force || rulesSig() !== before) rulesChanged();
  }

  function renderSections() {
    sectionsBox.textContent = '';
    (ev.sections || []).forEach(function (s) {
      var ga = s.kind === 'general_admission';
      var left = s.available_count || 0;
      var btn = h('button', {
        type: 'button', role: 'listitem',
        class: 'section-card' + (s.section_id === choice.sectionId ? ' active' : '') + (left ? '' : ' soldout'),
        'aria-pressed': s.section_id === choice.sectionId ? 'true' : 'false',
        onclick: function () { selectSection(s.section_id); }
      },
        h('span', { class: 'name' }, s.name),
        h('span', { class: 'muted small' }, ga ? 'General admission (standing)' : 'Reserved seating'),
        h('span', { class: 'price' }, money(s.price_cents)),
        h('span', { class: 'small ' + (left ? 'muted' : '') }, left ? count(left) + ' of ' + count(s.capacity) + ' left' : 'Sold out'));
      sectionsBox.appendChild(btn);
    });
  }

  function renderPanelHint() {
    panel.textContent = '';
    panel.appendChild(h('div', { class: 'card empty' }, 'Pick a section above to see seats and prices.'));
  }

  function selectSection(id) {
    var s = section(id);
    if (!s) return;
    choice.sectionId = id;
    seatMap.reset();
    renderSections();
    overview.setActive(id);
    panel.textContent = '';
    if (s.kind === 'general_admission') { renderGA(s); return; }
    panel.appendChild(h('div', { class: 'card' }, loading('Loading seats in ' + s.name + '…')));
    seatMap.load(true);
  }

  function refresh(initial) {
    loadEvent(eventId, true).then(function (fresh) {
      if (!alive() || !ev) return;
      // Keep our objects, take the new counts.
      (fresh.sections || []).forEach(function (fs) { var s = section(fs.section_id); if (s) s.available_count = fs.available_count; });
      renderSections();
      overview.countsChanged();
      takeRules(fresh, false);   // status, waiting room and presale windows
    }).catch(function () { /* keep showing what we have */ });
    var s = choice.sectionId && section(choice.sectionId);
    if (s && s.kind !== 'general_admission') return seatMap.load(initial);
    return Promise.resolve();
  }

  function renderSummary() {
    if (!side) return;
    side.textContent = '';
    var s = choice.sectionId && section(choice.sectionId);
    var picks = Array.from(choice.selected.values());
    if (s && s.kind === 'general_admission' && !picks.length) { side.appendChild(h('div', { class: 'card muted small' }, 'General admission: no assigned seats. Choose how many tickets you want, then hold them.')); return; }
    var total = picks.reduce(function (sum, p) { return sum + (p.price_cents || 0); }, 0);
    var card = h('div', { class: 'card summary' },
      h('h3', null, h('span', null, 'Your seats'), h('span', { class: 'muted' }, String(picks.length))));
    if (!picks.length) {
      card.appendChild(h('p', { class: 'muted small' }, 'Click green seats on the map to pick them, or use “Find seats together”.'));
    } else {
      card.appendChild(h('ul', { class: 'chips' }, picks.map(function (p) {
        return h('li', null,
          h('span', null, p.section ? p.section + ' · ' : '', 'Row ' + p.row + ' · Seat ' + p.number),
          h('span', null, money(p.price_cents), ' ',
            h('button', { type: 'button', 'aria-label': 'Remove ' + seatLabel(p.row, p.number), onclick: function () { choice.selected.delete(p.seat_id); seatMap.paintSeat(p.seat_id); renderSummary(); } }, '×')));
      })));
      card.appendChild(h('div', { class: 'total' }, h('span', null, 'Total'), h('span', null, money(total))));
    }
    var holdBtn = h('button', { class: 'btn big', type: 'button', disabled: !picks.length || busy || !holdAllowed(), onclick: holdSeats },
      busy ? 'Holding…' : (picks.length ? 'Hold ' + plural(picks.length, 'seat') : 'Hold seats'));
    card.appendChild(h('div', { class: 'stack' }, presaleField('presale-code'), holdBtn,
      wr.queueGate() ? h('p', { class: 'muted small', style: 'margin:0' }, wr.gateText()) : null,
      picks.length ? h('button', { class: 'btn secondary small', type: 'button', onclick: function () { var ids = Array.from(choice.selected.keys()); choice.selected.clear(); ids.forEach(seatMap.paintSeat); renderSummary(); } }, 'Clear picks') : null,
      auth ? null : h('p', { class: 'muted small', style: 'margin:0' }, 'You will be asked to sign in first; your picks are kept.')));
    side.appendChild(card);
  }

  // ----- general admission -----

  function renderGA(s) {
    var left = s.available_count || 0;
    var max = Math.max(1, Math.min(maxTickets(), left || 1, 50));
    choice.gaQuantity = Math.min(Math.max(1, choice.gaQuantity || 1), max);
    var input = h('input', { type: 'number', min: '1', max: String(max), value: String(choice.gaQuantity), id: 'ga-qty', inputmode: 'numeric' });
    var total = h('strong', { class: 'price' });
    var btn = h('button', { class: 'btn big', type: 'button', disabled: !left || !holdAllowed() }, 'Hold tickets');
    function update() {
      var n = parseInt(input.value, 10);
      if (!(n >= 1)) n = 1;
      choice.gaQuantity = n;
      total.textContent = money(n * s.price_cents);
      btn.textContent = busy ? 'Holding…' : 'Hold ' + plural(n, 'ticket');
    }
    function step(d) { input.value = String(Math.max(1, Math.min(max, (parseInt(input.value, 10) || 1) + d))); update(); }
    input.addEventListener('input', update);
    btn.addEventListener('click', function () {
      var n = parseInt(input.value, 10);
      if (!(n >= 1)) { flash('Enter how many tickets you want.', 'warn'); return; }
      if (n > maxTickets()) { flash('This event allows ' + maxTickets() + ' tickets per buyer.', 'warn'); return; }
      if (left && n > left) { flash('Only ' + count(left) + ' tickets remain in ' + s.name + '.', 'warn'); return; }
      holdGA(s, n, btn);
    });
    append(panel, h('div', { class: 'card' },
      h('h2', null, s.name),
      h('p', { class: 'muted' }, 'General admission · ' + money(s.price_cents) + ' per ticket · ', h('span', { id: 'ga-left' }, left ? count(left) + ' left' : 'sold out')),
      h('div', { class: 'ga-panel' },
        h('div', null, h('label', { for: 'ga-qty' }, 'Tickets'),
          h('div', { class: 'stepper' },
            h('button', { type: 'button', 'aria-label': 'One fewer', onclick: function () { step(-1); } }, '−'),
            input,
            h('button', { type: 'button', 'aria-label': 'One more', onclick: function () { step(1); } }, '+'))),
        h('div', null, h('div', { class: 'muted small' }, 'Total'), total),
        presaleField('presale-code-ga'),
        btn),
      wr.queueGate() ? h('p', { class: 'muted small' }, wr.gateText()) : null,
      auth ? null : h('p', { class: 'muted small' }, 'You will be asked to sign in first.')));
    update();
    renderSummary();
  }

  // ----- holding -----

  /** The idempotency key for this exact request: reused only to retry after a network failure. */
  function keyFor(body) {
    var sig = JSON.stringify(body);
    if (!choice.holdKey || choice.holdKey.sig !== sig) choice.holdKey = { sig: sig, key: uuid() };
    return choice.holdKey.key;
  }

  function needSignIn() {
    if (auth) return false;
    flash('Sign in or create an account to hold tickets. Your choice is kept.', 'info');
    goSignIn();
    return true;
  }

  function holdSeats() {
    if (busy || needSignIn()) return;
    if (wr.queueGate()) { wr.tellGate(); return; }
    if (!presaleReady()) return;
    var ids = Array.from(choice.selected.keys());
    if (!ids.length) return;
    submitHold(withPresale({ event_id: eventId, seat_ids: ids }), function () { choice.selected.clear(); });
  }

  function holdGA(s, n, btn) {
    if (busy || needSignIn()) return;
    if (wr.queueGate()) { wr.tellGate(); return; }
    if (!presaleReady()) return;
    btn.disabled = true;
    submitHold(withPresale({ event_id: eventId, section_id: s.section_id, quantity: n }), null, function () { btn.disabled = !holdAllowed(); btn.textContent = 'Hold ' + plural(n, 'ticket'); });
  }

  function submitHold(body, onDone, onFail) {
    busy = true;
    renderSummary();
    var headers = { 'X-Idempotency-Key': keyFor(body) };
    var admission = wr.admissionToken();
    if (admission) headers['X-Queue-Token'] = admission;
    api('POST', '/reservations', body, headers).then(function (r) {
      busy = false;
      choice.holdKey = null;
      if (onDone) onDone();
      trackHold(r);
      setPendingReservation(r);
      go('#/checkout/' + encodeURIComponent(r.reservation_id));
    }).catch(function (err) {
      busy = false;
      if (err.status !== 0) choice.holdKey = null;   // the server answered: a new attempt is a new request
      if (!alive()) return;
      if (onFail) onFail();
      renderSummary();
      if (err.sessionEnded) { showError(err); return; }
      switch (err.code) {
        case 'SEATS_UNAVAILABLE': {
          var ids = err.body.unavailable_seats || [];
          var names = ids.map(function (id) { var p = choice.selected.get(id); return p ? seatLabel(p.row, p.number) : null; }).filter(Boolean);
          ids.forEach(function (id) { choice.selected.delete(id); });
          flash('Sorry, ' + (names.length ? names.join('; ') : 'some of your seats') + (names.length === 1 ? ' is' : ' are') +
            ' no longer available and ' + (names.length === 1 ? 'has' : 'have') + ' been removed from your picks. The seat map has been refreshed — please choose again.', 'error');
          refresh(false);
          renderSummary();
          break;
        }
        case 'INSUFFICIENT_INVENTORY':
          flash(err.message + '. Please choose a smaller number.', 'error');
          refresh(false);
          break;
        case 'TICKET_LIMIT_EXCEEDED': {
          var remaining = err.body.remaining;
          var limit = err.body.limit;
          flash(typeof remaining !== 'number' ? err.message + '.'
            : remaining <= 0
              ? 'You already have the most tickets allowed' + (limit ? ' (' + plural(limit, 'ticket') + ' per buyer)' : '') + (ev.status === 'PRESALE' ? ' in this presale.' : ' for this event.')
              : 'You can get only ' + plural(remaining, 'more ticket', 'more tickets') + (limit ? ' (the limit is ' + plural(limit, 'ticket') + ' per buyer)' : '') + '. Please choose fewer.', 'error');
          break;
        }
        case 'QUEUE_REQUIRED':
          flash('This event uses a waiting room. Join the queue and you can choose seats when it’s your turn.', 'warn');
          forgetQueuePass(eventId);
          if (wr.queueOn()) wr.problem('Join the queue to get your turn to choose seats.');
          else reloadRules();   // the waiting room was switched on meanwhile
          break;
        case 'QUEUE_TOKEN_INVALID':
          flash('Your waiting-room pass is not valid for this event or account. Please join the queue again.', 'warn');
          forgetQueuePass(eventId);
          if (wr.queueOn()) wr.problem('Please join the queue again to get your turn.');
          else reloadRules();
          break;
        case 'QUEUE_TOKEN_EXPIRED':
          flash('Your time to choose seats has ended. Rejoin the queue to try again.', 'warn');
          wr.admissionEnded();
          break;
        case 'PRESALE_REQUIRED': {
          var windows = Array.isArray(err.body.presales) ? err.body.presales : [];
          var general = saleTimes(ev).general;
          flash('Right now only presale buyers can get tickets' + (windows.length ? ' (' + windows.join(', ') + ')' : '') + '. ' +
            (presaleCodeOpen() ? 'Enter your presale code and try again' : 'If you have a presale code or invitation, use it to buy now') +
            (general ? ', or come back for the general sale ' + fmtDate(general) + '.' : '.'), 'error');
          reloadRules();
          var codeInput = presaleInput();
          if (codeInput) codeInput.focus();
          break;
        }
        case 'PRESALE_CODE_INVALID': {
          flash('That presale code is not valid for the presale that is open now. Check the code and try again.', 'error');
          var badInput = presaleInput();
          if (badInput) { badInput.setAttribute('aria-invalid', 'true'); badInput.focus(); badInput.select(); }
          break;
        }
        case 'SALE_NOT_STARTED':
          flash('Tickets are not on sale yet' + (err.body.sale_starts_at ? ' — the sale starts ' + fmtDate(err.body.sale_starts_at) : '') + '. Please come back then.', 'error');
          reloadRules();
          break;
        default:
          showError(err);
      }
    });
  }
}

export { showEvent };
