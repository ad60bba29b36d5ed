# shellcheck shell=bash
# Sourced by scripts/test.sh and .ci/run: makes a local MariaDB answer on 127.0.0.1:$MARIADB_PORT for the
# warehouse tests (audiences evaluated on a MySQL-family warehouse) and exports the connection string they
# read. Installs Debian's MariaDB server binaries (mariadb-server-core, no system service) when absent, and
# runs a private server (root without a password, loopback only) with its data in /tmp. Idempotent.

MARIADB_PORT="${MARIADB_PORT:-33069}"
MARIADB_DATA="${MARIADB_DATA:-/tmp/audience-syncs-mariadb}"

mariadb_answers() {
  mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MARIADB_PORT" -u root -e 'SELECT 1' >/dev/null 2>&1
}

ensure_mariadb() {
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    echo "mariadb: installing Debian's mariadb-server-core package" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq mariadb-server-core mariadb-client-core >/dev/null || return 1
  fi
  if ! mariadb_answers; then
    local user
    user="$(id -un)"
    if [ ! -d "$MARIADB_DATA/mysql" ]; then
      mkdir -p "$MARIADB_DATA"
      mariadb-install-db --no-defaults --datadir="$MARIADB_DATA" --user="$user" \
        --auth-root-authentication-method=normal --skip-test-db >"$MARIADB_DATA/install.log" 2>&1 || {
        cat "$MARIADB_DATA/install.log" >&2
        return 1
      }
    fi
    # Durability off (like the test PostgreSQL's fsync=off): a crash only means creating the databases again.
    (setsid /usr/sbin/mariadbd --no-defaults --user="$user" --datadir="$MARIADB_DATA" \
      --port="$MARIADB_PORT" --bind-address=127.0.0.1 --socket="$MARIADB_DATA/mariadb.sock" \
      --pid-file="$MARIADB_DATA/mariadb.pid" --log-error="$MARIADB_DATA/server.log" --skip-name-resolve \
      --max-connections=300 --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=0 \
      --skip-log-bin </dev/null >/dev/null 2>&1 &)
    local tries=0
    until mariadb_answers; do
      tries=$((tries + 1))
      if [ "$tries" -gt 60 ]; then
        echo "mariadb: the server did not answer on port $MARIADB_PORT (see $MARIADB_DATA/server.log)" >&2
        return 1
      fi
      sleep 0.5
    done
  fi
  export AUDIENCE_SYNCS_TEST_MYSQL_CONNECTION_STRING="mysql://root@127.0.0.1:$MARIADB_PORT"
}

ensure_mariadb
