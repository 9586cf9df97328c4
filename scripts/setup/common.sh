# Shared helpers for the set-up scripts: timed steps, clear failures.
# Sourced, not run.

LAYERLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LAYERLAB_STATE="${LAYERLAB_STATE:-/var/lib/layerlab}"
LAYERLAB_LOG_DIR="${LAYERLAB_LOG_DIR:-$LAYERLAB_ROOT/data/logs}"
mkdir -p "$LAYERLAB_LOG_DIR"

if [ -t 1 ]; then C_DIM=$'\e[2m'; C_OK=$'\e[32m'; C_ERR=$'\e[31m'; C_OFF=$'\e[0m'; else C_DIM=; C_OK=; C_ERR=; C_OFF=; fi

# step "what" command...: runs a command, prints how long it took, and on
# failure prints the tail of its log so the user sees why without digging.
step() {
  local what="$1"; shift
  local log="$LAYERLAB_LOG_DIR/$(echo "$what" | tr -c 'a-zA-Z0-9' '-' | tr -s '-' | sed 's/-$//').log"
  local t0=$SECONDS
  printf '%s→%s %s … ' "$C_DIM" "$C_OFF" "$what"
  if "$@" >"$log" 2>&1; then
    printf '%sdone%s (%ss)\n' "$C_OK" "$C_OFF" "$((SECONDS - t0))"
  else
    local rc=$?
    printf '%sfailed%s after %ss\n' "$C_ERR" "$C_OFF" "$((SECONDS - t0))"
    echo "---- last lines of $log ----"
    tail -n 25 "$log"
    echo "----"
    return $rc
  fi
}

die() { printf '%serror:%s %s\n' "$C_ERR" "$C_OFF" "$*" >&2; exit 1; }
note() { printf '  %s\n' "$*"; }

# The Debian mirror this machine's apt uses; containers and debootstrap use
# the same one, so the product works wherever apt works.
apt_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  echo "${uri%/}"
}

require_root() {
  [ "$(id -u)" = 0 ] || die "Layerlab's set-up installs Debian packages and starts Docker Engine, so it must run as root. Try: sudo npm start"
}

require_disk() {
  local need_mb="${1:-4000}" where="${2:-/var/lib}"
  local free_mb
  free_mb=$(df -Pm "$where" | awk 'NR==2 {print $4}')
  [ "${free_mb:-0}" -ge "$need_mb" ] || die "only ${free_mb} MB free on $(df -P "$where" | awk 'NR==2{print $6}'); Layerlab needs about ${need_mb} MB for Docker Engine and its base images. Free some space and run again."
}

# port_free PORT NAME: refuse to start over another program.
require_port_free() {
  local port="$1" name="$2"
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    local who
    who=$(ss -ltnp "sport = :$port" 2>/dev/null | awk 'NR==2 {print $NF}')
    die "port $port (the $name) is already in use${who:+ by $who}. Stop that program, or choose another port with ${3:-the settings}."
  fi
}

require_mirror() {
  local m; m=$(apt_mirror)
  [ -n "$m" ] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  if ! timeout 20 bash -c "exec 3<>/dev/tcp/$(echo "$m" | sed -E 's#^https?://##; s#/.*##')/80" 2>/dev/null; then
    die "cannot reach the Debian mirror $m. Layerlab installs Docker Engine and builds its base images from it: check the network or the apt sources."
  fi
}

apt_ready=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_ready = 0 ]; then apt-get update -q; apt_ready=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

packages_missing() {
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || return 0; done
  return 1
}
