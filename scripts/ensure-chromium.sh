#!/usr/bin/env bash
# The console's browser tests (packages/local/tests/e2e/console) drive Debian's chromium with
# playwright-core (the npm browser downloads do not work on these machines). Installs it when
# it is missing and we are root; otherwise fails with what to do. CHROMIUM_PATH overrides.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium is missing: apt-get install -y chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x "$chromium" ] && exit 0
fi
echo "ensure-chromium: $chromium is missing. Install Debian's chromium (as root: apt-get update && apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
