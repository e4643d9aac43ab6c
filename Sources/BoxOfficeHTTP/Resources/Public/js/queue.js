/**
 * Waiting-room passes kept in localStorage (queue and admission tokens per event).
 * The live waiting-room view (SSE stream, polling) is waitingroom.js.
 */
import { storageGet, storageSet } from './ui.js';
import { auth } from './api.js';

var QUEUE_KEY = 'boxoffice.queue';
var QUEUE_POLL_MS = 5000;

// ---------- waiting-room passes (latest queue and admission token per event) ----------

var QUEUE_PASS_TTL = 2 * 24 * 3600 * 1000;
function queuePasses() {
  var all = storageGet(QUEUE_KEY);
  if (!all || typeof all !== 'object' || Array.isArray(all)) return {};
  var now = Date.now();
  Object.keys(all).forEach(function (id) { if (!all[id] || !(now - (all[id].saved_at || 0) < QUEUE_PASS_TTL)) delete all[id]; });
  return all;
}
/** The signed-in buyer's pass for an event, or null. */
function queuePass(eventId) {
  var p = queuePasses()[eventId];
  return p && auth && p.user_id === auth.user_id && p.queue_token ? p : null;
}
/** Keeps the latest tokens of a QueueStatus (the queue token may have been refreshed). */
function rememberQueue(eventId, s) {
  if (!auth || !s || !s.queue_token) return;
  var all = queuePasses();
  var p = { user_id: auth.user_id, queue_token: s.queue_token, state: s.state, saved_at: Date.now() };
  if (s.state === 'admitted' && s.admission_token) {
    p.admission_token = s.admission_token;
    p.admission_expires_at = s.admission_expires_at || null;
  }
  all[eventId] = p;
  storageSet(QUEUE_KEY, all);
}
/** Drops the admission (its session ended) but keeps the place token. */
function endAdmission(eventId) {
  var all = queuePasses();
  if (!all[eventId]) return;
  delete all[eventId].admission_token;
  delete all[eventId].admission_expires_at;
  all[eventId].state = 'expired';
  storageSet(QUEUE_KEY, all);
}
function forgetQueuePass(eventId) {
  var all = queuePasses();
  delete all[eventId];
  storageSet(QUEUE_KEY, Object.keys(all).length ? all : null);
}
function clearQueuePasses() { storageSet(QUEUE_KEY, null); }

export { QUEUE_POLL_MS, queuePass, rememberQueue, endAdmission, forgetQueuePass, clearQueuePasses };
