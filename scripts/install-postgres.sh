#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries when missing: the tests start a throwaway server of
# their own with them (nsc_workshop.testing.postgres_server), on a free loopback port.
set -euo pipefail
if command -v pg_ctl >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" postgresql "the PostgreSQL tests (or set NSC_TEST_POSTGRES_URL)"
