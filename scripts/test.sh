#!/usr/bin/env bash
# Runs every test: installs what the build needs, builds the package with its tests
# (the executable too, which the SIGKILL durability test runs), then runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
