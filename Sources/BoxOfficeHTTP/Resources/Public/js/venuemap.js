/**
 * The whole-venue overview on the event page: every seat of every seated section drawn on one
 * canvas (20,500 seats are 20,500 fillRects, a few milliseconds; as DOM or SVG nodes they would be
 * 20,500 elements to lay out), with zoom (buttons, wheel, pinch, + and − keys) and pan (drag, arrow
 * keys), and live: the seats the page's live socket reports (live.js, through event.js) are redrawn
 * in the next animation frame.
 *
 * Layout (ours, deterministic, in "seat units", one unit a seat's pitch): the stage at the top, then
 * the sections in the order the event lists them, packed left to right into shelves no wider than
 * the widest section, each shelf centred; a seated section is a block of its rows (top row first, each
 * row centred, seats by number), with a strip above it for its label; a general-admission section is
 * a block sized by its capacity, showing what is left.
 *
 * How a seat is drawn: colour tells the price tier, shape tells the status, so no status is told by
 * colour alone. An available seat is a filled square in its tier's colour; a seat that is not (on hold,
 * sold, not for sale) is grey and smaller — a half-size grey square while seats are small on screen,
 * and from BIG px a seat a hollow grey square with the detailed map's marks: striped (on hold), crossed
 * (sold), barred (not for sale). The legend says so, with swatches drawn by the same code.
 *
 * Text alternative: the canvas is an image with a summary for its name; over each block lies a real
 * button (named "Lower Bowl, $125.00, 7,998 of 8,000 seats left") that opens the section's detailed
 * seat map (seatmap.js, the ARIA grid for picking seats); the section list above stays as it was.
 *
 * Test hook (read only; the browser tests use it): the view element (.venue-view) carries
 *   data-seats        the seats in the map
 *   data-seats-drawn  the seats the last frame drew (counted as they are drawn: all of them at "fit")
 *   data-render-ms    ms from the map's data arriving (parsed) to the first frame's draw calls done
 *   data-view         the view transform, "scale tx ty" (px per seat, px offsets)
 * and `venueProbe`: drawnStatus(seatId) → the status the last frame drew that seat as ('AVAILABLE',
 * 'HELD', 'SOLD', 'BLOCKED'; null if it was outside the view or is unknown), seatPoint(seatId) and
 * sectionPoint(sectionId) → {x, y} in viewport coordinates, pixel(seatId) → [r, g, b] at the seat's
 * centre on the canvas, and timings() → the performance.now() moments of the last full load: started
 * (the request), arrived (its data parsed), laidOut, drawn (the first frame's draw calls done) and
 * painted (after the next frame).
 */
import { h, money, count } from './ui.js';
import { request } from './api.js';

// Price tiers, dearest first. Each is 4.6:1 or more against the map's background (WCAG 1.4.11 asks 3:1).
var TIER_COLOURS = ['#6a3d9a', '#0a6fb0', '#1a7f5a', '#c24e00', '#b03a7e', '#8a6a00', '#a12f2f', '#2f5f8a'];
var NTIERS = TIER_COLOURS.length;
var GREY = '#737b89';       // unavailable seats: 4.1:1 against the background
var BG = '#fbfbfe';
var BLOCK_BG = '#eceef4';
var INK = '#1c2230';
var ACTIVE = '#4f3bc2';
var STATUS_CODE = { AVAILABLE: 1, HELD: 2, SOLD: 3, BLOCKED: 4 };
var STATUS_NAME = [null, 'AVAILABLE', 'HELD', 'SOLD', 'BLOCKED'];
var STATUS_WORD = [null, 'available', 'on hold', 'sold', 'not for sale'];
// A seat's drawing style: 0..NTIERS-1 available in that tier; then held, sold, not for sale.
var S_HELD = NTIERS, S_SOLD = NTIERS + 1, S_BLOCKED = NTIERS + 2, NSTYLES = NTIERS + 3;
var BIG = 6;                // px per seat from which unavailable seats are drawn hollow with a mark
var MAX_SCALE = 40;         // px per seat at the closest zoom
var STEP = 1.6;             // one press of + or −

// Layout, in seat units.
var MARGIN = 3, GAP = 4, LABEL = 9, STAGE_H = 6, STAGE_GAP = 4;

