#!/usr/bin/env bash
# Runs every test on both engines: installs what the build needs, builds the package
# with its tests (the executable too, which the SIGKILL durability test runs), starts a
# throwaway PostgreSQL cluster (installing PostgreSQL if missing), localstripe (a fake
# Stripe) and aiosmtpd (real SMTP servers), both installed from PyPI into
# ~/.cache/boxoffice the first time, and runs the whole suite with all three required,
# so no PostgreSQL, Stripe or email test can skip silently; then the browser tests in
# headless Chromium against a real server (scripts/browser/run.sh installs Chromium,
# chromedriver and selenium the first time).
set -euo pipefail
cd "$(dirname "$0")/.."

BOXOFFICE_INSTALL_TEST_TOOLS=1 scripts/install-deps.sh
swift build --build-tests
BOXOFFICE_REQUIRE_POSTGRES=1 BOXOFFICE_REQUIRE_STRIPE=1 BOXOFFICE_REQUIRE_SMTP=1 \
    scripts/with-postgres.sh scripts/with-localstripe.sh scripts/with-smtp.sh swift test --skip-build "$@"
scripts/browser/run.sh .build/debug/boxoffice
