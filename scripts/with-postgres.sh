#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: installs PostgreSQL from Debian's
# packages if missing, starts a cluster on a free loopback port as a non-root user,
# exports BOXOFFICE_TEST_POSTGRES_URL (a role that may create databases), runs the
# command, then stops the cluster and removes it.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres: installing PostgreSQL from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# initdb refuses root: run the cluster as the postgres user when we are root.
if [ "$(id -u)" -eq 0 ]; then
    run_pg() { runuser -u postgres -- "$@"; }
else
    run_pg() { "$@"; }
fi

cluster=$(mktemp -d /tmp/boxoffice-pg.XXXXXX)
chmod 755 "$cluster"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$cluster"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
password="boxoffice-test-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"

cleanup() {
    run_pg "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap cleanup EXIT

run_pg "$bindir/initdb" -D "$cluster/data" -A trust -U postgres --no-sync >/dev/null
run_pg "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=300" start >/dev/null
run_pg "$bindir/psql" -h "$cluster" -p "$port" -U postgres -q -c \
    "CREATE ROLE boxoffice LOGIN CREATEDB PASSWORD '$password'" >/dev/null
run_pg "$bindir/psql" -h "$cluster" -p "$port" -U postgres -q -c "CREATE DATABASE boxoffice OWNER boxoffice" >/dev/null

export BOXOFFICE_TEST_POSTGRES_URL="postgres://boxoffice:$password@127.0.0.1:$port/boxoffice?sslmode=disable"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
