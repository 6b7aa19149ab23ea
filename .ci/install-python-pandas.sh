#!/usr/bin/env bash
# The README's pandas recipe (test/readme-recipes.test.ts) runs with Debian's python3-pandas under
# /usr/bin/python3. Install it when it is absent; as root directly, otherwise through sudo.
set -euo pipefail
source "$(dirname "$0")/retry.sh"
if /usr/bin/python3 -c 'import pandas' 2>/dev/null; then exit 0; fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
retry "${as_root[@]}" apt-get update
retry "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-pandas
/usr/bin/python3 -c 'import pandas; print("pandas", pandas.__version__)'
