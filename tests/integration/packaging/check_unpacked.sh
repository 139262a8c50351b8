#!/bin/bash
# The installed package on a user's machine: unpacked into a temporary root (dpkg -x), its
# meshdesk-cli must validate with the schema layer from the CRDs the package installs (no
# path of the build machine), and its meshsim must serve Istio's kinds from those CRDs.
# Usage: check_unpacked.sh PACKAGE.deb
set -euo pipefail
deb=$1
root=$(mktemp -d "${TMPDIR:-/tmp}/meshdesk-unpacked.XXXXXX")
sim_pid=""
cleanup() {
    if [[ -n "$sim_pid" ]]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$root"
}
trap cleanup EXIT
fail() { echo "check_unpacked: $*" >&2; exit 1; }

dpkg-deb -x "$deb" "$root/fs"
crds="$root/fs/usr/share/meshdesk/istio/crd-all.gen.yaml"
[[ -s "$crds" ]] || fail "the package does not install $crds"
unset MESHDESK_CRDS

# A VirtualService whose weight has the wrong type: only the schema layer finds it.
cat > "$root/bad.yaml" <<'YAML'
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
      weight: "eighty"
YAML
set +e
out=$("$root/fs/usr/bin/meshdesk-cli" validate "$root/bad.yaml" 2>&1)
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "validate exited $rc, expected 1:"$'\n'"$out"
grep -q "IST0106" <<<"$out" || fail "validate did not use the schema layer:"$'\n'"$out"
grep -q "schema layer is skipped" <<<"$out" && fail "validate skipped the schema layer:"$'\n'"$out"

# meshsim from the package, with the package's CRDs: Istio's kinds are served.
"$root/fs/usr/bin/meshsim" --scenario empty --crds "$crds" --kubeconfig "$root/kubeconfig.yaml" \
    --ready-file "$root/ready" >"$root/meshsim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 300); do
    [[ -f "$root/ready" ]] && break
    kill -0 "$sim_pid" 2>/dev/null || fail "meshsim exited: $(cat "$root/meshsim.log")"
    sleep 0.1
done
[[ -f "$root/ready" ]] || fail "meshsim did not become ready: $(cat "$root/meshsim.log")"
"$root/fs/usr/bin/meshdesk-cli" get virtualservices -A --kubeconfig "$root/kubeconfig.yaml" \
    -o json >"$root/list.json" || fail "meshdesk-cli get virtualservices failed"
grep -q '"items"' "$root/list.json" || fail "no list of VirtualServices: $(cat "$root/list.json")"
echo "check_unpacked: validate and meshsim work from the unpacked package"
