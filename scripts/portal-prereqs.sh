#!/usr/bin/env bash
# Sourced by the suites that start a portal (scripts/e2e.sh, scripts/install-test.sh) with their name and the
# ports they need: installs Debian's chromium package when absent, and refuses to go on while one of those
# ports is taken (a portal already running would answer in place of the one under test).
# Usage: source scripts/portal-prereqs.sh <suite name> <port>...
portal_prereqs() {
  local suite="$1"
  shift
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    echo "$suite: installing Debian's chromium package" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null || return 1
  fi
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$suite: port $port is in use; stop the running portal first" >&2
      return 1
    fi
  done
}
portal_prereqs "$@"
