#!/usr/bin/env bash
# Starts the portal on the embedded defaults: the app on http://localhost:3000, the backend on :7007, and
# the vendor emulators that the demo destinations point at (webhook sink :7077, Facebook :7101, Google
# :7102…). Installs what it needs first (Node 22, Yarn 4, dependencies). State is kept under data/, or
# under $AUDIENCE_SYNCS_DATA_DIR (an absolute path) when set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
mkdir -p "${AUDIENCE_SYNCS_DATA_DIR:-data}/sqlite"
yarn workspace @internal/destination-emulators start &
emulators=$!
trap 'kill "$emulators" 2>/dev/null || true' EXIT
yarn start "$@"
