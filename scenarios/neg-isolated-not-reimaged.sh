#!/usr/bin/env bash
# Isolation switched on (Cache, outbound none) without reimaging: the nodes still run the Direct
# bootstrap, kubectl says so, and MCR is now refused to them.
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-reimage-$SUFFIX"; AKS_NAME="aks-neg-reimage"
register_preview_features
az group create --name ${RESOURCE_GROUP} --location ${LOCATION}
az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --network-plugin azure
az aks update --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --bootstrap-artifact-source Cache --outbound-type none

NODES=$(az aks command invoke --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --command "kubectl get nodes" -o tsv --query logs)
echo "$NODES"
expect_match "$NODES" "still run the bootstrap they booted with" "kubectl marks the nodes not reimaged"
# isla shows it too, node by node, from the host.
ISLA_NODES=$("$(dirname "$0")/../bin/isla" nodes --data "$ISLA_DATA")
echo "$ISLA_NODES"
expect_match "$(echo "$ISLA_NODES" | grep "$AKS_NAME" | head -n1)" 'Direct .* NO$' "isla nodes marks a node on the old bootstrap"
expect_match "$ISLA_NODES" "node\(s\) still run the bootstrap they booted with" "isla nodes counts the nodes to reimage"
OUT=$(az aks command invoke --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --command "curl -sS --max-time 5 https://mcr.microsoft.com/v2/" -o json)
expect_match "$(echo "$OUT" | tr -d '\n')" '"exitCode": *[1-9]' "MCR, which these nodes still pull from, is refused now"
echo "PASSED $(basename "$0")"
