#!/usr/bin/env bash
# The browser tests (test/browser/) drive Debian's Chromium through playwright-core. Install it when
# it is absent: as root directly, otherwise through a sudo that needs no password. Without either
# (or when the install fails) the browser tests are skipped with a notice, so that `npm test` runs
# without root; CI sets SPYPIXEL_REQUIRE_BROWSER=1, which turns that skip into a failure.
# SPYPIXEL_CHROMIUM names another Chromium binary to use (it is never installed).
set -euo pipefail
source "$(dirname "$0")/retry.sh"
chromium="${SPYPIXEL_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi

give_up() {
  echo "install-chromium: $1" >&2
  if [ "${SPYPIXEL_REQUIRE_BROWSER:-}" = "1" ]; then
    echo "install-chromium: SPYPIXEL_REQUIRE_BROWSER=1: the browser tests must run; failing." >&2
    exit 1
  fi
  echo "install-chromium: NOTICE: the browser tests (test/browser/) will be SKIPPED." >&2
  echo "install-chromium: to run them, install Chromium as root: apt-get install chromium" >&2
  exit 0
}

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    as_root=(sudo -n)
  else
    give_up "no Chromium at $chromium, and installing it needs root (no password-less sudo)."
  fi
fi
[ "$chromium" = /usr/bin/chromium ] || give_up "no Chromium at $chromium (SPYPIXEL_CHROMIUM)."
install() {
  retry "${as_root[@]}" apt-get update &&
    retry "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}
if install && [ -x "$chromium" ]; then
  "$chromium" --version
  exit 0
fi
give_up "installing Chromium with apt-get failed."
