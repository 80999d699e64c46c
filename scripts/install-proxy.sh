#!/usr/bin/env bash
# Install JupyterHub's proxy, configurable-http-proxy (npm's, the one JupyterHub ships with), into
# .venv/node when it is missing: the hub tests and `make hub` run it. Needs Node.js and npm (Debian's).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${VENV:-$here/.venv}/node"
if [ -x "$prefix/node_modules/.bin/configurable-http-proxy" ]; then
  exit 0
fi
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  bash "$(dirname "$0")/apt-install.sh" nodejs "JupyterHub's proxy (configurable-http-proxy)"
  bash "$(dirname "$0")/apt-install.sh" npm "JupyterHub's proxy (configurable-http-proxy)"
fi
mkdir -p "$prefix"
npm install --silent --no-audit --no-fund --prefix "$prefix" "configurable-http-proxy@^4.6"
"$prefix/node_modules/.bin/configurable-http-proxy" --version
