#!/usr/bin/env bash
# apt-install.sh PACKAGE PURPOSE: install a Debian package (with sudo when not root), or say
# what to do on a system without apt-get. Used by install-chromium.sh and install-postgres.sh.
set -euo pipefail
package="$1"
purpose="$2"
if ! command -v apt-get >/dev/null; then
  echo "$package is missing and this is not a Debian-like system: install it for $purpose." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi
echo "Installing Debian's $package for $purpose..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null
