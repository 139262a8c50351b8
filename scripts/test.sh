#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite with CTest.
# GUI tests run on a virtual X server (xvfb-run); the others on Qt's offscreen platform.
# Then the libFuzzer targets run for a bounded time (scripts/fuzz.sh; FUZZ_SECONDS each,
# 0 skips them). Extra arguments go to ctest, e.g. `scripts/test.sh -L gui`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

meshdesk_install
meshdesk_configure
meshdesk_build

cd "$BUILD_DIR"
if command -v ccache >/dev/null; then ccache --show-stats 2>/dev/null | grep -Ei "hits|misses" | head -3 || true; fi
status=0
xvfb-run -a -s "-screen 0 1600x1000x24" \
    ctest --output-on-failure --parallel "$JOBS" --timeout 900 "$@" || status=$?

if ((status == 0)) && (($# == 0)) && [[ "${FUZZ_SECONDS:-20}" != "0" ]]; then
    FUZZ_SECONDS="${FUZZ_SECONDS:-20}" "$ROOT/scripts/fuzz.sh" || status=$?
fi
exit $status
