#!/usr/bin/env bash
# The live seat map at scale: holds at full speed (wrk, GA places) on one event, first
# with nobody watching, then with WATCHERS (default 10,000) WebSocket clients on the
# event's live map (boxoffice watch-bench, another process), which also holds a probe
# seat every half second and times its arrival at the median and the last watcher.
# Reports both hold rates, the server's memory and the fan-out lag.
# Usage: scripts/bench/watchers.sh [seconds] [connections]   (release build; wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
connections=${2:-64}
watchers=${WATCHERS:-10000}
bin=${BENCH_BIN:-.build/release/boxoffice}
[ -x "$bin" ] || swift build -c release --product boxoffice
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill $server $bench 2>/dev/null || true; rm -rf "$work"' EXIT
bench=
database=${BENCH_DATABASE:-sqlite:$work/bench.sqlite}
"$bin" user create --database "$database" --ticket-key "$work/key" --email bench-org@example.test --password bench-organizer --role organizer >/dev/null
"$bin" serve --database "$database" --ticket-key "$work/key" --port "$port" --bcrypt-cost 4 --rate-limit-account 0 --log-level error >"$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
python3 scripts/bench/setup.py "$base" "$work" "${BENCH_BUYERS:-5000}"
python3 - "$base" "$work" <<'PY'
import json, sys, urllib.request
base, work = sys.argv[1], sys.argv[2]
def call(path, body=None, token=None):
    request = urllib.request.Request(base + "/api/v1" + path, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response: return json.loads(response.read())
organizer = call("/auth/login", {"email": "bench-org@example.test", "password": "bench-organizer"})["token"]
event = call("/events", {"title": "Watched bench", "artist": "Bench", "category": "bench", "venue": {"name": "Hall", "city": "Town"},
    "starts_at": "2099-01-01T20:00:00Z", "max_tickets_per_user": 100, "hold_duration_minutes": 15,
    "sections": [{"name": "Floor", "price_cents": 1000, "kind": "general_admission", "capacity": 1000000},
                 {"name": "Probe", "price_cents": 2000, "kind": "seated", "rows": [{"label": f"P{r}", "seats": 50} for r in range(20)]}]}, organizer)
floor = [s for s in event["sections"] if s["kind"] == "general_admission"][0]["section_id"]
seats = call(f"/events/{event['event_id']}/seats?section=Probe")["sections"][0]["seats"]
open(f"{work}/watch_event", "w").write(event["event_id"])
open(f"{work}/watch_floor", "w").write(floor)
open(f"{work}/probe_seats", "w").write("\n".join(s["seat_id"] for s in seats[:100]) + "\n")
open(f"{work}/probe_token", "w").write(call("/auth/register", {"email": "probe@example.test", "password": "probe-password", "name": "Probe"})["token"])
PY
event=$(cat "$work/watch_event")
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
# A process's CPU time so far (user + system), in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
ticks=$(getconf CLK_TCK)
holds() { # label
  local out rps before after bench_before bench_after
  before=$(cpu "$server"); bench_before=$( [ -n "$bench" ] && cpu "$bench" || echo 0)
  out=$(EVENT=$event SECTION=$(cat "$work/watch_floor") TOKENS="$work/tokens" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/bench/hold.lua "$base/")
  after=$(cpu "$server"); bench_after=$( [ -n "$bench" ] && cpu "$bench" || echo 0)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  printf '%-22s %10s holds/s   p99 %s   server %s\n' "$1" "$rps" "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(rss)"
  # What the server spent, in all and per hold, and what the watchers' process took from
  # the same two cores: the hold rate's loss is both.
  python3 -c "import sys; t, s, r, b = $ticks, $seconds, float('$rps'), ($bench_after - $bench_before); cpu = ($after - $before) / t
print(f'{\"\":22s} server CPU {cpu / s * 100:.0f}% of a core, {cpu / (r * s) * 1e6:.1f} us a hold' + (f'; watchers process {b / t / s * 100:.0f}% of a core' if b else ''))"
  echo "$rps" >"$work/$2.rps"
}
echo "wrk -t2 -c$connections -d${seconds}s GA holds, ${database%%:*}, $(nproc) cores; $watchers watchers"
holds "no watchers" alone
"$bin" watch-bench --url "$base" --event "$event" --probe-seats "$work/probe_seats" --token "$(cat "$work/probe_token")" \
    --watchers "$watchers" --duration "$((seconds + 2))" >"$work/watch.out" 2>&1 &
bench=$!
for _ in $(seq 600); do grep -q "connected" "$work/watch.out" && break; sleep 0.2; done
cat "$work/watch.out"
echo "server with $watchers sockets open, idle: $(rss)"
holds "with watchers" watched
wait $bench || true
sed -n '2,$p' "$work/watch.out"
python3 -c "import sys; a, b = (float(open(f'$work/{n}.rps').read()) for n in ('alone', 'watched')); print(f'holds with watchers: {b / a * 100:.1f}% of the rate without')"
