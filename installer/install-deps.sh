#!/usr/bin/env bash
# Installs every Debian package Callbook needs to build, run and test.
# Idempotent: safe to run any number of times. Needs root (or sudo) and apt.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache lld pkg-config clang-format
  # Qt 6.4 (Debian 12) and QtKeychain
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-tools-dev
  qt6-l10n-tools qt6-tools-dev-tools qtkeychain-qt6-dev
  libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
  libqt6sql6-sqlite libqt6sql6-psql libsecret-1-0 libgl-dev
  libsqlite3-dev # the system SQLite that QSQLITE links, used directly for hot writes
  libjemalloc-dev # the allocator the callbook binary links (app/CMakeLists.txt)
  # test tools: real servers and desktop pieces
  postgresql wrk xvfb x11-apps imagemagick dbus-x11 gnome-keyring libsecret-tools
  prometheus # promtool checks GET /metrics
  # packaging
  dpkg-dev fakeroot
  # the package test (installer/test-package.sh): lint, install, run, purge
  lintian desktop-file-utils appstream adduser procps tzdata curl jq openssl systemd
)

# Node.js and npm run Stoplight Prism in the contract tests; a machine may already have a newer
# Node.js from elsewhere, which is kept.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${#missing[@]} packages"
