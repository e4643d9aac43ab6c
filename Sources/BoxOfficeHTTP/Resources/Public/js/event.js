/**
 * The event page: sections, seat map and selection, general admission, presale codes,
 * the waiting room (SSE stream with polling fallback), and holding seats.
 */
import { h, append, link, money, count, plural, fmtDate, fmtShortDate, fmtTime, fmtClock, fmtHM, waitText,
  byTime, seatLabel, uuid, flash, showError } from './ui.js';
import { API, serverNow, auth, request, api, query, loadEvent } from './api.js';
import { goSignIn } from './auth.js';
import { view, go, every, stopTimer, onLeave, newView, loading } from './router.js';
import { saleTimes, openPresales, statusBadge } from './browse.js';
import { QUEUE_POLL_MS, queuePass, rememberQueue, endAdmission, forgetQueuePass } from './queue.js';
import { trackHold, setPendingReservation } from './checkout.js';

var PRESALE_KIND = {
  code: 'Presale code required',
  list: 'Invited buyers only (your account email must be on the list)',
  general: 'General sale — open to everyone'
};
var STATUS_CLASS = { AVAILABLE: 'a', HELD: 'h', SOLD: 's', BLOCKED: 'b' };
var STATUS_LABEL = { AVAILABLE: 'Available', HELD: 'On hold', SOLD: 'Sold', BLOCKED: 'Not for sale' };

