# Shared by test.sh and .ci/run (sourced, not run): makes sure Debian's chromium is installed, the
# browser the page tests drive through Playwright (never a browser downloaded by Playwright itself).
# Installs it with apt-get when it is missing and this shell may (root, apt-get present); otherwise
# says what to do and returns 1.
PARTENARIAT_CHROMIUM=${PARTENARIAT_CHROMIUM:-/usr/bin/chromium}
ensure_chromium() {
  if [ -x "$PARTENARIAT_CHROMIUM" ]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null; then
    echo "The page tests need Chromium at $PARTENARIAT_CHROMIUM (Debian's package 'chromium'); apt-get is not here to install it." >&2
    echo "Install Chromium, or set PARTENARIAT_CHROMIUM to its executable." >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "The page tests need Debian's chromium: run 'apt-get install -y chromium' as root." >&2; return 1; }
    sudo="sudo"
  fi
  echo "Installing Debian's chromium for the page tests (apt-get install chromium)..."
  if ! { $sudo apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
      || { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y --no-install-recommends chromium >/dev/null; }; }; then
    echo "apt-get could not install chromium; the page tests cannot run. Install it by hand: apt-get install -y chromium" >&2
    return 1
  fi
  [ -x "$PARTENARIAT_CHROMIUM" ] || { echo "chromium was installed but $PARTENARIAT_CHROMIUM is not there." >&2; return 1; }
}
