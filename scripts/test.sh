#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite with CTest.
# GUI tests run on a virtual X server (xvfb-run); the others on Qt's offscreen platform.
# Extra arguments go to ctest, e.g. `scripts/test.sh -L gui` or `-R tst_mainwindow`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

meshdesk_install
meshdesk_configure
meshdesk_build

cd "$BUILD_DIR"
if command -v ccache >/dev/null; then ccache --show-stats 2>/dev/null | grep -Ei "hits|misses" | head -3 || true; fi
exec xvfb-run -a -s "-screen 0 1600x1000x24" \
    ctest --output-on-failure --parallel "$JOBS" --timeout 900 "$@"
