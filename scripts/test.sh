#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite with CTest.
# GUI tests run on a virtual X server (xvfb-run); the others on Qt's offscreen platform.
# CTest runs inside a private D-Bus session (dbus-run-session) with a gnome-keyring-daemon
# unlocked there, for the tests that keep secrets in the keychain; its keyring files live in
# a temporary folder that is deleted afterwards, so no test touches your own keyring.
# Then the libFuzzer targets run for a bounded time (scripts/fuzz.sh; FUZZ_SECONDS each,
# 0 skips them). Extra arguments go to ctest, e.g. `scripts/test.sh -L gui`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

meshdesk_install
meshdesk_configure
meshdesk_build

cd "$BUILD_DIR"
if command -v ccache >/dev/null; then ccache --show-stats 2>/dev/null | grep -Ei "hits|misses" | head -3 || true; fi
status=0

# Inside the private session: starts the keyring with HOME and the XDG folders of the
# temporary folder, checks that it stores and clears a secret, then runs ctest with the
# caller's own HOME and XDG folders. Without a keyring the keychain tests skip (or fail
# when CI=true), and the message says why.
in_private_session() {
    local kr="$MESHDESK_TEST_KEYRING" ok=0
    if printf '%s' "meshdesk-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        for _ in $(seq 50); do
            if printf probe | timeout 10 secret-tool store --label="MeshDesk test probe" \
                meshdesk-test probe 2>/dev/null \
                && timeout 10 secret-tool clear meshdesk-test probe 2>/dev/null; then
                ok=1
                break
            fi
            sleep 0.2
        done
    fi
    if ((ok)); then
        echo "test.sh: isolated keyring ready in $kr"
    else
        echo "test.sh: the isolated keyring did not start; keychain tests will skip (fail in CI)" >&2
        unset MESHDESK_TEST_KEYRING
    fi
    local var saved
    for var in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do
        saved="MESHDESK_SAVED_$var"
        if [[ "${!saved}" == set:* ]]; then export "$var=${!saved#set:}"; else unset "$var"; fi
        unset "$saved"
    done
    xvfb-run -a -s "-screen 0 1600x1000x24" \
        ctest --output-on-failure --parallel "$JOBS" --timeout 900 "$@"
}

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null \
    && command -v secret-tool >/dev/null; then
    keyring="$(mktemp -d "${TMPDIR:-/tmp}/meshdesk-keyring.XXXXXX")"
    trap 'rm -rf "$keyring"' EXIT
    mkdir -m 700 "$keyring/home" "$keyring/data" "$keyring/config" "$keyring/cache" "$keyring/run"
    for var in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do
        if [[ -n "${!var+x}" ]]; then
            export "MESHDESK_SAVED_$var=set:${!var}"
        else
            export "MESHDESK_SAVED_$var=unset"
        fi
    done
    # The session bus, the keyring daemon and anything the bus starts see only the
    # temporary folder, and no keyring daemon of a desktop session.
    env -u GNOME_KEYRING_CONTROL -u GNOME_KEYRING_PID \
        HOME="$keyring/home" XDG_DATA_HOME="$keyring/data" XDG_CONFIG_HOME="$keyring/config" \
        XDG_CACHE_HOME="$keyring/cache" XDG_RUNTIME_DIR="$keyring/run" \
        MESHDESK_TEST_KEYRING="$keyring" JOBS="$JOBS" \
        dbus-run-session -- bash -c "$(declare -f in_private_session); in_private_session \"\$@\"" \
        test.sh "$@" || status=$?
else
    echo "test.sh: dbus-run-session, gnome-keyring-daemon or secret-tool is missing;" \
        "keychain tests will skip (fail in CI)" >&2
    xvfb-run -a -s "-screen 0 1600x1000x24" \
        ctest --output-on-failure --parallel "$JOBS" --timeout 900 "$@" || status=$?
fi

if ((status == 0)) && (($# == 0)) && [[ "${FUZZ_SECONDS:-20}" != "0" ]]; then
    FUZZ_SECONDS="${FUZZ_SECONDS:-20}" "$ROOT/scripts/fuzz.sh" || status=$?
fi
exit $status
