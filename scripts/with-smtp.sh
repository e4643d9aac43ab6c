#!/usr/bin/env bash
# Runs a command with three real SMTP servers (aiosmtpd, from PyPI) on free loopback
# ports: installs it into a virtual environment under ~/.cache/boxoffice the first
# time, makes a throwaway self-signed certificate for localhost/127.0.0.1, starts
#   - a STARTTLS server (STARTTLS offered, not required; AUTH PLAIN/LOGIN only after it),
#   - an SMTPS server (implicit TLS; AUTH PLAIN/LOGIN),
#   - a PLAIN server (no TLS, no AUTH),
# runs the command, then stops them and removes the mail directory. The only account
# is boxoffice / s3cret; sending without AUTH is accepted too.
# Every accepted message is written to $BOXOFFICE_TEST_SMTP_DIR as <ns>-<random>.eml
# (the bytes received, CRLF line endings, dot-unstuffed) plus <same>.json
# ({"mail_from", "rcpt_tos", "server", "tls", "auth"}); the .json is in place before
# the .eml appears. Recipients whose local part starts with "tempfail" get
# 451 4.3.0 at RCPT, "reject" 550 5.1.1 at RCPT; if the first accepted recipient's
# starts with "datafail" the message gets 554 5.6.0 after DATA.
# Exports BOXOFFICE_TEST_SMTP_DIR, BOXOFFICE_TEST_SMTP_STARTTLS_PORT,
# BOXOFFICE_TEST_SMTP_SMTPS_PORT, BOXOFFICE_TEST_SMTP_PLAIN_PORT and
# BOXOFFICE_TEST_SMTP_CA_FILE (the certificate, PEM, to trust).
# Usage: scripts/with-smtp.sh COMMAND [ARGS...]
set -euo pipefail

version=1.4.6
venv=${BOXOFFICE_SMTP_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/boxoffice/aiosmtpd-$version}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
    echo "with-smtp: installing aiosmtpd $version into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$version"
fi

# Three distinct free ports (all bound at once, then released).
read -r starttls_port smtps_port plain_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()
')
state=$(mktemp -d /tmp/boxoffice-smtp.XXXXXX)
maildir=$(mktemp -d /tmp/boxoffice-smtp-mail.XXXXXX)
log=$state/server.log
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$state" "$maildir"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$state/key.pem" -out "$state/cert.pem" >"$state/openssl.log" 2>&1 \
    || { echo "with-smtp: openssl could not make a certificate:" >&2; cat "$state/openssl.log" >&2; exit 1; }

"$venv/bin/python" - "$maildir" "$state/cert.pem" "$state/key.pem" \
    "$starttls_port" "$smtps_port" "$plain_port" >"$log" 2>&1 <<'EOF' &
import json, logging, os, secrets, ssl, sys, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

maildir, cert, key = sys.argv[1:4]
starttls_port, smtps_port, plain_port = map(int, sys.argv[4:7])
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

def local_part(address):
    return address.rpartition("@")[0].lower()

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login == b"boxoffice" and auth_data.password == b"s3cret")
    # On failure (handled=False) aiosmtpd answers 535 5.7.8 Authentication credentials invalid.
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

class Handler:
    def __init__(self, name):
        self.name = name

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if local_part(address).startswith("tempfail"):
            return "451 4.3.0 Try again later"
        if local_part(address).startswith("reject"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if local_part(envelope.rcpt_tos[0]).startswith("datafail"):
            return "554 5.6.0 Message rejected"
        raw = envelope.original_content
        if raw is None:
            raw = envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        # session.ssl is only set after STARTTLS; for implicit TLS the transport knows.
        transport = server.transport
        tls = session.ssl is not None or (
            transport is not None and transport.get_extra_info("ssl_object") is not None)
        login = None
        if session.authenticated and isinstance(session.auth_data, LoginPassword):
            login = session.auth_data.login.decode("utf-8", "replace")
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
                "server": self.name, "tls": tls, "auth": login}
        base = f"{time.time_ns()}-{secrets.token_hex(4)}"
        for suffix, data in ((".json", json.dumps(meta).encode()), (".eml", raw)):
            tmp = os.path.join(maildir, f".{base}{suffix}.tmp")
            with open(tmp, "wb") as f:
                f.write(data)
            os.rename(tmp, os.path.join(maildir, base + suffix))
        return "250 Message accepted for delivery"

server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
server_ctx.load_cert_chain(cert, key)
common = dict(hostname="127.0.0.1", server_hostname="localhost",
              data_size_limit=20 * 1024 * 1024, ready_timeout=10)
auth = dict(authenticator=authenticator, auth_required=False)
controllers = [
    Controller(Handler("starttls"), port=starttls_port, tls_context=server_ctx,
               require_starttls=False, auth_require_tls=True, **auth, **common),
    # aiosmtpd's auth_require_tls only counts STARTTLS, so on implicit TLS it would
    # refuse AUTH (538) forever; the connection is encrypted anyway.
    Controller(Handler("smtps"), port=smtps_port, ssl_context=server_ctx,
               auth_require_tls=False, **auth, **common),
    Controller(Handler("plain"), port=plain_port, **common),
]
for c in controllers:
    c.start()
print("with-smtp: servers ready", flush=True)
threading.Event().wait()
EOF
pid=$!

# Ready when every port gives a 220 banner (the SMTPS one over TLS with our certificate).
probe() {
    python3 - "$starttls_port" "$smtps_port" "$plain_port" "$state/cert.pem" 2>/dev/null <<'EOF'
import socket, ssl, sys
starttls, smtps, plain = map(int, sys.argv[1:4])
ctx = ssl.create_default_context(cafile=sys.argv[4])
for port, tls in ((starttls, False), (smtps, True), (plain, False)):
    with socket.create_connection(("127.0.0.1", port), timeout=1) as raw:
        s = ctx.wrap_socket(raw, server_hostname="localhost") if tls else raw
        if not s.recv(512).startswith(b"220"):
            sys.exit(1)
        s.sendall(b"QUIT\r\n")
EOF
}
ready=
deadline=$((SECONDS + 10))
while [ "$SECONDS" -lt "$deadline" ]; do
    probe && { ready=1; break; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$ready" ]; then
    echo "with-smtp: aiosmtpd did not start (or not within 10 s):" >&2
    cat "$log" >&2
    exit 1
fi

export BOXOFFICE_TEST_SMTP_DIR="$maildir"
export BOXOFFICE_TEST_SMTP_STARTTLS_PORT="$starttls_port"
export BOXOFFICE_TEST_SMTP_SMTPS_PORT="$smtps_port"
export BOXOFFICE_TEST_SMTP_PLAIN_PORT="$plain_port"
export BOXOFFICE_TEST_SMTP_CA_FILE="$state/cert.pem"
echo "with-smtp: aiosmtpd $version on 127.0.0.1 (starttls $starttls_port, smtps $smtps_port, plain $plain_port)"
"$@"
