#!/usr/bin/env bash
# The browser tests (test/browser/) drive Debian's Chromium through playwright-core. Install it
# when it is absent; as root directly, otherwise through sudo.
set -euo pipefail
source "$(dirname "$0")/retry.sh"
if [ -x /usr/bin/chromium ]; then exit 0; fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
retry "${as_root[@]}" apt-get update
retry "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
