#!/usr/bin/env bash
# Installs Stoplight Prism (pinned by package-lock.json) into DIR from the npm registry, unless
# the same lock is installed there already. Used by the CTest fixture "prism".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=${1:?usage: install-prism.sh DIR}
mkdir -p "$dir"
if [ -x "$dir/node_modules/.bin/prism" ] && cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
  echo "prism: already installed in $dir"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "prism: npm is missing (installer/install-deps.sh installs nodejs and npm)" >&2
  exit 1
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
cd "$dir"
npm ci --no-audit --no-fund --loglevel=error
echo "prism: installed $("$dir/node_modules/.bin/prism" --version 2>/dev/null || echo '?') in $dir"