/** Lays the venue out: sections (the map's, with the event's names and counts) → blocks and seats. */
function layout(mapSections, eventSection) {
  var blocks = [];
  var total = 0;
  mapSections.forEach(function (ms) {
    var es = eventSection(ms.section_id) || ms;
    if (ms.kind === 'general_admission' || es.kind === 'general_admission') {
      var cap = es.capacity || ms.capacity || ms.available_count || 0;
      var gw = Math.max(24, Math.round(Math.sqrt(cap) * 2));
      blocks.push({ id: ms.section_id, ga: true, w: gw, h: Math.max(6, Math.min(24, Math.round(cap / gw))), price: es.price_cents });
      return;
    }
    var rows = new Map();
    (ms.seats || []).forEach(function (seat) {
      var list = rows.get(seat.row);
      if (!list) { list = []; rows.set(seat.row, list); }
      list.push(seat);
    });
    if (!rows.size) return;
    var list = [], cols = 0;
    rows.forEach(function (seats, label) {
      seats.sort(function (a, b) { return a.number - b.number; });
      cols = Math.max(cols, seats.length);
      list.push({ label: label, seats: seats });
    });
    total += ms.seats.length;
    blocks.push({ id: ms.section_id, ga: false, w: cols, h: list.length, rowList: list, price: es.price_cents });
  });

  // Shelves no wider than the widest block, each centred.
  var W = 60;
  blocks.forEach(function (b) { W = Math.max(W, b.w); });
  var shelves = [], shelf = null;
  blocks.forEach(function (b) {
    if (!shelf || shelf.w + GAP + b.w > W) { shelf = { blocks: [], w: -GAP, h: 0 }; shelves.push(shelf); }
    shelf.blocks.push(b);
    shelf.w += GAP + b.w;
    shelf.h = Math.max(shelf.h, b.h);
  });
  var stageW = Math.min(80, Math.max(24, Math.round(W * 0.45)));
  var stage = { x: MARGIN + (W - stageW) / 2, y: MARGIN, w: stageW, h: STAGE_H };
  var y = MARGIN + STAGE_H + STAGE_GAP;
  shelves.forEach(function (s) {
    var x = MARGIN + (W - s.w) / 2;
    s.blocks.forEach(function (b) { b.x = x; b.y = y + LABEL; x += b.w + GAP; });
    y += LABEL + s.h + GAP;
  });

  // The seats, in typed arrays (positions are the seat's top-left corner, in units).
  var seats = {
    n: total, ids: new Array(total), x: new Float32Array(total), y: new Float32Array(total),
    price: new Int32Array(total), status: new Uint8Array(total), block: new Uint16Array(total),
    row: new Array(total), number: new Int32Array(total), index: new Map()
  };
  var i = 0;
  blocks.forEach(function (b, bi) {
    if (b.ga) return;
    b.rows = b.rowList.map(function (r, ri) {
      var off = (b.w - r.seats.length) / 2;
      var start = i;
      r.seats.forEach(function (seat, k) {
        seats.ids[i] = seat.seat_id;
        seats.x[i] = b.x + off + k;
        seats.y[i] = b.y + ri;
        seats.price[i] = typeof seat.price_cents === 'number' ? seat.price_cents : (b.price || 0);
        seats.status[i] = STATUS_CODE[seat.status] || STATUS_CODE.SOLD;
        seats.block[i] = bi;
        seats.row[i] = seat.row;
        seats.number[i] = seat.number;
        seats.index.set(seat.seat_id, i);
        i++;
      });
      return { off: off, start: start, len: r.seats.length };
    });
    b.seatCount = i - b.rows[0].start;
    delete b.rowList;
  });
  return { width: W + 2 * MARGIN, height: y - GAP + MARGIN, blocks: blocks, seats: seats, stage: stage };
}

/** Price tiers: every price a seat or a GA section has, dearest first, folded into NTIERS colours. */
function priceTiers(L) {
  var prices = new Set();
  for (var i = 0; i < L.seats.n; i++) prices.add(L.seats.price[i]);
  L.blocks.forEach(function (b) { if (b.ga && typeof b.price === 'number') prices.add(b.price); });
  var sorted = Array.from(prices).sort(function (a, b) { return b - a; });
  var tierOf = new Map();
  sorted.forEach(function (p, rank) {
    tierOf.set(p, sorted.length <= NTIERS ? rank : Math.floor(rank * NTIERS / sorted.length));
  });
  var tiers = [];
  sorted.forEach(function (p) {
    var t = tierOf.get(p);
    if (!tiers[t]) tiers[t] = { tier: t, high: p, low: p };
    tiers[t].low = p;
  });
  return { of: function (p) { var t = tierOf.get(p); return t === undefined ? NTIERS - 1 : t; }, list: tiers.filter(Boolean) };
}

/**
 * Draws one seat mark at (px, py), `size` px square, in `style`. For unavailable seats on a small
 * scale a half-size grey square; from BIG px a hollow square with its mark, added to the current path
 * (the caller strokes it). Also draws the legend's swatches.
 */
