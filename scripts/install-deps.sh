#!/usr/bin/env bash
# Installs every Debian package Retainer needs to build, test and benchmark. Idempotent; run as root
# (or with sudo available) on a fresh Debian 12 machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git python3
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15
  libsodium-dev libspdlog-dev libfmt-dev libicu-dev zlib1g-dev
  libcurl4-openssl-dev
  weasyprint fonts-dejavu-core poppler-utils
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk clang-format
  clang-14 libclang-rt-14-dev llvm-14
  chromium
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
# Node.js may come from Debian or from NodeSource (which bundles npm); only ask apt when it is absent.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The postgresql package starts a cluster of its own; tests start throwaway servers instead.
echo "install-deps: all packages present"
