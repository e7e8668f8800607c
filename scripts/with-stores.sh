#!/usr/bin/env bash
# Runs a command with a throwaway Redis, PostgreSQL and Azurite (Azure Storage's emulator, for deals'
# files in Blob Storage) on loopback ports, then stops them by pid.
# Needs redis-server (Debian: apt-get install redis-server) and the PostgreSQL server programs
# (initdb, pg_ctl); as root, PostgreSQL runs as the postgres user, since initdb refuses root.
# Azurite is an npm package that needs Node 22 or newer: it is installed once into a cache folder (not the
# project: its hundreds of packages are no part of Dealbot) and run with Node 22 from scripts/node-home.sh.
# Usage: scripts/with-stores.sh <command...>   (the command sees TEST_REDIS_URL, TEST_POSTGRES_URL, TEST_AZURITE_URL)
set -euo pipefail
REDIS_PORT="${TEST_REDIS_PORT:-6390}"
PG_PORT="${TEST_PG_PORT:-5440}"
AZURITE_PORT="${TEST_AZURITE_PORT:-10090}"
AZURITE_VERSION=3.37.0
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
work="$(mktemp -d /tmp/dealbot-stores.XXXXXX)"
chmod 755 "$work"
redis_pid=""
azurite_pid=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null || true
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

node22="$(bash "$(dirname "$0")/node-home.sh" 22)"
azurite_home="${DEALBOT_AZURITE_HOME:-${TMPDIR:-/tmp}/dealbot-azurite-$AZURITE_VERSION}"
if [ ! -x "$azurite_home/node_modules/.bin/azurite-blob" ]; then
  PATH="$node22/bin:$PATH" npm install --silent --no-audit --no-fund --prefix "$azurite_home" "azurite@$AZURITE_VERSION" >/dev/null
fi
mkdir -p "$work/azurite"
"$node22/bin/node" "$azurite_home/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
  --location "$work/azurite" --silent --skipApiVersionCheck >"$work/azurite.log" 2>&1 &
azurite_pid=$!

for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$AZURITE_PORT") 2>/dev/null && break; sleep 0.1; done
echo "== Redis on 127.0.0.1:$REDIS_PORT, PostgreSQL on 127.0.0.1:$PG_PORT, Azurite (Blob) on 127.0.0.1:$AZURITE_PORT"
TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" \
  TEST_AZURITE_URL="http://127.0.0.1:$AZURITE_PORT/devstoreaccount1" "$@"
