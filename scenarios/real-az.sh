#!/usr/bin/env bash
# The real Azure CLI (Debian's azure-cli 2.45, /usr/bin/az or $ISLA_REAL_AZ) against Isla over
# HTTPS, set up only through 'isla env --real-az': every seed command 2.45 has and Debian does
# not break (research/emulators.md §0), 'az rest'/'az resource' for the rest (isolation flags it
# predates, the crashing network and role-assignment commands), then the results compared with
# the project's own az on the same resources. Run by run-all.sh (ISLA_DATA set, project az on PATH).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib-negative.sh"
REAL_AZ="${ISLA_REAL_AZ:-/usr/bin/az}"
if [ ! -x "$REAL_AZ" ]; then echo "skipped: no real Azure CLI at $REAL_AZ"; exit 0; fi
PROJECT_CONFIG="$AZURE_CONFIG_DIR"
paz() { AZURE_CONFIG_DIR="$PROJECT_CONFIG" "$HERE/../bin/az" "$@"; }
eval "$("$HERE/../bin/isla" env --real-az --data "$ISLA_DATA")"
raz() { "$REAL_AZ" "$@" --only-show-errors; }
check_eq() { expect_eq "$3" "$2" "$1"; }        # WHAT EXPECTED ACTUAL
check_match() { expect_match "$3" "$2" "$1"; }  # WHAT REGEX ACTUAL
echo "real az: $("$REAL_AZ" version --query '"azure-cli"' -o tsv), cloud $(raz cloud show --query name -o tsv)"

RG=realaz-rg; LOCATION=eastus; VNET=realaz-vnet; ACR=realazacr$RANDOM; AKS=realaz-aks
SUB=/subscriptions/$ISLA_SUBSCRIPTION_ID; RGID=$SUB/resourceGroups/$RG
NET=$RGID/providers/Microsoft.Network

raz feature register --namespace Microsoft.ContainerService --name NetworkIsolatedClusterPreview -o none
raz provider register --namespace Microsoft.ContainerService
raz provider register --namespace Microsoft.ContainerRegistry
for _ in $(seq 1 60); do
  state=$(raz feature show --namespace Microsoft.ContainerService --name NetworkIsolatedClusterPreview --query properties.state -o tsv)
  [ "$state" = Registered ] && break; sleep 1
done
check_eq "feature state" Registered "$state"

raz group create --name $RG --location $LOCATION -o none
# az network vnet/subnet create crash in Debian's 2.45: az rest and az resource instead.
raz rest --method put --url "$NET/virtualNetworks/$VNET?api-version=2024-05-01" \
  --body "{\"location\":\"$LOCATION\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"192.168.0.0/16\"]}}}" -o none
raz resource create --id "$NET/virtualNetworks/$VNET/subnets/aks" --api-version 2024-05-01 \
  --properties '{"addressPrefix":"192.168.1.0/24","defaultOutboundAccess":false}' -o none
raz rest --method put --url "$NET/virtualNetworks/$VNET/subnets/acr?api-version=2024-05-01" \
  --body '{"properties":{"addressPrefix":"192.168.2.0/24","privateEndpointNetworkPolicies":"Disabled"}}' -o none
SUBNET_ID=$(raz resource show --ids "$NET/virtualNetworks/$VNET/subnets/aks" --api-version 2024-05-01 --query id -o tsv)
check_eq "subnet id (real vs project az)" "$(paz network vnet subnet show -g $RG --vnet-name $VNET -n aks --query id -o tsv)" "$SUBNET_ID"

raz acr create --resource-group $RG --name $ACR --sku Premium --public-network-enabled false -o none
raz acr update --resource-group $RG --name $ACR --anonymous-pull-enabled true -o none
REGISTRY_ID=$(raz acr show --name $ACR -g $RG --query id -o tsv)
check_eq "registry id" "$(paz acr show -n $ACR -g $RG --query id -o tsv)" "$REGISTRY_ID"
check_eq "anonymous pull" true "$(paz acr show -n $ACR -g $RG --query anonymousPullEnabled -o tsv)"
raz rest --method put --url "$REGISTRY_ID/cacheRules/acr-cache-rule?api-version=2023-07-01" \
  --body '{"properties":{"sourceRepository":"mcr.microsoft.com/*","targetRepository":"*"}}' -o none
