/// The buyer's web page served at `GET /`: browse, seat map, hold, pay, tickets.
///
/// One self-contained document (inline CSS and vanilla JavaScript, nothing loaded from
/// elsewhere) that talks to the JSON API on the same origin. Text from the API is put into
/// the page with `textContent` only, never parsed as HTML.
enum BuyerPage {
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>BoxOffice — Tickets</title>
    <style>
    :root {
      --bg: #f5f6fa; --card: #fff; --ink: #1c2230; --muted: #5d6878; --line: #e1e5ee;
      --brand: #4f3bc2; --brand-dark: #3a2b95; --brand-soft: #ece9fb;
      --ok: #1d8a4e; --ok-soft: #e5f5ec; --warn: #a76a00; --warn-soft: #fff4dc; --bad: #c0392b; --bad-soft: #fdeceb;
      --seat-avail: #2e9e6a; --seat-held: #f0b429; --seat-sold: #b8c0cc; --seat-blocked: #59616e; --seat-sel: #4f3bc2;
      --seat: 12px; --radius: 10px;
    }
    * { box-sizing: border-box; }
    html, body { margin: 0; padding: 0; }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; background: var(--bg); color: var(--ink); }
    a { color: var(--brand); }
    h1, h2, h3 { line-height: 1.2; margin: 0 0 .4em; }
    h1 { font-size: 1.7rem; } h2 { font-size: 1.25rem; } h3 { font-size: 1.05rem; }
    .muted { color: var(--muted); }
    .small { font-size: .85rem; }
    .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
    .hidden { display: none !important; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

    header.top { background: #1f1a3d; color: #fff; position: sticky; top: 0; z-index: 20; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
    header.top .inner { max-width: 1100px; margin: 0 auto; padding: 10px 16px; display: flex; align-items: center; gap: 18px; flex-wrap: wrap; }
    .brand { color: #fff; text-decoration: none; font-weight: 800; font-size: 1.2rem; letter-spacing: .3px; display: flex; align-items: center; gap: 8px; }
    .brand .logo { display: inline-block; width: 26px; height: 18px; border-radius: 4px; background: linear-gradient(135deg, #8f7cff, #ff7ab6); position: relative; }
    .brand .logo::after { content: ""; position: absolute; left: 11px; top: 3px; bottom: 3px; border-left: 2px dashed rgba(255,255,255,.8); }
    header nav { display: flex; gap: 4px; flex: 1; }
    header nav a { color: #d8d4f5; text-decoration: none; padding: 6px 10px; border-radius: 8px; }
    header nav a:hover, header nav a.active { background: rgba(255,255,255,.12); color: #fff; }
    .account { display: flex; align-items: center; gap: 10px; color: #d8d4f5; font-size: .9rem; }
    .account button, .account a { color: #fff; background: rgba(255,255,255,.12); border: 0; border-radius: 8px; padding: 6px 12px; cursor: pointer; font: inherit; text-decoration: none; }
    .account button:hover, .account a:hover { background: rgba(255,255,255,.22); }

    main { max-width: 1100px; margin: 0 auto; padding: 18px 16px 80px; }
    #holdbar { background: var(--warn-soft); border-bottom: 1px solid #f1d79a; }
    #holdbar .inner { max-width: 1100px; margin: 0 auto; padding: 8px 16px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
    #flash { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
    .alert { margin-top: 14px; padding: 10px 14px; border-radius: var(--radius); border: 1px solid; display: flex; gap: 12px; align-items: flex-start; }
    .alert .msg { flex: 1; }
    .alert.info { background: var(--brand-soft); border-color: #cfc7f6; }
    .alert.success { background: var(--ok-soft); border-color: #b5e2c8; }
    .alert.error { background: var(--bad-soft); border-color: #f3bfb9; color: #7d1d12; }
    .alert.warn { background: var(--warn-soft); border-color: #f1d79a; }
    .alert .close { background: none; border: 0; font-size: 1.2rem; line-height: 1; cursor: pointer; color: inherit; opacity: .6; }

    .card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px; }
    .btn { display: inline-flex; align-items: center; justify-content: center; gap: 6px; font: inherit; font-weight: 600; border-radius: 8px; border: 1px solid var(--brand); background: var(--brand); color: #fff; padding: 8px 16px; cursor: pointer; text-decoration: none; white-space: nowrap; }
    .btn:hover { background: var(--brand-dark); }
    .btn:disabled { opacity: .5; cursor: not-allowed; }
    .btn.secondary { background: #fff; color: var(--brand); }
    .btn.secondary:hover { background: var(--brand-soft); }
    .btn.danger { background: #fff; color: var(--bad); border-color: #e6b3ad; }
    .btn.danger:hover { background: var(--bad-soft); }
    .btn.small { padding: 4px 10px; font-size: .85rem; }
    .btn.big { padding: 11px 22px; font-size: 1.05rem; }
    input, select { font: inherit; padding: 8px 10px; border: 1px solid #cdd3de; border-radius: 8px; background: #fff; color: var(--ink); min-width: 0; }
    input:focus, select:focus, .btn:focus-visible, a:focus-visible, .seat:focus-visible { outline: 3px solid rgba(79,59,194,.35); outline-offset: 1px; }
    label { display: block; font-weight: 600; font-size: .9rem; margin-bottom: 4px; }
    .field { margin-bottom: 14px; }
    .field input, .field select { width: 100%; }
    .badge { display: inline-block; font-size: .75rem; font-weight: 700; padding: 2px 8px; border-radius: 99px; background: #eef0f5; color: var(--muted); text-transform: uppercase; letter-spacing: .3px; }
    .badge.ok { background: var(--ok-soft); color: var(--ok); }
    .badge.warn { background: var(--warn-soft); color: var(--warn); }
    .badge.bad { background: var(--bad-soft); color: var(--bad); }
    .badge.brand { background: var(--brand-soft); color: var(--brand); }
    .loading { color: var(--muted); padding: 24px 0; }
    .loading::before { content: ""; display: inline-block; width: 14px; height: 14px; margin-right: 8px; vertical-align: -2px; border: 2px solid #c9c2f0; border-top-color: var(--brand); border-radius: 50%; animation: spin .8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    .empty { text-align: center; padding: 40px 16px; color: var(--muted); }
    .back { display: inline-block; margin-bottom: 12px; text-decoration: none; }

    /* Browse */
    .search { display: grid; grid-template-columns: 2fr 1fr 1fr auto; gap: 8px; margin: 12px 0 18px; }
    .events { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
    .event-card { display: flex; flex-direction: column; gap: 6px; text-decoration: none; color: inherit; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 16px; transition: box-shadow .15s, transform .15s; }
    .event-card:hover { box-shadow: 0 6px 18px rgba(30,30,80,.10); transform: translateY(-1px); }
    .event-card .date { color: var(--brand); font-weight: 700; font-size: .85rem; text-transform: uppercase; letter-spacing: .3px; }
    .event-card .title { font-weight: 700; font-size: 1.1rem; }
    .event-card .foot { display: flex; justify-content: space-between; align-items: center; margin-top: auto; padding-top: 8px; border-top: 1px solid var(--line); }
    .price { font-weight: 700; }
    .more { text-align: center; margin-top: 18px; }

    /* Event */
    .event-head { display: flex; justify-content: space-between; gap: 16px; flex-wrap: wrap; align-items: flex-start; margin-bottom: 16px; }
    .event-head .meta { display: flex; flex-direction: column; gap: 2px; }
    .facts { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 8px; color: var(--muted); font-size: .9rem; }
    .sections { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px; margin-bottom: 16px; }
    .section-card { text-align: left; font: inherit; color: inherit; background: var(--card); border: 2px solid var(--line); border-radius: var(--radius); padding: 10px 12px; cursor: pointer; display: flex; flex-direction: column; gap: 3px; }
    .section-card:hover { border-color: #b9aef0; }
    .section-card.active { border-color: var(--brand); background: var(--brand-soft); }
    .section-card .name { font-weight: 700; }
    .section-card.soldout { opacity: .6; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 16px; align-items: start; }
    .side { position: sticky; top: 70px; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; justify-content: space-between; margin-bottom: 10px; }
    .legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: .85rem; color: var(--muted); }
    .legend span { display: inline-flex; align-items: center; gap: 5px; }
    .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
    .quick { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    .quick input { width: 64px; }
    .mapwrap { overflow: auto; max-height: 62vh; border: 1px solid var(--line); border-radius: 8px; background: #fbfbfe; padding: 10px; }
    .stage { margin: 0 auto 12px; width: min(60%, 420px); text-align: center; font-size: .75rem; letter-spacing: 3px; font-weight: 700; color: #fff; background: #8a93a5; border-radius: 0 0 40px 40px; padding: 4px; position: sticky; left: 0; }
    .seatmap { display: inline-block; min-width: 100%; }
    .srow { display: flex; align-items: center; gap: 6px; margin: 0 0 2px; white-space: nowrap; }
    .srow .rl { width: 34px; flex: none; text-align: right; font-size: 10px; color: var(--muted); font-weight: 600; position: sticky; left: 0; background: #fbfbfe; padding-right: 4px; }
    .seats { display: flex; gap: 2px; justify-content: center; flex: 1; }
    .seat { width: var(--seat); height: var(--seat); border-radius: 3px; flex: none; background: var(--seat-sold); }
    .seat.a { background: var(--seat-avail); cursor: pointer; }
    .seat.a:hover { transform: scale(1.3); box-shadow: 0 0 0 1px #fff, 0 0 0 2px var(--seat-avail); }
    .seat.h { background: var(--seat-held); }
    .seat.s { background: var(--seat-sold); }
    .seat.b { background: var(--seat-blocked); }
    .seat.sel { background: var(--seat-sel); cursor: pointer; box-shadow: 0 0 0 1px #fff, 0 0 0 2px var(--seat-sel); }
    .seat.flash { animation: pulse 1s ease-in-out 3; }
    @keyframes pulse { 50% { transform: scale(1.6); } }
    .hover-info { min-height: 1.4em; font-size: .85rem; color: var(--muted); margin-top: 6px; }
    .zoom { display: inline-flex; gap: 2px; }
    .summary h3 { display: flex; justify-content: space-between; }
    .chips { list-style: none; margin: 8px 0; padding: 0; display: flex; flex-direction: column; gap: 4px; max-height: 240px; overflow: auto; }
    .chips li { display: flex; justify-content: space-between; align-items: center; gap: 8px; font-size: .9rem; padding: 4px 8px; background: var(--bg); border-radius: 6px; }
    .chips button { border: 0; background: none; cursor: pointer; font-size: 1.05rem; color: var(--muted); line-height: 1; }
    .total { display: flex; justify-content: space-between; font-weight: 700; font-size: 1.1rem; padding-top: 8px; border-top: 1px solid var(--line); margin: 8px 0 12px; }
    .stack { display: flex; flex-direction: column; gap: 8px; }
    .ga-panel { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-end; }
    .stepper { display: inline-flex; align-items: center; border: 1px solid #cdd3de; border-radius: 8px; overflow: hidden; }
    .stepper button { border: 0; background: #f0f1f6; font: inherit; font-size: 1.1rem; width: 36px; height: 38px; cursor: pointer; }
    .stepper input { border: 0; width: 56px; text-align: center; border-radius: 0; }

    /* Waiting room & presales */
    .queue { margin-bottom: 16px; border-left: 4px solid var(--brand); }
    .queue.admitted { border-left-color: var(--ok); }
    .queue.expired, .queue.problem { border-left-color: var(--warn); }
    .queue .headline { font-weight: 700; font-size: 1.05rem; margin: 2px 0 10px; }
    .queue .headline:empty { display: none; }
    .queue p { margin: 0 0 10px; }
    .qstats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 0 0 10px; }
    .qstats > div { background: var(--bg); border-radius: 8px; padding: 8px 10px; }
    .qstats dt { color: var(--muted); font-size: .8rem; }
    .qstats dd { margin: 0; font-weight: 700; font-size: 1.15rem; font-variant-numeric: tabular-nums; }
    .qtimer { font-size: 1.6rem; font-weight: 800; font-variant-numeric: tabular-nums; }
    .qtimer.low { color: var(--bad); }
    .qactions { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
    .presales { margin-bottom: 16px; }
    .windows { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; }
    .windows li { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; display: flex; flex-direction: column; gap: 2px; }
    .windows li.open { border-color: #b5e2c8; background: var(--ok-soft); }
    .presale-field input { width: 100%; text-transform: uppercase; }
    .presale-field input::placeholder { text-transform: none; }

    /* Checkout */
    .checkout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 16px; align-items: start; }
    .timer { font-size: 2rem; font-weight: 800; font-variant-numeric: tabular-nums; }
    .timer.low { color: var(--bad); }
    .bar { height: 6px; border-radius: 3px; background: #eceef4; overflow: hidden; margin-top: 6px; }
    .bar > div { height: 100%; background: var(--brand); transition: width 1s linear; }
    .bar.low > div { background: var(--bad); }
    table.lines { width: 100%; border-collapse: collapse; }
    table.lines td, table.lines th { padding: 7px 4px; border-bottom: 1px solid var(--line); text-align: left; }
    table.lines td.num, table.lines th.num { text-align: right; font-variant-numeric: tabular-nums; }

    /* Tickets */
    .tickets { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 14px; }
    .ticket { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; display: flex; flex-direction: column; }
    .ticket .th { background: linear-gradient(135deg, #3a2b95, #7b4fd6); color: #fff; padding: 12px 14px; }
    .ticket .th .t { font-weight: 700; }
    .ticket .th .d { font-size: .85rem; opacity: .85; }
    .ticket .tb { padding: 12px 14px; display: flex; flex-direction: column; gap: 8px; border-top: 2px dashed var(--line); }
    .ticket dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; font-size: .9rem; }
    .ticket dt { color: var(--muted); }
    .ticket dd { margin: 0; font-weight: 600; }
    .qrimg { display: flex; justify-content: center; }
    .qrimg img { width: 180px; height: 180px; image-rendering: pixelated; }
    .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .72rem; background: #f3f4f8; border: 1px solid var(--line); border-radius: 6px; padding: 8px; word-break: break-all; white-space: pre-wrap; max-height: 120px; overflow: auto; user-select: all; }
    .group-title { margin: 22px 0 10px; }

    /* Auth */
    .auth { max-width: 420px; margin: 20px auto; }
    .tabs { display: flex; gap: 4px; margin-bottom: 14px; border-bottom: 1px solid var(--line); }
    .tabs button { font: inherit; background: none; border: 0; border-bottom: 3px solid transparent; padding: 8px 12px; cursor: pointer; font-weight: 600; color: var(--muted); }
    .tabs button.active { color: var(--brand); border-bottom-color: var(--brand); }
    .form-error { color: var(--bad); font-size: .9rem; margin-bottom: 10px; }

    @media (max-width: 820px) {
      header.top { position: static; }
      .layout, .checkout { grid-template-columns: 1fr; }
      .side { position: static; }
      .search { grid-template-columns: 1fr 1fr; }
      .search input[name=q] { grid-column: 1 / -1; }
    }
    </style>
    </head>
    <body>
    <header class="top">
      <div class="inner">
        <a class="brand" href='#/'><span class="logo" aria-hidden="true"></span>BoxOffice</a>
        <nav aria-label="Main">
          <a href='#/' data-nav="events">Events</a>
          <a href='#/tickets' data-nav="tickets">My tickets</a>
        </nav>
        <div class="account" id="account"></div>
      </div>
    </header>
    <div id="holdbar" class="hidden" role="status"></div>
    <div id="flash" aria-live="polite"></div>
    <main id="view" tabindex="-1"></main>
    <noscript><p style="text-align:center">BoxOffice needs JavaScript to sell you tickets.</p></noscript>
    <script>
    (function () {
      'use strict';

      var API = '/api/v1';
      var SESSION_KEY = 'boxoffice.session';
      var HOLD_KEY = 'boxoffice.hold';
      var QUEUE_KEY = 'boxoffice.queue';
      var QUEUE_POLL_MS = 5000;
      var PRESALE_KIND = {
        code: 'Presale code required',
        list: 'Invited buyers only (your account email must be on the list)',
        general: 'General sale — open to everyone'
      };
      var CARDS = [
        ['pm_card_visa', 'Visa ending 4242 (test: succeeds)'],
        ['pm_card_mastercard', 'Mastercard ending 4444 (test: succeeds)'],
        ['pm_card_amex', 'American Express ending 8431 (test: succeeds)'],
        ['pm_card_chargeDeclined', 'Visa ending 0002 (test: declined)'],
        ['pm_card_insufficientFunds', 'Visa ending 9995 (test: insufficient funds)'],
        ['pm_card_expired', 'Visa ending 0069 (test: expired card)'],
        ['pm_card_answerLost', 'Visa ending 0341 (test: charged, answer lost; settled in ~2 min)'],
        ['pm_card_timeout', 'Visa ending 0119 (test: no answer, nothing charged; released in ~2 min)']
      ];
      var STATUS_CLASS = { AVAILABLE: 'a', HELD: 'h', SOLD: 's', BLOCKED: 'b' };
      var STATUS_LABEL = { AVAILABLE: 'Available', HELD: 'On hold', SOLD: 'Sold', BLOCKED: 'Not for sale' };

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

      // ---------- server clock (for hold countdowns) ----------

      var clockOffset = 0;
      function noteServerClock(res) {
        var header = res.headers.get('Date');
        var server = header ? Date.parse(header) : NaN;
        if (!isNaN(server)) {
          var offset = server - Date.now();
          clockOffset = Math.abs(offset) > 3000 ? offset : 0;
        }
      }
      function serverNow() { return Date.now() + clockOffset; }

      // ---------- session ----------

      var auth = storageGet(SESSION_KEY);
      function setSession(s) {
        auth = s;
        storageSet(SESSION_KEY, s);
        renderAccount();
      }
      function signOut(message) {
        setSession(null);
        clearHolds();
        clearQueuePasses();
        if (message) flash(message, 'info');
      }

      // ---------- API ----------

      function ApiError(status, body) {
        this.status = status;
        this.body = body || {};
        this.code = (body && body.error) || ('HTTP_' + status);
        this.message = (body && body.message) || ('The server answered ' + status + '. Please try again.');
      }
      ApiError.prototype = Object.create(Error.prototype);

      /** Calls the API; resolves to {status, data, headers}; rejects with ApiError. */
      function request(method, path, opts) {
        opts = opts || {};
        var headers = { 'Accept': 'application/json' };
        if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
        if (auth && auth.token) headers['Authorization'] = 'Bearer ' + auth.token;
        Object.keys(opts.headers || {}).forEach(function (k) { headers[k] = opts.headers[k]; });
        return fetch(API + path, {
          method: method, headers: headers, cache: 'no-store',
          body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined
        }).catch(function () {
          throw new ApiError(0, { error: 'NETWORK_ERROR', message: 'Could not reach BoxOffice. Check your connection and try again.' });
        }).then(function (res) {
          noteServerClock(res);
          if (res.status === 304) return { status: 304, data: null, headers: res.headers };
          return res.text().then(function (text) {
            var data = null;
            if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
            if (!res.ok) {
              var err = new ApiError(res.status, data);
              if (res.status === 401 && auth && opts.auth !== false) {
                signOut(null);
                err.sessionEnded = true;
              }
              throw err;
            }
            return { status: res.status, data: data, headers: res.headers };
          });
        });
      }
      function api(method, path, body, headers) {
        return request(method, path, { body: body, headers: headers }).then(function (r) { return r.data; });
      }
      function query(params) {
        var parts = [];
        Object.keys(params).forEach(function (k) {
          var v = params[k];
          if (v !== undefined && v !== null && String(v).trim() !== '') parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v).trim()));
        });
        return parts.length ? '?' + parts.join('&') : '';
      }

      // Events are cached briefly so ticket and checkout pages can name them.
      var eventCache = {};
      function loadEvent(id, fresh) {
        var cached = eventCache[id];
        if (!fresh && cached) return Promise.resolve(cached);
        return api('GET', '/events/' + encodeURIComponent(id)).then(function (ev) { eventCache[id] = ev; return ev; });
      }

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

      // ---------- header ----------

      function renderAccount() {
        var box = document.getElementById('account');
        box.textContent = '';
        if (auth) {
          append(box, [
            h('span', null, 'Signed in as ', h('strong', null, auth.name || 'you')),
            h('button', { type: 'button', onclick: function () { signOut('You have signed out.'); go('#/'); } }, 'Sign out')
          ]);
        } else {
          append(box, link('#/signin', 'Sign in'));
        }
      }
      function markNav(name) {
        Array.prototype.forEach.call(document.querySelectorAll('header nav a'), function (a) {
          a.classList.toggle('active', a.getAttribute('data-nav') === name);
        });
      }

      // ---------- the active hold (banner on every page) ----------

      function loadHolds() { var list = storageGet(HOLD_KEY); return Array.isArray(list) ? list : []; }
      var holds = loadHolds();
      function saveHolds() { storageSet(HOLD_KEY, holds.length ? holds : null); renderHoldBar(); }
      /** Remembers a reservation while it is HELD, forgets it otherwise. */
      function trackHold(r) {
        holds = holds.filter(function (x) { return x.reservation_id !== r.reservation_id; });
        if (r.status === 'HELD') holds.push({ reservation_id: r.reservation_id, event_id: r.event_id, held_until: r.held_until, user_id: auth && auth.user_id });
        saveHolds();
      }
      function forgetHold(id) { holds = holds.filter(function (x) { return x.reservation_id !== id; }); saveHolds(); }
      function clearHolds() { holds = []; saveHolds(); }

      function renderHoldBar() {
        var bar = document.getElementById('holdbar');
        var now = serverNow();
        var live = holds.filter(function (x) { return Date.parse(x.held_until) > now; });
        if (live.length !== holds.length) { holds = live; storageSet(HOLD_KEY, holds.length ? holds : null); }
        var here = currentRoute.name === 'checkout' ? currentRoute.parts[1] : null;
        var mine = live.filter(function (x) { return auth && (!x.user_id || x.user_id === auth.user_id) && x.reservation_id !== here; })
          .sort(function (a, b) { return Date.parse(a.held_until) - Date.parse(b.held_until); });
        if (!mine.length) {
          bar.classList.add('hidden');
          bar.textContent = '';
          bar.removeAttribute('data-for');
          return;
        }
        var next = mine[0];
        var left = fmtClock(Date.parse(next.held_until) - now);
        var key = next.reservation_id + ':' + mine.length;
        bar.classList.remove('hidden');
        var t = bar.querySelector('[data-left]');
        if (t && bar.getAttribute('data-for') === key) { t.textContent = left; return; }
        bar.textContent = '';
        bar.setAttribute('data-for', key);
        bar.appendChild(h('div', { class: 'inner' },
          h('span', null, mine.length > 1 ? 'You have ' + mine.length + ' reservations on hold — the next expires in ' : 'You have tickets on hold — ',
            h('strong', { 'data-left': '1' }, left), mine.length > 1 ? '.' : ' left to pay.'),
          link('#/checkout/' + encodeURIComponent(next.reservation_id), 'Complete purchase', 'btn small')));
      }
      setInterval(renderHoldBar, 1000);

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

      // ---------- routing ----------

      var view = document.getElementById('view');
      var currentRoute = { name: '' };
      var viewTimers = [];
      var viewCleanups = [];      // run when the buyer leaves the view (e.g. closing an EventSource)
      var renderSeq = 0;
      var afterSignIn = null;

      function go(hash) {
        if (location.hash === hash) route(); else location.hash = hash;
      }
      function goSignIn() {
        var here = location.hash || '#/';
        if (here.indexOf('#/signin') !== 0) afterSignIn = here;
        go('#/signin');
      }
      function every(ms, fn) { var id = setInterval(fn, ms); viewTimers.push(id); return id; }
      function stopTimer(id) { clearInterval(id); viewTimers = viewTimers.filter(function (t) { return t !== id; }); }
      /** Registers cleanup to run when this view is replaced. */
      function onLeave(fn) { viewCleanups.push(fn); }
      function newView(title) {
        viewTimers.forEach(clearInterval);
        viewTimers = [];
        var cleanups = viewCleanups;
        viewCleanups = [];
        cleanups.forEach(function (fn) { try { fn(); } catch (e) { /* keep going */ } });
        var seq = ++renderSeq;
        view.textContent = '';
        document.title = title ? title + ' · BoxOffice' : 'BoxOffice — Tickets';
        return function alive() { return seq === renderSeq; };
      }
      function loading(text) { return h('div', { class: 'loading' }, text || 'Loading…'); }

      function route() {
        var hash = location.hash || '#/';
        var parts = hash.replace(/^#\/?/, '').split('/').map(function (p) { try { return decodeURIComponent(p); } catch (e) { return p; } });
        var name = parts[0] || 'events';
        // A message survives one navigation that follows right after it (sign-in, hold, pay), no more.
        if (flashState) {
          if (!flashState.carried && Date.now() - flashState.at < 1500) flashState.carried = true;
          else clearFlash();
        }
        currentRoute = { name: name, parts: parts };
        renderHoldBar();
        window.scrollTo(0, 0);
        switch (name) {
          case 'events': markNav('events'); return showEvents();
          case 'event': markNav('events'); return showEvent(parts[1]);
          case 'checkout': markNav(''); return showCheckout(parts[1]);
          case 'tickets': markNav('tickets'); return showTickets();
          case 'signin': markNav(''); return showAuth('signin');
          case 'register': markNav(''); return showAuth('register');
          default: markNav(''); newView('Not found');
            append(view, h('div', { class: 'empty' }, h('h2', null, 'Page not found'), link('#/', 'Browse events')));
        }
      }

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
            pendingReservation = r;
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

      // ---------- checkout ----------

      var pendingReservation = null;   // the reservation just created, to skip one fetch

      function showCheckout(reservationId) {
        var alive = newView('Checkout');
        if (!reservationId) { go('#/'); return; }
        if (!auth) { flash('Sign in to see your reservation.', 'info'); goSignIn(); return; }
        append(view, loading('Loading your reservation…'));
        var first = pendingReservation && pendingReservation.reservation_id === reservationId
          ? Promise.resolve(pendingReservation)
          : api('GET', '/reservations/' + encodeURIComponent(reservationId));
        pendingReservation = null;
        first.then(function (r) {
          if (!alive()) return;
          return loadEvent(r.event_id).catch(function () { return null; }).then(function (ev) {
            if (alive()) renderReservation(r, ev, alive);
          });
        }).catch(function (err) {
          if (!alive()) return;
          view.textContent = '';
          if (err.sessionEnded) { showError(err); return; }
          if (err.status === 404) forgetHold(reservationId);
          append(view, h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.status === 404 ? 'We could not find this reservation.' : err.message)));
          append(view, h('p', null, link('#/', 'Browse events')));
        });
      }

      function renderReservation(r, ev, alive) {
        view.textContent = '';
        var eventLink = ev ? '#/event/' + encodeURIComponent(ev.event_id) : '#/';
        var heading = h('div', null,
          link(eventLink, '← Back to the event', 'back'),
          h('h1', null, ev ? ev.title : 'Your reservation'),
          ev ? h('p', { class: 'muted', style: 'margin-top:0' }, fmtDate(ev.starts_at) + ' · ' + ((ev.venue && ev.venue.name) || '') + (ev.venue && ev.venue.city ? ', ' + ev.venue.city : '')) : null);
        append(view, heading);

        if (r.status === 'CONFIRMED') { forgetHold(r.reservation_id); showConfirmation(r.reservation_id, null, alive); return; }
        if (r.status === 'CANCELLED' || r.status === 'EXPIRED') {
          forgetHold(r.reservation_id);
          append(view, h('div', { class: 'alert warn' }, h('div', { class: 'msg' },
            r.status === 'CANCELLED' ? 'This reservation was cancelled and its tickets released.' : 'This hold expired and its tickets were released.')),
            h('p', null, link(eventLink, 'Choose tickets again', 'btn')));
          return;
        }
        if (r.status === 'PAYMENT_PENDING') {
          append(view, h('div', { class: 'card' }, loading('Your payment is being processed…')));
          var poll = every(2000, function () {
            api('GET', '/reservations/' + encodeURIComponent(r.reservation_id)).then(function (fresh) {
              if (!alive() || fresh.status === 'PAYMENT_PENDING') return;
              stopTimer(poll);
              renderReservation(fresh, ev, alive);
            }).catch(function () {});
          });
          return;
        }

        trackHold(r);
        var sectionName = function (id) {
          var s = ev && (ev.sections || []).filter(function (x) { return x.section_id === id; })[0];
          return s ? s.name : '';
        };
        var lines = h('tbody');
        if (r.seats && r.seats.length) {
          r.seats.forEach(function (seat) {
            lines.appendChild(h('tr', null,
              h('td', null, [sectionName(seat.section_id), seatLabel(seat.row, seat.number)].filter(Boolean).join(' · ')),
              h('td', { class: 'num' }, money(seat.price_cents))));
          });
        } else {
          var each = r.quantity ? Math.round(r.total_price_cents / r.quantity) : r.total_price_cents;
          lines.appendChild(h('tr', null,
            h('td', null, r.quantity + ' × ' + (sectionName(r.section_id) || 'General admission'),
              h('div', { class: 'muted small' }, 'General admission: no assigned seats')),
            h('td', { class: 'num' }, money(each) + ' each')));
        }
        var order = h('div', { class: 'card' },
          h('h2', null, 'Your order'),
          h('table', { class: 'lines' }, lines,
            h('tfoot', null, h('tr', null, h('th', null, 'Total'), h('th', { class: 'num' }, money(r.total_price_cents))))),
          h('p', { class: 'muted small' }, 'Reservation ', h('span', { class: 'mono' }, r.reservation_id)));

        var timer = h('div', { class: 'timer', role: 'timer', 'aria-live': 'off' }, '');
        var barFill = h('div', { style: 'width:100%' });
        var bar = h('div', { class: 'bar' }, barFill);
        var card = h('select', { id: 'card', name: 'card' }, CARDS.map(function (c) { return h('option', { value: c[0] }, c[1]); }));
        var err = h('div', { class: 'form-error', role: 'alert' });
        var payBtn = h('button', { class: 'btn big', type: 'submit' }, 'Pay ' + money(r.total_price_cents));
        var cancelBtn = h('button', { class: 'btn danger', type: 'button' }, 'Release these tickets');
        var form = h('form', { class: 'card' },
          h('div', { class: 'muted small' }, 'Time left to pay'),
          timer, bar,
          h('div', { class: 'field', style: 'margin-top:16px' }, h('label', { for: 'card' }, 'Payment method (test cards)'), card),
          err,
          h('div', { class: 'stack' }, payBtn, cancelBtn));
        append(view, h('div', { class: 'checkout' }, order, form));

        var until = Date.parse(r.held_until);
        var created = Date.parse(r.created_at);
        var span = !isNaN(created) && until > created ? until - created : (ev && ev.hold_duration_minutes ? ev.hold_duration_minutes * 60000 : 600000);
        var expired = false;
        function tick() {
          var left = until - serverNow();
          timer.textContent = fmtClock(left);
          var low = left < 60000;
          timer.classList.toggle('low', low);
          bar.classList.toggle('low', low);
          barFill.style.width = Math.max(0, Math.min(100, left / span * 100)) + '%';
          if (left <= 0 && !expired) {
            expired = true;
            payBtn.disabled = true;
            cancelBtn.disabled = true;
            forgetHold(r.reservation_id);
            err.textContent = '';
            form.appendChild(h('div', { class: 'alert warn' }, h('div', { class: 'msg' }, 'Your hold has expired and the tickets were released. ', link(eventLink, 'Choose tickets again'))));
          }
        }
        tick();
        var ticker = every(1000, tick);

        var paying = false;
        form.addEventListener('submit', function (e) {
          e.preventDefault();
          if (paying || expired) return;
          paying = true;
          err.textContent = '';
          payBtn.disabled = true; cancelBtn.disabled = true;
          payBtn.textContent = 'Processing payment…';
          api('POST', '/reservations/' + encodeURIComponent(r.reservation_id) + '/confirm', { payment_method_id: card.value }).then(function (done) {
            forgetHold(r.reservation_id);
            if (!alive()) return;
            stopTimer(ticker);
            flash('Payment received — your tickets are ready!', 'success');
            view.textContent = '';
            append(view, heading);
            showConfirmation(r.reservation_id, done.tickets || [], alive);
          }).catch(function (e2) {
            paying = false;
            if (!alive()) return;
            if (e2.sessionEnded) { showError(e2); return; }
            if (e2.code === 'ALREADY_CONFIRMED') { forgetHold(r.reservation_id); stopTimer(ticker); view.textContent = ''; append(view, heading); showConfirmation(r.reservation_id, null, alive); return; }
            if (e2.code === 'PAYMENT_FAILED' || e2.code === 'HOLD_EXPIRED' || e2.code === 'RESERVATION_CANCELLED' || e2.status === 410) {
              // The hold is gone: the buyer has to choose again.
              expired = true;
              forgetHold(r.reservation_id);
              stopTimer(ticker);
              timer.textContent = '—';
              barFill.style.width = '0%';
              payBtn.textContent = 'Pay ' + money(r.total_price_cents);
              form.replaceChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, e2.message, ' ', link(eventLink, 'Choose tickets again'))), err);
              return;
            }
            if (e2.code === 'PAYMENT_UNCONFIRMED') {
              // The places are kept (no countdown any more) until the server settles with the provider.
              stopTimer(ticker);
              timer.textContent = '—';
              err.textContent = e2.message + ' Refresh this page in a few minutes to see the result.';
              payBtn.textContent = 'Waiting for the payment provider';
              return;
            }
            if (e2.code === 'PAYMENT_IN_PROGRESS') {
              err.textContent = 'A payment for this reservation is already being processed. Refresh in a moment to see the result.';
              payBtn.textContent = 'Pay ' + money(r.total_price_cents);
              return;
            }
            err.textContent = e2.message;
            payBtn.disabled = false; cancelBtn.disabled = false;
            payBtn.textContent = 'Pay ' + money(r.total_price_cents);
          });
        });

        cancelBtn.addEventListener('click', function () {
          if (paying) return;
          if (!window.confirm('Release these tickets? Someone else may buy them.')) return;
          cancelBtn.disabled = true; payBtn.disabled = true;
          api('DELETE', '/reservations/' + encodeURIComponent(r.reservation_id)).then(function () {
            forgetHold(r.reservation_id);
            flash('Your hold was cancelled and the tickets released.', 'info');
            go(eventLink);
          }).catch(function (e2) {
            if (!alive()) return;
            if (e2.sessionEnded) { showError(e2); return; }
            err.textContent = e2.message;
            if (!expired) { cancelBtn.disabled = false; payBtn.disabled = false; }
          });
        });
      }

      function showConfirmation(reservationId, tickets, alive) {
        var box = h('div');
        append(view, [
          h('div', { class: 'card', style: 'margin-bottom:16px' },
            h('h2', null, 'You’re going!'),
            h('p', { style: 'margin:0' }, 'Show the code on each ticket at the door. You can find these tickets any time under ', link('#/tickets', 'My tickets'), '.')),
          box]);
        if (tickets) { renderTicketGrid(box, tickets); return; }
        box.appendChild(loading('Loading your tickets…'));
        api('GET', '/reservations/' + encodeURIComponent(reservationId) + '/tickets').then(function (list) {
          if (!alive()) return;
          box.textContent = '';
          renderTicketGrid(box, list.tickets || []);
        }).catch(function (err) {
          if (!alive()) return;
          box.textContent = '';
          box.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message)));
        });
      }

      // ---------- tickets ----------

      var qrSupported = true;

      function showTickets() {
        var alive = newView('My tickets');
        if (!auth) { flash('Sign in to see your tickets.', 'info'); goSignIn(); return; }
        append(view, [h('h1', null, 'My tickets'), loading('Loading your tickets…')]);
        api('GET', '/me/tickets').then(function (list) {
          if (!alive()) return;
          var tickets = list.tickets || [];
          view.textContent = '';
          view.appendChild(h('h1', null, 'My tickets'));
          if (!tickets.length) {
            view.appendChild(h('div', { class: 'empty card' }, h('p', null, 'You have no tickets yet.'), link('#/', 'Find something to see', 'btn')));
            return;
          }
          var groups = new Map();
          tickets.forEach(function (t) {
            var g = groups.get(t.event_id);
            if (!g) { g = []; groups.set(t.event_id, g); }
            g.push(t);
          });
          groups.forEach(function (group, eventId) {
            var title = h('h2', { class: 'group-title' }, 'Event');
            var sub = h('p', { class: 'muted', style: 'margin-top:-6px' });
            var box = h('div');
            append(view, [title, sub, box]);
            renderTicketGrid(box, group);
            loadEvent(eventId).then(function (ev) {
              if (!alive()) return;
              title.textContent = '';
              title.appendChild(link('#/event/' + encodeURIComponent(ev.event_id), ev.title));
              sub.textContent = fmtDate(ev.starts_at) + ' · ' + ((ev.venue && ev.venue.name) || '') + (ev.venue && ev.venue.city ? ', ' + ev.venue.city : '');
              Array.prototype.forEach.call(box.querySelectorAll('[data-ev-title]'), function (el) { el.textContent = ev.title; });
              Array.prototype.forEach.call(box.querySelectorAll('[data-ev-date]'), function (el) { el.textContent = fmtDate(ev.starts_at); });
              Array.prototype.forEach.call(box.querySelectorAll('[data-sec]'), function (el) { el.textContent = sectionNameIn(ev, el.getAttribute('data-sec')) || '—'; });
            }).catch(function () { title.textContent = 'Event ' + eventId; });
          });
        }).catch(function (err) {
          if (!alive()) return;
          view.textContent = '';
          view.appendChild(h('h1', null, 'My tickets'));
          if (err.sessionEnded) { showError(err); return; }
          view.appendChild(h('div', { class: 'alert error' }, h('div', { class: 'msg' }, err.message)));
        });
      }

      function renderTicketGrid(box, tickets) {
        if (!tickets.length) { box.appendChild(h('p', { class: 'muted' }, 'No tickets.')); return; }
        box.appendChild(h('div', { class: 'tickets' }, tickets.map(ticketCard)));
      }

      function ticketStatusBadge(status) {
        var cls = status === 'ACTIVE' ? 'ok' : status === 'USED' ? '' : status === 'CANCELLED' ? 'bad' : 'warn';
        var label = { ACTIVE: 'Valid', USED: 'Used', CANCELLED: 'Cancelled', TRANSFERRED: 'Transferred' }[status] || status;
        return h('span', { class: 'badge ' + cls }, label);
      }

      function sectionNameIn(ev, sectionId) {
        var s = ev && (ev.sections || []).filter(function (x) { return x.section_id === sectionId; })[0];
        return s ? s.name : '';
      }

      function ticketCard(t) {
        var ev = eventCache[t.event_id];
        var qr = h('div', { class: 'qrimg' });
        var card = h('article', { class: 'ticket' },
          h('div', { class: 'th' },
            h('div', { class: 't', 'data-ev-title': '1' }, ev ? ev.title : 'Ticket'),
            h('div', { class: 'd', 'data-ev-date': '1' }, ev ? fmtDate(ev.starts_at) : '')),
          h('div', { class: 'tb' },
            h('dl', null,
              h('dt', null, 'Section'), h('dd', { 'data-sec': t.section_id }, sectionNameIn(ev, t.section_id) || (t.seat_id ? '—' : t.seat || '—')),
              h('dt', null, 'Seat'), h('dd', null, t.seat_id ? (t.seat || '') : 'General admission (no assigned seat)'),
              h('dt', null, 'Holder'), h('dd', null, t.holder_name || ''),
              h('dt', null, 'Status'), h('dd', null, ticketStatusBadge(t.status)),
              t.issued_at ? [h('dt', null, 'Issued'), h('dd', null, fmtDate(t.issued_at))] : null),
            qr,
            h('div', { class: 'muted small' }, 'Ticket code'),
            h('div', { class: 'code', 'aria-label': 'Ticket code' }, t.qr_code || ''),
            h('div', { class: 'muted small mono' }, 'Ticket ' + t.ticket_id),
            t.page_url && /^\/tickets\//.test(t.page_url)
              ? h('a', { href: t.page_url, target: '_blank', rel: 'noopener' }, 'Open or print this ticket')
              : null));
        loadQr(t.ticket_id, qr);
        return card;
      }

      /** Shows the QR image when the server offers one; otherwise the code text alone is shown. */
      function loadQr(ticketId, holder) {
        if (!qrSupported || !window.URL || !URL.createObjectURL) return;
        var headers = {};
        if (auth && auth.token) headers['Authorization'] = 'Bearer ' + auth.token;
        fetch(API + '/tickets/' + encodeURIComponent(ticketId) + '/qr.svg', { headers: headers }).then(function (res) {
          if (!res.ok) {
            if (res.status === 404 || res.status === 405 || res.status === 501) qrSupported = false;
            return null;
          }
          var type = res.headers.get('Content-Type') || '';
          if (type.indexOf('svg') < 0) return null;
          return res.blob();
        }).then(function (blob) {
          if (!blob) return;
          var url = URL.createObjectURL(new Blob([blob], { type: 'image/svg+xml' }));
          var img = h('img', { src: url, alt: 'QR code for this ticket', width: '180', height: '180' });
          img.addEventListener('error', function () { holder.textContent = ''; URL.revokeObjectURL(url); });
          holder.appendChild(img);
        }).catch(function () { /* the code text is already shown */ });
      }

      // ---------- sign in / register ----------

      function showAuth(mode) {
        newView(mode === 'register' ? 'Create account' : 'Sign in');
        if (auth) {
          append(view, h('div', { class: 'auth card' },
            h('h1', null, 'You are signed in'),
            h('p', null, 'Signed in as ', h('strong', null, auth.name || ''), '.'),
            h('div', { class: 'stack' }, link(afterSignIn || '#/', 'Continue', 'btn'),
              h('button', { class: 'btn secondary', type: 'button', onclick: function () { signOut('You have signed out.'); route(); } }, 'Sign out'))));
          return;
        }
        var isRegister = mode === 'register';
        var error = h('div', { class: 'form-error', role: 'alert' });
        var nameField = h('div', { class: 'field' }, h('label', { for: 'f-name' }, 'Your name'),
          h('input', { id: 'f-name', name: 'name', autocomplete: 'name', required: isRegister, placeholder: 'As it should appear on tickets' }));
        var form = h('form', { novalidate: true },
          isRegister ? nameField : null,
          h('div', { class: 'field' }, h('label', { for: 'f-email' }, 'Email'),
            h('input', { id: 'f-email', name: 'email', type: 'email', autocomplete: 'email', required: true })),
          h('div', { class: 'field' }, h('label', { for: 'f-password' }, 'Password'),
            h('input', { id: 'f-password', name: 'password', type: 'password', autocomplete: isRegister ? 'new-password' : 'current-password', required: true, minlength: isRegister ? '8' : null }),
            isRegister ? h('div', { class: 'muted small' }, 'At least 8 characters.') : null),
          error,
          h('button', { class: 'btn big', type: 'submit', style: 'width:100%' }, isRegister ? 'Create account' : 'Sign in'));
        append(view, h('div', { class: 'auth card' },
          h('div', { class: 'tabs', role: 'tablist' },
            h('button', { type: 'button', role: 'tab', class: isRegister ? '' : 'active', 'aria-selected': String(!isRegister), onclick: function () { go('#/signin'); } }, 'Sign in'),
            h('button', { type: 'button', role: 'tab', class: isRegister ? 'active' : '', 'aria-selected': String(isRegister), onclick: function () { go('#/register'); } }, 'Create account')),
          form));

        form.addEventListener('submit', function (e) {
          e.preventDefault();
          error.textContent = '';
          var email = form.elements.email.value.trim();
          var password = form.elements.password.value;
          var name = isRegister ? form.elements.name.value.trim() : undefined;
          if (isRegister && !name) { error.textContent = 'Please enter your name.'; form.elements.name.focus(); return; }
          if (!email) { error.textContent = 'Please enter your email address.'; form.elements.email.focus(); return; }
          if (!password) { error.textContent = 'Please enter your password.'; form.elements.password.focus(); return; }
          var submit = form.querySelector('button[type=submit]');
          submit.disabled = true;
          var body = isRegister ? { email: email, password: password, name: name } : { email: email, password: password };
          request('POST', '/auth/' + (isRegister ? 'register' : 'login'), { body: body, auth: false }).then(function (r) {
            var s = r.data;
            setSession({ token: s.token, user_id: s.user_id, name: s.name, role: s.role, email: email });
            flash(isRegister ? 'Welcome to BoxOffice, ' + s.name + '!' : 'Welcome back, ' + s.name + '.', 'success');
            var next = afterSignIn && afterSignIn.indexOf('#/signin') !== 0 && afterSignIn.indexOf('#/register') !== 0 ? afterSignIn : '#/';
            afterSignIn = null;
            go(next);
          }).catch(function (err) {
            submit.disabled = false;
            error.textContent = err.message;
          });
        });
        var firstInput = form.querySelector('input');
        if (firstInput) firstInput.focus();
      }

      // ---------- start ----------

      renderAccount();
      window.addEventListener('hashchange', route);
      window.addEventListener('storage', function (e) {
        if (e.key === SESSION_KEY) { auth = storageGet(SESSION_KEY); renderAccount(); }
        if (e.key === HOLD_KEY) { holds = loadHolds(); renderHoldBar(); }
      });
      route();
    })();
    </script>
    </body>
    </html>
    """#
}
