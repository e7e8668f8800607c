#!/usr/bin/env bash
# Runs a command with a throwaway Redis and PostgreSQL on loopback ports, then stops both by pid.
# Needs redis-server (Debian: apt-get install redis-server) and the PostgreSQL server programs
# (initdb, pg_ctl); as root, PostgreSQL runs as the postgres user, since initdb refuses root.
# Usage: scripts/with-stores.sh <command...>   (the command sees TEST_REDIS_URL and TEST_POSTGRES_URL)
set -euo pipefail
REDIS_PORT="${TEST_REDIS_PORT:-6390}"
PG_PORT="${TEST_PG_PORT:-5440}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
work="$(mktemp -d /tmp/dealbot-stores.XXXXXX)"
chmod 755 "$work"
redis_pid=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  if [ -f "$work/pg/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -m fast stop >/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!

mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_pg "$PG_BIN/initdb" -D "$work/pg" -A trust -U postgres >"$work/initdb.log"
# Every role is trusted on loopback but one: entra_bot logs in with a password, as a managed identity logs
# in to Azure's PostgreSQL with a Microsoft Entra token (test/real-servers/entra-postgres.test.ts).
{ echo "host all entra_bot 127.0.0.1/32 scram-sha-256"; cat "$work/pg/pg_hba.conf"; } >"$work/pg_hba.conf"
mv "$work/pg_hba.conf" "$work/pg/pg_hba.conf"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg/pg_hba.conf"
as_pg "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c fsync=off -c max_connections=200" start >/dev/null

for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "== Redis on 127.0.0.1:$REDIS_PORT, PostgreSQL on 127.0.0.1:$PG_PORT"
TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" "$@"
