# Shared by run.sh, test.sh and bench.sh: install what is missing, configure and build.
# BUILD_DIR (default: build) and CMAKE_BUILD_TYPE (default: RelWithDebInfo) may be set.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

meshdesk_install() {
    "$ROOT/scripts/install-deps.sh"
}

meshdesk_configure() {
    if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
            -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" "$@"
    fi
}

meshdesk_build() {
    cmake --build "$BUILD_DIR" --parallel "$JOBS" "$@"
}
