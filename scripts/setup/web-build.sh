#!/usr/bin/env bash
# Builds the web for production, only when its sources changed since the
# last build.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$LAYERLAB_ROOT"
dist="${NEXT_DIST_DIR:-.next}"
inputs=()
for p in app components lib rate-limiter content public scripts/web next.config.ts tsconfig.json package-lock.json; do [ -e "$p" ] && inputs+=("$p"); done
# NUL-separated: fixture files may have spaces in their names.
want=$(find "${inputs[@]}" -type f ! -name '*.test.ts' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -f "$dist/BUILD_ID" ] && [ "$(cat "$dist/.layerlab-src-sha" 2>/dev/null)" = "$want" ]; then
  note "Web build up to date."
else
  step "Building the web for production (next build, about 1–2 min)" npx next build
  # Module bodies compiled off the browser's main thread (scripts/web/eager-factories.ts).
  step "Marking the build's module factories for eager compiling" npx tsx scripts/web/eager-chunks.ts "$dist"
  echo "$want" > "$dist/.layerlab-src-sha"
fi
