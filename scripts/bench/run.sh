#!/usr/bin/env bash
# Measures BoxOffice over HTTP with wrk, each figure as a ratio to the bare /healthz
# route of the same binary in the same run. Needs a release build and wrk
# (apt-get install wrk). Usage: scripts/bench/run.sh [seconds] [connections]
# BENCH_DATABASE=postgres://... measures PostgreSQL instead of a throwaway SQLite file, e.g.
#   scripts/with-postgres.sh bash -c 'BENCH_DATABASE=$BOXOFFICE_TEST_POSTGRES_URL scripts/bench/run.sh' 
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-64}
bin=.build/release/boxoffice
[ -x "$bin" ] || swift build -c release --product boxoffice
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
database=${BENCH_DATABASE:-sqlite:$work/bench.sqlite}
"$bin" user create --database "$database" --ticket-key "$work/key" --email bench-org@example.test --password bench-organizer --role organizer >/dev/null
"$bin" serve --database "$database" --ticket-key "$work/key" --port "$port" --bcrypt-cost 4 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

python3 scripts/bench/setup.py "http://127.0.0.1:$port" "$work" 3000

base="http://127.0.0.1:$port"
run() { # name, wrk args...
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  printf '%-28s %12s req/s   p99 %s\n' "$name" "$rps" "$p99"
  echo "$rps" >"$work/$name.rps"
}
ratio() { python3 -c "print(f'{float(open(\"$work/$1.rps\").read())/float(open(\"$work/healthz.rps\").read())*100:.1f}% of /healthz')"; }

echo "wrk -t2 -c$connections -d${seconds}s, ${database%%:*} (durable commits), $(nproc) cores"
run healthz "$base/healthz"
EVENT=$(cat "$work/ga_event") SECTION=$(cat "$work/ga_section") TOKENS="$work/tokens" run hold -s scripts/bench/hold.lua "$base/"
echo "  holds: $(ratio hold)"
seatmap="$base/api/v1/events/$(cat "$work/big_event")/seats"
etag=$(curl -s -D - -o /dev/null "$seatmap" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
[ -n "$etag" ] || { echo "no ETag on the seat map" >&2; exit 1; }
run seatmap_304 -H "If-None-Match: $etag" "$seatmap"
echo "  seat map 304: $(ratio seatmap_304)"
run seatmap_full "$seatmap"
echo "  full seat map: $(ratio seatmap_full)"
run seatmap_full_gzip -H "Accept-Encoding: gzip" "$seatmap"
echo "  full seat map, gzip (as browsers ask): $(ratio seatmap_full_gzip)"
curl -s "$base/metrics" | grep -E '^boxoffice_reservation_(attempts|success|conflicts|rejected)_total' || true
