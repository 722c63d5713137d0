#!/usr/bin/env bash
# Direct (pull from MCR) with outbound type none in an AKS-managed VNet: the nodes have no path to
# the internet, and the first pull fails naming the fabric's policy.
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-direct-$SUFFIX"; AKS_NAME="aks-neg-direct"
register_preview_features
az group create --name ${RESOURCE_GROUP} --location ${LOCATION}

expect_fail_matching "Direct with outbound type none" \
  "exit status=207.*mcr\.microsoft\.com.*outboundType none" -- \
  az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --outbound-type none --network-plugin azure
isla fabric refusals | grep -q "outboundType none" || fail "the fabric did not log the refusal"
echo "ok: the fabric logged the refusal"
echo "PASSED $(basename "$0")"
