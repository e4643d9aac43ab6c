/**
 * Keyboard movement through a drawn seat map (an ARIA grid: rows of gridcells): the map is one tab
 * stop whose seat moves with the arrow keys (a roving tabindex), Home and End go to the ends of a
 * row (with Ctrl, of the map), Page Up and Page Down ten rows, and Space or Enter picks. One keydown
 * listener serves the whole map, however many seats it has.
 */

var PAGE_ROWS = 10;

/**
 * Watches `map` (role grid; each row an element with role row whose seats are the gridcells in it).
 * `toggle(seatEl)` is called for Space and Enter. Returns { setCurrent(seatEl, focus) }: makes that
 * seat the map's tab stop, and focuses it when `focus` is 'scroll' (brought into view, as the keys
 * move) or 'stay' (a seat just clicked, which is in view already: the map must not jump).
 */
function createSeatKeys(map, toggle) {
  var current = null;

  function setCurrent(el, focus) {
    if (!el) return;
    if (current && current !== el) current.removeAttribute('tabindex');
    current = el;
    el.setAttribute('tabindex', '0');
    if (focus) el.focus({ preventScroll: focus === 'stay' });
  }

  function rowOf(seat) { return seat.closest('[role=row]'); }
  function seatsOf(row) { return row ? row.querySelectorAll('[role=gridcell]') : []; }
  function rows() { return map.querySelectorAll('[role=row]'); }

  /** The seat `steps` rows away (stopping at the first or last row) nearest above or below `seat`. */
  function seatRowsAway(seat, steps) {
    var all = rows();
    var from = Array.prototype.indexOf.call(all, rowOf(seat));
    var to = Math.max(0, Math.min(all.length - 1, from + steps));
    if (to === from) return null;
    var here = seatsOf(all[from]), there = seatsOf(all[to]);
    if (!there.length) return null;
    // Rows are centred, so the seat straight above or below sits at the same offset from the middle.
    var index = Array.prototype.indexOf.call(here, seat);
    var offset = index - (here.length - 1) / 2;
    var target = Math.round((there.length - 1) / 2 + offset);
    return there[Math.max(0, Math.min(there.length - 1, target))];
  }

  function target(seat, e) {
    var inRow = seatsOf(rowOf(seat));
    switch (e.key) {
      case 'ArrowRight': return seat.nextElementSibling;
      case 'ArrowLeft': return seat.previousElementSibling;
      case 'ArrowDown': return seatRowsAway(seat, 1);
      case 'ArrowUp': return seatRowsAway(seat, -1);
      case 'PageDown': return seatRowsAway(seat, PAGE_ROWS);
      case 'PageUp': return seatRowsAway(seat, -PAGE_ROWS);
      case 'Home': {
        if (!e.ctrlKey) return inRow[0];
        var first = seatsOf(rows()[0]);
        return first[0];
      }
      case 'End': {
        if (!e.ctrlKey) return inRow[inRow.length - 1];
        var all = rows(), last = seatsOf(all[all.length - 1]);
        return last[last.length - 1];
      }
      default: return undefined;
    }
  }

  map.addEventListener('keydown', function (e) {
    var seat = e.target;
    if (!seat || !seat.getAttribute || seat.getAttribute('role') !== 'gridcell' || e.altKey || e.metaKey) return;
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      toggle(seat);
      return;
    }
    var next = target(seat, e);
    if (next === undefined) return;
    e.preventDefault();   // the arrow keys move between seats, not the page
    if (next) setCurrent(next, 'scroll');
  });

  return { setCurrent: setCurrent };
}

export { createSeatKeys };
