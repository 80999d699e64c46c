#!/usr/bin/env bash
# Install Debian's Chromium (the browser tests drive it through Playwright) when it is missing.
# Elsewhere: install Chromium and set NSC_CHROMIUM to its path.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" chromium "the browser tests (or set NSC_CHROMIUM to a Chromium)"
/usr/bin/chromium --version
