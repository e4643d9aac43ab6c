/**
 * Ticket codes verified in the browser, with the published public keys alone (WebCrypto
 * Ed25519): the compact `BO2:` codes and the older `BO1.` JSON codes, exactly as the server's
 * TicketSigner reads them. No module imports: the door scanner loads it on its own.
 */

var BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
var BODY_LENGTH = 44;
var SIGNATURE_LENGTH = 64;

/** RFC 4648 base32 (upper case, no padding) to bytes; null unless canonical. */
function base32Decode(text) {
  if ([0, 2, 4, 5, 7].indexOf(text.length % 8) < 0) return null;
  var out = [];
  var buffer = 0, bits = 0;
  for (var i = 0; i < text.length; i++) {
    var value = BASE32.indexOf(text[i]);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((buffer >> bits) & 0xff); }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return new Uint8Array(out);
}

/** base64url (no padding) to bytes; null unless canonical. */
function base64URLDecode(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  while (base64.length % 4) base64 += '=';
  var binary;
  try { binary = atob(base64); } catch (e) { return null; }
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (base64URLEncode(bytes) !== text) return null;
  return bytes;
}
function base64URLEncode(bytes) {
  var binary = '';
  for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes) {
  return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
}
function uuid(bytes) {
  var h = hex(bytes);
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
function ascii(text) { return new TextEncoder().encode(text); }
function concat(a, b) { var out = new Uint8Array(a.length + b.length); out.set(a); out.set(b, a.length); return out; }

/** Whether this browser verifies Ed25519 (needs a secure context: https, or http on localhost). */
function canVerifyOffline() {
  return !!(window.crypto && window.crypto.subtle && window.isSecureContext);
}

/** Imports the keys of `GET /api/v1/keys/tickets` ({keys: [{key_id, public_key (base64)}]}). */
function importKeys(published) {
  var keys = {};
  return Promise.all((published.keys || []).map(function (entry) {
    var raw = Uint8Array.from(atob(entry.public_key), function (c) { return c.charCodeAt(0); });
    return crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']).then(function (key) {
      keys[entry.key_id] = key;
    });
  })).then(function () { return keys; });
}

/**
 * Verifies a code. Resolves to {ok: true, ticketId, eventId, seat?, holder?} or
 * {ok: false, reason: 'malformed' | 'unknown key' | 'bad signature'}.
 */
function verifyCode(code, keys) {
  code = String(code || '').trim();
  if (code.indexOf('BO2:') === 0) {
    var bytes = base32Decode(code.slice(4));
    if (!bytes || bytes.length !== BODY_LENGTH + SIGNATURE_LENGTH) return Promise.resolve({ ok: false, reason: 'malformed' });
    var keyId = hex(bytes.slice(32, 40));
    var key = keys[keyId];
    if (!key) return Promise.resolve({ ok: false, reason: 'unknown key' });
    var signed = concat(ascii('BO2:'), bytes.slice(0, BODY_LENGTH));
    return crypto.subtle.verify({ name: 'Ed25519' }, key, bytes.slice(BODY_LENGTH), signed).then(function (valid) {
      if (!valid) return { ok: false, reason: 'bad signature' };
      return { ok: true, ticketId: uuid(bytes.slice(0, 16)), eventId: uuid(bytes.slice(16, 32)) };
    });
  }
  var parts = code.split('.');
  if (parts.length !== 4 || parts[0] !== 'BO1') return Promise.resolve({ ok: false, reason: 'malformed' });
  var payload = base64URLDecode(parts[2]);
  var signature = base64URLDecode(parts[3]);
  if (!payload || !signature) return Promise.resolve({ ok: false, reason: 'malformed' });
  var legacyKey = keys[parts[1]];
  if (!legacyKey) return Promise.resolve({ ok: false, reason: 'unknown key' });
  return crypto.subtle.verify({ name: 'Ed25519' }, legacyKey, signature, ascii(parts.slice(0, 3).join('.'))).then(function (valid) {
    if (!valid) return { ok: false, reason: 'bad signature' };
    var claims;
    try { claims = JSON.parse(new TextDecoder().decode(payload)); } catch (e) { return { ok: false, reason: 'malformed' }; }
    if (typeof claims.tid !== 'string' || typeof claims.eid !== 'string') return { ok: false, reason: 'malformed' };
    return { ok: true, ticketId: claims.tid, eventId: claims.eid, seat: claims.seat, holder: claims.holder };
  });
}

export { canVerifyOffline, importKeys, verifyCode, base32Decode };
