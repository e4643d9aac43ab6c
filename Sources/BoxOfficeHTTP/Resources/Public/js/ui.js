/**
 * Shared helpers: building DOM nodes (text only, never HTML), formatting money, dates and counts,
 * localStorage access, flash messages.
 */
import { goSignIn } from './auth.js';

// ---------- small helpers ----------

/** Builds an element. Strings become text nodes, never HTML. */
function h(tag, props) {
  var el = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (key) {
      var v = props[key];
      if (v === null || v === undefined || v === false) return;
      if (key === 'class') el.className = v;
      else if (key === 'text') el.textContent = v;
      else if (key.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(key.slice(2), v);
      else if (key === 'value' || key === 'disabled' || key === 'checked' || key === 'selected' || key === 'hidden') el[key] = v;
      else if (key === 'style') el.style.cssText = String(v);   // CSSOM: allowed by a CSP without 'unsafe-inline'
      else el.setAttribute(key, v === true ? '' : String(v));
    });
  }
  for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}
function append(el, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
  el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}
function link(href, text, cls) { return h('a', { href: href, class: cls }, text); }

var usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
function money(cents) { return typeof cents === 'number' ? usd.format(cents / 100) : '—'; }
function count(n) { return Number(n || 0).toLocaleString('en-US'); }
function plural(n, one, many) { return count(n) + ' ' + (n === 1 ? one : (many || one + 's')); }
function parseDate(iso) { var d = new Date(iso); return isNaN(d.getTime()) ? null : d; }
function fmtDate(iso) {
  var d = parseDate(iso);
  return d ? d.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }) : String(iso || '');
}
function fmtShortDate(iso) {
  var d = parseDate(iso);
  return d ? d.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }) : String(iso || '');
}
function fmtTime(iso) { var d = parseDate(iso); return d ? d.toLocaleTimeString() : ''; }
function fmtClock(ms) {
  var s = Math.max(0, Math.ceil(ms / 1000));
  var m = Math.floor(s / 60); s = s % 60;
  return m + ':' + (s < 10 ? '0' : '') + s;
}
/** Hours and minutes only, e.g. "18:45" (or "6:45 PM", as the buyer's locale has it). */
function fmtHM(iso) { var d = parseDate(iso); return d ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : ''; }
function waitText(seconds) {
  var sec = Number(seconds) || 0;
  if (sec <= 0) return 'Any moment now';
  if (sec < 60) return 'Under a minute';
  var m = Math.round(sec / 60);
  if (m < 60) return 'About ' + plural(m, 'minute');
  var hours = Math.floor(m / 60), rest = m % 60;
  return 'About ' + plural(hours, 'hour') + (rest ? ' ' + plural(rest, 'minute') : '');
}
function byTime(a, b) { return Date.parse(a) - Date.parse(b); }
function seatLabel(row, number) { return 'Row ' + row + ', Seat ' + number; }
function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  var b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  var hex = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}
function storageGet(key) { try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; } }
function storageSet(key, value) { try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ } }

// ---------- flash messages ----------

var flashState = null;
function flash(message, kind) {
  flashState = { message: message, kind: kind || 'info', at: Date.now(), carried: false };
  renderFlash();
  if (kind === 'error' || kind === 'warn') window.scrollTo({ top: 0, behavior: 'smooth' });
}
function clearFlash() { flashState = null; renderFlash(); }
function renderFlash() {
  var box = document.getElementById('flash');
  box.textContent = '';
  if (!flashState) return;
  box.appendChild(h('div', { class: 'alert ' + flashState.kind, role: flashState.kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'msg' }, flashState.message),
    h('button', { class: 'close', type: 'button', 'aria-label': 'Dismiss', onclick: clearFlash }, '×')));
}
/** The standard reaction to a failed call. */
function showError(err, fallback) {
  if (err && err.sessionEnded) {
    flash('Your session has ended. Please sign in again.', 'warn');
    goSignIn();
    return;
  }
  flash((err && err.message) || fallback || 'Something went wrong.', 'error');
}

export { h, append, link, money, count, plural, fmtDate, fmtShortDate, fmtTime, fmtClock, fmtHM, waitText,
  byTime, seatLabel, uuid, storageGet, storageSet, flashState, flash, clearFlash, showError };
