#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing (needs root, as in CI).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Thiếu /usr/bin/chromium (cần cho kiểm thử trình duyệt). Cài bằng: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "Installing Debian chromium for the browser tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
