#!/usr/bin/env bash
# Runs a command with localstripe (a stateful fake of Stripe's API, from PyPI) on a free
# loopback port: installs it into a virtual environment under ~/.cache/boxoffice the
# first time, starts it, exports BOXOFFICE_TEST_STRIPE_API_BASE, runs the command, then
# stops it. localstripe keeps its objects in memory (its copy on disk is switched off,
# so two runs never share or wait on one file).
# Usage: scripts/with-localstripe.sh COMMAND [ARGS...]
set -euo pipefail

version=1.15.10
venv=${BOXOFFICE_LOCALSTRIPE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/boxoffice/localstripe-$version}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import localstripe' 2>/dev/null; then
    echo "with-localstripe: installing localstripe $version into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "localstripe==$version"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp /tmp/boxoffice-localstripe.XXXXXX)
"$venv/bin/python" - "$port" >"$log" 2>&1 <<'EOF' &
import sys
from aiohttp import web
from localstripe import resources, server

resources.store.dump_to_disk = lambda: None  # memory only
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
EOF
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

for _ in $(seq 100); do
    curl -sf -o /dev/null -u sk_test_ready: "http://127.0.0.1:$port/v1/customers" && break
    kill -0 "$pid" 2>/dev/null || { echo "with-localstripe: localstripe did not start:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
done
export BOXOFFICE_TEST_STRIPE_API_BASE="http://127.0.0.1:$port"
echo "with-localstripe: localstripe $version on 127.0.0.1:$port"
"$@"
