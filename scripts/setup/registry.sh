#!/usr/bin/env bash
# A real local registry (Debian's docker-registry) for the push/pull lesson.
# It listens on the loopback only: the engine pushes and pulls through it on
# a learner's behalf; nothing outside this host reaches it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
REG_DIR="$LAYERLAB_STATE/registry"
REG_PORT="${LAYERLAB_REGISTRY_PORT:-5000}"

registry_up() { curl -fsS -o /dev/null "http://127.0.0.1:$REG_PORT/v2/" 2>/dev/null; }
if registry_up; then note "Lesson registry already answering on 127.0.0.1:$REG_PORT."; exit 0; fi
require_root
if packages_missing docker-registry; then
  step "Installing Debian's docker-registry for the push/pull lesson" apt_install docker-registry
fi
mkdir -p "$REG_DIR/data"
cat > "$REG_DIR/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REG_DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REG_PORT
YML
# Removed sessions' manifests are deleted through the API while it runs; the
# blobs only they used are freed here, while it is stopped (garbage-collect
# must not run beside pushes).
collect_garbage() { docker-registry garbage-collect --delete-untagged "$REG_DIR/config.yml"; }
if [ -d "$REG_DIR/data/docker" ]; then
  step "Freeing the registry's blobs of removed sessions" collect_garbage || note "garbage-collect failed; the registry starts anyway"
fi
start_registry() {
  setsid docker-registry serve "$REG_DIR/config.yml" >"$LAYERLAB_LOG_DIR/registry.log" 2>&1 < /dev/null &
  for _ in $(seq 1 40); do registry_up && return 0; sleep 0.25; done
  tail -n 20 "$LAYERLAB_LOG_DIR/registry.log"; return 1
}
step "Starting the lesson registry on 127.0.0.1:$REG_PORT" start_registry
