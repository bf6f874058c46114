#!/usr/bin/env bash
# Runs Partenariat on this machine: Azurite on 127.0.0.1 (its data kept in .azurite/ across runs),
# MailDev, the SMTP sink whose page shows the mails sent (SMTP 127.0.0.1:1025, page
# http://127.0.0.1:1080), and the self-contained host on http://127.0.0.1:7071; prints the pages'
# URLs once the host answers. Ctrl+C (or SIGTERM to this script) stops them in order: the host first
# (it finishes and checkpoints the work in flight, within seconds), then MailDev, then Azurite.
# With AzureWebJobsStorage set in the environment, that storage is used and no Azurite is started;
# with Partenariat__Mail__Host set, that SMTP server is used and no MailDev is started.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. eng/azurite.sh

# The children stop in this order whatever ends the script (Ctrl+C, SIGTERM, an error): the host,
# then MailDev, then Azurite, each waited for. The supervisors of MailDev and Azurite ignore the
# signals their process group receives (SUPERVISE_STDIN_ONLY) and stop their child when the pipe this
# script holds closes; the host stops on SIGTERM.
host_pid="" maildev_pid="" azurite_pid=""
stop_children() {
  if [ -n "$host_pid" ]; then kill -TERM "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  if [ -n "$maildev_pid" ]; then exec 4>&-; wait "$maildev_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_pid" ]; then exec 3>&-; wait "$azurite_pid" 2>/dev/null || true; fi
}
trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
export SUPERVISE_STDIN_ONLY=1

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -n "${AzureWebJobsStorage:-}" ]; then
  echo "Using the storage in AzureWebJobsStorage; no Azurite started."
elif port_open 10000 && port_open 10001 && port_open 10002; then
  echo "An Azurite already listens on 127.0.0.1:10000-10002; using it."
else
  ensure_azurite
  mkdir -p .azurite
  # Azurite runs under tools/supervise.mjs, reading a pipe that only this script holds open: when the
  # script ends, however it ends (even killed), the pipe closes and Azurite stops.
  fifo=$(mktemp -u) && mkfifo "$fifo"
  node tools/supervise.mjs node node_modules/azurite/dist/src/azurite.js \
    --location .azurite --disableTelemetry --skipApiVersionCheck --silent \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 < "$fifo" > .azurite/azurite.log 2>&1 &
  azurite_pid=$!
  exec 3>"$fifo"
  rm -f "$fifo"
  for _ in $(seq 1 100); do
    port_open 10000 && port_open 10001 && port_open 10002 && break
    kill -0 "$azurite_pid" 2>/dev/null || { cat .azurite/azurite.log >&2; echo "Azurite did not start." >&2; exit 1; }
    sleep 0.2
  done
  echo "Azurite listens on 127.0.0.1:10000 (blobs), 10001 (queues), 10002 (tables); data in .azurite/"
fi

# Each child reads a pipe that only this script holds open (fd 4 for MailDev): when the script ends,
# however it ends, the pipe closes and the child stops.
mail_page=""
if [ -n "${Partenariat__Mail__Host:-}" ]; then
  echo "Mail goes to ${Partenariat__Mail__Host}; no MailDev started."
elif port_open 1025 || port_open 1080; then
  echo "Ports 1025/1080 are taken: no MailDev started, and mail is off (set Partenariat__Mail__Host to use an SMTP server)." >&2
else
  ensure_azurite # MailDev comes with the same npm ci
  mkdir -p .maildev
  fifo=$(mktemp -u) && mkfifo "$fifo"
  node tools/supervise.mjs node node_modules/maildev/dist/bin/maildev.js --ip 127.0.0.1 --web-ip 127.0.0.1 -s 1025 -w 1080 \
    --mail-directory .maildev --silent < "$fifo" > .maildev/maildev.log 2>&1 3>&- &
  maildev_pid=$!
  exec 4>"$fifo"
  rm -f "$fifo"
  for _ in $(seq 1 100); do port_open 1025 && port_open 1080 && break; sleep 0.2; done
  export Partenariat__Mail__Host=127.0.0.1 Partenariat__Mail__Port=1025 Partenariat__Mail__Security=None
  export Partenariat__Mail__Reviewers="${Partenariat__Mail__Reviewers:-comite@action-logement.example}"
  export Partenariat__Mail__Landlords__123456782="${Partenariat__Mail__Landlords__123456782:-contact@habitat-test.example}"
  export Partenariat__Mail__Landlords__987654324="${Partenariat__Mail__Landlords__987654324:-contact@bailleur-deux.example}"
  mail_page="http://127.0.0.1:1080"
fi
export Partenariat__Mail__PagesUrl="${Partenariat__Mail__PagesUrl:-http://127.0.0.1:7071/api/pages/}"

echo "Building and starting Partenariat on http://127.0.0.1:7071 ..."
dotnet build functions/Partenariat.SelfContainedHost -c Release --nologo -v quiet 3>&- 4>&-
# The host itself, not `dotnet run`, is this script's child: the SIGTERM of stop_children reaches it.
dotnet functions/Partenariat.SelfContainedHost/bin/Release/net10.0/Partenariat.SelfContainedHost.dll "$@" 3>&- 4>&- &
host_pid=$!
# The URLs once the host answers, not before (the first build takes a while).
until curl -fsS -o /dev/null http://127.0.0.1:7071/api/health 2>/dev/null; do
  kill -0 "$host_pid" 2>/dev/null || { status=0; wait "$host_pid" || status=$?; host_pid=""; exit "$status"; }
  sleep 1
done
cat <<URLS

Partenariat is ready:
  pages (landlords, reviewers, steering committee, operators): http://127.0.0.1:7071/api/pages/
    landlord:  http://127.0.0.1:7071/api/pages/bailleur.html      key local-landlord-123456782-key
    reviewer:  http://127.0.0.1:7071/api/pages/instruction.html   key local-reviewer-key
    steering:  http://127.0.0.1:7071/api/pages/pilotage.html      key local-steering-key
    operator:  http://127.0.0.1:7071/api/pages/exploitation.html  key local-operator-key
  mails sent: ${mail_page:-(no SMTP sink started)}
  health:     http://127.0.0.1:7071/api/health
  OpenAPI:    http://127.0.0.1:7071/openapi/v1.json
Ctrl+C stops everything: the host first, then MailDev and Azurite.
URLS
status=0
wait "$host_pid" || status=$?
host_pid=""
exit "$status"
