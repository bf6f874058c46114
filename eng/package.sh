#!/usr/bin/env bash
# Builds the deployment package of the Azure Functions app: publishes functions/Partenariat.Functions
# in Release (the root host.json included) and zips the published folder, files at the zip's root, as
# the Flex Consumption plan's deployment (one deploy) expects. Needs only the .NET SDK.
#
#   eng/package.sh [--output <zip>]     default: artifacts/package/partenariat-functions.zip
#
# Then: az functionapp deployment source config-zip -g <group> -n <app> --src <zip> (README, "Deploy to Azure").
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
output="$root/artifacts/package/partenariat-functions.zip"

while [ $# -gt 0 ]; do
  case "$1" in
    -o|--output) [ $# -ge 2 ] || { echo "package.sh: $1 needs a path" >&2; exit 2; }; output="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$(dirname "$output")"
output="$(cd "$(dirname "$output")" && pwd)/$(basename "$output")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Publishing functions/Partenariat.Functions (Release)..."
dotnet publish "$root/functions/Partenariat.Functions/Partenariat.Functions.csproj" \
  --configuration Release --output "$work/publish" --nologo --verbosity quiet \
  --disable-build-servers -consoleLoggerParameters:ErrorsOnly

for required in host.json functions.metadata worker.config.json Partenariat.Functions.dll .azurefunctions; do
  if [ ! -e "$work/publish/$required" ]; then
    echo "package.sh: the published app has no '$required': it would not start on Azure Functions." >&2
    exit 1
  fi
done

# The zip step uses MSBuild's own ZipDirectory task, so that no zip tool has to be installed.
cat > "$work/zip.proj" <<'PROJ'
<Project>
  <Target Name="Zip">
    <ZipDirectory SourceDirectory="$(Source)" DestinationFile="$(Destination)" Overwrite="true" />
  </Target>
</Project>
PROJ
rm -f "$output"
dotnet msbuild "$work/zip.proj" -target:Zip -nologo -verbosity:quiet -nodeReuse:false \
  "-property:Source=$work/publish" "-property:Destination=$output"

echo "Package: $output ($(du -h "$output" | cut -f1))"
