#!/usr/bin/env bash
# Installs the npm dependencies from the committed lock file, once per lock.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$LAYERLAB_ROOT"
stamp=node_modules/.layerlab-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  note "npm dependencies up to date."
else
  # better-sqlite3 compiles from source here (no prebuilt download): ~1.5 min.
  step "Installing npm dependencies (npm ci, about 3 min the first time)" npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
