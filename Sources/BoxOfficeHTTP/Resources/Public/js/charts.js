/**
 * Small SVG charts drawn by our own code (no library): a cumulative line over time, for the
 * organizer's desk (tickets sold, tickets checked in). Every chart carries a text alternative:
 * the SVG's <title>/<desc> (role="img") and a table of the numbers under "Show the numbers".
 * Text goes in with textContent only, never as markup.
 */
import { h, count, plural } from './ui.js';

var SVG = 'http://www.w3.org/2000/svg';
var chartSeq = 0;

function s(tag, attrs, text) {
  var el = document.createElementNS(SVG, tag);
  Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A round number at or above n for the top of the y axis (1, 2, 5, 10, 20, 50, ...). */
function niceMax(n) {
  if (n <= 1) return 1;
  var step = Math.pow(10, Math.floor(Math.log10(n)));
  var choices = [1, 2, 5, 10];
  for (var i = 0; i < choices.length; i++) if (choices[i] * step >= n) return choices[i] * step;
  return 10 * step;
}

function intervalText(seconds) {
  if (seconds % 86400 === 0) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function timeLabel(ms, spanMs) {
  var d = new Date(ms);
  if (spanMs >= 2 * 86400000) return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  if (spanMs >= 86400000) return d.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
function longTime(ms) {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * A chart that can be redrawn with new numbers while its "Show the numbers" box stays as the
 * reader left it (open or closed).
 * opts: { name: 'sold' (data-chart), title, yTitle: 'Tickets sold', noun: ['ticket sold', 'tickets sold'],
 *         empty: 'No tickets sold yet.', color }
 * update(timeline, key, asOf): timeline = {bucket_seconds, points: [{at, <key>: n}]}, key: 'sold' | 'checked_in',
 * asOf: the time of the numbers (the line runs on, flat, to it).
 */
function TimeChart(opts) {
  var id = 'chart-' + (++chartSeq);
  this.opts = opts;
  this.id = id;
  this.plot = h('div', { class: 'chart-plot' });
  this.tbody = h('tbody');
  this.table = null;
  this.caption = h('caption', { class: 'sr-only' }, opts.title);
  this.none = h('p', { class: 'muted small' });
  this.details = h('details', { class: 'chart-numbers' },
    h('summary', null, 'Show the numbers'),
    this.table = h('table', { class: 'lines' }, this.caption,
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Interval starting'),
        h('th', { scope: 'col', class: 'num' }, 'In the interval'),
        h('th', { scope: 'col', class: 'num' }, 'Total so far'))),
      this.tbody),
    this.none);
  this.el = h('figure', { class: 'chart', 'data-chart': opts.name }, this.plot, this.details);
  this.last = null;
}

TimeChart.prototype.update = function (timeline, key, asOf) {
  this.last = { timeline: timeline, key: key, asOf: asOf };
  this.draw();
};

/** Draws again at the box's current width (after a resize). */
TimeChart.prototype.redraw = function () { if (this.last) this.draw(); };

TimeChart.prototype.draw = function () {
  var o = this.opts, timeline = this.last.timeline, key = this.last.key;
  var bucket = (timeline && timeline.bucket_seconds) || 60;
  var raw = (timeline && timeline.points) || [];
  var total = 0;
  var series = raw.map(function (p) {
    var n = Number(p[key]) || 0;
    total += n;
    return { at: Date.parse(p.at), n: n, total: total };
  }).filter(function (p) { return !isNaN(p.at); });

  var width = Math.max(260, Math.floor(this.plot.clientWidth || 600));
  var height = 220;
  var m = { top: 16, right: 16, bottom: 44, left: 48 };
  var iw = width - m.left - m.right, ih = height - m.top - m.bottom;
  var titleId = this.id + '-t', descId = this.id + '-d';
  var svg = s('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    'aria-labelledby': titleId + ' ' + descId, class: 'chart-svg', focusable: 'false' });
  svg.appendChild(s('title', { id: titleId }, o.title));

  // The span drawn: from the first interval to now (nothing happened after the last one), and at
  // least ten intervals long (nothing happened before the first one either).
  var first = series.length ? series[0].at : 0;
  var last = series.length ? series[series.length - 1].at + bucket * 1000 : 0;
  var asOf = Date.parse(this.last.asOf);
  var end = !isNaN(asOf) && asOf > last ? asOf : last;
  if (series.length && end - first < 10 * bucket * 1000) first = end - 10 * bucket * 1000;
  var span = end - first;
  var active = series.filter(function (p) { return p.n > 0; });
  var desc = series.length
    ? plural(total, o.noun[0], o.noun[1]) + ' in total between ' + longTime(series[0].at) + ' and ' + longTime(last) +
      ', counted per ' + intervalText(bucket) + '; ' + plural(active.length, 'interval') + ' with any.'
    : o.empty;
  svg.appendChild(s('desc', { id: descId }, desc));

  var yMax = niceMax(total);
  function x(ms) { return m.left + (span > 0 ? (ms - first) / span * iw : 0); }
  function y(v) { return m.top + ih - v / yMax * ih; }

  // Grid and the y axis: 0, half and the top, with the axis title.
  var ticks = yMax >= 2 ? [0, yMax / 2, yMax] : [0, yMax];
  ticks.forEach(function (v) {
    if (Math.round(v) !== v) return;
    svg.appendChild(s('line', { x1: m.left, x2: m.left + iw, y1: y(v), y2: y(v), class: 'grid' }));
    svg.appendChild(s('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, count(v)));
  });
  svg.appendChild(s('text', { x: m.left, y: 11, class: 'axis-title' }, o.yTitle));
  svg.appendChild(s('line', { x1: m.left, x2: m.left + iw, y1: m.top + ih, y2: m.top + ih, class: 'axis' }));
  svg.appendChild(s('line', { x1: m.left, x2: m.left, y1: m.top, y2: m.top + ih, class: 'axis' }));

  if (!series.length) {
    svg.appendChild(s('text', { x: m.left + iw / 2, y: m.top + ih / 2, 'text-anchor': 'middle', class: 'chart-empty' }, o.empty));
  } else {
    // The x axis: the start, the middle and the end of the span.
    var labels = iw > 420 ? [first, first + span / 2, end] : [first, end];
    labels.forEach(function (ms, i) {
      var anchor = i === 0 ? 'start' : (i === labels.length - 1 ? 'end' : 'middle');
      svg.appendChild(s('line', { x1: x(ms), x2: x(ms), y1: m.top + ih, y2: m.top + ih + 4, class: 'axis' }));
      svg.appendChild(s('text', { x: x(ms), y: m.top + ih + 17, 'text-anchor': anchor, class: 'tick' }, timeLabel(ms, span)));
    });
    svg.appendChild(s('text', { x: m.left + iw / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' },
      'Time (local), per ' + intervalText(bucket)));

    // The running total as a step line: flat through an interval, up at its end.
    var d = 'M' + x(first).toFixed(1) + ',' + y(0).toFixed(1);
    var prev = 0;
    series.forEach(function (p) {
      var xe = x(p.at + bucket * 1000).toFixed(1);
      d += ' L' + xe + ',' + y(prev).toFixed(1) + ' L' + xe + ',' + y(p.total).toFixed(1);
      prev = p.total;
    });
    d += ' L' + x(end).toFixed(1) + ',' + y(prev).toFixed(1);   // flat on to now
    var area = d + ' L' + x(end).toFixed(1) + ',' + y(0).toFixed(1) + ' Z';
    svg.appendChild(s('path', { d: area, class: 'area', fill: o.color }));
    svg.appendChild(s('path', { d: d, class: 'line', stroke: o.color }));
    // A point at the end of each interval that added any, with its numbers.
    active.forEach(function (p) {
      var c = s('circle', { cx: x(p.at + bucket * 1000).toFixed(1), cy: y(p.total).toFixed(1), r: 4, class: 'pt', fill: o.color,
        'data-at': new Date(p.at).toISOString(), 'data-count': p.n, 'data-total': p.total });
      c.appendChild(s('title', null, timeLabel(p.at, span) + ': ' + count(p.n) + ' (total ' + count(p.total) + ')'));
      svg.appendChild(c);
    });
  }
  this.plot.textContent = '';
  this.plot.appendChild(svg);

  // The same numbers as a table (intervals with none are left out).
  this.tbody.textContent = '';
  var tbody = this.tbody;
  active.forEach(function (p) {
    tbody.appendChild(h('tr', null, h('td', null, longTime(p.at)), h('td', { class: 'num' }, count(p.n)), h('td', { class: 'num' }, count(p.total))));
  });
  this.table.hidden = !active.length;
  this.none.textContent = active.length ? 'Intervals with none are left out.' : o.empty;
};

export { TimeChart, niceMax };
