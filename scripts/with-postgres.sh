#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh COMMAND…
# Starts a throwaway PostgreSQL 15 on loopback (as the postgres user, in a temp data dir), exports
# RETAINER_TEST_PG=postgresql://postgres@127.0.0.1:PORT/retainer, runs COMMAND, then removes it all.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "with-postgres: postgresql-15 is not installed (run scripts/install-deps.sh)" >&2; exit 1; }
dir=$(mktemp -d /tmp/retainer-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
"${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres retainer
export RETAINER_TEST_PG="postgresql://postgres@127.0.0.1:$port/retainer"
"$@"
