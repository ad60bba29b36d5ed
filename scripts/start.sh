#!/usr/bin/env bash
# Starts the portal on the embedded defaults: the app on http://localhost:3000, the backend on :7007.
# Installs what it needs first (Node 22, Yarn 4, dependencies). State is kept under the git-ignored data/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
mkdir -p data/sqlite
exec yarn start "$@"
