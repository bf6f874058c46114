#!/usr/bin/env bash
# Runs Partenariat on this machine: Azurite on 127.0.0.1 (its data kept in .azurite/ across runs)
# and the self-contained host on http://127.0.0.1:7071. Ctrl+C stops both.
# With AzureWebJobsStorage set in the environment, that storage is used and no Azurite is started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. eng/azurite.sh

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -n "${AzureWebJobsStorage:-}" ]; then
  echo "Using the storage in AzureWebJobsStorage; no Azurite started."
elif port_open 10000 && port_open 10001 && port_open 10002; then
  echo "An Azurite already listens on 127.0.0.1:10000-10002; using it."
else
  ensure_azurite
  mkdir -p .azurite
  # Azurite runs under tools/supervise.mjs, reading a pipe that only this script holds open: when the
  # script ends, however it ends, the pipe closes and Azurite stops.
  fifo=$(mktemp -u) && mkfifo "$fifo"
  node tools/supervise.mjs node node_modules/azurite/dist/src/azurite.js \
    --location .azurite --disableTelemetry --skipApiVersionCheck --silent \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 < "$fifo" > .azurite/azurite.log 2>&1 &
  azurite_pid=$!
  exec 3>"$fifo"
  rm -f "$fifo"
  trap 'exec 3>&-; wait "$azurite_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    port_open 10000 && port_open 10001 && port_open 10002 && break
    kill -0 "$azurite_pid" 2>/dev/null || { cat .azurite/azurite.log >&2; echo "Azurite did not start." >&2; exit 1; }
    sleep 0.2
  done
  echo "Azurite listens on 127.0.0.1:10000 (blobs), 10001 (queues), 10002 (tables); data in .azurite/"
fi

echo "Starting Partenariat on http://127.0.0.1:7071"
echo "  health:  http://127.0.0.1:7071/api/health"
echo "  OpenAPI: http://127.0.0.1:7071/openapi/v1.json"
dotnet run --project functions/Partenariat.SelfContainedHost -c Release -- "$@" 3>&-
