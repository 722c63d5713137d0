#!/usr/bin/env bash
# Direct (pull from MCR) with outbound type none: the AKS RP refuses the combination before any
# node boots; and nodes that really have no egress (Direct nodes after isolation, not reimaged)
# are refused by the fabric, which logs the policy that refused them.
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-direct-$SUFFIX"; AKS_NAME="aks-neg-direct"
register_preview_features
az group create --name ${RESOURCE_GROUP} --location ${LOCATION}

expect_fail_matching "Direct with outbound type none" \
  "InvalidNetworkIsolatedClusterConfiguration.*outbound type is none.*Cache" -- \
  az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --outbound-type none --network-plugin azure
az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --network-plugin azure
az aks update --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --bootstrap-artifact-source Cache --outbound-type none
OUT=$(az aks command invoke --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --command "curl -sS --max-time 3 https://mcr.microsoft.com/v2/" -o json)
expect_match "$(echo "$OUT" | tr -d '\n')" '"exitCode": *[1-9]' "a Direct node without egress cannot reach MCR"
REFUSALS=$(isla fabric refusals)
expect_match "$REFUSALS" "outboundType none" "the fabric logged the refusal with its policy"
echo "PASSED $(basename "$0")"
