#!/usr/bin/env bash
# A registry without a cache rule for MCR: the first artifact pull (exit 207) fails with the
# registry's 404 for a repository no rule covers.
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-rule-$SUFFIX"; AKS_NAME="aks-neg-rule"; REGISTRY_NAME="negrule$SUFFIX"
register_preview_features
source "$SHARED_SCENARIOS/byo-acr-setup.sh"
az acr cache delete -n acr-cache-rule -r ${REGISTRY_NAME} -g ${RESOURCE_GROUP} --yes

expect_fail_matching "registry without a cache rule for MCR" \
  "exit status=207.*kubernetes-node.*404" -- \
  az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --vnet-subnet-id ${SUBNET_ID} --assign-identity ${CLUSTER_IDENTITY_RESOURCE_ID} --assign-kubelet-identity ${KUBELET_IDENTITY_RESOURCE_ID} --bootstrap-artifact-source Cache --bootstrap-container-registry-resource-id ${REGISTRY_ID} --outbound-type none --network-plugin azure --enable-private-cluster
expect_eq "$(az acr repository list --name ${REGISTRY_NAME} -o tsv)" "" "nothing was cached"
echo "PASSED $(basename "$0")"
