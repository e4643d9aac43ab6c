#!/usr/bin/env bash
# A small flash sale with confirms, to show a payment provider's share of a purchase:
# the test gateway, then Stripe's API as localstripe fakes it.
# Usage: scripts/bench/flashsale-payments.sh (release build; BENCH_BIN for another)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${BENCH_BIN:-.build/release/boxoffice}
[ -x "$bin" ] || swift build -c release --product boxoffice
sale() { # name, serve args...
  local name=$1; shift
  local dir; dir=$(mktemp -d)
  local port=$((30000 + RANDOM % 20000))
  "$bin" serve --demo --database "sqlite:$dir/db.sqlite" --port "$port" --log-level notice "$@" >"$dir/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  echo "== $name"
  "$bin" flashsale --url "http://127.0.0.1:$port" --buyers 3000 --seats 2000 --concurrency 64 --accounts 200 --quiet || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
if [ "${1:-}" = --stripe-only ]; then
  sale "stripe (localstripe)" --payments stripe
  exit 0
fi
sale "test gateway"
BENCH_BIN=$bin BOXOFFICE_STRIPE_SECRET_KEY=sk_test_bench scripts/with-localstripe.sh \
  bash -c 'BOXOFFICE_STRIPE_API_BASE=$BOXOFFICE_TEST_STRIPE_API_BASE scripts/bench/flashsale-payments.sh --stripe-only'
