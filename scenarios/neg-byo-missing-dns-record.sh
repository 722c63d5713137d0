#!/usr/bin/env bash
# BYO registry whose private DNS zone lacks the login server's A record: the nodes' DNS check
# (exit 215) fails naming the host, and nothing else changes.
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-dns-$SUFFIX"; AKS_NAME="aks-neg-dns"; REGISTRY_NAME="negdns$SUFFIX"
register_preview_features
source "$SHARED_SCENARIOS/byo-acr-setup.sh"
az network private-dns record-set a delete --name ${REGISTRY_NAME} --zone-name "privatelink.azurecr.io" --resource-group ${RESOURCE_GROUP} --yes

expect_fail_matching "cluster without the registry's private DNS record" \
  "exit status=215.*${REGISTRY_NAME}\.azurecr\.io.*(no address|NXDOMAIN)" -- \
  az aks create --resource-group ${RESOURCE_GROUP} --name ${AKS_NAME} --kubernetes-version 1.30.3 --vnet-subnet-id ${SUBNET_ID} --assign-identity ${CLUSTER_IDENTITY_RESOURCE_ID} --assign-kubelet-identity ${KUBELET_IDENTITY_RESOURCE_ID} --bootstrap-artifact-source Cache --bootstrap-container-registry-resource-id ${REGISTRY_ID} --outbound-type none --network-plugin azure --enable-private-cluster
expect_eq "$(az aks show -g ${RESOURCE_GROUP} -n ${AKS_NAME} --query provisioningState -o tsv)" Failed "provisioningState after the failed boot"
expect_eq "$(az acr show -n ${REGISTRY_NAME} -g ${RESOURCE_GROUP} --query anonymousPullEnabled -o tsv)" true "the registry is unchanged"
echo "PASSED $(basename "$0")"
