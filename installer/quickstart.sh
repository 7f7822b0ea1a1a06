#!/usr/bin/env bash
# Installs what is needed, builds Callbook, and starts it on embedded defaults: SQLite in the
# user's data directory and a sample business. With a display it opens the console; without
# one it runs headless. Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/callbook-ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

args=(--config resources/sample-config.json)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  args+=(--headless)
fi
if [ -z "${CALLBOOK_SECRET_RETELL_API_KEY:-}" ]; then
  echo "quickstart: no Retell API key configured (CALLBOOK_SECRET_RETELL_API_KEY or the keychain);"
  echo "            Retell webhooks will be answered with 401 until you set one."
fi
exec build/app/callbook "${args[@]}" "$@"
