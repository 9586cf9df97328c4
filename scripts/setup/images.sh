#!/usr/bin/env bash
# Seeds the base image catalog the lessons use. No registry is reachable, so
# every base image is made here from Debian's packages; an image that already
# exists is kept, so a second run does nothing.
set -euo pipefail
source "$(dirname "$0")/common.sh"
IMAGES_DIR="$LAYERLAB_ROOT/scripts/images"
# The label names the image's own repository: images built FROM a catalog
# image inherit it, and only names in that repository are the catalog's
# (sandbox-server/labels.ts).
CATALOG_KEY="org.layerlab.catalog"

# A catalog image under this name, labelled as this script labels it now
# (one labelled by an older version of it is made again).
have() {
  local want="${1%:*}"
  [ "$(docker image inspect --format "{{index .Config.Labels \"$CATALOG_KEY\"}}" "$1" 2>/dev/null)" = "$want" ]
}

# "1.35" from busybox's banner. sed reads all of it: `head -1` would close
# the pipe early and, with pipefail, busybox's SIGPIPE would end the script.
busybox_release() { /bin/busybox 2>&1 | sed -n -E '1s/^BusyBox v([0-9]+\.[0-9]+).*/\1/p'; }

make_busybox() {
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev"
  cp /bin/busybox "$root/bin/busybox"
  # Link every applet but busybox itself, or the binary is replaced by a
  # link to itself.
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"
  local version; version=$(busybox_release)
  tar -C "$root" -c . | docker import \
    -c 'CMD ["sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "LABEL $CATALOG_KEY=busybox" - "busybox:$version"
  docker tag "busybox:$version" busybox:latest
  rm -rf "$root"
}

make_debian() {
  local mirror dir; mirror=$(apt_mirror); dir=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$dir" "$mirror"
  # Keep the image small, as the slim variant does.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
  tar -C "$dir" -c . | docker import \
    -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "LABEL $CATALOG_KEY=debian" - debian:bookworm-slim
  docker tag debian:bookworm-slim debian:12-slim
  docker tag debian:bookworm-slim debian:bookworm
  rm -rf "$dir"
}

# build_from_debian FILE TAG EXPECT CMD...: builds and then checks that the
# tag tells the truth about the version Debian ships.
build_from_debian() {
  local file="$1" tag="$2" expect="$3"; shift 3
  docker build --label "$CATALOG_KEY=${tag%:*}" -f "$IMAGES_DIR/$file" -t "$tag" "$IMAGES_DIR"
  local got; got=$(docker run --rm "$tag" "$@" 2>&1)
  case "$got" in
    *"$expect"*) echo "$tag reports: $got" ;;
    *) echo "$tag was expected to report $expect but reports: $got" >&2; docker rmi "$tag"; return 1 ;;
  esac
}

busybox_version=$(busybox_release)
have "busybox:$busybox_version" && have busybox:latest || step "Making busybox:$busybox_version from busybox-static" make_busybox
have debian:bookworm-slim || { require_mirror; step "Making debian:bookworm-slim with debootstrap (about 1 min)" make_debian; }
have python:3.11-slim || step "Building python:3.11-slim from Debian's python3" build_from_debian python.Dockerfile python:3.11-slim "Python 3.11" python3 --version
have node:18-slim || step "Building node:18-slim from Debian's nodejs" build_from_debian node.Dockerfile node:18-slim "v18." node --version
if ! have nginx:1.22; then
  step "Building nginx:1.22 from Debian's nginx" build_from_debian nginx.Dockerfile nginx:1.22 "nginx/1.22" nginx -v
fi
have nginx:latest && [ "$(docker image inspect -f '{{.Id}}' nginx:latest)" = "$(docker image inspect -f '{{.Id}}' nginx:1.22)" ] || docker tag nginx:1.22 nginx:latest
note "Base images: $(for repo in busybox debian python node nginx; do
  docker images "$repo" --filter "label=$CATALOG_KEY=$repo" --format '{{.Repository}}:{{.Tag}}'
done | grep -v '<none>' | sort | tr '\n' ' ')"
