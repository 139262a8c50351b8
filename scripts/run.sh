#!/usr/bin/env bash
# Installs what is missing, builds MeshDesk and meshsim, and starts the GUI on the demo
# (meshsim + Prometheus). Arguments replace --demo: `scripts/run.sh --kubeconfig FILE`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

meshdesk_install
meshdesk_configure
meshdesk_build --target meshdesk meshdesk-cli meshsim

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "run.sh: no display (DISPLAY/WAYLAND_DISPLAY unset). To try MeshDesk without one:" >&2
    echo "  xvfb-run -s '-screen 0 1600x1000x24' $0 $*" >&2
    exit 1
fi
if (($# == 0)); then set -- --demo; fi
exec "$BUILD_DIR/app/meshdesk" "$@"
