#!/usr/bin/env bash
# The end-to-end suite: starts the portal with ./scripts/start.sh in a fresh data folder and walks the
# a user's whole journey in Debian's Chromium (headless, driven by playwright-core; no browser download). Installs
# Debian's chromium package when absent. Screenshots and the portal's log go to test-results/e2e/, Jest's
# results to test-results/e2e.json. Needs ports 3000, 7007 and the emulators' 7077, 7101–7106 free.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1
source scripts/portal-prereqs.sh e2e 3000 7007 7077 7101 || exit 1

rm -rf test-results/e2e test-results/e2e.json
mkdir -p test-results/e2e
CI=true yarn workspace @internal/e2e-tests e2e --json --outputFile "$PWD/test-results/e2e.json" "$@"
