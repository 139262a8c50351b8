#!/usr/bin/env bash
# Installs the Debian 12 packages MeshDesk needs to build, run and test.
# Idempotent: when everything is present it only checks and returns quickly.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache lld pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite
  libqt6opengl6-dev libgl-dev
  libyaml-cpp-dev libyaml-dev libsimdjson-dev libssl-dev openssl libdtl-dev
  qtkeychain-qt6-dev gnome-keyring dbus libsecret-tools
  prometheus xvfb xauth imagemagick graphviz
  desktop-file-utils appstream dpkg-dev file libbenchmark-dev
  clang libclang-rt-14-dev
  fonts-noto-cjk fonts-dejavu-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#PACKAGES[@]} packages present"
fi

if ! command -v kubectl >/dev/null 2>&1; then
  echo "install-deps: kubectl is not on this machine." >&2
  echo "  Install it from https://pkgs.k8s.io (Debian package 'kubectl') and run again." >&2
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
fi
