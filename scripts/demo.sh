#!/usr/bin/env bash
# Runs the server with demo data on ./boxoffice.sqlite (release build).
# Extra arguments go to `boxoffice serve`, e.g. scripts/demo.sh --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build -c release --product boxoffice
exec .build/release/boxoffice serve --demo "$@"
