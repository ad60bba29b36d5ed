#!/usr/bin/env bash
# Writes the API reports of the published packages (plugins/*) from dist-types, or with --ci checks that they
# are current. One package per run: a run over several packages analyses them in whatever order their
# package.json reads finish, and that order changes how unions are printed, so a report written by one run
# could fail the check of the next. Every argument goes to each run.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0
for dir in plugins/*/; do
  yarn backstage-repo-tools api-reports -o ae-wrong-input-file-type,ae-undocumented --validate-release-tags \
    "$@" "${dir%/}" || failed=1
done
exit "$failed"
