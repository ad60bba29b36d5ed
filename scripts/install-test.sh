#!/usr/bin/env bash
# The install test: packs every published package (they must be built: yarn build:all), creates a brand-new
# portal with @backstage/create-app in a temporary folder, installs the packages into it by the README's
# install steps only, configures one SQL audience and one webhook destination, starts it, and checks the
# health route, the audience's member count, the Audience Syncs page in Debian's Chromium and a sync run end
# to end. Jest's results go to test-results/install.json, the portal's log and a screenshot to
# test-results/install/. Needs the npm registry, and ports 3000 and 7007 free. About 10 minutes, most of it
# the new portal's `yarn install` compiling native modules.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1
source scripts/portal-prereqs.sh install-test 3000 7007 || exit 1

rm -f test-results/install.json
mkdir -p test-results
CI=true yarn workspace @internal/e2e-tests install-test --json --outputFile "$PWD/test-results/install.json" "$@"
