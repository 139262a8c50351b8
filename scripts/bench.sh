#!/usr/bin/env bash
# Builds and runs every benchmark; prints figures (nothing is asserted).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

meshdesk_install
meshdesk_configure
meshdesk_build

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for bench in "$BUILD_DIR"/bench/bench_* "$BUILD_DIR"/bench/*/bench_*; do
    [[ -x "$bench" ]] || continue
    echo "== $(basename "$bench")"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$bench"
done
