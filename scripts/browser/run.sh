#!/usr/bin/env bash
# Runs the browser tests (Tests/Browser, Python's unittest with selenium) in headless
# Chromium against a real `boxoffice serve` on a fresh database. Installs Chromium and
# chromedriver (Debian) and selenium (PyPI, into ~/.cache/boxoffice/browser-venv) when
# missing. Usage: scripts/browser/run.sh [path to boxoffice] (default .build/debug/boxoffice).
# A failing test leaves a screenshot and the browser's console log in
# BOXOFFICE_BROWSER_ARTEFACTS (default .build/browser-artefacts).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/debug/boxoffice}
[ -x "$bin" ] || { echo "browser tests: no server binary at $bin (swift build first)" >&2; exit 1; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
fi
venv=${HOME}/.cache/boxoffice/browser-venv
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q selenium==4.27.1
fi

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" user create --database "sqlite:$work/browser.sqlite" --ticket-key "$work/key" \
    --email organizer@browser.test --password browser-organizer --role organizer >/dev/null
"$bin" serve --database "sqlite:$work/browser.sqlite" --ticket-key "$work/key" --port "$port" --bcrypt-cost 4 \
    --mail-dir "$work/mail" --log-level warning >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

export BOXOFFICE_BROWSER_URL="http://127.0.0.1:$port"
export BOXOFFICE_BROWSER_ARTEFACTS=${BOXOFFICE_BROWSER_ARTEFACTS:-$PWD/.build/browser-artefacts}
status=0
"$venv/bin/python" -m unittest discover -s Tests/Browser -p 'test_*.py' -v || status=$?
if [ "$status" -ne 0 ]; then
    echo "browser tests failed; screenshots and console logs in $BOXOFFICE_BROWSER_ARTEFACTS; the server's log:" >&2
    tail -20 "$work/server.log" >&2
fi
exit "$status"
