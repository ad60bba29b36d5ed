#!/usr/bin/env bash
# Runs every check and test: type check, API reports, build of every package, app and backend, lint,
# formatting, all Jest projects (SQLite, PostgreSQL and MariaDB), then the end-to-end suite in a real browser
# against the portal (scripts/e2e.sh; E2E=0 skips it) and the install test, the built packages installed into
# a portal made by create-app (scripts/install-test.sh; INSTALL_TEST=0 skips it).
# Installs what it needs first (Node 22, Yarn 4, dependencies, a local PostgreSQL and MariaDB, Debian's
# Chromium). The last line is "N passed, N failed": Jest's test counts of both, with each failed static
# check or crashed test file added to failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1
source scripts/postgres.sh || exit 1
source scripts/mariadb.sh || exit 1

failed_checks=0
check() {
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then echo "== $name: ok"; else echo "== $name: FAILED"; failed_checks=$((failed_checks + 1)); fi
}

check "type check" yarn tsc
# Reads the declarations the type check wrote to dist-types: a changed public API fails until its report is updated.
check "API reports" yarn build:api-reports:only --ci
check "build" yarn build:all
check "lint" yarn lint:all
check "formatting" yarn prettier:check

mkdir -p test-results
rm -f test-results/jest.json test-results/e2e.json
echo "== tests"
CI=true yarn backstage-cli repo test --json --outputFile test-results/jest.json "$@"
jest_exit=$?
results=(test-results/jest.json)

# The browser suite (scripts/e2e.sh) starts the portal itself; E2E=0 skips it.
e2e_exit=0
if [ "${E2E:-1}" != 0 ]; then
  echo "== end-to-end"
  ./scripts/e2e.sh
  e2e_exit=$?
  results+=(test-results/e2e.json)
fi

# The install test (scripts/install-test.sh) installs the built packages into a portal made by create-app;
# INSTALL_TEST=0 skips it.
install_exit=0
if [ "${INSTALL_TEST:-1}" != 0 ]; then
  echo "== install test"
  ./scripts/install-test.sh
  install_exit=$?
  results+=(test-results/install.json)
fi

summary="$(node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(passed, failed);
' "${results[@]}")"
read -r passed failed <<<"$summary"
failed=$((failed + failed_checks))
if { [ "$jest_exit" -ne 0 ] || [ "$e2e_exit" -ne 0 ] || [ "$install_exit" -ne 0 ]; } && [ "$failed" -eq 0 ]; then failed=1; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
