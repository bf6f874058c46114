# Shared by run.sh and test.sh (sourced, not run): installs the pinned Azurite with `npm ci` when
# node_modules does not match package-lock.json.
ensure_azurite() {
  local stamp=node_modules/.partenariat-package-lock.json
  if [ -f node_modules/azurite/dist/src/azurite.js ] && cmp -s package-lock.json "$stamp"; then
    return 0
  fi
  command -v npm >/dev/null || { echo "Node.js 20 (with npm) is needed for Azurite, the storage emulator." >&2; return 1; }
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
}