check_eq "cache rule" "mcr.microsoft.com/*" "$(paz acr cache show -r $ACR -g $RG -n acr-cache-rule --query sourceRepository -o tsv)"

raz rest --method put --url "$NET/privateEndpoints/myPrivateEndpoint?api-version=2024-05-01" --body "{\"location\":\"$LOCATION\",\"properties\":{\"subnet\":{\"id\":\"$NET/virtualNetworks/$VNET/subnets/acr\"},\"privateLinkServiceConnections\":[{\"name\":\"myConnection\",\"properties\":{\"privateLinkServiceId\":\"$REGISTRY_ID\",\"groupIds\":[\"registry\"]}}]}}" -o none
for _ in $(seq 1 30); do
  pe_state=$(raz rest --method get --url "$NET/privateEndpoints/myPrivateEndpoint?api-version=2024-05-01" --query properties.provisioningState -o tsv)
  [ "$pe_state" = Succeeded ] && break; sleep 1
done
NIC_ID=$(raz rest --method get --url "$NET/privateEndpoints/myPrivateEndpoint?api-version=2024-05-01" --query 'properties.networkInterfaces[0].id' -o tsv)
NIC="$(raz rest --method get --url "$NIC_ID?api-version=2024-05-01")"
REGISTRY_IP=$(python3 -c "import json,sys; n=json.load(sys.stdin); print([c['properties']['privateIPAddress'] for c in n['properties']['ipConfigurations'] if c['properties']['privateLinkConnectionProperties']['requiredMemberName']=='registry'][0])" <<<"$NIC")
DATA_IP=$(python3 -c "import json,sys; n=json.load(sys.stdin); print([c['properties']['privateIPAddress'] for c in n['properties']['ipConfigurations'] if c['properties']['privateLinkConnectionProperties']['requiredMemberName']=='registry_data_$LOCATION'][0])" <<<"$NIC")
check_eq "registry private IP" "$(paz network nic show --ids "$NIC_ID" --query "ipConfigurations[?privateLinkConnectionProperties.requiredMemberName=='registry'].privateIPAddress" -o tsv)" "$REGISTRY_IP"

raz network private-dns zone create --resource-group $RG --name privatelink.azurecr.io -o none
raz rest --method put --url "$NET/privateDnsZones/privatelink.azurecr.io/virtualNetworkLinks/MyDNSLink?api-version=2020-06-01" \
  --body "{\"location\":\"global\",\"properties\":{\"virtualNetwork\":{\"id\":\"$NET/virtualNetworks/$VNET\"},\"registrationEnabled\":false}}" -o none
raz network private-dns record-set a create --name $ACR --zone-name privatelink.azurecr.io --resource-group $RG -o none
raz network private-dns record-set a add-record --record-set-name $ACR --zone-name privatelink.azurecr.io --resource-group $RG --ipv4-address "$REGISTRY_IP" -o none
raz network private-dns record-set a create --name $ACR.$LOCATION.data --zone-name privatelink.azurecr.io --resource-group $RG -o none
raz network private-dns record-set a add-record --record-set-name $ACR.$LOCATION.data --zone-name privatelink.azurecr.io --resource-group $RG --ipv4-address "$DATA_IP" -o none
check_eq "A record" "$REGISTRY_IP" "$(paz network private-dns record-set a show -g $RG -z privatelink.azurecr.io -n $ACR --query 'aRecords[0].ipv4Address' -o tsv)"

