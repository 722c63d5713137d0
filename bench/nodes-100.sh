#!/usr/bin/env bash
# A 100-node isolated cluster through the real data plane, end to end:
#   bench/nodes-100.sh [COUNT]      (default 100; needs no network; stops by itself)
# Starts a fresh instance in a temporary data folder, creates a cluster with the seed's
# isolated settings (Cache, AKS-managed registry, outbound none) and --node-count COUNT, and
# prints: wall time of 'az aks create' (to Succeeded), Ready nodes, the server's peak RSS
# (VmHWM of the pid in isla.json), and the requests the MCR stand-in served (every blob must be
# fetched upstream exactly once). Then a restart: time until every node is Ready again.
# Bounded: each step has a timeout; the instance is stopped and the folder removed on exit.
set -euo pipefail
COUNT="${1:-100}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$(mktemp -d "${TMPDIR:-/tmp}/isla-nodes-bench.XXXXXX")
ISLA=("$ROOT/bin/isla")
cleanup() { "${ISLA[@]}" stop --data "$DATA" >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT

"${ISLA[@]}" start --data "$DATA" --feature-delay 10 >/dev/null
eval "$("${ISLA[@]}" env --data "$DATA")"
field() { sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^\",]*\)\"\{0,1\}.*/\1/p" "$DATA/isla.json" | head -n1; }
PID=$(field pid); ADMIN=$(field adminUrl)

az feature register --namespace Microsoft.ContainerService --name NetworkIsolatedClusterPreview >/dev/null
for _ in $(seq 1 100); do
  [ "$(az feature show --namespace Microsoft.ContainerService --name NetworkIsolatedClusterPreview --query properties.state -o tsv)" = Registered ] && break
  sleep 0.2
done
az group create --name rg-bench --location eastus >/dev/null

START=$(date +%s.%N)
timeout 1200 az aks create --resource-group rg-bench --name aks-bench --kubernetes-version 1.30.3 \
  --node-count "$COUNT" --bootstrap-artifact-source Cache --outbound-type none \
  --network-plugin azure --enable-private-cluster -o none
END=$(date +%s.%N)
STATE=$(az aks show --resource-group rg-bench --name aks-bench --query provisioningState -o tsv)
ready() {
  az aks command invoke --resource-group rg-bench --name aks-bench --command "kubectl get nodes" \
    -o tsv --query logs | grep -c '^aks-.* Ready ' || true
}
READY=$(ready)
HWM=$(awk '/VmHWM/ {print $2, $3}' "/proc/$PID/status")
REQUESTS=$(curl -sS "$ADMIN/admin/mcr/requests"); [ -n "${SHOW_REQUESTS:-}" ] && echo "$REQUESTS"
BLOB_LINES=$(echo "$REQUESTS" | grep '"GET /v2/.*/blobs/sha256:' || true)
BLOB_GETS=$(echo "$BLOB_LINES" | sed -n 's/.*: \([0-9]*\),\{0,1\}$/\1/p' | awk '{s+=$1} END {print s+0}')
DIGESTS=$(echo "$BLOB_LINES" | grep -o 'sha256:[0-9a-f]*' | sort -u | wc -l)
BLOBS_TWICE=$(echo "$REQUESTS" | grep '"GET /v2/.*/blobs/sha256:' | grep -vc ': 1,\{0,1\}$' || true)
TOTAL=$(echo "$REQUESTS" | sed -n 's/.*: \([0-9]*\),\{0,1\}$/\1/p' | awk '{s+=$1} END {print s+0}')

printf 'nodes: %s, provisioningState: %s, Ready: %s\n' "$COUNT" "$STATE" "$READY"
printf 'az aks create wall time: %.1f s\n' "$(echo "$END - $START" | bc)"
printf 'server peak RSS (VmHWM): %s\n' "$HWM"
MANIFESTS=$(echo "$REQUESTS" | grep '/manifests/' | sed -n 's/.*: \([0-9]*\),\{0,1\}$/\1/p' | awk '{s+=$1} END {print s+0}')
printf 'stand-in requests: %s in all (%s to manifests); blob GETs: %s for %s distinct digests, %s (repository, blob) pairs fetched more than once\n' \
  "$TOTAL" "$MANIFESTS" "$BLOB_GETS" "$DIGESTS" "$BLOBS_TWICE"

"${ISLA[@]}" stop --data "$DATA" >/dev/null
RESTART=$(date +%s.%N)
"${ISLA[@]}" start --data "$DATA" --feature-delay 10 >/dev/null
eval "$("${ISLA[@]}" env --data "$DATA")"
AGAIN=0
for _ in $(seq 1 120); do
  AGAIN=$(ready)
  [ "$AGAIN" -ge "$COUNT" ] && break
  sleep 1
done
AGAIN_TIME=$(echo "$(date +%s.%N) - $RESTART" | bc)
AFTER=$(curl -sS "$(field adminUrl)/admin/mcr/requests" | grep -c '"GET /v2/.*/blobs/' || true)
printf 'after isla stop/start: %s Ready in %.1f s (start included); blobs fetched upstream again: %s\n' \
  "$AGAIN" "$AGAIN_TIME" "$AFTER"
[ "$STATE" = Succeeded ] && [ "$READY" = "$COUNT" ] && [ "$BLOBS_TWICE" = 0 ] && [ "$AGAIN" = "$COUNT" ]
