#!/usr/bin/env bash
# Runs every test of the solution. Restores what it needs (NuGet; Azurite, MailDev and the pages'
# build tools through `npm ci`; Debian's chromium for the page tests, eng/chromium.sh); the tests
# start their own Azurite, SMTP sink and browser on free loopback ports and stop them. TRX results go to
# artifacts/test-results/<project>.trx (tests/Directory.Build.props). Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. eng/azurite.sh
. eng/chromium.sh
ensure_azurite
ensure_chromium
rm -rf artifacts/test-results
status=0
dotnet test Partenariat.Functions.sln "$@" || status=$?

# One line of totals from the TRX results of every test project (what CI reads).
passed=0; failed=0; skipped=0; files=0
for trx in artifacts/test-results/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  # VSTest counts a skipped test as not executed: total minus executed.
  skipped=$((skipped + $(value total) - $(value executed)))
done

if [ "$files" -eq 0 ] && [ "$status" -ne 0 ]; then
  echo "No test results: the build or the test run failed before any test ran (exit code $status)."
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
