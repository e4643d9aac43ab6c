#!/usr/bin/env bash
# Measures BoxOffice over HTTP with wrk, each figure as a ratio to the bare /healthz
# route of the same binary in the same run. Needs a release build and wrk
# (apt-get install wrk). Usage: scripts/bench/run.sh [seconds] [connections]
# BENCH_ROUNDS (default 5): rounds of /healthz, holds, /healthz, seat-map revalidations,
# /healthz; each ratio is taken against the mean of the /healthz runs just before and
# just after it, and the median of the rounds is reported. This VM's speed drifts (the
# bare route moves between about 50,000 and 70,000 req/s for seconds at a time), so
# short runs side by side (e.g. `run.sh 2 64`) give steadier ratios than long ones.
# BENCH_BUYERS (default 20,000): buyer accounts the holds go round, so each buyer holds
# a handful of places per run, as in a sale. BENCH_BIN: another build, to compare two.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-64}
bin=${BENCH_BIN:-.build/release/boxoffice}
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

python3 scripts/bench/setup.py "http://127.0.0.1:$port" "$work" "${BENCH_BUYERS:-20000}"

base="http://127.0.0.1:$port"
run() { # name, wrk args...
  local name=$1; shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  local rps p99 refused
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  refused=$(echo "$out" | awk '/Non-2xx or 3xx responses/ {print "   non-2xx/3xx: " $NF}')
  printf '%-28s %12s req/s   p99 %s%s\n' "$name" "$rps" "$p99" "$refused"
  echo "$rps" >"$work/$name.rps"
}
# ratio NAME BEFORE AFTER: NAME's req/s against the mean of two /healthz runs, in percent.
ratio() { python3 -c "import sys; r = [float(open(f'$work/{n}.rps').read()) for n in sys.argv[1:]]; print(f'{r[0] / ((r[1] + r[2]) / 2) * 100:.1f}')" "$@"; }
median() { python3 -c "import statistics, sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.1f}')" "$@"; }

rounds=${BENCH_ROUNDS:-5}
echo "wrk -t2 -c$connections -d${seconds}s, ${database%%:*} (durable commits), $(nproc) cores, $rounds rounds"
seatmap="$base/api/v1/events/$(cat "$work/big_event")/seats"
etag=$(curl -s -D - -o /dev/null "$seatmap" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
[ -n "$etag" ] || { echo "no ETag on the seat map" >&2; exit 1; }
holds=(); revalidations=()
for round in $(seq "$rounds"); do
  echo "round $round"
  run healthz_1 "$base/healthz"
  EVENT=$(cat "$work/ga_event") SECTION=$(cat "$work/ga_section") TOKENS="$work/tokens" run hold -s scripts/bench/hold.lua "$base/"
  run healthz_2 "$base/healthz"
  run seatmap_304 -H "If-None-Match: $etag" "$seatmap"
  run healthz_3 "$base/healthz"
  holds+=("$(ratio hold healthz_1 healthz_2)")
  revalidations+=("$(ratio seatmap_304 healthz_2 healthz_3)")
  echo "  holds: ${holds[-1]}% of /healthz, seat map 304: ${revalidations[-1]}% of /healthz"
done
echo "median of $rounds rounds: holds $(median "${holds[@]}")% of /healthz (each: ${holds[*]}), seat map 304 $(median "${revalidations[@]}")% (each: ${revalidations[*]})"
run seatmap_full "$seatmap"
run seatmap_full_gzip -H "Accept-Encoding: gzip" "$seatmap"
run healthz_4 "$base/healthz"
echo "  full seat map: $(ratio seatmap_full healthz_3 healthz_4)% of /healthz; gzip (as browsers ask): $(ratio seatmap_full_gzip healthz_3 healthz_4)%"
curl -s "$base/metrics" | grep -E '^boxoffice_reservation_(attempts|success|conflicts|rejected)_total' || true
