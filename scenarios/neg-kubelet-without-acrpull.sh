#!/usr/bin/env bash
# Anonymous pull off and no AcrPull for the kubelet identity: registry login (exit 212) fails
# naming the identity and the missing permission.
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-pull-$SUFFIX"; AKS_NAME="aks-neg-pull"; REGISTRY_NAME="negpull$SUFFIX"
register_preview_features
source "$SHARED_SCENARIOS/byo-acr-setup.sh"
az acr update --resource-group ${RESOURCE_GROUP} --name ${REGISTRY_NAME} --anonymous-pull-enabled false
az role assignment delete --assignee ${KUBELET_IDENTITY_PRINCIPAL_ID} --role AcrPull --scope ${REGISTRY_ID} --yes

expect_fail_matching "kubelet identity without AcrPull, anonymous pull off" \
  "exit status=212.*(AcrPull|pull permission|unauthorized|UNAUTHORIZED|DENIED)" -- \
  az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --vnet-subnet-id ${SUBNET_ID} --assign-identity ${CLUSTER_IDENTITY_RESOURCE_ID} --assign-kubelet-identity ${KUBELET_IDENTITY_RESOURCE_ID} --bootstrap-artifact-source Cache --bootstrap-container-registry-resource-id ${REGISTRY_ID} --outbound-type none --network-plugin azure --enable-private-cluster
expect_eq "$(az role assignment list --assignee ${KUBELET_IDENTITY_PRINCIPAL_ID} --scope ${REGISTRY_ID} --query 'length(@)' -o tsv)" 0 "no role assignment was added"
echo "PASSED $(basename "$0")"
