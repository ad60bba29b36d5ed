#!/usr/bin/env bash
# Runs every check and test: type check, lint, formatting, then all Jest projects (SQLite and PostgreSQL).
# Installs what it needs first (Node 22, Yarn 4, dependencies, a local PostgreSQL). The last line is
# "N passed, N failed": Jest's test counts, with each failed static check or crashed test file added to failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh || exit 1
source scripts/postgres.sh || exit 1

failed_checks=0
check() {
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then echo "== $name: ok"; else echo "== $name: FAILED"; failed_checks=$((failed_checks + 1)); fi
}

check "type check" yarn tsc
check "lint" yarn lint:all
check "formatting" yarn prettier:check

mkdir -p test-results
rm -f test-results/jest.json
echo "== tests"
CI=true yarn backstage-cli repo test --json --outputFile test-results/jest.json "$@"
jest_exit=$?

summary="$(node -e '
  const fs = require("fs");
  const file = "test-results/jest.json";
  if (!fs.existsSync(file)) { console.log("0 0 1"); process.exit(0); }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  console.log(r.numPassedTests, r.numFailedTests, r.numRuntimeErrorTestSuites);
')"
read -r passed failed crashed <<<"$summary"
failed=$((failed + crashed + failed_checks))
if [ "$jest_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