function seatMark(ctx, style, px, py, size, big) {
  if (style < NTIERS) { ctx.fillRect(px, py, size, size); return; }
  if (!big) { ctx.fillRect(px + size * 0.25, py + size * 0.25, size * 0.5, size * 0.5); return; }
  var lw = ctx.lineWidth / 2;
  var x0 = px + lw, y0 = py + lw, x1 = px + size - lw, y1 = py + size - lw;
  ctx.rect(x0, y0, x1 - x0, y1 - y0);
  if (style === S_HELD) {          // striped
    ctx.moveTo(x0, y1 - (y1 - y0) * 0.5); ctx.lineTo(x0 + (x1 - x0) * 0.5, y1);
    ctx.moveTo(x0, y0 + (y1 - y0) * 0.5); ctx.lineTo(x0 + (x1 - x0) * 0.5, y0);
    ctx.moveTo(x0, y1); ctx.lineTo(x1, y0);
    ctx.moveTo(x0 + (x1 - x0) * 0.5, y1); ctx.lineTo(x1, y0 + (y1 - y0) * 0.5);
  } else if (style === S_SOLD) {   // crossed
    ctx.moveTo(x0, y0); ctx.lineTo(x1, y1);
    ctx.moveTo(x0, y1); ctx.lineTo(x1, y0);
  } else {                         // barred
    var my = (y0 + y1) / 2;
    ctx.moveTo(x0 + (x1 - x0) * 0.2, my); ctx.lineTo(x1 - (x1 - x0) * 0.2, my);
  }
}

function styleFor(status, tier) {
  if (status === 1) return tier;
  return status === 2 ? S_HELD : (status === 4 ? S_BLOCKED : S_SOLD);
}

