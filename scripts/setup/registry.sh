#!/usr/bin/env bash
# A real local registry (Debian's docker-registry) for the push/pull lesson.
# It listens on the loopback only and asks for credentials that only the
# sandbox server holds: the engine pushes and pulls through it on a
# learner's behalf; nothing else reads it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
REG_DIR="$LAYERLAB_STATE/registry"
REG_PORT="${LAYERLAB_REGISTRY_PORT:-5000}"

CRED_FILE="${LAYERLAB_REGISTRY_CREDENTIALS:-$REG_DIR/credentials}"
# The registry answers only the sandbox server: it asks for credentials that
# only the server (and root on this host) can read.
creds() { cat "$CRED_FILE" 2>/dev/null; }
registry_up() { curl -fsS -o /dev/null -u "$(creds)" "http://127.0.0.1:$REG_PORT/v2/" 2>/dev/null; }
open_to_anyone() { curl -fsS -o /dev/null "http://127.0.0.1:$REG_PORT/v2/" 2>/dev/null; }
if [ -s "$CRED_FILE" ] && registry_up && ! open_to_anyone; then note "Lesson registry already answering on 127.0.0.1:$REG_PORT."; exit 0; fi
require_root
# One started by an older set-up answers anyone: stop it, it comes back with credentials.
if open_to_anyone; then pkill -f "docker-registry serve $REG_DIR/config.yml" || true; sleep 1; fi
if packages_missing docker-registry apache2-utils; then
  step "Installing Debian's docker-registry (push/pull lesson) and htpasswd" apt_install docker-registry apache2-utils
fi
mkdir -p "$REG_DIR/data"
if [ ! -s "$CRED_FILE" ]; then
  (umask 077; printf 'layerlab-sandbox:%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" > "$CRED_FILE")
fi
chmod 600 "$CRED_FILE"
(umask 077; htpasswd -Bbn "$(cut -d: -f1 "$CRED_FILE")" "$(cut -d: -f2- "$CRED_FILE")" > "$REG_DIR/htpasswd")
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
auth:
  htpasswd:
    realm: layerlab-lessons
    path: $REG_DIR/htpasswd
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
