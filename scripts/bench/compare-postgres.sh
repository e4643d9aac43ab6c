#!/usr/bin/env bash
# Holds on PostgreSQL, two release binaries alternating, a fresh database for each run:
#   scripts/with-postgres.sh scripts/bench/compare-postgres.sh BEFORE_BIN AFTER_BIN [pairs]
# (each run is scripts/bench/run.sh 2 64 with BENCH_ROUNDS=3; an older binary refuses a
# database a newer one migrated, hence one database per run).
set -euo pipefail
cd "$(dirname "$0")/../.."
before=$1 after=$2 pairs=${3:-3}
admin=${BOXOFFICE_TEST_POSTGRES_URL:?run under scripts/with-postgres.sh}
for i in $(seq "$pairs"); do
  for side in before after; do
    bin=$before; [ "$side" = after ] && bin=$after
    db="bench_${side}_${i}_$$"
    psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
    url=$(python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path='/' + sys.argv[2])))" "$admin" "$db")
    echo "=== $side, run $i"
    BENCH_DATABASE="$url" BENCH_BIN="$bin" BENCH_ROUNDS=3 scripts/bench/run.sh 2 64 2>&1 | grep -E "median|success_total"
  done
done