/** The overview of one event page; `page` is what the event page shares (see event.js). */
function createVenueMap(page) {
  var eventId = page.eventId;
  var L = null;               // the layout of the loaded map
  var tiers = null;
  var style = null;           // Uint8Array: each seat's drawing style
  var order = null;           // Int32Array: the seats sorted by style (one fillStyle per style)
  var orderDirty = true;
  var drawn = null;           // Uint8Array: the status code each seat was last drawn with (0: not drawn)
  var version = 0, etag = null, inFlight = null, again = false;
  var box, view, canvas, ctx, hits, info, summary, legendBox, problem;
  var cw = 0, ch = 0, dpr = 1;
  var scale = 1, tx = 0, ty = 0, fitScale = 1;
  var frame = 0;
  var wordsDirty = false;     // the summary and the buttons' names are redone with the next frame
  var resizer = null;
  var times = {};
  var hitEls = [];

  function section(id) { return page.section(id); }
  function seated() { return ((page.ev && page.ev.sections) || []).some(function (s) { return s.kind !== 'general_admission'; }); }

  /** The overview's card, or null for an event without seated sections. */
  function build() {
    if (!seated()) return null;
    canvas = h('canvas', { role: 'img', 'aria-label': 'Venue map, loading' });
    hits = h('div', { class: 'venue-hits' });
    view = h('div', { class: 'venue-view' }, canvas, hits);
    info = h('div', { class: 'venue-info muted small' }, ' ');
    summary = h('span', { class: 'muted small' }, 'Loading the venue…');
    legendBox = h('div');
    problem = h('div');
    box = h('section', { class: 'card venue', 'aria-labelledby': 'venue-title' },
      h('div', { class: 'venue-head' },
        h('div', null, h('h3', { id: 'venue-title' }, 'Whole venue'), summary),
        h('div', { class: 'venue-zoom', role: 'group', 'aria-label': 'Zoom the venue map' },
          h('button', { class: 'btn secondary small', type: 'button', 'aria-label': 'Zoom out', onclick: function () { zoomBy(1 / STEP); } }, '−'),
          h('button', { class: 'btn secondary small', type: 'button', 'aria-label': 'Zoom in', onclick: function () { zoomBy(STEP); } }, '+'),
          h('button', { class: 'btn secondary small', type: 'button', onclick: function () { fit(); schedule(); } }, 'Fit'))),
      problem, view, info, legendBox,
      h('p', { id: 'venue-help', class: 'muted small venue-help' },
        'Choose a section to see its seats. Drag to move the map; wheel, pinch or the buttons zoom. ' +
        'Keys: Tab to a section, Enter opens it; arrows move the map, + and − zoom, 0 fits.'));
    view.venueProbe = probe;
    listen();
    if (typeof ResizeObserver === 'function') {
      resizer = new ResizeObserver(function () { resize(); });
      resizer.observe(view);
    }
    return box;
  }

  // ----- loading -----

  /** Reads the whole map (revalidated with its ETag unless `initial`). */
  function load(initial) {
    if (!box) return Promise.resolve();
    if (inFlight) { again = true; return inFlight; }
    var headers = {};
    if (etag && !initial) headers['If-None-Match'] = etag;
    var started = performance.now();
    inFlight = request('GET', '/events/' + encodeURIComponent(eventId) + '/seats', { headers: headers }).then(function (r) {
      if (!page.alive()) return;
      problem.textContent = '';
      if (r.status === 304) return;
      etag = r.headers.get('ETag');
      take(r.data, started, performance.now());
    }).catch(function (err) {
      if (!page.alive() || L) return;
      problem.textContent = '';
      problem.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, 'The venue map could not be loaded: ' + err.message),
        h('button', { class: 'btn small secondary', type: 'button', onclick: function () { load(true); } }, 'Try again')));
      summary.textContent = '';
    }).then(function () {
      inFlight = null;
      if (again && page.alive()) { again = false; load(false); }
    });
    return inFlight;
  }

  /** Takes a read of the map: statuses in place when the seats are the same, else a new layout. */
  function take(data, started, arrived) {
    var secs = data.sections || [];
    version = data.version || 0;
    secs.forEach(function (ms) {
      var s = section(ms.section_id);
      if (s && typeof ms.available_count === 'number') s.available_count = ms.available_count;
    });
    if (L && sameSeats(secs)) {
      secs.forEach(function (ms) {
        (ms.seats || []).forEach(function (seat) { setStatus(seat.seat_id, seat.status); });
      });
      wordsDirty = true;
      schedule();
      return;
    }
    L = layout(secs, section);
    cw = ch = 0;   // a new layout: size and fit the view again
    tiers = priceTiers(L);
    var laidOut = performance.now();
    var n = L.seats.n;
    style = new Uint8Array(n);
    order = new Int32Array(n);
    drawn = new Uint8Array(n);
    for (var i = 0; i < n; i++) style[i] = styleFor(L.seats.status[i], tiers.of(L.seats.price[i]));
    orderDirty = true;
    view.setAttribute('data-seats', String(n));
    buildHits();
    renderLegend();
    resize(true);
    fit();
    draw();   // at once, not in a frame: the time from the data to the drawing is measured
    times = { started: started, arrived: arrived, laidOut: laidOut, drawn: performance.now() };
    view.setAttribute('data-render-ms', (times.drawn - arrived).toFixed(1));
    requestAnimationFrame(function () { setTimeout(function () { times.painted = performance.now(); }, 0); });
    describe();
  }

  function sameSeats(secs) {
    var n = 0, same = true;
    secs.forEach(function (ms) {
      (ms.seats || []).forEach(function (seat) { n++; if (same && !L.seats.index.has(seat.seat_id)) same = false; });
    });
    return same && n === L.seats.n;
  }

  function setStatus(id, status) {
    var i = L.seats.index.get(id);
    if (i === undefined) return false;
    var code = STATUS_CODE[status] || STATUS_CODE.SOLD;
    if (L.seats.status[i] === code) return false;
    L.seats.status[i] = code;
    style[i] = styleFor(code, tiers.of(L.seats.price[i]));
    orderDirty = true;
    return true;
  }

  /** Seats the live socket reports changed ([{seat_id, status}], the whole event's): redrawn next frame. */
  function applyLive(seats) {
    // A read under way may be older than these changes: read again (with the ETag) once it is in.
    if (inFlight) again = true;
    if (!L) return;
    var changed = false;
    seats.forEach(function (s) { if (setStatus(s.seat_id, s.status)) changed = true; });
    if (changed) { wordsDirty = true; schedule(); }
  }

  /** The sections' counts changed (event.js has put them into the page's sections). */
  function countsChanged() {
    if (!L) return;
    wordsDirty = true;
    schedule();
  }

  function setActive() { if (L) { hitEls.forEach(markActive); schedule(); } }

  // ----- the view -----

  function resize(quiet) {
    if (!view || !L) return;
    var width = Math.max(1, view.clientWidth);
    var height = Math.round(width * L.height / L.width);
    height = Math.max(200, Math.min(height, Math.max(240, Math.min(Math.round(window.innerHeight * 0.7), 680))));
    if (width === cw && height === ch && dpr === (window.devicePixelRatio || 1)) return;
    var wasFit = Math.abs(scale - fitScale) < 1e-6;
    var cx = (cw / 2 - tx) / scale, cy = (ch / 2 - ty) / scale;   // the world point in the middle
    cw = width; ch = height; dpr = window.devicePixelRatio || 1;
    view.style.height = ch + 'px';
    canvas.width = Math.round(cw * dpr);
    canvas.height = Math.round(ch * dpr);
    ctx = canvas.getContext('2d');
    fitScale = Math.min(cw / L.width, ch / L.height);
    if (wasFit || quiet === true) fit();
    else { scale = Math.max(fitScale, scale); tx = cw / 2 - cx * scale; ty = ch / 2 - cy * scale; clamp(); }
    if (quiet !== true) draw();
  }

  function fit() {
    scale = fitScale;
    tx = (cw - L.width * scale) / 2;
    ty = (ch - L.height * scale) / 2;
  }

  /** Keeps the venue in view: centred along an axis where it fits, else no empty margin past its edge. */
  function clamp() {
    var ww = L.width * scale, wh = L.height * scale;
    tx = ww <= cw ? (cw - ww) / 2 : Math.min(0, Math.max(cw - ww, tx));
    ty = wh <= ch ? (ch - wh) / 2 : Math.min(0, Math.max(ch - wh, ty));
  }

  /** Zooms by `factor` about the point (px, py) of the view (its middle by default). */
  function zoomAt(factor, px, py) {
    if (!L) return false;
    var next = Math.max(fitScale, Math.min(Math.max(MAX_SCALE, fitScale), scale * factor));
    if (Math.abs(next - scale) < 1e-9) return false;
    if (px === undefined) { px = cw / 2; py = ch / 2; }
    var wx = (px - tx) / scale, wy = (py - ty) / scale;
    scale = next;
    tx = px - wx * scale;
    ty = py - wy * scale;
    clamp();
    schedule();
    return true;
  }
  function zoomBy(factor) { zoomAt(factor); }
  function panBy(dx, dy) { if (!L) return; tx += dx; ty += dy; clamp(); schedule(); }

  function schedule() {
    if (frame || !L) return;
    frame = requestAnimationFrame(function () { frame = 0; draw(); });
  }

  // ----- drawing -----

  function sortByStyle() {
    var n = L.seats.n, counts = new Int32Array(NSTYLES + 1), i;
    for (i = 0; i < n; i++) counts[style[i] + 1]++;
    for (i = 1; i <= NSTYLES; i++) counts[i] += counts[i - 1];
    for (i = 0; i < n; i++) order[counts[style[i]]++] = i;
    orderDirty = false;
  }

  function draw() {
    if (!L || !ctx) return;
    if (frame) { cancelAnimationFrame(frame); frame = 0; }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, cw, ch);
    drawStage();
    L.blocks.forEach(drawBlock);
    var n = drawSeats();
    positionHits();
    if (wordsDirty) describe();
    view.setAttribute('data-seats-drawn', String(n));
    view.setAttribute('data-view', scale.toFixed(4) + ' ' + tx.toFixed(1) + ' ' + ty.toFixed(1));
    view.classList.toggle('zoomed', scale > fitScale * 1.0001);
  }

  function drawStage() {
    var st = L.stage;
    var x = tx + st.x * scale, y = ty + st.y * scale, w = st.w * scale, hh = st.h * scale;
    ctx.fillStyle = '#5d6878';
    roundRect(x, y, w, hh, Math.min(hh / 2, 12));
    ctx.fill();
    var font = Math.min(13, hh * 0.6);
    if (font >= 8) {
      ctx.fillStyle = '#fff';
      ctx.font = '700 ' + font + 'px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('STAGE', x + w / 2, y + hh / 2);
    }
  }

  function roundRect(x, y, w, hh, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + hh, r);
    ctx.arcTo(x + w, y + hh, x, y + hh, r);
    ctx.arcTo(x, y + hh, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  function left(b) {
    var s = section(b.id);
    return s ? s.available_count || 0 : 0;
  }

  function drawBlock(b) {
    var s = section(b.id) || {};
    var x = tx + (b.x - 0.5) * scale, y = ty + (b.y - 0.5) * scale, w = (b.w + 1) * scale, hh = (b.h + 1) * scale;
    if (x > cw || y > ch || x + w < 0 || y + hh < -LABEL * scale) return;
    var active = page.choice.sectionId === b.id;
    var colour = TIER_COLOURS[tiers.of(b.price)];
    var n = left(b);
    if (b.ga) {
      roundRect(x, y, w, hh, Math.min(8, hh / 4));
      ctx.globalAlpha = n ? 0.14 : 0.08;
      ctx.fillStyle = n ? colour : GREY;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2;
      ctx.strokeStyle = n ? colour : GREY;
      if (!n) ctx.setLineDash([4, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
      var big = Math.min(16, hh * 0.3, w / 7);
      if (big >= 9) {
        ctx.fillStyle = INK;
        ctx.font = '700 ' + big + 'px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        fitText(n ? count(n) + ' left' : 'Sold out', x + w / 2, y + hh / 2 - (big >= 11 ? big * 0.55 : 0), w - 8);
        if (big >= 11) {
          ctx.font = '400 ' + (big * 0.75) + 'px system-ui, sans-serif';
          fitText('General admission', x + w / 2, y + hh / 2 + big * 0.6, w - 8);
        }
      }
    } else {
      ctx.fillStyle = BLOCK_BG;
      ctx.fillRect(x, y, w, hh);
    }
    if (active) {
      ctx.lineWidth = 3;
      ctx.strokeStyle = ACTIVE;
      ctx.strokeRect(x - 2, y - 2, w + 4, hh + 4);
    }
    // The label in the strip above the block: as much of "Name · $price · N left" as fits.
    var font = Math.min(14, LABEL * scale * 0.7);
    if (font < 9) return;
    ctx.font = (active ? '700 ' : '600 ') + font + 'px system-ui, sans-serif';
    ctx.fillStyle = active ? ACTIVE : INK;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    var name = s.name || '';
    var options = [name + ' · ' + money(b.price) + ' · ' + (n ? count(n) + ' left' : 'sold out'), name + ' · ' + money(b.price), name];
    // Kept on screen while the block runs past the view's left edge.
    var lx = Math.max(x, Math.min(4, x + w)), room = Math.min(x + w, cw) - lx;
    for (var k = 0; k < options.length; k++) {
      if (ctx.measureText(options[k]).width <= room) { ctx.fillText(options[k], lx, y - font * 0.45); return; }
    }
  }

  function fitText(text, x, y, room) { if (ctx.measureText(text).width <= room) ctx.fillText(text, x, y); }

  /** Draws the seats in view, one fillStyle per style; returns how many it drew. */
  function drawSeats() {
    if (orderDirty) sortByStyle();
    var S = L.seats, n = S.n, s = scale;
    var big = s >= BIG;
    var size = s * 0.8, off = s * 0.1;
    var x0 = -tx / s - 1, x1 = (cw - tx) / s, y0 = -ty / s - 1, y1 = (ch - ty) / s;
    var X = S.x, Y = S.y, status = S.status;
    var cur = -1, stroking = false, total = 0;
    drawn.fill(0);
    ctx.lineWidth = Math.max(1, s * 0.07);
    for (var k = 0; k < n; k++) {
      var i = order[k];
      var x = X[i], y = Y[i];
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      var st = style[i];
      if (st !== cur) {
        if (stroking) { ctx.stroke(); stroking = false; }
        cur = st;
        if (st < NTIERS) ctx.fillStyle = TIER_COLOURS[st];
        else if (!big) ctx.fillStyle = GREY;
        else { ctx.strokeStyle = GREY; ctx.beginPath(); stroking = true; }
      }
      seatMark(ctx, st, tx + x * s + off, ty + y * s + off, size, big);
      drawn[i] = status[i];
      total++;
    }
    if (stroking) ctx.stroke();
    return total;
  }

  // ----- the section buttons over the blocks -----

  function buildHits() {
    hits.textContent = '';
    hitEls = L.blocks.map(function (b) {
      var btn = h('button', { type: 'button', class: 'venue-hit', 'data-section': b.id, 'aria-describedby': 'venue-help' });
      btn.addEventListener('click', function (e) { choose(b.id, e.detail > 0); });
      btn.addEventListener('focus', function () {
        // Brought into view when reached by the keyboard (a click's focus must not move the map).
        if (btn.matches(':focus-visible')) showBlock(b);
        info.textContent = blockText(b);
      });
      btn.block = b;
      hits.appendChild(btn);
      return btn;
    });
    hitEls.forEach(markActive);
  }

  function markActive(btn) {
    var b = btn.block, s = section(b.id) || {};
    var n = left(b);
    btn.setAttribute('aria-label', (s.name || 'Section') + ', ' + money(b.price) + ', ' +
      (b.ga ? 'general admission, ' + (n ? count(n) + ' tickets left' : 'sold out')
        : (n ? count(n) + ' of ' + count(b.seatCount) + ' seats left' : 'sold out')));
    btn.setAttribute('aria-pressed', page.choice.sectionId === b.id ? 'true' : 'false');
  }

  function positionHits() {
    hitEls.forEach(function (btn) {
      var b = btn.block;
      var x = tx + (b.x - 0.5) * scale, y = ty + (b.y - LABEL) * scale;
      btn.style.left = x.toFixed(1) + 'px';
      btn.style.top = y.toFixed(1) + 'px';
      btn.style.width = ((b.w + 1) * scale).toFixed(1) + 'px';
      btn.style.height = ((b.h + LABEL + 0.5) * scale).toFixed(1) + 'px';
    });
  }

  /** Pans (keeping the zoom) so that a focused block is in view. */
  function showBlock(b) {
    var x = tx + b.x * scale, y = ty + (b.y - LABEL) * scale, w = b.w * scale, hh = (b.h + LABEL) * scale;
    if (x >= 0 && y >= 0 && x + w <= cw && y + hh <= ch) return;
    tx = cw / 2 - (b.x + b.w / 2) * scale;
    ty = ch / 2 - (b.y - LABEL / 2 + b.h / 2) * scale;
    clamp();
    schedule();
  }

  /** Opens the section's detailed map (by pointer: and scrolls to it when it is below the screen). */
  function choose(id, byPointer) {
    page.selectSection(id);
    hitEls.forEach(markActive);
    if (!byPointer || !page.panel) return;
    var top = page.panel.getBoundingClientRect().top;
    if (top > window.innerHeight * 0.6) window.scrollTo(0, window.scrollY + top - 80);
  }

  function blockText(b) {
    var s = section(b.id) || {};
    var n = left(b);
    return (s.name || '') + ' · ' + money(b.price) + ' · ' + (b.ga ? 'general admission · ' + (n ? count(n) + ' left' : 'sold out')
      : (n ? count(n) + ' of ' + count(b.seatCount) + ' seats left' : 'sold out'));
  }

  // ----- pointer, wheel and keys -----

  function listen() {
    var pointers = new Map();
    var drag = null, pinch = null, suppress = false;
    function at(e) { var r = view.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; }
    view.addEventListener('pointerdown', function (e) {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      pointers.set(e.pointerId, at(e));
      if (pointers.size === 1) drag = { id: e.pointerId, start: at(e), tx: tx, ty: ty, moved: false };
      else if (pointers.size === 2) startPinch();
    });
    view.addEventListener('pointermove', function (e) {
      var p = at(e);
      if (!pointers.has(e.pointerId)) { hover(p); return; }
      pointers.set(e.pointerId, p);
      if (pinch && pointers.size >= 2) { movePinch(); return; }
      if (!drag || drag.id !== e.pointerId) return;
      var dx = p.x - drag.start.x, dy = p.y - drag.start.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!drag.moved) { drag.moved = true; view.classList.add('dragging'); try { view.setPointerCapture(e.pointerId); } catch (err) { /* gone */ } }
      tx = drag.tx + dx; ty = drag.ty + dy;
      clamp();
      schedule();
    });
    function end(e) {
      if (!pointers.has(e.pointerId)) return;
      pointers.delete(e.pointerId);
      if (drag && drag.moved) { suppress = true; setTimeout(function () { suppress = false; }, 0); }
      if (pointers.size < 2) pinch = null;
      if (!pointers.size) { drag = null; view.classList.remove('dragging'); }
      else if (pointers.size === 1) {   // one finger left after a pinch: it drags on from here
        var id = pointers.keys().next().value;
        drag = { id: id, start: pointers.get(id), tx: tx, ty: ty, moved: true };
      }
    }
    view.addEventListener('pointerup', end);
    view.addEventListener('pointercancel', end);
    view.addEventListener('pointerleave', function (e) { if (!pointers.has(e.pointerId)) info.textContent = ' '; });
    // A drag that ends on a section is not a choice of it.
    view.addEventListener('click', function (e) { if (suppress) { e.stopPropagation(); e.preventDefault(); suppress = false; } }, true);

    function two() { var v = Array.from(pointers.values()); return [v[0], v[1]]; }
    function startPinch() {
      var p = two();
      pinch = { dist: Math.max(1, Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y)), mid: { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 }, scale: scale, tx: tx, ty: ty };
      if (drag) drag.moved = true;
    }
    function movePinch() {
      var p = two();
      var dist = Math.max(1, Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y));
      var mid = { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
      var next = Math.max(fitScale, Math.min(Math.max(MAX_SCALE, fitScale), pinch.scale * dist / pinch.dist));
      var wx = (pinch.mid.x - pinch.tx) / pinch.scale, wy = (pinch.mid.y - pinch.ty) / pinch.scale;
      scale = next;
      tx = mid.x - wx * scale;
      ty = mid.y - wy * scale;
      clamp();
      schedule();
    }

    view.addEventListener('wheel', function (e) {
      if (!L) return;
      var dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      var p = at(e);
      // At the limit of the zoom the wheel scrolls the page, as it would anywhere else.
      if (zoomAt(Math.exp(-dy * 0.0015), p.x, p.y)) e.preventDefault();
    }, { passive: false });

    view.addEventListener('keydown', function (e) {
      if (e.altKey || e.metaKey || e.ctrlKey) return;
      var step = 40;
      switch (e.key) {
        case 'ArrowLeft': panBy(step, 0); break;
        case 'ArrowRight': panBy(-step, 0); break;
        case 'ArrowUp': panBy(0, step); break;
        case 'ArrowDown': panBy(0, -step); break;
        case '+': case '=': zoomBy(STEP); break;
        case '-': case '_': zoomBy(1 / STEP); break;
        case '0': fit(); schedule(); break;
        default: return;
      }
      e.preventDefault();
    });
  }

  function hover(p) {
    if (!L) return;
    var wx = (p.x - tx) / scale, wy = (p.y - ty) / scale;
    for (var k = 0; k < L.blocks.length; k++) {
      var b = L.blocks[k];
      if (wx < b.x - 0.5 || wx > b.x + b.w + 0.5 || wy < b.y - LABEL || wy > b.y + b.h + 0.5) continue;
      var i = b.ga ? -1 : seatAt(b, wx, wy);
      if (i < 0) { info.textContent = blockText(b); return; }
      var s = section(b.id) || {};
      info.textContent = (s.name || '') + ' · Row ' + L.seats.row[i] + ', Seat ' + L.seats.number[i] + ' · ' +
        money(L.seats.price[i]) + ' · ' + STATUS_WORD[L.seats.status[i]];
      return;
    }
    info.textContent = ' ';
  }

  function seatAt(b, wx, wy) {
    var r = Math.floor(wy - b.y);
    if (r < 0 || r >= b.rows.length) return -1;
    var row = b.rows[r];
    var c = Math.floor(wx - b.x - row.off);
    return c >= 0 && c < row.len ? row.start + c : -1;
  }

  // ----- words -----

  /** The canvas's name (its text alternative) and the summary line. */
  function describe() {
    if (!L) return;
    wordsDirty = false;
    var seatedBlocks = L.blocks.filter(function (b) { return !b.ga; });
    var ga = L.blocks.filter(function (b) { return b.ga; });
    var open = 0;
    for (var i = 0; i < L.seats.n; i++) if (L.seats.status[i] === 1) open++;
    var head = count(L.seats.n) + ' seats in ' + seatedBlocks.length + (seatedBlocks.length === 1 ? ' seated section' : ' seated sections') +
      ' · ' + count(open) + ' available' + (ga.length ? ' · ' + ga.length + ' standing ' + (ga.length === 1 ? 'area' : 'areas') : '');
    summary.textContent = head;
    canvas.setAttribute('aria-label', 'Venue map, stage at the top: ' + head + '. ' +
      L.blocks.map(function (b) { return blockText(b); }).join('; ') + '.');
    hitEls.forEach(markActive);
  }

  function renderLegend() {
    legendBox.textContent = '';
    var names = new Map();
    L.blocks.forEach(function (b) {
      var s = section(b.id);
      var t = tiers.of(b.price);
      if (!names.has(t)) names.set(t, []);
      if (s) names.get(t).push(s.name);
    });
    var priceList = h('ul', { class: 'venue-legend', 'aria-label': 'Price colours' });
    tiers.list.forEach(function (t) {
      var price = t.high === t.low ? money(t.high) : money(t.low) + '–' + money(t.high);
      var who = names.get(t.tier) || [];
      priceList.appendChild(h('li', null, swatch(t.tier), price + (who.length ? ' · ' + who.join(', ') : '')));
    });
    var statusList = h('ul', { class: 'venue-legend', 'aria-label': 'Seat marks' },
      h('li', null, swatch(0), 'Available (filled, in its price colour)'),
      h('li', null, swatch(S_SOLD, true), 'Not available, zoomed out (small, grey)'),
      h('li', null, swatch(S_HELD), 'On hold (hollow, striped)'),
      h('li', null, swatch(S_SOLD), 'Sold (hollow, crossed)'),
      h('li', null, swatch(S_BLOCKED), 'Not for sale (hollow, barred)'));
    legendBox.appendChild(priceList);
    legendBox.appendChild(statusList);
  }

  /** A legend swatch, drawn by the code that draws the seats. */
  function swatch(st, small) {
    var px = 14, r = window.devicePixelRatio || 1;
    var c = h('canvas', { width: String(px * r), height: String(px * r), 'aria-hidden': 'true' });
    var g = c.getContext('2d');
    g.setTransform(r, 0, 0, r, 0, 0);
    g.lineWidth = 1.2;
    if (st < NTIERS) g.fillStyle = TIER_COLOURS[st];
    else if (small) g.fillStyle = GREY;
    else { g.strokeStyle = GREY; g.beginPath(); }
    seatMark(g, st, 0.5, 0.5, px - 1, !small);
    if (st >= NTIERS && !small) g.stroke();
    return c;
  }

  // ----- the test hook -----

  function viewPoint(wx, wy) {
    var r = view.getBoundingClientRect();
    return { x: r.left + tx + wx * scale, y: r.top + ty + wy * scale };
  }
  var probe = {
    drawnStatus: function (id) {
      var i = L ? L.seats.index.get(id) : undefined;
      return i === undefined ? null : STATUS_NAME[drawn[i]];
    },
    seatPoint: function (id) {
      var i = L ? L.seats.index.get(id) : undefined;
      return i === undefined ? null : viewPoint(L.seats.x[i] + 0.5, L.seats.y[i] + 0.5);
    },
    sectionPoint: function (id) {
      var b = L && L.blocks.filter(function (x) { return x.id === id; })[0];
      return b ? viewPoint(b.x + b.w / 2, b.y + b.h / 2) : null;
    },
    pixel: function (id) {
      var i = L ? L.seats.index.get(id) : undefined;
      if (i === undefined) return null;
      var d = ctx.getImageData(Math.floor((tx + (L.seats.x[i] + 0.5) * scale) * dpr), Math.floor((ty + (L.seats.y[i] + 0.5) * scale) * dpr), 1, 1).data;
      return [d[0], d[1], d[2]];
    },
    timings: function () { return times; }
  };

  function close() { if (resizer) resizer.disconnect(); if (frame) cancelAnimationFrame(frame); frame = 0; }

  return {
    build: build, load: load, applyLive: applyLive, countsChanged: countsChanged, setActive: setActive,
    version: function () { return L ? version : 0; }, close: close
  };
}

export { createVenueMap };
