# The Docker Engine's data root on a filesystem of its own. Sourced by
# engine.sh (after common.sh), not run.
#
# The engine's data root lives on a loop-mounted XFS made from a sparse file
# on the host: whatever the engine writes (a commit that writes a learner's
# sparse files out in full, an archive ADD unpacks, a volume), the host's own
# filesystem loses at most the file's size, and `discard` hands the blocks
# the engine frees back to the host. Where the kernel has XFS quotas, the
# mount has pquota and overlay2 caps every container and build step at the
# session's disk (storage-opts overlay2.size); where it has not (this kind
# of machine's kernel: CONFIG_XFS_QUOTA is off), the set-up says so and the
# per-session cap is the server's measurement (README, "Disk per session").
# LAYERLAB_ENGINE_DISK: the file's size (default 40g, at most 60% of the
# free space when it is made), or off to keep the engine's own data root.
ENGINE_DISK="${LAYERLAB_ENGINE_DISK:-40g}"
ENGINE_DISK_FILE="${LAYERLAB_ENGINE_DISK_FILE:-$LAYERLAB_STATE/engine-disk.xfs}"
ENGINE_DATA_ROOT="${LAYERLAB_ENGINE_DATA_ROOT:-$LAYERLAB_STATE/engine}"
DAEMON_JSON="${LAYERLAB_DAEMON_JSON:-/etc/docker/daemon.json}"

to_bytes() {
  local v="${1,,}" n mult=1
  n="${v%%[kmg]*}"
  case "$v" in *k*) mult=1024 ;; *m*) mult=$((1024 ** 2)) ;; *g*) mult=$((1024 ** 3)) ;; esac
  [[ "$n" =~ ^[0-9]+$ ]] || return 1
  echo $((n * mult))
}

engine_disk_mounted() { mountpoint -q "$ENGINE_DATA_ROOT" && [ "$(findmnt -no FSTYPE "$ENGINE_DATA_ROOT")" = xfs ]; }
engine_disk_quota() { engine_disk_mounted && findmnt -no OPTIONS "$ENGINE_DATA_ROOT" | grep -qE '(^|,)(prjquota|pquota)(,|$)'; }

# Makes (once) and mounts the data root's filesystem. Idempotent: after a
# reboot it attaches the same file again. Returns non-zero, having changed
# nothing the engine uses, where the kernel or the disk refuses.
mount_engine_disk() {
  engine_disk_mounted && return 0
  apt_install xfsprogs
  mkdir -p "$(dirname "$ENGINE_DISK_FILE")" "$ENGINE_DATA_ROOT"
  if [ ! -f "$ENGINE_DISK_FILE" ]; then
    local want free
    want=$(to_bytes "$ENGINE_DISK") || { echo "LAYERLAB_ENGINE_DISK=$ENGINE_DISK is not a size like 40g (or off)" >&2; return 1; }
    free=$(( $(df -Pk "$(dirname "$ENGINE_DISK_FILE")" | awk 'NR==2 {print $4}') * 1024 ))
    [ "$want" -le $((free * 6 / 10)) ] || want=$((free * 6 / 10))
    if [ "$want" -lt $((8 * 1024 ** 3)) ]; then
      echo "only $((free / 1024 ** 3)) GiB free: too little for the engine's own filesystem (8 GiB at least)" >&2
      return 1
    fi
    # Sparse: it takes host space only as the engine writes.
    truncate -s "$want" "$ENGINE_DISK_FILE.new"
    # ftype=1: overlay2 needs d_type.
    mkfs.xfs -q -f -n ftype=1 "$ENGINE_DISK_FILE.new"
    mv "$ENGINE_DISK_FILE.new" "$ENGINE_DISK_FILE"
  fi
  local dev
  dev=$(losetup -j "$ENGINE_DISK_FILE" | head -n1 | cut -d: -f1)
  [ -n "$dev" ] || dev=$(losetup --find --show "$ENGINE_DISK_FILE")
  if ! mount -t xfs -o noatime,discard,pquota "$dev" "$ENGINE_DATA_ROOT" 2>/dev/null; then
    if ! mount -t xfs -o noatime,discard "$dev" "$ENGINE_DATA_ROOT"; then
      losetup -d "$dev" || true
      return 1
    fi
  fi
}

# Where the engine's data root should be, as daemon.json should say it.
want_data_root() { if [ "$ENGINE_DISK" != off ] && engine_disk_mounted; then echo "$ENGINE_DATA_ROOT"; fi; }

# Prints what the data root gives the host; a warning where the kernel or
# the disk refused part of it.
report_engine_disk() {
  if [ "$ENGINE_DISK" = off ]; then
    note "LAYERLAB_ENGINE_DISK=off: the engine keeps its own data root; a session's disk is measured only (/healthz says so)."
  elif ! engine_disk_mounted; then
    note "WARNING: the engine's data root could not be put on a filesystem of its own (see above); the host's disk is bounded by the server's measurements only (/healthz: disk.enforcement measured)."
  elif engine_disk_quota; then
    note "Engine data root: $ENGINE_DATA_ROOT, XFS with project quotas on $ENGINE_DISK_FILE ($(df -Ph "$ENGINE_DATA_ROOT" | awk 'NR==2 {print $2}')): every container and build step is capped by the kernel."
  else
    note "Engine data root: $ENGINE_DATA_ROOT, XFS on $ENGINE_DISK_FILE ($(df -Ph "$ENGINE_DATA_ROOT" | awk 'NR==2 {print $2}'), the most the engine can take from the host)."
    note "WARNING: this kernel has no XFS quotas, so overlay2 cannot cap each container (storage-opt size); a session's disk is measured by the server (/healthz: disk.enforcement measured)."
  fi
}
