#!/usr/bin/env bash
# A flash sale with a webhook for order.confirmed to a local receiver, and every buyer's
# confirmation email (QR codes, PDF, .ics) written to a mail directory: does every order
# reach both, and how long after its commit (BoxOffice-Event-Created to arrival; the
# email's commit time in its file name to the file's modification time)?
# Usage: scripts/bench/flashsale-webhooks.sh [buyers] [seats] (release build; BENCH_BIN for another;
# BENCH_DATABASE=postgres://... for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${BENCH_BIN:-.build/release/boxoffice}
buyers=${1:-50000}
seats=${2:-5000}
[ -x "$bin" ] || swift build -c release --product boxoffice
dir=$(mktemp -d)
port=$((30000 + RANDOM % 20000))
hook_port=$((port + 1))
database=${BENCH_DATABASE:-sqlite:$dir/db.sqlite}
# A binary from before email (to compare with) has no --mail-dir.
mail_flags=""
if "$bin" serve --help 2>/dev/null | grep -q -- --mail-dir; then mail_flags="--mail-dir ${BENCH_MAIL_DIR:-$dir/mail}"; else mkdir -p "$dir/mail"; fi
python3 scripts/bench/webhook-receiver.py "$hook_port" "$dir/received.txt" &
receiver=$!
"$bin" serve --demo --database "$database" --ticket-key "$dir/key" --port "$port" --log-level notice --webhooks-allow-private \
  $mail_flags \
  >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server $receiver 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email": "organizer@boxoffice.test", "password": "organizer-demo-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -X POST "http://127.0.0.1:$port/api/v1/webhooks" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"url\": \"http://127.0.0.1:$hook_port/hook\", \"events\": [\"order.confirmed\"]}" >/dev/null
"$bin" flashsale --url "http://127.0.0.1:$port" --buyers "$buyers" --seats "$seats" --concurrency 256 --accounts 1000 \
  --quiet --report "$dir/report.json"
# Wait until the receiver has every order (or nothing has come for 30 s).
orders=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r.get("buyers_served", r.get("buyersServed", 0)))' "$dir/report.json")
last=-1; idle=0
while :; do
  got=$(cut -d' ' -f1 "$dir/received.txt" 2>/dev/null | sort -u | wc -l)
  [ "$got" -ge "$orders" ] && break
  if [ "$got" = "$last" ]; then idle=$((idle + 1)); else idle=0; fi
  [ "$idle" -ge 30 ] && break
  last=$got; sleep 1
done
# And every confirmation email.
last=-1; idle=0
while [ -n "$mail_flags" ]; do
  got=$(ls "${BENCH_MAIL_DIR:-$dir/mail}" 2>/dev/null | grep -c 'order_confirmation.*\.eml$' || true)
  [ "$got" -ge "$orders" ] && break
  if [ "$got" = "$last" ]; then idle=$((idle + 1)); else idle=0; fi
  [ "$idle" -ge 30 ] && break
  last=$got; sleep 1
done
python3 - "$dir/received.txt" "$orders" "${BENCH_MAIL_DIR:-$dir/mail}" <<'PY'
import os, sys
lines = [line.split() for line in open(sys.argv[1])]
orders = int(sys.argv[2])
mails = [n for n in os.listdir(sys.argv[3]) if n.endswith(".eml") and "order_confirmation" in n]
mail_lags = sorted(int(os.stat(os.path.join(sys.argv[3], n)).st_mtime * 1000) - int(n.split("-")[0]) for n in mails)
sizes = sorted(os.stat(os.path.join(sys.argv[3], n)).st_size for n in mails)
ids = {l[0] for l in lines}
lags = sorted(int(l[3]) - int(l[2]) for l in lines)
def q(p): return lags[min(len(lags) - 1, int(p * len(lags)))] if lags else 0
print(f"orders confirmed: {orders}   order.confirmed received: {len(ids)} distinct, {len(lines)} in all")
print(f"delivery lag (commit to arrival), ms: p50 {q(0.5)}  p90 {q(0.9)}  p99 {q(0.99)}  max {lags[-1] if lags else 0}")
def m(p): return mail_lags[min(len(mail_lags) - 1, int(p * len(mail_lags)))] if mail_lags else 0
print(f"confirmation emails written: {len(mails)}   lag (commit to file), ms: p50 {m(0.5)}  p90 {m(0.9)}  p99 {m(0.99)}"
      f"  max {mail_lags[-1] if mail_lags else 0}   size median {sizes[len(sizes) // 2] if sizes else 0} bytes")
PY