raz identity create --name cluster-id --resource-group $RG -o none
raz identity create --name kubelet-id --resource-group $RG -o none
CLUSTER_ID=$(raz identity show --name cluster-id --resource-group $RG --query id -o tsv)
KUBELET_ID=$(raz identity show --name kubelet-id --resource-group $RG --query id -o tsv)
KUBELET_PRINCIPAL=$(raz identity show --name kubelet-id --resource-group $RG --query principalId -o tsv)
KUBELET_CLIENT=$(raz identity show --name kubelet-id --resource-group $RG --query clientId -o tsv)
check_eq "identity principal" "$(paz identity show -n kubelet-id -g $RG --query principalId -o tsv)" "$KUBELET_PRINCIPAL"
# az role assignment create crashes in Debian's 2.45: the same PUT through az rest.
raz rest --method put --url "$REGISTRY_ID/providers/Microsoft.Authorization/roleAssignments/$(python3 -c 'import uuid; print(uuid.uuid4())')?api-version=2022-04-01" \
  --body "{\"properties\":{\"roleDefinitionId\":\"$SUB/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d\",\"principalId\":\"$KUBELET_PRINCIPAL\",\"principalType\":\"ServicePrincipal\"}}" -o none
check_match "AcrPull assignment (project az)" "/7f951dda-4ed3-4680-a7ca-43fe172d538d$" "$(paz role assignment list --scope "$REGISTRY_ID" --assignee "$KUBELET_PRINCIPAL" --query '[0].roleDefinitionId' -o tsv)"

# 2.45 has no --bootstrap-artifact-source / --outbound-type none: the cluster PUT through az rest.
AKSID=$RGID/providers/Microsoft.ContainerService/managedClusters/$AKS
raz rest --method put --url "$AKSID?api-version=2025-02-01" --body "{\"location\":\"$LOCATION\",
  \"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"$CLUSTER_ID\":{}}},
  \"properties\":{\"kubernetesVersion\":\"1.30.3\",\"dnsPrefix\":\"$AKS\",
    \"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":1,\"vmSize\":\"Standard_DS2_v2\",\"mode\":\"System\",\"osType\":\"Linux\",\"vnetSubnetID\":\"$SUBNET_ID\"}],
    \"identityProfile\":{\"kubeletidentity\":{\"resourceId\":\"$KUBELET_ID\",\"clientId\":\"$KUBELET_CLIENT\",\"objectId\":\"$KUBELET_PRINCIPAL\"}},
    \"networkProfile\":{\"networkPlugin\":\"azure\",\"outboundType\":\"none\"},
    \"apiServerAccessProfile\":{\"enablePrivateCluster\":true},
    \"bootstrapProfile\":{\"artifactSource\":\"Cache\",\"containerRegistryId\":\"$REGISTRY_ID\"}}}" -o none
raz aks wait --resource-group $RG --name $AKS --created --interval 2 --timeout 300
check_eq "cluster state (real az)" Succeeded "$(raz aks show -g $RG -n $AKS --query provisioningState -o tsv)"
check_eq "cluster id" "$(paz aks show -g $RG -n $AKS --query id -o tsv)" "$(raz aks show -g $RG -n $AKS --query id -o tsv)"
REAL_BOOT=$(raz rest --method get --url "$AKSID?api-version=2025-02-01" --query 'properties.bootstrapProfile' -o json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')
PROJ_BOOT=$(paz aks show -g $RG -n $AKS --query bootstrapProfile -o json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')
check_eq "bootstrapProfile (az rest vs project az)" "$PROJ_BOOT" "$REAL_BOOT"
check_eq "outbound type" none "$(paz aks show -g $RG -n $AKS --query networkProfile.outboundType -o tsv)"
raz aks upgrade --resource-group $RG --name $AKS --node-image-only --yes -o none
check_eq "after node-image upgrade" Succeeded "$(paz aks show -g $RG -n $AKS --query provisioningState -o tsv)"
raz aks get-credentials --resource-group $RG --name $AKS --file "$ISLA_DATA/realaz.kubeconfig" -o none
check_match "kubeconfig" "server:" "$(cat "$ISLA_DATA/realaz.kubeconfig")"

TOKEN=$(raz account get-access-token --query accessToken -o tsv)
check_eq "curl with the real az's token" 200 "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$REQUESTS_CA_BUNDLE" -H "Authorization: Bearer $TOKEN" "$ISLA_ARM_HTTPS_URL$RGID?api-version=2021-04-01")"
check_eq "curl without a token" 401 "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$REQUESTS_CA_BUNDLE" "$ISLA_ARM_HTTPS_URL$RGID?api-version=2021-04-01")"

