#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, test and run opensam.
# Idempotent: prints nothing and installs nothing when everything is present.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages named in docs/dependencies.md (DESIGN: dependencies from the field).
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  clang-format clang-tidy clang-16 libclang-rt-16-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libeigen3-dev libgeographiclib-dev libgdal-dev gdal-bin
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libsqlite3-dev libtbb-dev libboost-dev librandom123-dev
  libnanoflann-dev libcpp-httplib-dev libasio-dev
  libopenmpi-dev openmpi-bin
  pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest python3-yaml python3-mypy
  python3-matplotlib jupyter-nbconvert python3-nbconvert python3-ipykernel python3-jupyter-client
  nodejs npm chromium tshark
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  # nodejs/npm may come from outside Debian's packages on some machines: skip them when the tools exist.
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    filtered+=("$p")
  done
  if ((${#filtered[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "setup: installing ${#filtered[@]} Debian packages: ${filtered[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${filtered[@]}" >/dev/null
    echo "setup: done"
  fi
fi

# Front-end packages (CesiumJS for the viewer, Chart.js for the reports, playwright-core for the
# browser tests), again whenever the lock file is newer than what was installed.
if [ ! -f "$here/web/node_modules/.package-lock.json" ] ||
  [ "$here/web/package-lock.json" -nt "$here/web/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in web/"
  (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
