/**
 * The live seat map: a WebSocket to /api/v1/events/{id}/seats/live that pushes the seats and section
 * counts others change, at most ten times a second. The protocol (hello, changes, resync) is described
 * in LiveSeatMaps.swift and the API description. When the socket cannot be opened or drops, it
 * reconnects with a growing delay, and the page re-reads the map so nothing is missed meanwhile.
 */

/**
 * Watches one event. `handlers`: version() → the version of the map the page shows (0 if none);
 * changes(seats, sections) → apply pushed changes; resync() → re-read the map (it missed some);
 * state(text) → 'live' | 'connecting' | 'offline', for a small indicator.
 * Returns { close } — call it when the page goes away.
 */
function watchSeatMap(eventId, handlers) {
  var socket = null;
  var closed = false;
  var retry = 0;
  var retryTimer = null;
  // The newest version whose changes the page has (from a read of the map or from messages).
  var seen = 0;

  function url() {
    var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + location.host + '/api/v1/events/' + encodeURIComponent(eventId) + '/seats/live';
  }

  function connect() {
    if (closed) return;
    if (typeof window.WebSocket !== 'function') { handlers.state('offline'); return; }
    handlers.state('connecting');
    try { socket = new WebSocket(url()); } catch (e) { scheduleRetry(); return; }
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (e) {
      var msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      receive(msg);
    };
    socket.onclose = function () {
      socket = null;
      if (closed) return;
      handlers.state('connecting');
      scheduleRetry();
    };
    socket.onerror = function () { /* onclose follows */ };
  }

  function scheduleRetry() {
    if (closed) return;
    var delay = Math.min(30000, 500 * Math.pow(2, retry)) * (0.75 + Math.random() * 0.5);
    retry += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function receive(msg) {
    var mine = Math.max(seen, handlers.version());
    if (msg.type === 'hello') {
      handlers.state('live');
      seen = msg.version;
      // Changes between the page's read and this hello were not pushed to us: read again (the
      // ETag makes it a 304 when nothing changed).
      if (mine !== msg.version) handlers.resync();
    } else if (msg.type === 'changes') {
      if (msg.from_version > mine) {
        // A message was missed (or the map is older than this socket): read the map again.
        seen = msg.version;
        handlers.resync();
        return;
      }
      seen = Math.max(mine, msg.version);
      handlers.changes(msg.seats || [], msg.sections || []);
    } else if (msg.type === 'resync') {
      seen = msg.version;
      handlers.resync();
    }
  }

  connect();
  return {
    close: function () {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (socket) { try { socket.close(1000); } catch (e) { /* already closed */ } }
    }
  };
}

export { watchSeatMap };
