#!/usr/bin/env bash
# Runs the browser tests (Tests/Browser, Python's unittest with selenium) in headless
# Chromium against a real `boxoffice serve --demo` on a fresh database and a free loopback
# port. Installs Chromium and chromedriver (Debian's packages) and selenium (PyPI, into
# ~/.cache/boxoffice/browser-venv) when missing.
# Usage: scripts/browser/run.sh [path to boxoffice] [test names...]
#   (default .build/debug/boxoffice; test names as unittest takes them, e.g. test_presale or
#   test_seat_race.SeatRaceTests; without any, every Tests/Browser/test_*.py)
# The server serves the pages from the source tree (BOXOFFICE_WEB_ROOT, unless set), so the
# tests see the pages as they are now, whenever the binary was built.
# A failing test leaves a screenshot and the browser's console log in
# BOXOFFICE_BROWSER_ARTEFACTS (default .build/browser-artefacts). BOXOFFICE_SCREENSHOTS=1
# also saves the main pages at both sizes into docs/screenshots/.
set -euo pipefail

selenium_version=4.27.1
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath -m "${1:-$root/.build/debug/boxoffice}")
[ $# -gt 0 ] && shift
[ -x "$bin" ] || { echo "browser tests: no server binary at $bin (swift build first)" >&2; exit 1; }
artefacts=$(realpath -m "${BOXOFFICE_BROWSER_ARTEFACTS:-$root/.build/browser-artefacts}")
screenshots=$(realpath -m "${BOXOFFICE_SCREENSHOT_DIR:-$root/docs/screenshots}")
cd "$root"

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
apt_install() {
    echo "browser tests: installing $* (apt)"
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
fi
venv=${XDG_CACHE_HOME:-$HOME/.cache}/boxoffice/browser-venv
if ! "$venv/bin/python" -c "import sys, selenium; sys.exit(selenium.__version__ != '$selenium_version')" 2>/dev/null; then
    echo "browser tests: installing selenium $selenium_version into $venv"
    python3 -c "import ensurepip, venv" 2>/dev/null || apt_install python3-venv
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium==$selenium_version"
fi

work=$(mktemp -d /tmp/boxoffice-browser.XXXXXX)
server=""
stop_server() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap stop_server EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
db="sqlite:$work/browser.sqlite"
# The demo's accounts and events, and an organizer of the tests' own (test_live_seat_map).
"$bin" user create --database "$db" --ticket-key "$work/key" \
    --email organizer@browser.test --password browser-organizer --role organizer >/dev/null
BOXOFFICE_WEB_ROOT=${BOXOFFICE_WEB_ROOT:-$root/Sources/BoxOfficeHTTP/Resources/Public} \
    "$bin" serve --demo --database "$db" --ticket-key "$work/key" --port "$port" --bcrypt-cost 4 \
    --mail-dir "$work/mail" --log-level warning >"$work/server.log" 2>&1 &
server=$!
ready=""
for _ in $(seq 300); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; then ready=1; break; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$ready" ]; then
    echo "browser tests: the server did not start on port $port:" >&2
    cat "$work/server.log" >&2
    exit 1
fi

export BOXOFFICE_BROWSER_URL="http://127.0.0.1:$port"
export BOXOFFICE_BROWSER_ARTEFACTS=$artefacts
export BOXOFFICE_CHROMIUM=${BOXOFFICE_CHROMIUM:-$(command -v chromium)}
export BOXOFFICE_CHROMEDRIVER=${BOXOFFICE_CHROMEDRIVER:-$(command -v chromedriver)}
export BOXOFFICE_SCREENSHOT_DIR=$screenshots
# This run's artefacts only (a directory of your own choosing keeps everything else in it).
mkdir -p "$BOXOFFICE_BROWSER_ARTEFACTS"
rm -f "$BOXOFFICE_BROWSER_ARTEFACTS"/*.png "$BOXOFFICE_BROWSER_ARTEFACTS"/*.console.log

echo "browser tests: $("$BOXOFFICE_CHROMIUM" --version 2>/dev/null), selenium $selenium_version, server $bin on port $port"
started=$SECONDS
status=0
if [ $# -gt 0 ]; then
    (cd Tests/Browser && "$venv/bin/python" -m unittest -v "$@") || status=$?
else
    "$venv/bin/python" -m unittest discover -s Tests/Browser -p 'test_*.py' -v || status=$?
fi
echo "browser tests: $((SECONDS - started)) s"
if [ "$status" -ne 0 ]; then
    echo "browser tests failed; screenshots and console logs in $BOXOFFICE_BROWSER_ARTEFACTS; the server's log ends:" >&2
    tail -20 "$work/server.log" >&2
fi
exit "$status"
