#!/usr/bin/env bash
# The sandbox network policy (DESIGN §5): learners' containers and build
# steps reach Debian's mirror and DNS, and nothing else — not this host's
# services, not each other, not link-local or private ranges.
# Re-running replaces the rules, so it also picks up a changed mirror address.
set -euo pipefail
source "$(dirname "$0")/common.sh"

NET=layerlab-sandbox
BRIDGE=llbr0
SUBNET="${LAYERLAB_SANDBOX_SUBNET:-172.30.0.0/22}"

ensure_network() {
  docker network inspect "$NET" >/dev/null 2>&1 && return 0
  docker network create -d bridge --subnet "$SUBNET" \
    -o com.docker.network.bridge.name=$BRIDGE \
    -o com.docker.network.bridge.enable_icc=false \
    --label org.layerlab.network=sandbox "$NET"
}

mirror_ips() {
  local host; host=$(apt_mirror | sed -E 's#^https?://##; s#/.*##')
  getent ahostsv4 "$host" | awk '{print $1}' | sort -u
  # Security updates come from their own host in the apt sources.
  awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/debian.sources 2>/dev/null | sed -E 's#^https?://##; s#/.*##' | sort -u \
    | while read -r h; do getent ahostsv4 "$h" | awk '{print $1}'; done | sort -u
}

resolver_ips() { awk '$1=="nameserver" && $2 ~ /^[0-9.]+$/ {print $2}' /etc/resolv.conf; }

install_rules() {
  local egress=LAYERLAB-EGRESS host=LAYERLAB-HOST
  iptables -N $egress 2>/dev/null || iptables -F $egress
  iptables -N $host 2>/dev/null || iptables -F $host
  iptables -A $egress -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
  for ip in $(resolver_ips); do
    iptables -A $egress -d "$ip" -p udp --dport 53 -j RETURN
    iptables -A $egress -d "$ip" -p tcp --dport 53 -j RETURN
  done
  for ip in $(mirror_ips | sort -u); do
    iptables -A $egress -d "$ip" -p tcp -m multiport --dports 80,443 -j RETURN
  done
  # Reject rather than drop: a learner's curl fails at once with a clear error.
  iptables -A $egress -p tcp -j REJECT --reject-with tcp-reset
  iptables -A $egress -j REJECT --reject-with icmp-admin-prohibited

  iptables -A $host -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  iptables -A $host -p tcp -j REJECT --reject-with tcp-reset
  iptables -A $host -j REJECT --reject-with icmp-admin-prohibited

  for ifc in $BRIDGE docker0; do
    while iptables -D DOCKER-USER -i $ifc -j $egress 2>/dev/null; do :; done
    iptables -I DOCKER-USER -i $ifc -j $egress
    while iptables -D INPUT -i $ifc -j $host 2>/dev/null; do :; done
    iptables -I INPUT -i $ifc -j $host
  done
}

step "Creating the sandbox network ($NET, no traffic between containers)" ensure_network
step "Installing the sandbox firewall (mirror and DNS only)" install_rules
