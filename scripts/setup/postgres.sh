#!/usr/bin/env bash
# A real PostgreSQL for the tests of the production database path: installs
# Debian's postgresql if missing, starts a cluster of our own (not Debian's
# main cluster; no systemd) listening on 127.0.0.1 only, and creates a fresh
# database. Prints its URL on stdout and nothing else, so callers can write
#   export LAYERLAB_TEST_PG_URL="$(bash scripts/setup/postgres.sh)"
# Settings: LAYERLAB_PG_PORT (5433), LAYERLAB_PG_DB (layerlab_test),
# LAYERLAB_PG_KEEP=1 keeps an existing database instead of recreating it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
exec 3>&1 1>&2 # progress to stderr; only the URL goes to the caller

port="${LAYERLAB_PG_PORT:-5433}"
db="${LAYERLAB_PG_DB:-layerlab_test}"
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "LAYERLAB_PG_DB must be a plain lower-case name, got '$db'"
[[ "$port" =~ ^[0-9]+$ ]] || die "LAYERLAB_PG_PORT must be a port number, got '$port'"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  require_root
  step "Installing Debian's postgresql" bash -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql'
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
ver=$(basename "$(dirname "$bin")")
data="$LAYERLAB_STATE/postgres-$ver"
run_pg() { runuser -u postgres -- "$@"; }

mkdir -p "$LAYERLAB_STATE"
if [ ! -f "$data/PG_VERSION" ]; then
  install -d -o postgres -g postgres -m 700 "$data"
  pw_file="$data/.layerlab-password"
  # The password never leaves this machine; it only keeps other local users out.
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "/tmp/.layerlab-pg-pw.$$"
  chown postgres "/tmp/.layerlab-pg-pw.$$"
  step "Creating a PostgreSQL $ver cluster in $data" run_pg "$bin/initdb" -D "$data" -U postgres \
    --auth-local=peer --auth-host=scram-sha-256 --pwfile="/tmp/.layerlab-pg-pw.$$" -E UTF8 --locale=C.UTF-8
  install -o postgres -g postgres -m 600 "/tmp/.layerlab-pg-pw.$$" "$pw_file"
  rm -f "/tmp/.layerlab-pg-pw.$$"
fi
password=$(cat "$data/.layerlab-password")

if ! run_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  # setsid: the server must outlive this script and the terminal that ran it.
  # fsync off: a test cluster, thrown away at will; speed matters more here.
  # 3>&-: the server must not inherit the caller's $(...) pipe, or the
  # caller waits for it to close, that is, forever.
  step "Starting PostgreSQL $ver on 127.0.0.1:$port" setsid runuser -u postgres -- "$bin/pg_ctl" -D "$data" \
    -l "$data/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off -c synchronous_commit=off" start 3>&-
fi
psql_pg() { run_pg psql -h "$data" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
have=$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = '$db'")
if [ "$have" = 1 ] && [ "${LAYERLAB_PG_KEEP:-0}" != 1 ]; then
  psql_pg -c "DROP DATABASE \"$db\" WITH (FORCE)"
  have=
fi
[ "$have" = 1 ] || psql_pg -c "CREATE DATABASE \"$db\""
note "PostgreSQL $ver ready: database $db on 127.0.0.1:$port"
echo "postgresql://postgres:$password@127.0.0.1:$port/$db" >&3
