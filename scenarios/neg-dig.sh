#!/usr/bin/env bash
# Asking Isla's DNS from the host: the public answer (CNAME to privatelink, public address) and
# the answer inside the BYO VNet (the private endpoint's address).
source "$(dirname "$0")/lib-negative.sh"
RESOURCE_GROUP="rg-neg-dig-$SUFFIX"; REGISTRY_NAME="negdig$SUFFIX"
register_preview_features
source "$SHARED_SCENARIOS/byo-acr-setup.sh"

PUBLIC=$(isla dns ${REGISTRY_NAME}.azurecr.io A)
echo "$PUBLIC"
expect_match "$PUBLIC" "${REGISTRY_NAME}\.privatelink\.azurecr\.io" "public view CNAMEs to privatelink"
expect_match "$PUBLIC" "IN[[:space:]]+A[[:space:]]+20\." "public view answers the public address"
VNET_ID=$(az network vnet show --resource-group ${RESOURCE_GROUP} --name ${VNET_NAME} --query id -o tsv)
INSIDE=$(isla dns --vnet ${VNET_ID} ${REGISTRY_NAME}.azurecr.io A)
echo "$INSIDE"
expect_match "$INSIDE" "IN[[:space:]]+A[[:space:]]+${REGISTRY_PRIVATE_IP//./\\.}" "the VNet's view answers the private endpoint"
if command -v dig >/dev/null; then
  CMD=$(echo "$INSIDE" | head -n1 | sed 's/^; //')
  expect_match "$($CMD +short)" "${REGISTRY_PRIVATE_IP//./\\.}" "dig itself, as the VNet"
fi
echo "PASSED $(basename "$0")"
