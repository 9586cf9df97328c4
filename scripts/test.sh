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

# Sessions that earlier test runs left behind would count against the host's
# session cap for their whole lifetime (two hours). Test sessions carry
# origin=test; dropping their markers makes them expired, and the first
# sandbox server of this run reaps what they held. A running product's
# sessions (origin=product) are never touched.
export LAYERLAB_SESSION_ORIGIN=test
stale=$(docker ps -aq --filter label=org.layerlab.kind=marker --filter label=org.layerlab.origin=test)
if [ -n "$stale" ]; then
  echo "Clearing $(wc -w <<<"$stale") session(s) left by earlier test runs"
  docker rm -f $stale >/dev/null
fi

failed=()
# A hung tier must fail on its own, not eat the whole CI budget: each gets a
# ceiling far above its usual time (the README lists the usual times).
tier() {
  local name="$1" limit="$2"; shift 2
  local t0=$SECONDS
  echo; echo "=== $name ==="
  if timeout --kill-after=20s "$limit" "$@"; then echo "=== $name: passed ($((SECONDS - t0))s)"; else
    local rc=$?
    [ $rc -eq 124 ] && echo "=== $name: stopped after its $limit ceiling"
    echo "=== $name: FAILED ($((SECONDS - t0))s)"; failed+=("$name")
  fi
}

tier "types" 5m node_modules/.bin/tsc --noEmit -p .
# The abuse tier checks the production bundle and headers, so build first.
tier "web build" 12m bash scripts/setup/web-build.sh
tier "lessons:check" 3m node_modules/.bin/tsx scripts/lessons-check.ts
tier "unit" 8m env LAYERLAB_TEST_TIER=unit node_modules/.bin/vitest run
tier "engine" 15m env LAYERLAB_TEST_TIER=docker node_modules/.bin/vitest run
tier "abuse" 12m env LAYERLAB_TEST_TIER=abuse node_modules/.bin/vitest run
tier "e2e" 15m node_modules/.bin/playwright test -c e2e/playwright.config.ts

echo
echo "Tests finished in $((SECONDS - t_start))s."
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed tiers: ${failed[*]}"
  exit 1
fi
echo "All tiers passed."
