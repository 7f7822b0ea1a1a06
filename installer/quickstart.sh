#!/usr/bin/env bash
# Installs what is needed, builds Callbook, and starts `callbook --demo` on embedded defaults:
# SQLite in a new directory under the user's data directory, two sample businesses, a demo
# Cal.com server and simulated calls. With a display it opens the console; without one it runs
# headless and prints a one-line summary every 10 s. Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/callbook-ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

# The demo: SQLite in a new directory under the user's data directory, two sample businesses
# (resources/sample-config.json is for a real start: callbook --config …) and simulated calls.
# Its Retell and Cal.com keys are made up at start, so none needs to be configured.
exec build/app/callbook --demo "$@"
