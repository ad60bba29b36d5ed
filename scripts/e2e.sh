#!/usr/bin/env bash
# The end-to-end suite: starts the portal with ./scripts/start.sh in a fresh data folder and walks the
# guide's journey in Debian's Chromium (headless, driven by playwright-core; no browser download). Installs
# Debian's chromium package when absent. Screenshots and the portal's log go to test-results/e2e/, Jest's
# results to test-results/e2e.json. Needs ports 3000, 7007 and the emulators' 7077, 7101–7106 free.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "e2e: installing Debian's chromium package" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null || exit 1
fi

for port in 3000 7007 7077 7101; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "e2e: port $port is in use; stop the running portal first" >&2
    exit 1
  fi
done

rm -rf test-results/e2e test-results/e2e.json
mkdir -p test-results/e2e
CI=true yarn workspace @internal/e2e-tests e2e --json --outputFile "$PWD/test-results/e2e.json" "$@"
