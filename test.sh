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
dotnet test Partenariat.Functions.sln "$@"
