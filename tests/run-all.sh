#!/usr/bin/env bash
# Installs what is needed, builds, and runs the whole test suite twice: a normal build and
# an AddressSanitizer + UndefinedBehaviorSanitizer build. CTest starts the real PostgreSQL
# server the tests need (tests/support/pg-cluster.sh). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/callbook-ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
jobs=$(nproc)

run_suite() {
  local dir=$1; shift
  echo "== build $dir"
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  echo "== test $dir"
  (cd "$dir" && ctest --output-on-failure -j"$jobs" --timeout 600)
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
# The sanitizer build compiles each file alone (no unity build), so a missing #include that a
# batch would hide still fails CI.
run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DCALLBOOK_SANITIZE=ON \
  -DCALLBOOK_BUILD_BENCHMARKS=OFF -DCALLBOOK_UNITY_BUILD=OFF
