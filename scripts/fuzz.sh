#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer and UndefinedBehaviorSanitizer on
# the core library too) and runs each for FUZZ_SECONDS (default 20). Exit 1 on a crash.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FUZZ_DIR="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
SECONDS_EACH="${FUZZ_SECONDS:-20}"
TARGETS=(fuzz_kubeconfig fuzz_status fuzz_watchstream fuzz_documents)

if ! command -v clang++ >/dev/null; then
    echo "fuzz.sh: clang++ is missing: run scripts/install-deps.sh" >&2
    exit 1
fi
if [[ ! -f "$FUZZ_DIR/build.ninja" ]]; then
    cmake -S "$ROOT" -B "$FUZZ_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DMESHDESK_FUZZ=ON \
        -DMESHDESK_BUILD_BENCH=OFF \
        -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
fi
cmake --build "$FUZZ_DIR" --parallel "$JOBS" --target "${TARGETS[@]}"

export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_QPA_PLATFORM=offscreen
status=0
for target in "${TARGETS[@]}"; do
    binary=$(find "$FUZZ_DIR" -name "$target" -type f -perm -u+x | head -1)
    corpus="$FUZZ_DIR/corpus/$target"
    mkdir -p "$corpus"
    echo "== $target (${SECONDS_EACH} s)"
    if ! "$binary" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -print_final_stats=0 \
        -artifact_prefix="$FUZZ_DIR/crash-$target-" "$corpus" 2>"$FUZZ_DIR/$target.log"; then
        echo "fuzz.sh: $target found a problem:" >&2
        tail -40 "$FUZZ_DIR/$target.log" >&2
        status=1
    else
        grep -E "^(#[0-9]+|Done)" "$FUZZ_DIR/$target.log" | tail -1
    fi
done
exit $status