// ---------- event detail & seat map ----------

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
  var seatData = null;        // the loaded section of the seat map
  var seatEls = new Map();    // seat_id -> element
  var seatById = new Map();   // seat_id -> seat
  var etag = null;
  var busy = false;

  append(view, [link('#/', '← All events', 'back'), loading('Loading event…')]);

  loadEvent(eventId, true).then(function (loaded) {
    if (!alive()) return;
    ev = loaded;
    document.title = ev.title + ' · BoxOffice';
    render();
  }).catch(function (err) {
    if (!alive()) return;
    view.textContent = '';
    append(view, [link('#/', '← All events', 'back'),
      h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.status === 404 ? 'This event does not exist or has been removed.' : err.message))]);
  });

  var sectionsBox, panel, side;

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
    queueHeadline = h('div', { class: 'headline', id: 'queue-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    queueDetail = h('div');
    queueBox = h('section', { class: 'card queue hidden', 'aria-labelledby': 'queue-title', 'aria-describedby': 'queue-status' },
      h('h2', { id: 'queue-title' }, 'Waiting room'), queueHeadline, queueDetail);
    append(view, [notices, queueBox]);
    renderNotices();
    sectionsBox = h('div', { class: 'sections', role: 'list', 'aria-label': 'Sections', tabindex: '-1' });
    append(view, [h('h2', { style: 'margin-top:18px' }, 'Choose a section'), sectionsBox]);
    panel = h('div');
    side = h('aside', { class: 'side' });
    append(view, h('div', { class: 'layout' }, panel, side));
    renderSections();
    var start = choice.sectionId && section(choice.sectionId) ? choice.sectionId : null;
    if (!start && (ev.sections || []).length === 1) start = ev.sections[0].section_id;
    if (start) selectSection(start); else renderPanelHint();
    renderSummary();
    startQueue();
    every(15000, function () { if (!document.hidden) refresh(false); });
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
    return JSON.stringify([ev.status, queueOn(), (ev.presales || []).map(function (p) { return [p.name, p.kind, p.open]; })]);
  }
  function rulesChanged() {
    renderNotices();
    if (!queueOn() || !salesOpen()) { stopQueueUpdates(); qView = 'off'; renderQueue(); }
    else if (qView === 'off') startQueue();
    else renderQueue();
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

  // ----- waiting room -----

  var queueBox, queueHeadline, queueDetail, headBadge, notices;
  var qs = null;            // the latest QueueStatus
  var qView = 'off';        // off | idle | joining | checking | waiting | admitted | expired | problem
  var qProblem = '';        // what went wrong, shown with the join button
  var qMode = '';           // how updates arrive: stream | poll | retry
  var qSource = null;       // the open EventSource
  var qPoll = null;         // the polling timer
  var qPolling = false;     // a status request is in flight
  var qTick = null;         // the admission countdown timer
  var qTimer = null;        // the countdown element
  onLeave(function () { stopQueueUpdates(); });

  function queueOn() { return !!(ev && ev.queue && ev.queue.enabled); }
  /** The admission token when the buyer may hold now, else null. */
  function admissionToken() {
    if (!queueOn()) return null;
    var p = queuePass(eventId);
    if (!p || !p.admission_token) return null;
    var until = Date.parse(p.admission_expires_at);
    return !isNaN(until) && until <= serverNow() ? null : p.admission_token;
  }
  function holdAllowed() { return salesOpen() && (!queueOn() || !!admissionToken()); }
  function queueGate() { return queueOn() && salesOpen() && !admissionToken(); }
  function queuePath(kind) { return '/events/' + encodeURIComponent(eventId) + '/queue' + (kind ? '/' + kind : ''); }
  /** A same-origin API URL from a QueueStatus, or our own. */
  function queueURL(url, kind) {
    return typeof url === 'string' && url.indexOf(API + '/') === 0 ? url : API + queuePath(kind);
  }

  function startQueue() {
    if (!queueOn() || !salesOpen()) { qView = 'off'; renderQueue(); return; }
    if (queuePass(eventId)) { qView = 'checking'; renderQueue(); watchQueue(); return; }
    if (auth && choice.joinAfterSignIn) { joinQueue(); return; }
    qView = 'idle';
    renderQueue();
  }

  function joinQueue() {
    if (qView === 'joining') return;
    if (!auth) {
      choice.joinAfterSignIn = true;
      flash('Sign in or create an account to join the waiting room. You will come straight back here.', 'info');
      goSignIn();
      return;
    }
    choice.joinAfterSignIn = false;
    stopQueueUpdates();
    qView = 'joining';
    renderQueue();
    api('POST', queuePath()).then(function (s) {
      rememberQueue(eventId, s);
      if (!alive()) return;
      applyStatus(s, false);
      if (s.state === 'waiting') watchQueue();
    }).catch(function (err) {
      if (!alive()) return;
      if (err.sessionEnded) { choice.joinAfterSignIn = true; showError(err); return; }
      switch (err.code) {
        case 'QUEUE_NOT_OPEN':
          queueProblem('The waiting room opens ' + fmtDate(err.body.opens_at) + '. Come back then to join the queue.');
          break;
        case 'QUEUE_DISABLED':
          qView = 'off';
          flash('This event no longer uses a waiting room — you can choose seats directly.', 'info');
          reloadRules(true);
          break;
        case 'SALES_CLOSED':
          queueProblem('Sales for this event have closed.');
          reloadRules();
          break;
        case 'RATE_LIMITED':
          queueProblem('Lots of people are joining right now. Please try again in a few seconds.');
          break;
        default:
          queueProblem(err.message);
      }
    });
  }

  /** Live updates from the server-sent event stream; polling if that is unavailable or fails. */
  function watchQueue() {
    stopQueueUpdates();
    var p = queuePass(eventId);
    if (!p) { qView = 'idle'; renderQueue(); return; }
    if (typeof window.EventSource !== 'function') { pollQueue(); return; }
    var url = queueURL(qs && qs.stream_url, 'stream');
    var source;
    try { source = new EventSource(url + (url.indexOf('?') < 0 ? '?' : '&') + 'queue_token=' + encodeURIComponent(p.queue_token)); }
    catch (e) { pollQueue(); return; }
    qSource = source;
    qMode = 'stream';
    var handle = function (e) {
      if (qSource !== source) return;
      var s = null;
      try { s = JSON.parse(e.data); } catch (x) { s = null; }
      if (s && typeof s === 'object') applyStatus(s, true);
    };
    source.addEventListener('status', handle);
    source.addEventListener('admitted', handle);
    source.addEventListener('expired', handle);
    source.onerror = function () {
      if (qSource !== source) return;
      source.close();
      qSource = null;
      if (alive() && (qView === 'waiting' || qView === 'checking')) pollQueue();
    };
    if (qView === 'waiting') renderQueue();
  }

  function pollQueue() {
    if (qPoll) return;
    qMode = 'poll';
    checkQueue();
    qPoll = every(QUEUE_POLL_MS, checkQueue);
    renderQueue();
  }

  function checkQueue() {
    var p = queuePass(eventId);
    if (!p) { stopQueueUpdates(); qView = 'idle'; renderQueue(); return; }
    if (qPolling) return;
    qPolling = true;
    var path = queueURL(qs && qs.status_url, 'status').slice(API.length);
    request('GET', path, { headers: { 'X-Queue-Token': p.queue_token } }).then(function (r) {
      qPolling = false;
      if (!alive() || !qPoll) return;   // stopped meanwhile (admitted, rejoined, left)
      qMode = 'poll';
      applyStatus(r.data, true);
    }).catch(function (err) {
      qPolling = false;
      if (!alive() || !qPoll) return;
      if (err.sessionEnded) { stopQueueUpdates(); showError(err); return; }
      switch (err.code) {
        case 'QUEUE_TOKEN_INVALID':
        case 'QUEUE_REQUIRED':
          forgetQueuePass(eventId);
          queueProblem('Your place in the waiting room could not be confirmed (for example after signing in with another account). Please join the queue again.');
          break;
        case 'QUEUE_DISABLED':
          stopQueueUpdates();
          forgetQueuePass(eventId);
          qView = 'off';
          flash('This event no longer uses a waiting room — you can choose seats directly.', 'info');
          reloadRules(true);
          break;
        case 'EVENT_NOT_FOUND':
          stopQueueUpdates();
          forgetQueuePass(eventId);
          queueProblem('This event is no longer available.');
          break;
        default:
          // Network trouble, rate limiting, a server hiccup: keep our place and keep asking.
          if (qMode !== 'retry') { qMode = 'retry'; renderQueue(); }
      }
    });
  }

  function stopQueueUpdates() {
    if (qSource) { var s = qSource; qSource = null; try { s.close(); } catch (e) { /* already closed */ } }
    if (qPoll) { stopTimer(qPoll); qPoll = null; }
    if (qTick) { stopTimer(qTick); qTick = null; }
    qMode = '';
  }

  /** Takes a QueueStatus from the join, the stream or a poll. */
  function applyStatus(s, live) {
    if (!s || !alive()) return;
    var was = qView;
    qs = s;
    rememberQueue(eventId, s);
    if (s.state === 'admitted') {
      var pass = queuePass(eventId);
      var until = Date.parse((pass && pass.admission_expires_at) || s.admission_expires_at);
      if (!isNaN(until) && until <= serverNow()) { admissionEnded(); return; }
      stopQueueUpdates();
      qView = 'admitted';
      qTick = every(1000, tickAdmission);
      renderQueue();
      if (was !== 'admitted') {
        holdControlsChanged();
        if (live && was === 'waiting') flash('It’s your turn — you have until ' + fmtHM(s.admission_expires_at) + ' to choose seats.', 'success');
      }
    } else if (s.state === 'expired') {
      stopQueueUpdates();
      endAdmission(eventId);
      qView = 'expired';
      renderQueue();
      if (was === 'admitted') holdControlsChanged();
    } else {
      qView = 'waiting';
      renderQueue();
      if (was === 'admitted') holdControlsChanged();
    }
  }

  function tickAdmission() {
    var pass = queuePass(eventId);
    var until = Date.parse((pass && pass.admission_expires_at) || (qs && qs.admission_expires_at));
    if (isNaN(until)) return;
    var left = until - serverNow();
    if (qTimer) {
      qTimer.textContent = fmtClock(left) + ' left';
      qTimer.classList.toggle('low', left < 60000);
    }
    if (left <= 0) admissionEnded();
  }

  /** The admission session is over: no more holds until the buyer rejoins. */
  function admissionEnded() {
    stopQueueUpdates();
    endAdmission(eventId);
    if (qs) qs.state = 'expired';
    var was = qView;
    qView = 'expired';
    renderQueue();
    if (was !== 'expired') holdControlsChanged();
  }

  function queueProblem(message) {
    stopQueueUpdates();
    qView = 'problem';
    qProblem = message;
    renderQueue();
    holdControlsChanged();
  }

  function joinButton(text) {
    return h('button', { class: 'btn big', type: 'button', disabled: qView === 'joining', onclick: joinQueue }, text || 'Join the queue');
  }
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function qstat(label, value) { return h('div', null, h('dt', null, label), h('dd', null, value)); }

  function renderQueue() {
    if (!queueBox) return;
    var show = queueOn() && salesOpen() && qView !== 'off';
    queueBox.classList.toggle('hidden', !show);
    if (!show) { setText(queueHeadline, ''); queueDetail.textContent = ''; qTimer = null; return; }
    var q = ev.queue;
    var now = serverNow();
    var drawAt = Date.parse(q.admission_starts_at);
    queueBox.className = 'card queue ' + qView;
    queueDetail.textContent = '';
    qTimer = null;
    var headline = '';
    switch (qView) {
      case 'idle':
      case 'problem': {
        headline = qView === 'problem' ? qProblem : '';
        append(queueDetail, [
          h('p', null, 'To keep things fair, this event sells through a virtual waiting room. Join the queue and we will let you in to choose seats when it’s your turn — you will have ' +
            plural(q.session_minutes, 'minute') + ' to pick and hold them.'),
          !isNaN(drawAt) && drawAt > now
            ? h('p', { class: 'muted small' }, 'Everyone who joins before ' + fmtDate(q.admission_starts_at) + ' gets a random place in line at that moment; later arrivals are served in the order they join.')
            : null,
          q.opens_at && Date.parse(q.opens_at) > now ? h('p', { class: 'muted small' }, 'The waiting room opens ' + fmtDate(q.opens_at) + '.') : null,
          h('div', { class: 'qactions' }, joinButton(),
            auth ? null : h('span', { class: 'muted small' }, 'You will be asked to sign in first.'))
        ]);
        break;
      }
      case 'joining':
        headline = 'Joining the queue…';
        append(queueDetail, h('div', { class: 'qactions' }, joinButton('Joining…')));
        break;
      case 'checking':
        headline = 'Checking your place in the queue…';
        append(queueDetail, loading('Connecting to the waiting room…'));
        break;
      case 'waiting': {
        var s = qs || {};
        var estimated = s.position_final === false;
        headline = s.admission_paused
          ? 'The organizer has paused admission for now — you keep your place (' + count(s.position) + ').'
          : s.ahead === 0
          ? 'You’re at the front of the queue — you’ll be let in shortly.'
          : 'You’re in the queue — your ' + (estimated ? 'estimated ' : '') + 'place is ' + count(s.position) + '.';
        append(queueDetail, [
          h('dl', { class: 'qstats' },
            qstat(estimated ? 'Your place (estimated)' : 'Your place', count(s.position)),
            qstat('People ahead of you', count(s.ahead)),
            qstat('Estimated wait', s.admission_paused ? 'Paused' : waitText(s.estimated_wait_seconds)),
            qstat('People in the queue', count(s.queue_length))),
          estimated
            ? h('p', { class: 'muted small' }, 'Your place is an estimate until the random draw when the sale starts' +
                (isNaN(drawAt) ? '' : ' (' + fmtDate(q.admission_starts_at) + ')') + '. Everyone who joined before then has the same chance.')
            : null,
          h('p', { class: 'muted small' }, 'Keep this page open — it updates by itself. ',
            qMode === 'stream' ? 'Live updates are on.'
              : qMode === 'retry' ? 'We are having trouble reaching BoxOffice; retrying every ' + (QUEUE_POLL_MS / 1000) + ' seconds…'
              : 'Checking every ' + (QUEUE_POLL_MS / 1000) + ' seconds.')
        ]);
        break;
      }
      case 'admitted': {
        var until = (queuePass(eventId) || {}).admission_expires_at || (qs && qs.admission_expires_at);
        headline = 'It’s your turn — you have until ' + fmtHM(until) + ' to choose seats.';
        qTimer = h('div', { class: 'qtimer', role: 'timer', 'aria-live': 'off' }, '');
        append(queueDetail, [
          qTimer,
          h('p', null, 'Pick your seats below and hold them before your time runs out. Once held, you have the usual time to pay.'),
          h('div', { class: 'qactions' }, h('button', { class: 'btn secondary', type: 'button', onclick: function () {
            sectionsBox.scrollIntoView({ behavior: 'smooth', block: 'start' });
            sectionsBox.focus({ preventScroll: true });
          } }, 'Choose seats'))
        ]);
        break;
      }
      case 'expired':
        headline = 'Your time to choose seats has ended.';
        append(queueDetail, [
          h('p', null, 'To keep things fair for everyone waiting, each buyer gets ' + plural(q.session_minutes, 'minute') +
            '. You can rejoin the queue to try again — you will join at the back.'),
          h('div', { class: 'qactions' }, joinButton('Rejoin the queue'))
        ]);
        break;
    }
    setText(queueHeadline, headline);
    if (qView === 'admitted') tickAdmission();
  }

  /** Reloads the event's sale rules (queue, presales, status) after the server said they differ. */
  function reloadRules(force) {
    loadEvent(eventId, true).then(function (fresh) {
      if (!alive() || !ev) return;
      takeRules(fresh, !!force);
    }).catch(function () { if (alive()) renderQueue(); });
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
    seatData = null; etag = null; seatEls = new Map(); seatById = new Map();
    renderSections();
    panel.textContent = '';
    if (s.kind === 'general_admission') { renderGA(s); return; }
    panel.appendChild(h('div', { class: 'card' }, loading('Loading seats in ' + s.name + '…')));
    loadSeats(true);
  }

  function loadSeats(initial) {
    var s = section(choice.sectionId);
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
      renderSections();
      if (initial || !seatData) { seatData = sec; seatData.last_updated = data.last_updated; renderSeatPanel(); }
      else { applySeatUpdate(sec, data.last_updated); }
    }).catch(function (err) {
      if (!alive()) return;
      if (initial) {
        panel.textContent = '';
        panel.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message),
          h('button', { class: 'btn small secondary', type: 'button', onclick: function () { selectSection(id); } }, 'Try again')));
      }
    });
  }

  function refresh(initial) {
    loadEvent(eventId, true).then(function (fresh) {
      if (!alive() || !ev) return;
      // Keep our objects, take the new counts.
      (fresh.sections || []).forEach(function (fs) { var s = section(fs.section_id); if (s) s.available_count = fs.available_count; });
      renderSections();
      takeRules(fresh, false);   // status, waiting room and presale windows
    }).catch(function () { /* keep showing what we have */ });
    var s = choice.sectionId && section(choice.sectionId);
    if (s && s.kind !== 'general_admission') return loadSeats(initial);
    return Promise.resolve();
  }

  // ----- seated sections -----

  var hoverInfo, updatedLabel, subLabel;

  function renderSeatPanel() {
    var s = section(choice.sectionId);
    panel.textContent = '';
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

    var map = h('div', { class: 'seatmap', role: 'group', 'aria-label': 'Seat map for ' + s.name });
    var frag = document.createDocumentFragment();
    rows.forEach(function (seats, label) {
      seats.sort(function (a, b) { return a.number - b.number; });
      var seatsEl = document.createElement('div');
      seatsEl.className = 'seats';
      seats.forEach(function (seat) {
        var el = document.createElement('span');
        el.className = seatClass(seat);
        el.setAttribute('data-id', seat.seat_id);
        el.title = seatTitle(seat);
        seatsEl.appendChild(el);
        seatEls.set(seat.seat_id, el);
      });
      var rowEl = document.createElement('div');
      rowEl.className = 'srow';
      var rl = document.createElement('span');
      rl.className = 'rl';
      rl.textContent = label;
      rowEl.appendChild(rl);
      rowEl.appendChild(seatsEl);
      frag.appendChild(rowEl);
    });
    map.appendChild(frag);
    map.addEventListener('click', function (e) {
      var id = e.target && e.target.getAttribute && e.target.getAttribute('data-id');
      if (id) toggleSeat(id);
    });
    map.addEventListener('mouseover', function (e) {
      var id = e.target && e.target.getAttribute && e.target.getAttribute('data-id');
      var seat = id && seatById.get(id);
      hoverInfo.textContent = seat ? seatTitle(seat) : ' ';
    });

    var qty = h('input', { type: 'number', min: '1', max: String(Math.min(maxTickets(), 20)), value: String(Math.min(2, maxTickets())), 'aria-label': 'Number of seats' });
    var mapwrap = h('div', { class: 'mapwrap' }, h('div', { class: 'stage' }, 'STAGE'), map);
    hoverInfo = h('div', { class: 'hover-info' }, ' ');
    updatedLabel = h('span', { class: 'muted small' });
    subLabel = h('div', { class: 'muted small' }, money(s.price_cents) + ' per seat · ' + count(seatData.available_count) + ' available');
    setUpdated(seatData.last_updated);

    append(panel, h('div', { class: 'card' },
      h('div', { class: 'toolbar' },
        h('div', null, h('h2', { style: 'margin:0' }, s.name), subLabel),
        h('form', { class: 'quick', onsubmit: function (e) { e.preventDefault(); bestAvailable(parseInt(qty.value, 10)); } },
          h('label', { class: 'sr-only', for: 'qpick' }, 'Seats together'), qty,
          h('button', { class: 'btn secondary small', type: 'submit' }, 'Find seats together'))),
      h('div', { class: 'toolbar' },
        h('div', { class: 'legend' },
          legend('var(--seat-avail)', 'Available'), legend('var(--seat-sel)', 'Your pick'),
          legend('var(--seat-held)', 'On hold'), legend('var(--seat-sold)', 'Sold'), legend('var(--seat-blocked)', 'Not for sale')),
        h('div', { class: 'zoom' },
          h('button', { class: 'btn secondary small', type: 'button', 'aria-label': 'Smaller seats', onclick: function () { zoom(-2); } }, '−'),
          h('button', { class: 'btn secondary small', type: 'button', 'aria-label': 'Larger seats', onclick: function () { zoom(2); } }, '+'),
          h('button', { class: 'btn secondary small', type: 'button', onclick: function () { refresh(false); } }, 'Refresh'))),
      mapwrap,
      h('div', { class: 'toolbar' }, hoverInfo, updatedLabel)));
    qty.id = 'qpick';
    mapwrap.style.setProperty('--seat', seatSize + 'px');
    renderSummary();
  }

  var seatSize = 12;
  function zoom(delta) {
    seatSize = Math.max(6, Math.min(24, seatSize + delta));
    var wrap = panel.querySelector('.mapwrap');
    if (wrap) wrap.style.setProperty('--seat', seatSize + 'px');
  }
  function legend(color, text) { return h('span', null, h('i', { style: 'background:' + color }), text); }
  function setUpdated(iso) { if (updatedLabel) updatedLabel.textContent = iso ? 'Updated ' + fmtTime(iso) : ''; }

  function seatClass(seat) {
    if (choice.selected.has(seat.seat_id)) return 'seat sel';
    return 'seat ' + (STATUS_CLASS[seat.status] || 's');
  }
  function seatTitle(seat) {
    var picked = choice.selected.has(seat.seat_id);
    return seatLabel(seat.row, seat.number) + ' · ' + money(seat.price_cents) + ' · ' + (picked ? 'Your pick' : (STATUS_LABEL[seat.status] || seat.status));
  }
  function paintSeat(id) {
    var el = seatEls.get(id), seat = seatById.get(id);
    if (el && seat) { el.className = seatClass(seat); el.title = seatTitle(seat); }
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
    if (subLabel) subLabel.textContent = money(section(choice.sectionId).price_cents) + ' per seat · ' + count(sec.available_count) + ' available';
    dropUnavailable(true);
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
    renderSummary();
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
        return;
      }
      if (queueGate()) { tellQueueGate(); return; }
      if (choice.selected.size >= maxTickets()) {
        flash('This event allows ' + maxTickets() + ' tickets per buyer.', 'warn');
        return;
      }
      var s = section(choice.sectionId);
      choice.selected.set(id, { seat_id: id, row: seat.row, number: seat.number, price_cents: seat.price_cents, section: s ? s.name : '' });
    }
    paintSeat(id);
    hoverInfo.textContent = seatTitle(seat);
    renderSummary();
  }

  /** Picks n adjacent available seats, nearest the front, then nearest the middle. */
  function bestAvailable(n) {
    if (!seatData) return;
    if (queueGate()) { tellQueueGate(); return; }
    if (!(n >= 1)) { flash('Enter how many seats you want.', 'warn'); return; }
    if (n > maxTickets()) { flash('This event allows ' + maxTickets() + ' tickets per buyer.', 'warn'); return; }
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
    var s = section(choice.sectionId);
    found.forEach(function (seat) {
      choice.selected.set(seat.seat_id, { seat_id: seat.seat_id, row: seat.row, number: seat.number, price_cents: seat.price_cents, section: s ? s.name : '' });
      paintSeat(seat.seat_id);
      var el = seatEls.get(seat.seat_id);
      if (el) { el.classList.add('flash'); setTimeout(function () { el.classList.remove('flash'); }, 3000); }
    });
    var first = seatEls.get(found[0].seat_id);
    if (first && first.scrollIntoView) first.scrollIntoView({ block: 'nearest', inline: 'center', behavior: 'smooth' });
    renderSummary();
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
            h('button', { type: 'button', 'aria-label': 'Remove ' + seatLabel(p.row, p.number), onclick: function () { choice.selected.delete(p.seat_id); paintSeat(p.seat_id); renderSummary(); } }, '×')));
      })));
      card.appendChild(h('div', { class: 'total' }, h('span', null, 'Total'), h('span', null, money(total))));
    }
    var holdBtn = h('button', { class: 'btn big', type: 'button', disabled: !picks.length || busy || !holdAllowed(), onclick: holdSeats },
      busy ? 'Holding…' : (picks.length ? 'Hold ' + plural(picks.length, 'seat') : 'Hold seats'));
    card.appendChild(h('div', { class: 'stack' }, presaleField('presale-code'), holdBtn,
      queueGate() ? h('p', { class: 'muted small', style: 'margin:0' }, queueGateText()) : null,
      picks.length ? h('button', { class: 'btn secondary small', type: 'button', onclick: function () { var ids = Array.from(choice.selected.keys()); choice.selected.clear(); ids.forEach(paintSeat); renderSummary(); } }, 'Clear picks') : null,
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
      h('p', { class: 'muted' }, 'General admission · ' + money(s.price_cents) + ' per ticket · ' + (left ? count(left) + ' left' : 'sold out')),
      h('div', { class: 'ga-panel' },
        h('div', null, h('label', { for: 'ga-qty' }, 'Tickets'),
          h('div', { class: 'stepper' },
            h('button', { type: 'button', 'aria-label': 'One fewer', onclick: function () { step(-1); } }, '−'),
            input,
            h('button', { type: 'button', 'aria-label': 'One more', onclick: function () { step(1); } }, '+'))),
        h('div', null, h('div', { class: 'muted small' }, 'Total'), total),
        presaleField('presale-code-ga'),
        btn),
      queueGate() ? h('p', { class: 'muted small' }, queueGateText()) : null,
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

  /** While the waiting room has not let the buyer in, holds wait. */
  function queueGateText() {
    return qView === 'expired' ? 'Your time to choose seats has ended. Rejoin the queue above to try again.'
      : 'This event uses a waiting room: join the queue above — you can pick and hold seats when it’s your turn.';
  }
  function tellQueueGate() {
    flash(queueGateText(), 'info');
    if (queueBox && queueBox.scrollIntoView) queueBox.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  function holdSeats() {
    if (busy || needSignIn()) return;
    if (queueGate()) { tellQueueGate(); return; }
    if (!presaleReady()) return;
    var ids = Array.from(choice.selected.keys());
    if (!ids.length) return;
    submitHold(withPresale({ event_id: eventId, seat_ids: ids }), function () { choice.selected.clear(); });
  }

  function holdGA(s, n, btn) {
    if (busy || needSignIn()) return;
    if (queueGate()) { tellQueueGate(); return; }
    if (!presaleReady()) return;
    btn.disabled = true;
    submitHold(withPresale({ event_id: eventId, section_id: s.section_id, quantity: n }), null, function () { btn.disabled = !holdAllowed(); btn.textContent = 'Hold ' + plural(n, 'ticket'); });
  }

  function submitHold(body, onDone, onFail) {
    busy = true;
    renderSummary();
    var headers = { 'X-Idempotency-Key': keyFor(body) };
    var admission = admissionToken();
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
          if (queueOn()) queueProblem('Join the queue to get your turn to choose seats.');
          else reloadRules();   // the waiting room was switched on meanwhile
          break;
        case 'QUEUE_TOKEN_INVALID':
          flash('Your waiting-room pass is not valid for this event or account. Please join the queue again.', 'warn');
          forgetQueuePass(eventId);
          if (queueOn()) queueProblem('Please join the queue again to get your turn.');
          else reloadRules();
          break;
        case 'QUEUE_TOKEN_EXPIRED':
          flash('Your time to choose seats has ended. Rejoin the queue to try again.', 'warn');
          admissionEnded();
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
