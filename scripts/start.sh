#!/usr/bin/env bash
# npm start: everything from a fresh machine to the running product.
# Idempotent: each step skips what is already done.
set -euo pipefail
source "$(dirname "$0")/setup/common.sh"
cd "$LAYERLAB_ROOT"
t_start=$SECONDS

WEB_PORT="${LAYERLAB_WEB_PORT:-3000}"
SANDBOX_PORT="${LAYERLAB_SANDBOX_PORT:-4000}"
export DATABASE_URL="${DATABASE_URL:-file:./data/layerlab.db}"

echo "Layerlab: setting up (a second start skips what is done)"
require_root
require_port_free "$WEB_PORT" "web" LAYERLAB_WEB_PORT
require_port_free "$SANDBOX_PORT" "sandbox server" LAYERLAB_SANDBOX_PORT
require_disk 2000 "$LAYERLAB_ROOT"

bash scripts/setup/deps.sh
# Refuse bad settings before anything long runs.
node_modules/.bin/tsx scripts/check-settings.ts
bash scripts/setup/engine.sh
bash scripts/setup/images.sh
bash scripts/setup/registry.sh
bash scripts/setup/network.sh
bash scripts/setup/database.sh
bash scripts/setup/web-build.sh

# One supervisor runs both servers (the web also hosts the classroom socket)
# and starts again whichever exits, with backoff (scripts/supervise.ts).
sup=""
stop_all() {
  trap - INT TERM
  echo; echo "Stopping Layerlab…"
  [ -n "$sup" ] && kill -TERM "$sup" 2>/dev/null
  wait 2>/dev/null || true
  exit "${1:-0}"
}
trap stop_all INT TERM

LAYERLAB_SANDBOX_PORT="$SANDBOX_PORT" LAYERLAB_WEB_PORT="$WEB_PORT" NODE_ENV=production \
  node --import tsx scripts/supervise.ts &
sup=$!

wait_http() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}
wait_http "http://127.0.0.1:$SANDBOX_PORT/healthz" || { echo "The sandbox server did not answer on :$SANDBOX_PORT"; stop_all 1; }
wait_http "http://127.0.0.1:$WEB_PORT/" || { echo "The web did not answer on :$WEB_PORT"; stop_all 1; }

health=$(curl -fsS "http://127.0.0.1:$SANDBOX_PORT/healthz")
echo
printf '%sLayerlab is ready%s in %ss.\n' "$C_OK" "$C_OFF" "$((SECONDS - t_start))"
echo "  Open       http://localhost:$WEB_PORT"
echo "  Sandbox    http://localhost:$SANDBOX_PORT/healthz  $health"
echo "  Stop with Ctrl-C. A server that exits is started again (lines marked [supervisor])."
wait "$sup"
