#!/usr/bin/env bash
# Makes a real Docker Engine answer on /var/run/docker.sock, with gVisor's
# runsc as the default runtime when we start the engine ourselves.
set -euo pipefail
source "$(dirname "$0")/common.sh"

engine_up() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Merges Layerlab's runtimes into daemon.json without dropping keys an
# operator set by hand.
write_daemon_json() {
  mkdir -p /etc/docker
  node - <<'JS'
const fs = require('fs');
const file = '/etc/docker/daemon.json';
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
fs.writeFileSync(file, JSON.stringify(cfg, null, 2) + '\n');
JS
}

start_dockerd() {
  setsid dockerd >/var/log/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do engine_up && return 0; sleep 0.5; done
  echo "dockerd did not answer within 30 s; see /var/log/dockerd.log" >&2
  tail -n 20 /var/log/dockerd.log >&2
  return 1
}

if engine_up; then
  runtime=$(docker info --format '{{.DefaultRuntime}}' 2>/dev/null || echo unknown)
  if [ "$runtime" != runsc ]; then
    note "A Docker Engine is already running with default runtime '$runtime' (not gVisor). Layerlab keeps it; /healthz reports runtime '$runtime'."
  else
    note "Docker Engine already running (runtime runsc)."
  fi
  if [ "$(docker network inspect bridge --format '{{index .Options "com.docker.network.bridge.enable_icc"}}' 2>/dev/null)" != false ]; then
    note "The running engine's default bridge lets containers talk to each other; build steps use it, so /healthz reports the build network unhealthy. Restart dockerd after this script has set \"icc\": false in /etc/docker/daemon.json, or stop it and run this script."
    [ -w /etc/docker/daemon.json ] && write_daemon_json || true
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
step "Registering gVisor (runsc) as the default runtime" write_daemon_json
step "Starting dockerd" start_dockerd
note "Docker Engine $(docker version --format '{{.Server.Version}}') running, default runtime $(docker info --format '{{.DefaultRuntime}}')."
