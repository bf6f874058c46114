#!/usr/bin/env bash
# Runs every test of the solution. Restores what it needs (NuGet, and Azurite through `npm ci`);
# the tests start their own Azurite on free loopback ports and stop it. TRX results go to
# artifacts/test-results/<project>.trx (tests/Directory.Build.props). Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. eng/azurite.sh
ensure_azurite
rm -rf artifacts/test-results
dotnet test Partenariat.Functions.sln "$@"