# Who did it: systemData and createdBy from the verified caller (the built-in principal here).
SP_CLIENT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["clientId"])' "$ISLA_DATA/credentials/isla-sp.json")
SP_OBJECT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["objectId"])' "$ISLA_DATA/credentials/isla-sp.json")
check_eq "registry systemData.createdBy" "$SP_CLIENT" "$(raz acr show -n $ACR -g $RG --query systemData.createdBy -o tsv)"
check_eq "registry systemData.createdByType" Application "$(raz acr show -n $ACR -g $RG --query systemData.createdByType -o tsv)"
check_eq "AcrPull assignment createdBy" "$SP_OBJECT" "$(raz rest --method get --url "$REGISTRY_ID/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&\$filter=atScope()" --query "value[?properties.principalId=='$KUBELET_PRINCIPAL'].properties.createdBy | [0]" -o tsv)"

# az acr login through Isla's proxy (HTTPS_PROXY from isla env --real-az): a public registry
# with a cache rule; its token pulls a manifest (curl and skopeo); wrong or missing tokens are
# refused; the private registry refuses the host, which comes the internet's way.
PUBACR=realazpub$RANDOM; LOGIN=$PUBACR.azurecr.io; EMPTY=00000000-0000-0000-0000-000000000000
PULL_SCOPE="service=$LOGIN&scope=repository:oss/kubernetes/pause:pull"
ACCEPT='Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'
raz acr create --resource-group $RG --name $PUBACR --sku Premium -o none
PUBACR_ID=$(raz acr show -n $PUBACR -g $RG --query id -o tsv)
raz rest --method put --url "$PUBACR_ID/cacheRules/mcr-cache?api-version=2023-07-01" \
  --body '{"properties":{"sourceRepository":"mcr.microsoft.com/*","targetRepository":"*"}}' -o none
ACR_TOKEN=$(raz acr login --name $PUBACR --expose-token --query accessToken -o tsv)
access_token() {  # REFRESH_TOKEN SCOPE-QUERY → an ACR access token, or nothing
  curl -s --cacert "$REQUESTS_CA_BUNDLE" -u "$EMPTY:$1" "https://$LOGIN/oauth2/token?$2" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin).get("access_token",""))'
}
manifest_status() {  # ACCESS_TOKEN → HTTP status of the pause manifest
  curl -s -o /dev/null -w '%{http_code}' --cacert "$REQUESTS_CA_BUNDLE" -H "$ACCEPT" \
    -H "Authorization: Bearer $1" "https://$LOGIN/v2/oss/kubernetes/pause/manifests/3.6"
}
check_eq "manifest with az acr login's token (curl through the proxy)" 200 "$(manifest_status "$(access_token "$ACR_TOKEN" "$PULL_SCOPE")")"
check_match "manifest with az acr login's token (skopeo)" '"schemaVersion": ?2' \
  "$(skopeo inspect --raw --creds "$EMPTY:$ACR_TOKEN" --cert-dir "$ISLA_DATA/ca/cert-dir" docker://$LOGIN/oss/kubernetes/pause:3.6)"
check_eq "a wrong refresh token" 401 "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$REQUESTS_CA_BUNDLE" -u "$EMPTY:wrong" "https://$LOGIN/oauth2/token?$PULL_SCOPE")"
check_eq "a wrong access token" 401 "$(manifest_status wrong)"
check_match "skopeo with a wrong token" "unauthorized" "$(skopeo inspect --raw --creds "$EMPTY:wrong" --cert-dir "$ISLA_DATA/ca/cert-dir" docker://$LOGIN/oss/kubernetes/pause:3.6 2>&1 || true)"
check_match "private registry from the host" "don't have access to registry '$ACR.azurecr.io'" "$("$REAL_AZ" acr login --name $ACR --expose-token 2>&1 || true)"
check_eq "the proxy refuses other names" 403 "$(curl -s -o /dev/null -w '%{http_connect}' --proxy "$HTTPS_PROXY" https://example.com/ || true)"

