/**
 * Browsing: the event list, search, filters, paging; sale-state badges shared with the event page.
 */
import { h, append, money, count, plural, fmtDate, fmtShortDate, byTime } from './ui.js';
import { serverNow, api, query, eventCache } from './api.js';
import { view, newView, loading } from './router.js';

// ---------- browse ----------

var browse = { q: '', category: '', city: '', events: [], cursor: null, loaded: false, categories: {}, cities: {} };

function showEvents() {
  var alive = newView('Events');
  var form = h('form', { class: 'search', role: 'search' },
    h('input', { type: 'search', name: 'q', placeholder: 'Search events, artists or venues', 'aria-label': 'Search', value: browse.q }),
    h('input', { name: 'category', placeholder: 'Any category', 'aria-label': 'Category', list: 'dl-categories', value: browse.category }),
    h('input', { name: 'city', placeholder: 'Any city', 'aria-label': 'City', list: 'dl-cities', value: browse.city }),
    h('button', { class: 'btn', type: 'submit' }, 'Search'));
  var catList = h('datalist', { id: 'dl-categories' });
  var cityList = h('datalist', { id: 'dl-cities' });
  var list = h('div', { 'aria-live': 'polite' });
  var more = h('div', { class: 'more' });
  append(view, [h('h1', null, 'Find tickets'), form, catList, cityList, list, more]);

  function fillLists() {
    catList.textContent = ''; cityList.textContent = '';
    Object.keys(browse.categories).sort().forEach(function (c) { catList.appendChild(h('option', { value: c })); });
    Object.keys(browse.cities).sort().forEach(function (c) { cityList.appendChild(h('option', { value: c })); });
  }
  function renderList() {
    list.textContent = '';
    more.textContent = '';
    if (!browse.events.length) {
      var filtered = browse.q || browse.category || browse.city;
      list.appendChild(h('div', { class: 'empty' }, filtered ? 'No events match your search.' : 'No events are on sale yet. Check back soon.'));
      return;
    }
    list.appendChild(h('p', { class: 'muted small' }, browse.cursor ? 'Showing the first ' + plural(browse.events.length, 'event') : plural(browse.events.length, 'event')));
    list.appendChild(h('div', { class: 'events' }, browse.events.map(eventCard)));
    if (browse.cursor) {
      var btn = h('button', { class: 'btn secondary', type: 'button' }, 'Show more events');
      btn.addEventListener('click', function () { btn.disabled = true; btn.textContent = 'Loading…'; load(true); });
      more.appendChild(btn);
    }
  }
  function load(append_, quiet) {
    if (!append_ && !quiet) { list.textContent = ''; list.appendChild(loading('Finding events…')); more.textContent = ''; }
    var params = { q: browse.q, category: browse.category, city: browse.city, page_size: 24 };
    if (append_ && browse.cursor) params.cursor = browse.cursor;
    var seq = ++loadSeq;
    api('GET', '/events' + query(params)).then(function (page) {
      if (!alive() || seq !== loadSeq) return;
      var events = page.events || [];
      events.forEach(function (ev) {
        eventCache[ev.event_id] = ev;
        if (ev.category) browse.categories[ev.category] = true;
        if (ev.venue && ev.venue.city) browse.cities[ev.venue.city] = true;
      });
      browse.events = append_ ? browse.events.concat(events) : events;
      browse.cursor = page.next_cursor || null;
      browse.loaded = true;
      fillLists();
      renderList();
    }).catch(function (err) {
      if (!alive()) return;
      list.textContent = '';
      list.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message)));
      if (append_) renderList();
    });
  }
  var loadSeq = 0;
  var debounce = null;
  function readForm() {
    browse.q = form.elements.q.value.trim();
    browse.category = form.elements.category.value.trim();
    browse.city = form.elements.city.value.trim();
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(debounce); readForm(); load(false); });
  form.addEventListener('input', function () {
    clearTimeout(debounce);
    debounce = setTimeout(function () { if (alive()) { readForm(); load(false); } }, 350);
  });
  fillLists();
  if (browse.loaded) renderList();
  load(false, browse.loaded);
}

/** The next general-sale start and the next presale start still to come (ISO strings or null). */
function saleTimes(ev) {
  var now = serverNow();
  var windows = ev.presales || [];
  var future = function (iso) { return iso && Date.parse(iso) > now; };
  var generals = windows.filter(function (p) { return p.kind === 'general'; });
  var general = generals.length
    ? generals.map(function (p) { return p.starts_at; }).filter(future).sort(byTime)[0] || null
    : (future(ev.sale_starts_at) ? ev.sale_starts_at : null);
  var presale = windows.filter(function (p) { return p.kind !== 'general'; })
    .map(function (p) { return p.starts_at; }).filter(future).sort(byTime)[0] || null;
  return { general: general, presale: presale };
}
function openPresales(ev) { return (ev.presales || []).filter(function (p) { return p.open && p.kind !== 'general'; }); }

function statusBadge(ev) {
  if (ev.status === 'SALES_CLOSED') return h('span', { class: 'badge' }, 'Sales closed');
  if (ev.status === 'SCHEDULED') {
    var t = saleTimes(ev);
    if (t.presale && (!t.general || byTime(t.presale, t.general) < 0)) return h('span', { class: 'badge warn' }, 'Presale ' + fmtShortDate(t.presale));
    return h('span', { class: 'badge warn' }, t.general ? 'On sale ' + fmtShortDate(t.general) : 'Coming soon');
  }
  if (!ev.total_available) return h('span', { class: 'badge bad' }, 'Sold out');
  if (ev.status === 'PRESALE') return h('span', { class: 'badge brand' }, 'Presale');
  return h('span', { class: 'badge ok' }, 'On sale');
}

function eventCard(ev) {
  var venue = ev.venue || {};
  return h('a', { class: 'event-card', href: '#/event/' + encodeURIComponent(ev.event_id) },
    h('div', { class: 'date' }, fmtDate(ev.starts_at)),
    h('div', { class: 'title' }, ev.title),
    h('div', { class: 'muted' }, [ev.artist, ev.category].filter(Boolean).join(' · ')),
    h('div', null, venue.name, venue.city ? ', ' + venue.city : ''),
    h('div', { class: 'foot' },
      h('span', null, ev.min_price_cents != null ? ['From ', h('span', { class: 'price' }, money(ev.min_price_cents))] : ''),
      h('span', null, statusBadge(ev), ' ', h('span', { class: 'muted small' }, ev.total_available ? count(ev.total_available) + ' left' : ''))));
}

export { showEvents, saleTimes, openPresales, statusBadge };
