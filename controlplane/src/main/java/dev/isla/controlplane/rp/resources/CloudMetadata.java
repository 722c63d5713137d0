package dev.isla.controlplane.rp.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.util.Map;

/**
 * {@code GET /metadata/endpoints}: the cloud description clients such as Terraform and
 * {@code az cloud register --endpoint-resource-manager} read. Since api-version 2022-09-01 ARM
 * answers a list of clouds; before, one object.
 */
final class CloudMetadata {

  private static final Map<String, String> DISPLAY = Map.ofEntries(
      Map.entry("eastus", "East US"), Map.entry("eastus2", "East US 2"),
      Map.entry("westus", "West US"), Map.entry("westus2", "West US 2"),
      Map.entry("westus3", "West US 3"), Map.entry("centralus", "Central US"),
      Map.entry("northeurope", "North Europe"), Map.entry("westeurope", "West Europe"),
      Map.entry("uksouth", "UK South"), Map.entry("swedencentral", "Sweden Central"),
      Map.entry("southeastasia", "Southeast Asia"), Map.entry("japaneast", "Japan East"),
      Map.entry("australiaeast", "Australia East"), Map.entry("canadacentral", "Canada Central"),
      Map.entry("brazilsouth", "Brazil South"), Map.entry("francecentral", "France Central"),
      Map.entry("germanywestcentral", "Germany West Central"),
      Map.entry("spaincentral", "Spain Central"));

  private CloudMetadata() {}

  static String displayName(String location) {
    return DISPLAY.getOrDefault(location, location);
  }

  static JsonNode endpoints(String baseUrl, String apiVersion) {
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    ObjectNode cloud = Json.object();
    cloud.put("portal", base);
    cloud.put("authentication", "");
    ObjectNode auth = Json.object();
    auth.put("loginEndpoint", base + "adfs");
    auth.putArray("audiences").add(base).add("https://management.core.windows.net/")
        .add("https://management.azure.com/");
    auth.put("tenant", "adfs");
    auth.put("identityProvider", "ADFS");
    cloud.set("authentication", auth);
    cloud.put("media", base);
    cloud.put("graphAudience", base);
    cloud.put("graph", base);
    cloud.put("name", "Isla");
    ObjectNode suffixes = cloud.putObject("suffixes");
    suffixes.put("azureDataLakeStoreFileSystem", "azuredatalakestore.net");
    suffixes.put("acrLoginServer", "azurecr.io");
    suffixes.put("sqlServerHostname", "database.windows.net");
    suffixes.put("azureDataLakeAnalyticsCatalogAndJob", "azuredatalakeanalytics.net");
    suffixes.put("keyVaultDns", "vault.azure.net");
    suffixes.put("storage", "core.windows.net");
    suffixes.put("azureFrontDoorEndpointSuffix", "azurefd.net");
    cloud.put("batch", base);
    cloud.put("resourceManager", base);
    cloud.put("vmImageAliasDoc", base);
    cloud.put("activeDirectoryDataLake", base);
    cloud.put("sqlManagement", base);
    cloud.put("microsoftGraphResourceId", base);
    cloud.put("appInsightsResourceId", base);
    cloud.put("appInsightsTelemetryChannelResourceId", base);
    cloud.put("attestationResourceId", base);
    cloud.put("synapseAnalyticsResourceId", base);
    cloud.put("logAnalyticsResourceId", base);
    cloud.put("ossrDbmsResourceId", base);
    if (apiVersion.compareTo("2022-09-01") >= 0) {
      return Json.array().add(cloud);
    }
    return cloud;
  }
}
