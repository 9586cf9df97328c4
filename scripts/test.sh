#!/usr/bin/env bash
# npm test: the same set-up as npm start for what tests need, then every tier.
# Every tier runs even when an earlier one fails; the exit code is non-zero
# if any failed.
set -uo pipefail
source "$(dirname "$0")/setup/common.sh"
cd "$LAYERLAB_ROOT"
t_start=$SECONDS

export DATABASE_URL="${LAYERLAB_TEST_DATABASE_URL:-file:./data/test.db}"
export LAYERLAB_WEB_PORT="${LAYERLAB_TEST_WEB_PORT:-3300}"
export LAYERLAB_SANDBOX_PORT="${LAYERLAB_TEST_SANDBOX_PORT:-4300}"

echo "Layerlab tests: setting up"
require_root
require_disk 2000 "$LAYERLAB_ROOT"
bash scripts/setup/deps.sh || exit 1
bash scripts/setup/engine.sh || exit 1
bash scripts/setup/images.sh || exit 1
bash scripts/setup/registry.sh || exit 1
bash scripts/setup/network.sh || exit 1
bash scripts/setup/browser.sh || exit 1
rm -f data/test.db data/test.db-wal data/test.db-shm
bash scripts/setup/database.sh || exit 1
# The same database tests run against a real PostgreSQL too.
LAYERLAB_TEST_PG_URL="$(bash scripts/setup/postgres.sh)" || exit 1
export LAYERLAB_TEST_PG_URL LAYERLAB_REQUIRE_PG=1

failed=()
tier() {
  local name="$1"; shift
  local t0=$SECONDS
  echo; echo "=== $name ==="
  if "$@"; then echo "=== $name: passed ($((SECONDS - t0))s)"; else echo "=== $name: FAILED ($((SECONDS - t0))s)"; failed+=("$name"); fi
}

tier "types" node_modules/.bin/tsc --noEmit -p .
# The abuse tier checks the production bundle and headers, so build first.
tier "web build" bash scripts/setup/web-build.sh
tier "lessons:check" node_modules/.bin/tsx scripts/lessons-check.ts
tier "unit" env LAYERLAB_TEST_TIER=unit node_modules/.bin/vitest run
tier "engine" env LAYERLAB_TEST_TIER=docker node_modules/.bin/vitest run
tier "abuse" env LAYERLAB_TEST_TIER=abuse node_modules/.bin/vitest run
tier "e2e" node_modules/.bin/playwright test -c e2e/playwright.config.ts

echo
echo "Tests finished in $((SECONDS - t_start))s."
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed tiers: ${failed[*]}"
  exit 1
fi
echo "All tiers passed."