# az login --identity through the host's managed-identity endpoint (MSI_ENDPOINT): the kubelet
# identity (AcrPull on the public registry, Reader on the group) reads and pulls, but cannot push
# nor change the registry (ARM authorizes it by its roles: 403 AuthorizationFailed).
raz rest --method put --url "$PUBACR_ID/providers/Microsoft.Authorization/roleAssignments/$(python3 -c 'import uuid; print(uuid.uuid4())')?api-version=2022-04-01" \
  --body "{\"properties\":{\"roleDefinitionId\":\"$SUB/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d\",\"principalId\":\"$KUBELET_PRINCIPAL\",\"principalType\":\"ServicePrincipal\"}}" -o none
raz rest --method put --url "$RGID/providers/Microsoft.Authorization/roleAssignments/$(python3 -c 'import uuid; print(uuid.uuid4())')?api-version=2022-04-01" \
  --body "{\"properties\":{\"roleDefinitionId\":\"$SUB/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7\",\"principalId\":\"$KUBELET_PRINCIPAL\",\"principalType\":\"ServicePrincipal\"}}" -o none
eval "$("$HERE/../bin/isla" env --real-az --identity "$KUBELET_CLIENT" --data "$ISLA_DATA")"
check_eq "az login --identity -u (kubelet)" userAssignedIdentity "$(raz account show --query user.name -o tsv)"
MI_TOKEN=$(raz account get-access-token --query accessToken -o tsv)
check_eq "managed identity token's oid" "$KUBELET_PRINCIPAL" "$(python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p+"="*(-len(p)%4)))["oid"])' "$MI_TOKEN")"
check_eq "HTTPS ARM accepts the identity's token" 200 "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$REQUESTS_CA_BUNDLE" -H "Authorization: Bearer $MI_TOKEN" "$ISLA_ARM_HTTPS_URL$RGID?api-version=2021-04-01")"
MI_ACR_TOKEN=$(raz acr login --name $PUBACR --expose-token --query accessToken -o tsv)
check_eq "AcrPull identity pulls" 200 "$(manifest_status "$(access_token "$MI_ACR_TOKEN" "$PULL_SCOPE")")"
PUSH_ACCESS=$(access_token "$MI_ACR_TOKEN" "service=$LOGIN&scope=repository:oss/kubernetes/pause:pull,push")
check_eq "AcrPull identity cannot push" 401 "$(curl -s -o /dev/null -w '%{http_code}' -X POST --cacert "$REQUESTS_CA_BUNDLE" -H "Authorization: Bearer $PUSH_ACCESS" "https://$LOGIN/v2/oss/kubernetes/pause/blobs/uploads/")"
check_match "a Reader cannot change the registry" "AuthorizationFailed" "$(raz acr update --name $PUBACR --anonymous-pull-enabled true -o none 2>&1 || true)"
check_eq "createdBy kept" "$SP_CLIENT" "$(raz acr show -n $PUBACR --query systemData.createdBy -o tsv)"
check_eq "lastModifiedBy unchanged by the refused write" "$SP_CLIENT" "$(raz acr show -n $PUBACR --query systemData.lastModifiedBy -o tsv)"
eval "$("$HERE/../bin/isla" env --real-az --identity --data "$ISLA_DATA")"
check_eq "az login --identity (the host's system identity)" systemAssignedIdentity "$(raz account show --query user.name -o tsv)"
check_match "unknown identity" "Failed to connect to MSI" "$("$REAL_AZ" login --identity -u 00000000-0000-0000-0000-00000000beef 2>&1 || true)"

raz aks delete --resource-group $RG --name $AKS --yes
raz group delete --name $RG --yes
check_eq "group gone (project az)" false "$(paz group exists -n $RG)"
echo "real az 2.45 scenario passed"
