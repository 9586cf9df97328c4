#!/usr/bin/env bash
# Makes a real Docker Engine answer on /var/run/docker.sock, with gVisor's
# runsc as the default runtime when we start the engine ourselves, and its
# data root on a filesystem of its own (engine-disk.sh).
set -euo pipefail
source "$(dirname "$0")/common.sh"

engine_up() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# The engine's data root on a filesystem of its own: engine-disk.sh.
source "$(dirname "$0")/engine-disk.sh"

# Merges Layerlab's runtimes into daemon.json without dropping keys an
# operator set by hand.
write_daemon_json() {
  mkdir -p "$(dirname "$DAEMON_JSON")"
  DAEMON_JSON="$DAEMON_JSON" DATA_ROOT="$([ -n "${FORGET_DATA_ROOT:-}" ] || want_data_root)" OUR_ROOT="$ENGINE_DATA_ROOT" QUOTA_SIZE="$(engine_disk_quota && echo "${LAYERLAB_DISK_PER_SESSION:-2g}" || true)" node - <<'JS'
const fs = require('fs');
const file = process.env.DAEMON_JSON;
let cfg = {};
try { cfg = JSON.parse(fs.readFileSync(file, 'utf8')); } catch {}
cfg.runtimes = Object.assign({}, cfg.runtimes, {
  runsc: { path: '/usr/bin/runsc', runtimeArgs: ['--network=host'] },
  'runsc-nonet': { path: '/usr/bin/runsc', runtimeArgs: ['--network=none'] },
});
if (!process.env.LAYERLAB_RUNTIME || process.env.LAYERLAB_RUNTIME === 'runsc') cfg['default-runtime'] = 'runsc';
// Build steps run on the default bridge (LAYERLAB_BUILD_NETWORK): no
// traffic between its containers, as on the sandbox network.
cfg.icc = false;
cfg['log-driver'] = cfg['log-driver'] || 'json-file';
cfg['log-opts'] = Object.assign({ 'max-size': '1m', 'max-file': '1' }, cfg['log-opts']);
if (process.env.DATA_ROOT) cfg['data-root'] = process.env.DATA_ROOT;
else if (cfg['data-root'] === process.env.OUR_ROOT) delete cfg['data-root'];
// overlay2.size makes dockerd refuse to start without project quotas: set
// only where the mount has them.
const opts = (cfg['storage-opts'] || []).filter((o) => !/^overlay2\.size=/.test(o));
if (process.env.QUOTA_SIZE) opts.push(`overlay2.size=${process.env.QUOTA_SIZE}`);
if (opts.length) cfg['storage-opts'] = opts; else delete cfg['storage-opts'];
fs.writeFileSync(file, JSON.stringify(cfg, null, 2) + '\n');
JS
}

# Stops the dockerd this machine runs (pid file), waiting for it to exit.
stop_dockerd() {
  local pid
  pid=$(cat "$DOCKERD_PIDFILE" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || { echo "no running dockerd pid in $DOCKERD_PIDFILE" >&2; return 1; }
  kill -TERM "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  echo "dockerd ($pid) did not stop within 60 s" >&2
  return 1
}


# LAYERLAB_DOCKERD_ARGS and LAYERLAB_DOCKERD_PIDFILE exist for trying this
# script on a second engine (its own socket, exec root and pid file) without
# touching the machine's.
DOCKERD_PIDFILE="${LAYERLAB_DOCKERD_PIDFILE:-/var/run/docker.pid}"
DOCKERD_LOG="${LAYERLAB_DOCKERD_LOG:-/var/log/dockerd.log}"
start_dockerd() {
  # shellcheck disable=SC2086
  setsid dockerd --config-file "$DAEMON_JSON" ${LAYERLAB_DOCKERD_ARGS:-} >"$DOCKERD_LOG" 2>&1 < /dev/null &
  for _ in $(seq 1 60); do engine_up && return 0; sleep 0.5; done
  echo "dockerd did not answer within 30 s; see $DOCKERD_LOG" >&2
  tail -n 20 "$DOCKERD_LOG" >&2
  return 1
}

# The archive check of builds decompresses bzip2 and xz with these (sandbox-server/builds/archive-check.ts).
if packages_missing bzip2 xz-utils; then require_root; step "Installing bzip2 and xz-utils" apt_install bzip2 xz-utils; fi

# A running engine on another data root (the layout before the engine had a
# filesystem of its own) is moved over: the filesystem is made and mounted
# first, and only then is dockerd stopped and started on it. Its containers
# stop and its images stay behind on the old data root; images.sh and
# network.sh, run next, make the catalog and networks again.
if engine_up && [ "$ENGINE_DISK" != off ] && [ "$(docker info --format '{{.DockerRootDir}}')" != "$ENGINE_DATA_ROOT" ]; then
  require_root
  old_root=$(docker info --format '{{.DockerRootDir}}')
  if step "Making the engine's own filesystem ($ENGINE_DISK_FILE)" mount_engine_disk; then
    note "Moving Docker Engine from $old_root to $ENGINE_DATA_ROOT: dockerd restarts, its containers stop, the base images are built again."
    step "Stopping dockerd" stop_dockerd
    step "Writing daemon.json" write_daemon_json
    if ! step "Starting dockerd on $ENGINE_DATA_ROOT" start_dockerd; then
      note "WARNING: dockerd did not start on its own filesystem; starting it on $old_root again."
      FORGET_DATA_ROOT=1 write_daemon_json
      step "Starting dockerd" start_dockerd
    fi
    note "The old data root $old_root ($(du -sh "$old_root" 2>/dev/null | cut -f1)) is no longer used; remove it to free the space."
  fi
fi

if engine_up; then
  report_engine_disk
  runtime=$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null || echo unknown)
  if [ "$runtime" != runsc ]; then
    note "A Docker Engine is already running with default runtime '$runtime' (not gVisor). Layerlab keeps it; /healthz reports runtime '$runtime'."
  else
    note "Docker Engine already running (runtime runsc)."
  fi
  if [ "$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.enable_icc"}}' 2>/dev/null)" != false ]; then
    note "The running engine's default bridge lets containers talk to each other; build steps use it, so /healthz reports the build network unhealthy. Restart dockerd after this script has set \"icc\": false in /etc/docker/daemon.json, or stop it and run this script."
    [ -w "$DAEMON_JSON" ] && write_daemon_json || true
  fi
  exit 0
fi

require_root
if packages_missing docker.io runsc busybox-static debootstrap bzip2 xz-utils; then
  require_disk 4000 /var/lib
  require_mirror
  step "Installing Docker Engine, gVisor, busybox and debootstrap from Debian" \
    apt_install docker.io runsc busybox-static debootstrap iptables bzip2 xz-utils
fi
if [ "$ENGINE_DISK" != off ]; then step "Making the engine's own filesystem ($ENGINE_DISK_FILE)" mount_engine_disk || true; fi
step "Registering gVisor (runsc) as the default runtime" write_daemon_json
step "Starting dockerd" start_dockerd
report_engine_disk
note "Docker Engine $(docker version --format '{{.Server.Version}}') running, default runtime $(docker info --format '{{.DefaultRuntime}}')."
