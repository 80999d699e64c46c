#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries when missing: the tests start a throwaway server of
# their own with them (nsc_workshop.testing.postgres_server), on a free loopback port.
set -euo pipefail
if command -v pg_ctl >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "PostgreSQL is missing and this is not a Debian-like system: install it, or set NSC_TEST_POSTGRES_URL." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi
echo "Installing Debian's postgresql for the PostgreSQL tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
