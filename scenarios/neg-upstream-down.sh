#!/usr/bin/env bash
# Cache with the MCR stand-in down and nothing cached (a fresh AKS-managed registry): the first
# pull through the cache rule fails with the registry's upstream error (exit 207).
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-up-$SUFFIX"; AKS_NAME="aks-neg-up"
register_preview_features
az group create --name ${RESOURCE_GROUP} --location ${LOCATION}
isla mcr stop
trap 'isla mcr start >/dev/null' EXIT

expect_fail_matching "Cache with the upstream down and nothing cached" \
  "exit status=207.*kubernetes-node.*pull from source .mcr\.microsoft\.com.*failed" -- \
  az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --bootstrap-artifact-source Cache --outbound-type none --network-plugin azure --enable-private-cluster
isla mcr start
echo "PASSED $(basename "$0")"
