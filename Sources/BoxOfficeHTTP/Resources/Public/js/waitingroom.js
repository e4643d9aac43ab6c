/**
 * The live waiting room on the event page: joining the queue, the status box, updates from the
 * server-sent event stream with a polling fallback, and the admitted state with its countdown.
 * The stored passes (queue and admission tokens) are kept by queue.js.
 */
import { h, append, count, plural, fmtDate, fmtClock, fmtHM, waitText, flash, showError } from './ui.js';
import { API, serverNow, auth, request, api } from './api.js';
import { goSignIn } from './auth.js';
import { every, stopTimer, onLeave, loading } from './router.js';
import { QUEUE_POLL_MS, queuePass, rememberQueue, endAdmission, forgetQueuePass } from './queue.js';

/**
 * The waiting room of one event page. `page` is the state the event page shares with it: eventId,
 * choice (joinAfterSignIn), alive(), ev (set once loaded), sectionsBox (set once drawn) and the
 * callbacks salesOpen, holdControlsChanged, reloadRules.
 */
function createWaitingRoom(page) {
  var eventId = page.eventId;
  var choice = page.choice;
  var alive = page.alive;
  var queueBox = null, queueHeadline, queueDetail;
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

  function queueOn() { return !!(page.ev && page.ev.queue && page.ev.queue.enabled); }
  /** The admission token when the buyer may hold now, else null. */
  function admissionToken() {
    if (!queueOn()) return null;
    var p = queuePass(eventId);
    if (!p || !p.admission_token) return null;
    var until = Date.parse(p.admission_expires_at);
    return !isNaN(until) && until <= serverNow() ? null : p.admission_token;
  }
  function queueGate() { return queueOn() && page.salesOpen() && !admissionToken(); }
  function queuePath(kind) { return '/events/' + encodeURIComponent(eventId) + '/queue' + (kind ? '/' + kind : ''); }
  /** A same-origin API URL from a QueueStatus, or our own. */
  function queueURL(url, kind) {
    return typeof url === 'string' && url.indexOf(API + '/') === 0 ? url : API + queuePath(kind);
  }

  function startQueue() {
    if (!queueOn() || !page.salesOpen()) { qView = 'off'; renderQueue(); return; }
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
          page.reloadRules(true);
          break;
        case 'SALES_CLOSED':
          queueProblem('Sales for this event have closed.');
          page.reloadRules();
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
          page.reloadRules(true);
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
        page.holdControlsChanged();
        if (was === 'waiting' || was === 'joining') {
          // The buyer was waiting on this page (or was let in as they joined): tell them, take them
          // to the seats, and re-read the sale's state (a sale that has just started says so).
          flash('It’s your turn — you have until ' + fmtHM(s.admission_expires_at) + ' to choose seats.', 'success');
          if (page.ev && page.ev.status !== 'ON_SALE') page.reloadRules();
          goToSeats();
        }
      }
    } else if (s.state === 'expired') {
      stopQueueUpdates();
      endAdmission(eventId);
      qView = 'expired';
      renderQueue();
      if (was === 'admitted') page.holdControlsChanged();
    } else {
      qView = 'waiting';
      renderQueue();
      if (was === 'admitted') page.holdControlsChanged();
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
    if (was !== 'expired') page.holdControlsChanged();
  }

  /**
   * Brings the seat map (or the ticket count of a general-admission section, or the section list
   * when none is chosen) to the top of the screen, below the sticky header, and puts the keyboard
   * focus there: the map's one tab stop, so arrow keys move through the seats at once.
   */
  function goToSeats() {
    var panel = page.panel, target = null, focus = null;
    var map = panel && panel.querySelector('.seatmap');
    var ga = panel && panel.querySelector('#ga-qty');
    if (map) { target = map.closest('.card') || map; focus = map.querySelector('[tabindex="0"]') || null; }
    else if (ga) { target = ga.closest('.card') || ga; focus = ga; }
    else if (page.sectionsBox) { target = page.sectionsBox; focus = page.sectionsBox; }
    if (!target) return;
    var header = document.querySelector('header.top');
    var offset = (header && window.getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0) + 8;
    var calm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.scrollTo({ top: Math.max(0, window.scrollY + target.getBoundingClientRect().top - offset), behavior: calm ? 'auto' : 'smooth' });
    if (focus) focus.focus({ preventScroll: true });
  }

  function queueProblem(message) {
    stopQueueUpdates();
    qView = 'problem';
    qProblem = message;
    renderQueue();
    page.holdControlsChanged();
  }

  function joinButton(text) {
    return h('button', { class: 'btn big', type: 'button', disabled: qView === 'joining', onclick: joinQueue }, text || 'Join the queue');
  }
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function qstat(label, value) { return h('div', null, h('dt', null, label), h('dd', null, value)); }

  function renderQueue() {
    if (!queueBox) return;
    var show = queueOn() && page.salesOpen() && qView !== 'off';
    queueBox.classList.toggle('hidden', !show);
    if (!show) { setText(queueHeadline, ''); queueDetail.textContent = ''; qTimer = null; return; }
    var q = page.ev.queue;
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
        // Before the draw at the sale start a place is only an estimate, and nobody is let in
        // "shortly", even at the front.
        headline = s.admission_paused
          ? 'The organizer has paused admission for now — you keep your place (' + count(s.position) + ').'
          : estimated
          ? 'You’re in the queue — your estimated place is ' + count(s.position) + '.'
          : s.ahead === 0
          ? 'You’re at the front of the queue — you’ll be let in shortly.'
          : 'You’re in the queue — your place is ' + count(s.position) + '.';
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
          h('div', { class: 'qactions' }, h('button', { class: 'btn secondary', type: 'button', onclick: goToSeats }, 'Choose seats'))
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

  /** After the sale rules changed: hide, start or redraw the waiting room. */
  function rulesChanged() {
    if (!queueOn() || !page.salesOpen()) { stopQueueUpdates(); qView = 'off'; renderQueue(); }
    else if (qView === 'off') startQueue();
    else renderQueue();
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

  /** Creates the (hidden) waiting-room box; the page puts it in place. */
  function build() {
    queueHeadline = h('div', { class: 'headline', id: 'queue-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    queueDetail = h('div');
    queueBox = h('section', { class: 'card queue hidden', 'aria-labelledby': 'queue-title', 'aria-describedby': 'queue-status' },
      h('h2', { id: 'queue-title' }, 'Waiting room'), queueHeadline, queueDetail);
    return queueBox;
  }

  return {
    build: build, start: startQueue, render: renderQueue, rulesChanged: rulesChanged,
    queueOn: queueOn, admissionToken: admissionToken, queueGate: queueGate, gateText: queueGateText,
    tellGate: tellQueueGate, problem: queueProblem, admissionEnded: admissionEnded
  };
}

export { createWaitingRoom };
