# shellcheck shell=bash
# Sourced by scripts/test.sh and .ci/run: makes a local PostgreSQL answer on 127.0.0.1:$PG_PORT for the
# store tests (the same engine production uses) and exports the connection string that Backstage's
# TestDatabases reads. Installs Debian's postgresql package when no server binaries are present, and runs a
# private cluster (trust auth on loopback only) in /tmp so it never touches a system cluster. Idempotent.

PG_PORT="${PG_PORT:-54329}"
PG_DATA="${PG_DATA:-/tmp/audience-syncs-pg}"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

ensure_postgres() {
  local bin
  bin="$(pg_bin)"
  if [ -z "$bin" ]; then
    echo "postgres: installing Debian's postgresql package" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null || return 1
    bin="$(pg_bin)"
  fi
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      mkdir -p "$PG_DATA"
      [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA"
      as_postgres "'$bin/initdb' -D '$PG_DATA' -U postgres --auth=trust -E UTF8 >/dev/null" || return 1
    fi
    as_postgres "'$bin/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/server.log' -w -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" start >/dev/null" || return 1
  fi
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$PG_PORT"
}

ensure_postgres
