#!/usr/bin/env bash
# Debian's Chromium for Playwright (no browser downloads are possible here),
# with CJK fonts so the Chinese interface renders in screenshots.
set -euo pipefail
source "$(dirname "$0")/common.sh"
if ! packages_missing chromium fonts-noto-cjk; then note "Chromium present."; exit 0; fi
require_root
step "Installing Debian's Chromium and CJK fonts for the browser tests" apt_install chromium fonts-noto-cjk
